package dev.scheduling.events.json;

/** A document that is not an event of the contract; a consumer dead-letters it rather than retrying. */
public final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
