package dev.scheduling.domain.appointment;

import java.util.Objects;

/** Identity of an appointment. */
public record AppointmentId(String value) {
    public AppointmentId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an appointment id cannot be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
