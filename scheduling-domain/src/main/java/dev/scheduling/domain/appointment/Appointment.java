package dev.scheduling.domain.appointment;

import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.Violations;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.Slot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's booking of a slot, made from a lock whose capacity it takes over. It can be moved to
 * another slot of the same service (from a new lock) and cancelled, which frees its capacity.
 *
 * @param reservationToken the lock it was made from (the latest one, after a reschedule)
 */
public record Appointment(AppointmentId id, ClientId clientId, UnitId unitId, ServiceId serviceId, Slot slot,
                          int quantity, ReservationToken reservationToken, Optional<String> notes,
                          AppointmentStatus status, Instant createdAt) {

    public static final int MAX_NOTES_LENGTH = 500;

    public Appointment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(reservationToken, "reservationToken");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (quantity < 1) {
            throw new IllegalArgumentException("an appointment is for at least one client");
        }
        new Violations()
                .check(notes.map(text -> text.length() <= MAX_NOTES_LENGTH).orElse(true), "notes",
                        "must be at most " + MAX_NOTES_LENGTH + " characters")
                .throwIfAny();
    }

    /** The appointment made from a lock that has just been converted. */
    public static Appointment book(AppointmentId id, ClientId clientId, SlotLock converted, Optional<String> notes,
                                   Instant now) {
        return new Appointment(id, clientId, converted.unitId(), converted.serviceId(), converted.slot(),
                converted.quantity(), converted.token(), notes, AppointmentStatus.CONFIRMED, now);
    }

    public boolean isConfirmed() {
        return status == AppointmentStatus.CONFIRMED;
    }

    /** Cancelled; cancelling again changes nothing. */
    public Appointment cancel() {
        return withStatus(AppointmentStatus.CANCELLED);
    }

    /**
     * Moved to the slot of a newly converted lock of the same service. A cancelled appointment cannot
     * move ({@code appointment_cancelled}); a lock of another unit or service cannot carry it.
     */
    public Appointment rescheduleTo(SlotLock converted) {
        if (!isConfirmed()) {
            throw new RefusedException(Refusal.APPOINTMENT_CANCELLED, "a cancelled appointment cannot be moved");
        }
        requireSameService(converted);
        return new Appointment(id, clientId, unitId, serviceId, converted.slot(), converted.quantity(),
                converted.token(), notes, status, createdAt);
    }

    /** Refused with {@code lock_of_another_service} unless the lock is of this appointment's unit and service. */
    public void requireSameService(SlotLock lock) {
        if (!lock.unitId().equals(unitId) || !lock.serviceId().equals(serviceId)) {
            throw new RefusedException(Refusal.LOCK_OF_ANOTHER_SERVICE,
                    "an appointment moves only to a slot of its own unit and service");
        }
    }

    private Appointment withStatus(AppointmentStatus newStatus) {
        return new Appointment(id, clientId, unitId, serviceId, slot, quantity, reservationToken, notes, newStatus,
                createdAt);
    }
}
