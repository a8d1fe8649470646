package dev.scheduling.application.port.out.contract;

import static dev.scheduling.application.port.out.contract.StoreFixtures.inUnitOfWork;
import static dev.scheduling.application.port.out.contract.StoreFixtures.lock;
import static dev.scheduling.application.port.out.contract.StoreFixtures.savedService;
import static dev.scheduling.application.port.out.contract.StoreFixtures.savedUnit;
import static dev.scheduling.application.port.out.contract.StoreFixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.LockRepository;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.Slot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LockRepository}: storage by token, the compare-and-set on the status that
 * lets each transition happen once, and the queries of the sweeper. The store may hold other tests'
 * locks, so queries over every service are checked by properties that hold whatever else is there.
 * Instants are whole seconds, which every store keeps exactly.
 */
public abstract class LockRepositoryContract {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    private static final LocalDate DATE = LocalDate.parse("2030-03-04");
    private static final int EVERYTHING = 10_000;

    /**
     * Fresh ports of the adapter under test, over a store that may hold other tests' data. The whole
     * set is asked for because a lock refers to a stored unit and service, and writes run in the
     * adapter's own unit of work, as the use cases run them.
     */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private SchedulingPorts ports;
    private LockRepository locks;
    private Unit unit;
    private BookableService service;

    @BeforeEach
    void createPortsAndCatalog() {
        ports = newPorts(new MutableClock(NOW));
        locks = ports.locks();
        unit = savedUnit(ports);
        service = savedService(ports, unit, 5);
    }

    @Test
    void anAddedLockIsFoundByItsTokenWithEveryField() {
        SlotLock lock = lock(service, slot("09:30"), 2, LockStatus.LOCKED, NOW, NOW.plus(Duration.ofMinutes(5)));

        add(lock);

        SlotLock found = locks.findByToken(lock.token()).orElseThrow();
        assertThat(found).isEqualTo(lock);
        assertThat(found.slot().start()).isEqualTo(Instant.parse("2030-03-04T09:30:00Z"));
        assertThat(found.slot().endTime()).hasToString("10:30");
    }

    @Test
    void anUnknownTokenFindsNothing() {
        assertThat(locks.findByToken(StoreFixtures.newToken())).isEmpty();
    }

    @Test
    void aSecondLockWithTheSameTokenIsRefusedAndTheFirstStays() {
        SlotLock first = activeLock("09:00");
        add(first);
        SlotLock sameToken = new SlotLock(first.token(), unit.id(), service.id(), slot("10:00"), 1, LockStatus.LOCKED,
                NOW, NOW.plus(Duration.ofMinutes(9)));

        assertThatThrownBy(() -> add(sameToken)).isInstanceOf(RuntimeException.class);

        assertThat(locks.findByToken(first.token())).contains(first);
    }

    @Test
    void updateReplacesTheLockWhenItHasTheExpectedStatus() {
        SlotLock lock = activeLock("09:00");
        add(lock);
        SlotLock released = withStatus(lock, LockStatus.RELEASED);

        assertThat(update(released, LockStatus.LOCKED)).isTrue();

        assertThat(locks.findByToken(lock.token())).contains(released);
    }

    @Test
    void updateChangesNothingWhenTheStatusIsNoLongerTheExpectedOne() {
        SlotLock lock = activeLock("09:00");
        add(lock);
        update(withStatus(lock, LockStatus.RELEASED), LockStatus.LOCKED);

        assertThat(update(withStatus(lock, LockStatus.EXPIRED), LockStatus.LOCKED)).isFalse();
        assertThat(update(withStatus(lock, LockStatus.CONVERTED), LockStatus.LOCKED)).isFalse();

        assertThat(locks.findByToken(lock.token()).orElseThrow().status()).isEqualTo(LockStatus.RELEASED);
    }

    @Test
    void updateOfAnUnknownLockChangesNothing() {
        SlotLock neverAdded = activeLock("09:00");

        assertThat(update(withStatus(neverAdded, LockStatus.RELEASED), LockStatus.LOCKED)).isFalse();

        assertThat(locks.findByToken(neverAdded.token())).isEmpty();
    }

    @Test
    void exactlyOneOfManyConcurrentUpdatesFromLockedWins() {
        SlotLock lock = dueLock("09:00", NOW.minusSeconds(1));
        add(lock);
        List<LockStatus> targets = List.of(LockStatus.RELEASED, LockStatus.EXPIRED, LockStatus.CONVERTED);

        List<Race.Outcome<Boolean>> outcomes = Race.run(24, i ->
                update(withStatus(lock, targets.get(i % targets.size())), LockStatus.LOCKED));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<Integer> winners = java.util.stream.IntStream.range(0, outcomes.size())
                .filter(i -> outcomes.get(i).value()).boxed().toList();
        assertThat(winners).hasSize(1);
        LockStatus winning = targets.get(winners.get(0) % targets.size());
        assertThat(locks.findByToken(lock.token()).orElseThrow().status()).isEqualTo(winning);
    }

