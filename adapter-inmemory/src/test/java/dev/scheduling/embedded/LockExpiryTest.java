package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.port.in.GetAvailabilityUseCase.SlotAvailability;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.SlotCapacity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Locks run out after their lifetime: availability stops counting them at once, the sweeper ends them once. */
class LockExpiryTest {
    private static final Duration TTL = Duration.ofMinutes(5);

    private final EmbeddedCore core = EmbeddedCore.start();
    private final Unit unit = core.unitOpen("09:00-12:00");
    private final BookableService service = core.service(unit).lasting(30).capacity(1).create();

    @Test
    void aLockCountsUntilTheInstantItExpires() {
        LockView lock = core.lockToday(unit, service, "09:00");

        core.clock.advance(TTL.minusSeconds(1));

        assertThat(usedNow("09:00")).isEqualTo(1);
        assertThat(core.lookUp(lock).status()).isEqualTo(LockStatus.LOCKED);
        assertThat(core.scheduling.expireDueLocks().expireDueLocks()).isZero();
        assertThat(core.events(SlotReleased.class)).isEmpty();
    }

    @Test
    void anExpiredLockNoLongerCountsInAvailabilityEvenBeforeItIsSwept() {
        LockView lock = core.lockToday(unit, service, "09:00");

        core.clock.advance(TTL);

        SlotAvailability slot = core.slotToday(unit, service, "09:00").orElseThrow();
        assertThat(slot.capacity()).isEqualTo(new SlotCapacity(1, 0));
        assertThat(slot.capacity().isAvailable()).isTrue();
        assertThat(core.lookUp(lock).status()).as("as a client sees it").isEqualTo(LockStatus.EXPIRED);
        assertThat(core.lookUp(lock).capacity()).isEqualTo(new SlotCapacity(1, 0));
        assertThat(storedStatus(lock)).as("not swept yet").isEqualTo(LockStatus.LOCKED);
        assertThat(takenInTheStore(lock)).as("held on paper only").isEqualTo(1);
    }

    @Test
    void theSweeperExpiresADueLockOnceAnnouncesItAndFreesItsCapacity() {
        LockView lock = core.lockToday(unit, service, "09:00");
        core.clock.advance(TTL.plusSeconds(30));

        int expired = core.scheduling.expireDueLocks().expireDueLocks();

        assertThat(expired).isEqualTo(1);
        assertThat(storedStatus(lock)).isEqualTo(LockStatus.EXPIRED);
        assertThat(takenInTheStore(lock)).isZero();
        assertThat(core.counter("locks.expired")).isEqualTo(1);
        assertThat(core.eventTypes()).containsExactly("slot.locked", "slot.released");
        EventEnvelope envelope = core.events.get(1);
        assertThat(envelope.occurredAt()).isEqualTo(Instant.parse("2026-12-07T10:05:30Z"));
        assertThat(envelope.event()).isEqualTo(new SlotReleased(lock.lock().token(), unit.id(), service.id(), TODAY,
                lock.lock().slot().startTime(), lock.lock().slot().endTime(), 1, 1, 0, lock.lock().expiresAt(),
                SlotReleased.Reason.EXPIRED));
        assertThat(SlotReleased.Reason.EXPIRED.wireName()).isEqualTo("expired");

        assertThat(core.scheduling.expireDueLocks().expireDueLocks()).as("a second sweep finds nothing").isZero();
        assertThat(core.events(SlotReleased.class)).hasSize(1);
        assertThat(core.counter("locks.expired")).isEqualTo(1);
        assertThat(core.lockToday(unit, service, "09:00").status()).isEqualTo(LockStatus.LOCKED);
    }

    @Test
    void theSweeperLeavesLocksThatAreNotDueYet() {
        LockView early = core.lockToday(unit, service, "09:00");
        core.clock.advance(Duration.ofMinutes(3));
        LockView later = core.lockToday(unit, service, "10:00");
        core.clock.advance(Duration.ofMinutes(2));

        assertThat(core.scheduling.expireDueLocks().expireDueLocks()).isEqualTo(1);

        assertThat(storedStatus(early)).isEqualTo(LockStatus.EXPIRED);
        assertThat(storedStatus(later)).isEqualTo(LockStatus.LOCKED);
        assertThat(usedNow("10:00")).isEqualTo(1);
    }

    @Test
    void releasingAnExpiredLockAnswersExpiredAndChangesNothing() {
        LockView lock = core.lockToday(unit, service, "09:00");
        core.clock.advance(TTL);
        core.scheduling.expireDueLocks().expireDueLocks();

        LockView released = core.release(lock);
        LockView again = core.release(lock);

        assertThat(released.status()).isEqualTo(LockStatus.EXPIRED);
        assertThat(again.status()).isEqualTo(LockStatus.EXPIRED);
        assertThat(core.events(SlotReleased.class)).hasSize(1);
        assertThat(core.counter("locks.expired")).isEqualTo(1);
    }

