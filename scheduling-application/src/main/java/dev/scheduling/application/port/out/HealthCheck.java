package dev.scheduling.application.port.out;

/** A dependency that readiness depends on: the database or the broker in use. */
public interface HealthCheck {

    /** A short name for operators: {@code database}, {@code broker}. */
    String component();

    /** Whether the dependency answers now; must return within a second or two. */
    boolean isHealthy();

    /** {@link #isHealthy()}, with a check that fails by throwing counted as a dependency that does not answer. */
    default boolean answers() {
        try {
            return isHealthy();
        } catch (RuntimeException failure) {
            return false;
        }
    }
}
