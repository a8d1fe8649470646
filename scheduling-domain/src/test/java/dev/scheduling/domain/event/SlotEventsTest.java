package dev.scheduling.domain.event;

import static dev.scheduling.domain.testing.DomainFixtures.SAO_PAULO;
import static dev.scheduling.domain.testing.DomainFixtures.date;
import static dev.scheduling.domain.testing.DomainFixtures.instant;
import static dev.scheduling.domain.testing.DomainFixtures.slot;
import static dev.scheduling.domain.testing.DomainFixtures.time;
import static dev.scheduling.domain.testing.DomainFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.SlotCapacity;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Slot events: slot.locked and slot.released")
class SlotEventsTest {
    private final SlotLock lock = SlotLock.place(token("evt"), new UnitId("u1"), new ServiceId("s1"),
            slot("2026-12-07", "09:00", 30, SAO_PAULO), 2, instant("2026-12-07T11:00:00Z"), Duration.ofMinutes(5));
    private final SlotCapacity after = new SlotCapacity(4, 3);

    @Test
    @DisplayName("SlotLocked.of copies the lock's fields and the capacity right after")
    void slotLockedOf() {
        SlotLocked event = SlotLocked.of(lock, after);

        assertThat(event.reservationToken()).isEqualTo(lock.token());
        assertThat(event.unitId()).isEqualTo(new UnitId("u1"));
        assertThat(event.serviceId()).isEqualTo(new ServiceId("s1"));
        assertThat(event.date()).isEqualTo(date("2026-12-07"));
        assertThat(event.startTime()).isEqualTo(time("09:00"));
        assertThat(event.endTime()).isEqualTo(time("09:30"));
        assertThat(event.quantity()).isEqualTo(2);
        assertThat(event.capacityTotal()).isEqualTo(4);
        assertThat(event.capacityUsed()).isEqualTo(3);
        assertThat(event.expiresAt()).isEqualTo(instant("2026-12-07T11:05:00Z"));
    }

    @Test
    @DisplayName("SlotReleased.of copies the same fields plus the reason")
    void slotReleasedOf() {
        SlotCapacity freed = new SlotCapacity(4, 1);
        SlotReleased event = SlotReleased.of(lock, freed, SlotReleased.Reason.EXPIRED);

        assertThat(event.reservationToken()).isEqualTo(lock.token());
        assertThat(event.unitId()).isEqualTo(lock.unitId());
        assertThat(event.serviceId()).isEqualTo(lock.serviceId());
        assertThat(event.date()).isEqualTo(lock.slot().date());
        assertThat(event.startTime()).isEqualTo(lock.slot().startTime());
        assertThat(event.endTime()).isEqualTo(lock.slot().endTime());
        assertThat(event.quantity()).isEqualTo(2);
        assertThat(event.capacityTotal()).isEqualTo(4);
        assertThat(event.capacityUsed()).isEqualTo(1);
        assertThat(event.expiresAt()).isEqualTo(lock.expiresAt());
        assertThat(event.reason()).isEqualTo(SlotReleased.Reason.EXPIRED);
    }

    @Test
    @DisplayName("a released event carries the same payload as the locked one, plus its reason")
    void samePayloadAsLocked() {
        SlotLocked locked = SlotLocked.of(lock, after);
        SlotReleased released = SlotReleased.of(lock, after, SlotReleased.Reason.RELEASED);

        assertThat(released).usingRecursiveComparison().ignoringFields("reason").isEqualTo(locked);
    }

    @Test
    @DisplayName("a released event needs a reason")
    void reasonRequired() {
        assertThatNullPointerException().isThrownBy(() -> SlotReleased.of(lock, after, null));
    }

    @Test
    @DisplayName("type() is the contract's routing key: slot.locked and slot.released")
    void types() {
        assertThat(SlotLocked.of(lock, after).type()).isEqualTo("slot.locked").isEqualTo(SlotLocked.TYPE);
        assertThat(SlotReleased.of(lock, after, SlotReleased.Reason.CONVERTED).type())
                .isEqualTo("slot.released").isEqualTo(SlotReleased.TYPE);
    }

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource({"RELEASED, released", "EXPIRED, expired", "CONVERTED, converted"})
    @DisplayName("each reason has the wire name of the event contract")
    void reasonWireNames(SlotReleased.Reason reason, String wireName) {
        assertThat(reason.wireName()).isEqualTo(wireName);
    }

    @Test
    @DisplayName("the contract knows exactly three reasons")
    void exactlyThreeReasons() {
        assertThat(Arrays.stream(SlotReleased.Reason.values()).map(SlotReleased.Reason::wireName))
                .containsExactlyInAnyOrder("released", "expired", "converted");
    }

    @Test
    @DisplayName("an envelope carries id, instant, version 1 and its event's type")
    void envelope() {
        UUID id = UUID.fromString("6f1c2a3b-0000-4000-8000-000000000001");
        SlotLocked event = SlotLocked.of(lock, after);

        EventEnvelope envelope = new EventEnvelope(id, instant("2026-12-07T11:00:00Z"), event);

        assertThat(envelope.eventId()).isEqualTo(id);
        assertThat(envelope.occurredAt()).isEqualTo(instant("2026-12-07T11:00:00Z"));
        assertThat(envelope.version()).isEqualTo(1).isEqualTo(EventEnvelope.VERSION);
        assertThat(envelope.type()).isEqualTo("slot.locked");
        assertThat(envelope.event()).isSameAs(event);
        assertThat(new EventEnvelope(id, envelope.occurredAt(),
                SlotReleased.of(lock, after, SlotReleased.Reason.RELEASED)).type()).isEqualTo("slot.released");
    }

    @Test
    @DisplayName("an envelope refuses missing parts")
    void envelopeRequiresItsParts() {
        SlotLocked event = SlotLocked.of(lock, after);
        Instant when = instant("2026-12-07T11:00:00Z");

        assertThatNullPointerException().isThrownBy(() -> new EventEnvelope(null, when, event));
        assertThatNullPointerException().isThrownBy(() -> new EventEnvelope(UUID.randomUUID(), null, event));
        assertThatNullPointerException().isThrownBy(() -> new EventEnvelope(UUID.randomUUID(), when, null));
    }
}
