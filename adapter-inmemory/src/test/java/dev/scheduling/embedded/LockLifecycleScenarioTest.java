package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.TODAY;
import static dev.scheduling.embedded.EmbeddedCore.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.port.in.GetAvailabilityUseCase.SlotAvailability;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.event.DomainEvent;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.slot.SlotCapacity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One story over the real use cases and the in-memory adapters: an operator opens a unit and a service,
 * two clients look at availability and lock the last places, one lets go, the other walks away and its
 * hold runs out; the events that other services would see are checked on the way.
 */
class LockLifecycleScenarioTest {
    private final EmbeddedCore core = EmbeddedCore.start();

    @Test
    void aUnitAServiceTwoLocksAReleaseAndAnExpiry() {
        // An operator opens a unit and offers a 30-minute consultation for two clients at a time.
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService consultation = core.service(unit).lasting(30).capacity(2).create();

        // Ana sees six free slots this morning and takes 09:00.
        assertThat(core.availability(unit, consultation, TODAY)).hasSize(6)
                .allMatch(slot -> slot.capacity().isAvailable());
        LockView ana = core.lockToday(unit, consultation, "09:00");
        assertThat(ana.capacity()).isEqualTo(new SlotCapacity(2, 1));

        // Bruno takes the last place at 09:00; Carla finds it full.
        LockView bruno = core.lockToday(unit, consultation, "09:00");
        assertThat(slot(unit, consultation, "09:00").capacity().isAvailable()).isFalse();
        assertThat(refusalOf(() -> core.lockToday(unit, consultation, "09:00"))).isEqualTo(Refusal.SLOT_FULL);

        // Ana changes her mind a minute later: a place is free again.
        core.clock.advance(Duration.ofMinutes(1));
        assertThat(core.release(ana).status()).isEqualTo(LockStatus.RELEASED);
        assertThat(slot(unit, consultation, "09:00").capacity()).isEqualTo(new SlotCapacity(2, 1));

        // Bruno walks away: his hold runs out, the slot is free at once, and the sweeper closes the books.
        core.clock.advance(Duration.ofMinutes(4));
        assertThat(core.lookUp(bruno).status()).isEqualTo(LockStatus.EXPIRED);
        assertThat(slot(unit, consultation, "09:00").capacity()).isEqualTo(new SlotCapacity(2, 0));
        assertThat(core.scheduling.expireDueLocks().expireDueLocks()).isEqualTo(1);
        assertThat(core.release(bruno).status()).as("too late to release").isEqualTo(LockStatus.EXPIRED);

        // Carla now gets her place.
        LockView carla = core.lockToday(unit, consultation, "09:00");
        assertThat(carla.capacity()).isEqualTo(new SlotCapacity(2, 1));

        // What other services saw, in order.
        List<DomainEvent> seen = core.events.stream().map(EventEnvelope::event).toList();
        assertThat(seen).hasSize(5);
        assertThat(seen.get(0)).isInstanceOfSatisfying(SlotLocked.class, event -> {
            assertThat(event.reservationToken()).isEqualTo(ana.lock().token());
            assertThat(event.capacityUsed()).isEqualTo(1);
        });
        assertThat(seen.get(1)).isInstanceOfSatisfying(SlotLocked.class, event -> {
            assertThat(event.reservationToken()).isEqualTo(bruno.lock().token());
            assertThat(event.capacityUsed()).isEqualTo(2);
        });
        assertThat(seen.get(2)).isInstanceOfSatisfying(SlotReleased.class, event -> {
            assertThat(event.reservationToken()).isEqualTo(ana.lock().token());
            assertThat(event.reason()).isEqualTo(SlotReleased.Reason.RELEASED);
            assertThat(event.capacityUsed()).isEqualTo(1);
        });
        assertThat(seen.get(3)).isInstanceOfSatisfying(SlotReleased.class, event -> {
            assertThat(event.reservationToken()).isEqualTo(bruno.lock().token());
            assertThat(event.reason()).isEqualTo(SlotReleased.Reason.EXPIRED);
            assertThat(event.capacityUsed()).isZero();
        });
        assertThat(seen.get(4)).isInstanceOfSatisfying(SlotLocked.class, event ->
                assertThat(event.reservationToken()).isEqualTo(carla.lock().token()));
        assertThat(core.events).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
        assertThat(core.counter("locks.attempts")).isEqualTo(4);
        assertThat(core.counter("locks.success")).isEqualTo(3);
        assertThat(core.counter("locks.conflicts")).isEqualTo(1);
        assertThat(core.counter("locks.expired")).isEqualTo(1);
    }

    private SlotAvailability slot(Unit unit, BookableService service, String startTime) {
        return core.slotToday(unit, service, startTime).orElseThrow();
    }
}
