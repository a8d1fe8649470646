package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.port.in.GetAvailabilityUseCase.SlotAvailability;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.slot.SlotCapacity;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many clients at once: capacity stays exact, and locks of different slots do not wait for each other. */
class LockContentionTest {

    @Test
    void sixtyFourClientsRacingForOneSlotOfCapacityThreeGetExactlyThreeLocks() {
        EmbeddedCore core = EmbeddedCore.start();
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService service = core.service(unit).lasting(30).capacity(3).create();

        List<Race.Outcome<LockView>> outcomes = Race.run(64, i -> core.lockToday(unit, service, "09:00"));

        List<LockView> won = outcomes.stream().filter(Race.Outcome::succeeded).map(Race.Outcome::value).toList();
        List<Throwable> lost = outcomes.stream().filter(outcome -> !outcome.succeeded()).map(Race.Outcome::failure)
                .toList();
        assertThat(won).hasSize(3).allSatisfy(view -> assertThat(view.status()).isEqualTo(LockStatus.LOCKED));
        assertThat(lost).hasSize(61).allSatisfy(failure -> assertThat(failure)
                .isInstanceOfSatisfying(RefusedException.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.SLOT_FULL)));
        assertThat(core.slotToday(unit, service, "09:00")).map(SlotAvailability::capacity)
                .contains(new SlotCapacity(3, 3));
        List<SlotLocked> locked = core.events(SlotLocked.class);
        assertThat(locked).hasSize(3);
        assertThat(locked).extracting(SlotLocked::reservationToken)
                .containsExactlyInAnyOrderElementsOf(won.stream().map(view -> view.lock().token()).toList());
        assertThat(locked).extracting(SlotLocked::capacityUsed).allMatch(used -> used >= 1 && used <= 3).contains(3);
        assertThat(core.counter("locks.attempts")).isEqualTo(64);
        assertThat(core.counter("locks.success")).isEqualTo(3);
        assertThat(core.counter("locks.conflicts")).isEqualTo(61);
    }

    @Test
    void clientsRacingForOverlappingSlotsNeverExceedTheCapacityAtAnyInstant() {
        EmbeddedCore core = EmbeddedCore.start();
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService service = core.service(unit).lasting(60).every(30).capacity(2).create();
        String[] starts = {"09:00", "09:30", "10:00", "10:30", "11:00"};

        List<Race.Outcome<LockView>> outcomes = Race.run(40, i -> core.lockToday(unit, service, starts[i % 5]));

        assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded()).allSatisfy(outcome -> assertThat(
                ((RefusedException) outcome.failure()).refusal()).isEqualTo(Refusal.SLOT_FULL));
        List<LockView> won = outcomes.stream().filter(Race.Outcome::succeeded).map(Race.Outcome::value).toList();
        // At every minute from 09:00 to 12:00, count the winners whose slot covers it.
        for (int minute = 9 * 60; minute < 12 * 60; minute++) {
            LocalTime instant = LocalTime.of(minute / 60, minute % 60);
            long holding = won.stream().filter(view -> !instant.isBefore(view.lock().slot().startTime())
                    && instant.isBefore(view.lock().slot().endTime())).count();
            assertThat(holding).as("clients served at %s", instant).isLessThanOrEqualTo(2);
        }
        assertThat(won).isNotEmpty();
        assertThat(core.availability(unit, service, TODAY)).allSatisfy(slot ->
                assertThat(slot.capacity().used()).isLessThanOrEqualTo(2));
        assertThat(core.events(SlotLocked.class)).hasSameSizeAs(won);
    }

    @Test
    void aLockOnAnotherSlotCompletesWhileALockIsBlockedInsideItsUnitOfWork() throws Exception {
        CountDownLatch slotAIsBlocked = new CountDownLatch(1);
        CountDownLatch unblockSlotA = new CountDownLatch(1);
        EmbeddedCore core = EmbeddedCore.withPorts(HookedLockRepository.beforeAdd(lock -> {
            if (lock.slot().startTime().equals(LocalTime.of(9, 0))) {
                slotAIsBlocked.countDown();
                awaitOrFail(unblockSlotA);
            }
        }));
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService service = core.service(unit).lasting(30).capacity(1).create();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<LockView> slotA = CompletableFuture.supplyAsync(
                    () -> core.lockToday(unit, service, "09:00"), threads);
            awaitOrFail(slotAIsBlocked);

            LockView slotB = CompletableFuture.supplyAsync(() -> core.lockToday(unit, service, "10:00"), threads)
                    .get(5, TimeUnit.SECONDS);

            assertThat(slotB.status()).isEqualTo(LockStatus.LOCKED);
            assertThat(slotA).as("slot A is still blocked").isNotDone();
            assertThat(core.availability(unit, service, TODAY)).isNotEmpty();
            assertThat(core.events(SlotLocked.class)).extracting(SlotLocked::startTime)
                    .as("slot A's event waits for its commit").containsExactly(LocalTime.of(10, 0));

            unblockSlotA.countDown();
            assertThat(slotA.get(5, TimeUnit.SECONDS).status()).isEqualTo(LockStatus.LOCKED);
            assertThat(core.events(SlotLocked.class)).extracting(SlotLocked::startTime)
                    .containsExactly(LocalTime.of(10, 0), LocalTime.of(9, 0));
        } finally {
            unblockSlotA.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void concurrentReleasesOfOneLockEndItOnce() {
        EmbeddedCore core = EmbeddedCore.start();
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService service = core.service(unit).capacity(1).create();
        ReservationToken token = core.lockToday(unit, service, "09:00").lock().token();

        List<Race.Outcome<LockView>> outcomes = Race.run(16, i -> core.release(token));

        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.value().status()).isEqualTo(LockStatus.RELEASED);
        });
        assertThat(core.eventTypes()).containsExactly("slot.locked", "slot.released");
        assertThat(core.slotToday(unit, service, "09:00")).map(SlotAvailability::capacity)
                .contains(new SlotCapacity(1, 0));
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }
}
