package dev.scheduling.adapter.rabbitmq;

import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.domain.lock.ReservationToken;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** Events of the contract with fresh ids, so that a test recognises its own messages on a shared exchange. */
final class TestEvents {
    /** Has milliseconds on purpose: the AMQP timestamp keeps whole seconds only. */
    static final Instant OCCURRED_AT = Instant.parse("2026-12-07T11:00:00.789Z");

    private TestEvents() {
    }

    static EventEnvelope slotLocked() {
        return slotLocked(OCCURRED_AT);
    }

    static EventEnvelope slotLocked(Instant occurredAt) {
        return new EventEnvelope(UUID.randomUUID(), occurredAt, new SlotLocked(token(), new UnitId("unit-1"),
                new ServiceId("service-1"), LocalDate.parse("2026-12-07"), LocalTime.parse("09:00"),
                LocalTime.parse("09:30"), 1, 4, 3, occurredAt.plusSeconds(300)));
    }

    static EventEnvelope slotReleased(SlotReleased.Reason reason) {
        return new EventEnvelope(UUID.randomUUID(), OCCURRED_AT.plusSeconds(60), new SlotReleased(token(),
                new UnitId("unit-1"), new ServiceId("service-1"), LocalDate.parse("2026-12-07"),
                LocalTime.parse("09:00"), LocalTime.parse("09:30"), 1, 4, 2, OCCURRED_AT.plusSeconds(300), reason));
    }

    private static ReservationToken token() {
        return new ReservationToken(UUID.randomUUID().toString().replace("-", ""));
    }
}
