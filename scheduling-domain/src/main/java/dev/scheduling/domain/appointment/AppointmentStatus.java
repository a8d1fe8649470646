package dev.scheduling.domain.appointment;

/** An appointment holds its capacity while {@code CONFIRMED}; a {@code CANCELLED} one holds nothing. */
public enum AppointmentStatus {
    CONFIRMED,
    CANCELLED
}