    @Test
    void findDueReturnsLockedLocksWhoseTimeHasRunOutIncludingThoseExpiringNow() {
        SlotLock expiredEarlier = dueLock("09:00", NOW.minusSeconds(60));
        SlotLock expiringNow = dueLock("09:30", NOW);
        SlotLock stillActive = dueLock("10:00", NOW.plusSeconds(1));
        add(expiredEarlier);
        add(expiringNow);
        add(stillActive);

        List<SlotLock> due = locks.findDue(NOW, EVERYTHING);

        assertThat(due).contains(expiredEarlier, expiringNow).doesNotContain(stillActive);
        assertThat(due).allMatch(lock -> lock.isDueAt(NOW), "every lock is LOCKED and due");
        assertThat(locks.findDue(NOW.plusSeconds(1), EVERYTHING)).contains(stillActive);
    }

    @Test
    void findDueLeavesOutLocksThatAreNoLongerLocked() {
        SlotLock released = dueLock("09:00", NOW.minusSeconds(60));
        SlotLock expired = dueLock("09:30", NOW.minusSeconds(60));
        SlotLock converted = dueLock("10:00", NOW.minusSeconds(60));
        SlotLock stillLocked = dueLock("10:30", NOW.minusSeconds(60));
        List.of(released, expired, converted, stillLocked).forEach(this::add);
        update(withStatus(released, LockStatus.RELEASED), LockStatus.LOCKED);
        update(withStatus(expired, LockStatus.EXPIRED), LockStatus.LOCKED);
        update(withStatus(converted, LockStatus.CONVERTED), LockStatus.LOCKED);

        List<ReservationToken> due = tokens(locks.findDue(NOW, EVERYTHING));

        assertThat(due).contains(stillLocked.token())
                .doesNotContain(released.token(), expired.token(), converted.token());
    }

    @Test
    void findDueListsTheSoonestExpiryFirst() {
        SlotLock second = dueLock("09:30", NOW.minusSeconds(20));
        SlotLock third = dueLock("10:00", NOW.minusSeconds(10));
        SlotLock first = dueLock("09:00", NOW.minusSeconds(30));
        add(second);
        add(third);
        add(first);

        List<SlotLock> due = locks.findDue(NOW, EVERYTHING);

        assertThat(due).isSortedAccordingTo(Comparator.comparing(SlotLock::expiresAt));
        assertThat(due).filteredOn(lock -> lock.serviceId().equals(service.id())).containsExactly(first, second, third);
    }

    @Test
    void findDueReturnsAtMostTheLimitAndTheSoonestOnes() {
        for (int i = 1; i <= 3; i++) {
            add(dueLock("09:00", NOW.minusSeconds(i)));
        }
        List<SlotLock> all = locks.findDue(NOW, EVERYTHING);

        List<SlotLock> two = locks.findDue(NOW, 2);

        assertThat(all).hasSizeGreaterThanOrEqualTo(3);
        assertThat(two).hasSize(2);
        assertThat(two).extracting(SlotLock::expiresAt)
                .containsExactly(all.get(0).expiresAt(), all.get(1).expiresAt());
        assertThat(locks.findDue(NOW, 1)).hasSize(1);
    }

    @Test
    void findDueOverlappingKeepsOnlyDueLocksOfTheServiceWhoseSlotOverlapsTheRange() {
        BookableService otherService = savedService(ports, unit, 5);
        SlotLock nineToTen = dueLock("09:00", NOW.minusSeconds(5));
        SlotLock tenToEleven = dueLock("10:00", NOW.minusSeconds(5));
        SlotLock halfPastNineNotDue = dueLock("09:30", NOW.plusSeconds(5));
        SlotLock halfPastNineReleased = dueLock("09:30", NOW.minusSeconds(5));
        SlotLock elevenToNoon = dueLock("11:00", NOW.minusSeconds(5));
        SlotLock ofOtherService = lock(otherService, slot("09:00"), 1, LockStatus.LOCKED,
                NOW.minus(Duration.ofMinutes(5)), NOW.minusSeconds(5));
        List.of(nineToTen, tenToEleven, halfPastNineNotDue, halfPastNineReleased, elevenToNoon, ofOtherService)
                .forEach(this::add);
        update(withStatus(halfPastNineReleased, LockStatus.RELEASED), LockStatus.LOCKED);

        // 09:00-10:00: the slot ending at 10:00 shares no minute with the one starting at 10:00.
        assertThat(tokens(locks.findDueOverlapping(service.id(), minutes("09:00", "10:00"), NOW)))
                .containsExactlyInAnyOrder(nineToTen.token());
        assertThat(tokens(locks.findDueOverlapping(service.id(), minutes("09:59", "10:01"), NOW)))
                .containsExactlyInAnyOrder(nineToTen.token(), tenToEleven.token());
        assertThat(tokens(locks.findDueOverlapping(service.id(), minutes("09:00", "12:00"), NOW)))
                .containsExactlyInAnyOrder(nineToTen.token(), tenToEleven.token(), elevenToNoon.token());
        assertThat(tokens(locks.findDueOverlapping(service.id(), minutes("09:00", "12:00"), NOW.plusSeconds(5))))
                .containsExactlyInAnyOrder(nineToTen.token(), tenToEleven.token(), elevenToNoon.token(),
                        halfPastNineNotDue.token());
        assertThat(tokens(locks.findDueOverlapping(otherService.id(), minutes("09:30", "09:31"), NOW)))
                .containsExactlyInAnyOrder(ofOtherService.token());
        assertThat(locks.findDueOverlapping(service.id(), minutes("08:00", "09:00"), NOW)).isEmpty();
    }

