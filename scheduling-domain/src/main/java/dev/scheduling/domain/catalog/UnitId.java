package dev.scheduling.domain.catalog;

import java.util.Objects;

/** Identity of a unit (a branch, clinic or salon). */
public record UnitId(String value) {
    public UnitId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a unit id cannot be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
