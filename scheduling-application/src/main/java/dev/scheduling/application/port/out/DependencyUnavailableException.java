package dev.scheduling.application.port.out;

/**
 * A driven adapter could not reach what it stands for (the database, the broker). Nothing was changed;
 * the caller may retry later. Clients see 503 {@code dependency_unavailable}.
 */
public final class DependencyUnavailableException extends RuntimeException {
    private final String component;

    public DependencyUnavailableException(String component, Throwable cause) {
        super(component + " is unavailable", cause);
        this.component = component;
    }

    /** Which dependency: {@code database}, {@code broker}. */
    public String component() {
        return component;
    }
}
