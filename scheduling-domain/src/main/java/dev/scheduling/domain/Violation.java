package dev.scheduling.domain;

import java.util.Objects;

/** One offending input field and what is wrong with it, in the words a client can act on. */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
