package dev.scheduling.application.port.out;

/** A dependency that readiness depends on: the database or the broker in use. */
public interface HealthCheck {

    /** A short name for operators: {@code database}, {@code broker}. */
    String component();

    /** Whether the dependency answers now; must return within a second or two. */
    boolean isHealthy();
}
