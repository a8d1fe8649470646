package dev.scheduling.domain.catalog;

import java.util.Objects;

/** Identity of a bookable service. */
public record ServiceId(String value) {
    public ServiceId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a service id cannot be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
