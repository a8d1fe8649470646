package dev.scheduling.adapter.persistence;

/** The database could not be reached or migrated at start; the message says where and why, without secrets. */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