    @Test
    void releasingADueLockBeforeTheSweeperEndsItAsExpiredOnce() {
        LockView lock = core.lockToday(unit, service, "09:00");
        core.clock.advance(TTL);

        LockView released = core.release(lock);

        assertThat(released.status()).isEqualTo(LockStatus.EXPIRED);
        assertThat(released.capacity()).isEqualTo(new SlotCapacity(1, 0));
        assertThat(storedStatus(lock)).isEqualTo(LockStatus.EXPIRED);
        assertThat(core.events(SlotReleased.class)).extracting(SlotReleased::reason)
                .containsExactly(SlotReleased.Reason.EXPIRED);
        assertThat(core.counter("locks.expired")).isEqualTo(1);
        assertThat(core.scheduling.expireDueLocks().expireDueLocks()).isZero();
        assertThat(core.events(SlotReleased.class)).hasSize(1);
    }

    @Test
    void aNewLockOnASlotHeldOnlyByExpiredLocksFreesThemFirst() {
        LockView old = core.lockToday(unit, service, "09:00");
        core.clock.advance(TTL);

        LockView fresh = core.lockToday(unit, service, "09:00");

        assertThat(fresh.status()).isEqualTo(LockStatus.LOCKED);
        assertThat(fresh.capacity()).isEqualTo(new SlotCapacity(1, 1));
        assertThat(storedStatus(old)).isEqualTo(LockStatus.EXPIRED);
        assertThat(core.eventTypes()).containsExactly("slot.locked", "slot.released", "slot.locked");
        assertThat(core.events(SlotReleased.class)).extracting(SlotReleased::reason)
                .containsExactly(SlotReleased.Reason.EXPIRED);
        assertThat(core.counter("locks.expired")).isEqualTo(1);
        assertThat(core.scheduling.expireDueLocks().expireDueLocks()).isZero();
    }

    @Test
    void concurrentSweepersExpireEachLockExactlyOnce() {
        BookableService roomy = core.service(unit).lasting(30).capacity(5).create();
        List<LockView> locks = new ArrayList<>();
        for (String start : List.of("09:00", "09:30", "10:00", "10:30", "11:00", "11:30")) {
            for (int i = 0; i < 5; i++) {
                locks.add(core.lockToday(unit, roomy, start));
            }
        }
        core.clock.advance(TTL);

        List<Race.Outcome<Integer>> sweeps = Race.run(8, i -> core.scheduling.expireDueLocks().expireDueLocks());

        assertThat(sweeps).allMatch(Race.Outcome::succeeded);
        assertThat(sweeps.stream().mapToInt(Race.Outcome::value).sum()).isEqualTo(30);
        List<ReservationToken> announced = core.events(SlotReleased.class).stream()
                .peek(event -> assertThat(event.reason()).isEqualTo(SlotReleased.Reason.EXPIRED))
                .map(SlotReleased::reservationToken).toList();
        assertThat(announced).hasSize(30).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(locks.stream().map(view -> view.lock().token()).toList());
        assertThat(core.counter("locks.expired")).isEqualTo(30);
        assertThat(locks).allSatisfy(lock -> {
            assertThat(storedStatus(lock)).isEqualTo(LockStatus.EXPIRED);
            assertThat(takenInTheStore(lock)).isZero();
        });
    }

    @Test
    void sweepersAndClientsRacingToEndTheSameDueLocksEndEachOnce() {
        BookableService roomy = core.service(unit).lasting(30).capacity(10).create();
        List<ReservationToken> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(core.lockToday(unit, roomy, i % 2 == 0 ? "09:00" : "11:00").lock().token());
        }
        core.clock.advance(TTL.plusMinutes(1));

        List<Race.Outcome<Object>> outcomes = Race.run(24, i -> i < 4
                ? core.scheduling.expireDueLocks().expireDueLocks()
                : core.release(tokens.get(i - 4)).status());

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(outcomes.subList(4, 24)).extracting(Race.Outcome::value).containsOnly(LockStatus.EXPIRED);
        assertThat(core.events(SlotReleased.class)).extracting(SlotReleased::reservationToken)
                .containsExactlyInAnyOrderElementsOf(tokens);
        assertThat(core.counter("locks.expired")).isEqualTo(20);
        assertThat(core.availability(unit, roomy, TODAY)).allSatisfy(slot ->
                assertThat(slot.capacity().used()).isZero());
    }

    private int usedNow(String startTime) {
        return core.slotToday(unit, service, startTime).orElseThrow().capacity().used();
    }

    private LockStatus storedStatus(LockView lock) {
        return core.ports.locks().findByToken(lock.lock().token()).orElseThrow().status();
    }

    private int takenInTheStore(LockView lock) {
        MinuteRange minutes = lock.lock().slot().minutes();
        return core.ports.capacity().occupancy(lock.lock().serviceId(), minutes).peak(minutes);
    }
}
