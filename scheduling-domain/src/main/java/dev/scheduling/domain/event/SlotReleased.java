package dev.scheduling.domain.event;

import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.SlotCapacity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/** A hold ended; {@code reason} says how, {@code capacityUsed} is the slot's usage right after. */
public record SlotReleased(ReservationToken reservationToken, UnitId unitId, ServiceId serviceId, LocalDate date,
                           LocalTime startTime, LocalTime endTime, int quantity, int capacityTotal,
                           int capacityUsed, Instant expiresAt, Reason reason) implements DomainEvent {

    public static final String TYPE = "slot.released";

    /** How a hold ended. */
    public enum Reason {
        /** The client let it go. */
        RELEASED("released"),
        /** Its time ran out. */
        EXPIRED("expired"),
        /** It became an appointment; the capacity stays taken. */
        CONVERTED("converted");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        /** The value of the {@code reason} field in the event contract. */
        public String wireName() {
            return wireName;
        }
    }

    public SlotReleased {
        Objects.requireNonNull(reason, "reason");
    }

    public static SlotReleased of(SlotLock lock, SlotCapacity after, Reason reason) {
        return new SlotReleased(lock.token(), lock.unitId(), lock.serviceId(), lock.slot().date(),
                lock.slot().startTime(), lock.slot().endTime(), lock.quantity(), after.total(), after.used(),
                lock.expiresAt(), reason);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