    @Test
    void aLockThatLeavesLockedLeavesTheSweepersQueries() {
        SlotLock lock = dueLock("09:00", NOW.minusSeconds(5));
        add(lock);
        assertThat(locks.findDueOverlapping(service.id(), lock.slot().minutes(), NOW)).containsExactly(lock);

        update(withStatus(lock, LockStatus.EXPIRED), LockStatus.LOCKED);

        assertThat(locks.findDueOverlapping(service.id(), lock.slot().minutes(), NOW)).isEmpty();
        assertThat(tokens(locks.findDue(NOW, EVERYTHING))).doesNotContain(lock.token());
    }

    @Test
    void locksAddedConcurrentlyAreAllKept() {
        List<SlotLock> added = java.util.stream.IntStream.range(0, 16)
                .mapToObj(i -> activeLock(i % 2 == 0 ? "09:00" : "10:30")).toList();

        List<Race.Outcome<Object>> outcomes = Race.run(added.size(), i -> {
            add(added.get(i));
            return null;
        });

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(added).allSatisfy(lock -> assertThat(locks.findByToken(lock.token())).contains(lock));
    }

    @Test
    void purgeForgetsLocksThatEndedWithoutAnAppointmentBeforeTheCutoffAndKeepsTheOthers() {
        // An era of this test's own, cleared first, so that the count covers this test's locks only.
        Instant era = StoreFixtures.anEraOfItsOwn();
        Instant cutoff = era.plus(Duration.ofHours(1));
        locks.purgeEndedBefore(cutoff);
        SlotLock released = endedLock("09:00", LockStatus.RELEASED, era);
        SlotLock expired = endedLock("09:30", LockStatus.EXPIRED, era.plusSeconds(1));
        SlotLock converted = endedLock("10:00", LockStatus.CONVERTED, era);
        SlotLock lockedButDue = dueLock("10:30", era);
        SlotLock releasedAtCutoff = endedLock("11:00", LockStatus.RELEASED, cutoff);
        SlotLock releasedLater = endedLock("09:00", LockStatus.RELEASED, cutoff.plus(Duration.ofHours(1)));
        List.of(released, expired, converted, lockedButDue, releasedAtCutoff, releasedLater).forEach(this::add);

        int purged = inUnitOfWork(ports, () -> locks.purgeEndedBefore(cutoff));

        assertThat(purged).isEqualTo(2);
        assertThat(locks.findByToken(released.token())).as("forgotten").isEmpty();
        assertThat(locks.findByToken(expired.token())).as("forgotten").isEmpty();
        assertThat(locks.findByToken(converted.token())).as("kept: its appointment names it").contains(converted);
        assertThat(locks.findByToken(lockedButDue.token())).as("kept: not swept yet").contains(lockedButDue);
        assertThat(locks.findByToken(releasedAtCutoff.token())).as("kept: expiring at the cutoff, not before")
                .contains(releasedAtCutoff);
        assertThat(locks.findByToken(releasedLater.token())).as("kept").contains(releasedLater);
        assertThat(tokens(locks.findDue(cutoff, EVERYTHING))).as("the sweeper still sees the due one")
                .contains(lockedButDue.token());
    }

    private Slot slot(String startTime) {
        return StoreFixtures.slot(unit, service, DATE, startTime);
    }

    private SlotLock activeLock(String startTime) {
        return lock(service, slot(startTime), 1, LockStatus.LOCKED, NOW, NOW.plus(Duration.ofMinutes(5)));
    }

    /** A LOCKED lock of this test's service that runs out at {@code expiresAt}. */
    private SlotLock dueLock(String startTime, Instant expiresAt) {
        return lock(service, slot(startTime), 1, LockStatus.LOCKED, expiresAt.minus(Duration.ofMinutes(5)),
                expiresAt);
    }

    /** A lock of this test's service with {@code status} that expires (or expired) at {@code expiresAt}. */
    private SlotLock endedLock(String startTime, LockStatus status, Instant expiresAt) {
        return lock(service, slot(startTime), 1, status, expiresAt.minus(Duration.ofMinutes(5)), expiresAt);
    }

    private static MinuteRange minutes(String from, String to) {
        return new MinuteRange(epochMinute(from), epochMinute(to));
    }

    private static long epochMinute(String time) {
        return Instant.parse(DATE + "T" + time + ":00Z").getEpochSecond() / 60;
    }

    private static List<ReservationToken> tokens(List<SlotLock> found) {
        return found.stream().map(SlotLock::token).toList();
    }

    private void add(SlotLock lock) {
        inUnitOfWork(ports, () -> locks.add(lock));
    }

    private boolean update(SlotLock updated, LockStatus expected) {
        return inUnitOfWork(ports, () -> locks.update(updated, expected));
    }
}
