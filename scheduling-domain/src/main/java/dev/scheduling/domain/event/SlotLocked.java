package dev.scheduling.domain.event;

import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.SlotCapacity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/** A client took a hold on a slot; {@code capacityUsed} is the slot's usage right after. */
public record SlotLocked(ReservationToken reservationToken, UnitId unitId, ServiceId serviceId, LocalDate date,
                         LocalTime startTime, LocalTime endTime, int quantity, int capacityTotal, int capacityUsed,
                         Instant expiresAt) implements DomainEvent {

    public static final String TYPE = "slot.locked";

    public static SlotLocked of(SlotLock lock, SlotCapacity after) {
        return new SlotLocked(lock.token(), lock.unitId(), lock.serviceId(), lock.slot().date(),
                lock.slot().startTime(), lock.slot().endTime(), lock.quantity(), after.total(), after.used(),
                lock.expiresAt());
    }

    @Override
    public String type() {
        return TYPE;
    }
}
