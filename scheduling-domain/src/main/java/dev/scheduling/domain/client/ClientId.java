package dev.scheduling.domain.client;

import java.util.Objects;

/** Identity of a client: the same phone number or e-mail address always maps to the same one. */
public record ClientId(String value) {
    public ClientId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a client id cannot be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
