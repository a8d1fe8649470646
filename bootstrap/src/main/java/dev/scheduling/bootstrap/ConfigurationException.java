package dev.scheduling.bootstrap;

/** A configuration variable with a value the service cannot run with. */
public final class ConfigurationException extends RuntimeException {
    private final String variable;

    public ConfigurationException(String variable, String reason) {
        super(variable + ": " + reason);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
