package dev.scheduling.application.port.out.contract;

import static dev.scheduling.application.port.out.contract.StoreFixtures.inUnitOfWork;
import static dev.scheduling.application.port.out.contract.StoreFixtures.lock;
import static dev.scheduling.application.port.out.contract.StoreFixtures.savedService;
import static dev.scheduling.application.port.out.contract.StoreFixtures.savedUnit;
import static dev.scheduling.application.port.out.contract.StoreFixtures.withStatus;
import static dev.scheduling.domain.testing.CatalogFixtures.aServiceOf;
import static dev.scheduling.domain.testing.CatalogFixtures.aUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.UnitOfWork;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.Slot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UnitOfWork}: what the ports change inside it, and the events published there,
 * take effect together when it returns, or not at all when it throws; a nested call joins the outer one,
 * and a nested unit ({@code executeNested}) that throws undoes only its own changes.
 *
 * <p>An adapter supplies its ports and a view of the events that left its units of work: for an
 * in-memory bus, what subscribers received; for a transactional outbox, the committed outbox rows.
 * Delivery may lag the commit (it is awaited); that an event was never delivered is checked after a
 * later marker event has been. The idempotency store's part is in its own contract.
 */
public abstract class UnitOfWorkContract {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    private static final LocalDate DATE = LocalDate.parse("2030-03-04");
    private static final Duration DELIVERY = Duration.ofSeconds(10);

    /** Fresh ports of the adapter under test, over a store that may hold other tests' data. */
    protected abstract SchedulingPorts newPorts(Clock clock);

    /**
     * Every event delivered so far from the units of work of the ports made for this test, oldest first;
     * it may include other tests' events. Called outside any unit of work.
     */
    protected abstract List<EventEnvelope> deliveredEvents();

    private SchedulingPorts ports;
    private UnitOfWork unitOfWork;
    private Unit unit;
    private BookableService service;

    @BeforeEach
    void createPortsAndCatalog() {
        ports = newPorts(new MutableClock(NOW));
        unitOfWork = ports.unitOfWork();
        unit = savedUnit(ports);
        service = savedService(ports, unit, 2);
    }

    @Test
    void whatTheWorkChangedStaysAndItsEventIsDeliveredWhenItReturns() {
        Unit newUnit = aUnit().named("Committed " + UUID.randomUUID()).build();
        BookableService newService = aServiceOf(newUnit).build();
        SlotLock lock = activeLock("09:00");
        EventEnvelope event = newEvent();

        String result = unitOfWork.execute(() -> {
            ports.units().save(newUnit);
            ports.services().save(newService);
            ports.locks().add(lock);
            assertThat(ports.capacity().take(service.id(), range("09:00", "10:00"), 1, 2)).isPresent();
            ports.events().publish(event);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(ports.units().findById(newUnit.id())).contains(newUnit);
        assertThat(ports.services().findById(newService.id())).contains(newService);
        assertThat(ports.locks().findByToken(lock.token())).contains(lock);
        assertThat(used(service.id(), "09:00", "10:00")).isEqualTo(1);
        awaitDelivered(event);
    }

    @Test
    void aUnitOfWorkThatThrowsUndoesEveryChangeMadeThroughThePorts() {
        SlotLock heldBefore = activeLock("09:00");
        inUnitOfWork(ports, () -> {
            ports.locks().add(heldBefore);
            ports.capacity().take(service.id(), range("09:00", "10:00"), 1, 2);
        });
        Unit newUnit = aUnit().named("Rolled back " + UUID.randomUUID()).build();
        BookableService newService = aServiceOf(unit).named("Rolled back").build();
        SlotLock newLock = activeLock("10:00");
        EventEnvelope event = newEvent();
        IllegalStateException failure = new IllegalStateException("the work fails after every change");

        assertThatThrownBy(() -> unitOfWork.execute(() -> {
            ports.units().save(newUnit);
            ports.units().save(unit.withName("Renamed " + UUID.randomUUID()));
            ports.services().save(newService);
            ports.services().save(service.withCapacity(7).withActive(false));
            ports.locks().add(newLock);
            assertThat(ports.locks().update(withStatus(heldBefore, LockStatus.RELEASED), LockStatus.LOCKED)).isTrue();
            assertThat(ports.capacity().take(service.id(), range("10:00", "11:00"), 2, 2)).isPresent();
            ports.capacity().giveBack(service.id(), range("09:00", "10:00"), 1);
            ports.events().publish(event);
            throw failure;
        })).isSameAs(failure);

        assertThat(ports.units().findById(newUnit.id())).isEmpty();
        assertThat(ports.units().findById(unit.id())).contains(unit);
        assertThat(ports.services().findById(newService.id())).isEmpty();
        assertThat(ports.services().findById(service.id())).contains(service);
        assertThat(ports.services().findByUnit(unit.id())).containsExactly(service);
        assertThat(ports.locks().findByToken(newLock.token())).isEmpty();
        assertThat(ports.locks().findByToken(heldBefore.token())).contains(heldBefore);
        assertThat(used(service.id(), "09:00", "10:00")).isEqualTo(1);
        assertThat(used(service.id(), "10:00", "11:00")).isZero();
        assertNeverDelivered(event);
    }

    @Test
    void aNestedUnitThatThrowsUndoesOnlyItsOwnChangesAndEventsAndTheEnclosingOneCommits() {
        Unit kept = aUnit().named("Kept " + UUID.randomUUID()).build();
        Unit undone = aUnit().named("Undone " + UUID.randomUUID()).build();
        SlotLock undoneLock = activeLock("10:00");
        EventEnvelope keptEvent = newEvent();
        EventEnvelope undoneEvent = newEvent();
        IllegalStateException refusal = new IllegalStateException("the nested work is refused");

        String result = unitOfWork.execute(() -> {
            ports.units().save(kept);
            assertThat(ports.capacity().take(service.id(), range("09:00", "10:00"), 1, 2)).isPresent();
            ports.events().publish(keptEvent);
            assertThatThrownBy(() -> unitOfWork.executeNested(() -> {
                ports.units().save(undone);
                ports.locks().add(undoneLock);
                assertThat(ports.capacity().take(service.id(), range("10:00", "11:00"), 2, 2)).isPresent();
                ports.events().publish(undoneEvent);
                throw refusal;
            })).isSameAs(refusal);
            assertThat(unitOfWork.executeNested(() -> "a nested unit that returns keeps its work")).isNotBlank();
            return "committed";
        });

        assertThat(result).isEqualTo("committed");
        assertThat(ports.units().findById(kept.id())).contains(kept);
        assertThat(ports.units().findById(undone.id())).isEmpty();
        assertThat(ports.locks().findByToken(undoneLock.token())).isEmpty();
        assertThat(used(service.id(), "09:00", "10:00")).isEqualTo(1);
        assertThat(used(service.id(), "10:00", "11:00")).isZero();
        awaitDelivered(keptEvent);
        assertNeverDelivered(undoneEvent);
    }

    @Test
    void anErrorRollsBackLikeAnException() {
        Unit newUnit = aUnit().named("Error " + UUID.randomUUID()).build();
        EventEnvelope event = newEvent();
        AssertionError error = new AssertionError("an Error, not an Exception");

        assertThatThrownBy(() -> unitOfWork.execute(() -> {
            ports.units().save(newUnit);
            ports.capacity().take(service.id(), range("09:00", "10:00"), 1, 2);
            ports.events().publish(event);
            throw error;
        })).isSameAs(error);

        assertThat(ports.units().findById(newUnit.id())).isEmpty();
        assertThat(used(service.id(), "09:00", "10:00")).isZero();
        assertNeverDelivered(event);
    }

    @Test
    void anUndoneLockLeavesTheSweepersQueriesAsTheyWere() {
        SlotLock due = new SlotLock(StoreFixtures.newToken(), unit.id(), service.id(), slot("09:00"), 1,
                LockStatus.LOCKED, NOW.minus(Duration.ofMinutes(10)), NOW.minus(Duration.ofMinutes(5)));
        inUnitOfWork(ports, () -> ports.locks().add(due));

        assertThatThrownBy(() -> unitOfWork.execute(() -> {
            ports.locks().update(withStatus(due, LockStatus.EXPIRED), LockStatus.LOCKED);
            throw new IllegalStateException("undo the expiry");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(ports.locks().findDueOverlapping(service.id(), due.slot().minutes(), NOW)).containsExactly(due);
        assertThat(ports.locks().findDue(NOW, 10_000)).contains(due);
    }

    @Test
    void eventsAreNotDeliveredWhileTheWorkRuns() {
        EventEnvelope event = newEvent();

        unitOfWork.execute(() -> {
            ports.events().publish(event);
            assertThat(deliveredIds()).doesNotContain(event.eventId());
            return null;
        });

        awaitDelivered(event);
    }

    @Test
    void eventsOfOneUnitOfWorkAreDeliveredInTheOrderPublished() {
        EventEnvelope first = newEvent();
        EventEnvelope second = newEvent();
        EventEnvelope third = newEvent();

        inUnitOfWork(ports, () -> {
            ports.events().publish(first);
            ports.events().publish(second);
            ports.events().publish(third);
        });

        awaitDelivered(third);
        awaitDelivered(first);
        assertThat(deliveredIds()).filteredOn(id -> List.of(first.eventId(), second.eventId(), third.eventId())
                .contains(id)).containsExactly(first.eventId(), second.eventId(), third.eventId());
    }

    @Test
    void aNestedUnitOfWorkJoinsTheOuterOneAndIsUndoneWithIt() {
        Unit outerUnit = aUnit().named("Outer " + UUID.randomUUID()).build();
        Unit innerUnit = aUnit().named("Inner " + UUID.randomUUID()).build();
        EventEnvelope innerEvent = newEvent();

        assertThatThrownBy(() -> unitOfWork.execute(() -> {
            ports.units().save(outerUnit);
            String inner = unitOfWork.execute(() -> {
                ports.units().save(innerUnit);
                ports.capacity().take(service.id(), range("09:00", "10:00"), 1, 2);
                ports.events().publish(innerEvent);
                return "inner done";
            });
            assertThat(inner).isEqualTo("inner done");
            assertThat(deliveredIds()).as("the inner call did not commit on its own")
                    .doesNotContain(innerEvent.eventId());
            throw new IllegalStateException("the outer work fails after the inner one returned");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(ports.units().findById(outerUnit.id())).isEmpty();
        assertThat(ports.units().findById(innerUnit.id())).isEmpty();
        assertThat(used(service.id(), "09:00", "10:00")).isZero();
        assertNeverDelivered(innerEvent);
    }

    @Test
    void aNestedUnitOfWorkCommitsWithTheOuterOne() {
        Unit innerUnit = aUnit().named("Inner " + UUID.randomUUID()).build();
        EventEnvelope innerEvent = newEvent();
        EventEnvelope outerEvent = newEvent();

        String result = unitOfWork.execute(() -> {
            ports.events().publish(outerEvent);
            return unitOfWork.execute(() -> {
                ports.units().save(innerUnit);
                ports.events().publish(innerEvent);
                return "nested result";
            });
        });

        assertThat(result).isEqualTo("nested result");
        assertThat(ports.units().findById(innerUnit.id())).contains(innerUnit);
        awaitDelivered(innerEvent);
        awaitDelivered(outerEvent);
    }

    @Test
    void aUnitOfWorkThatThrowsDoesNotUndoAConcurrentOneThatCommitted() throws Exception {
        BookableService otherService = savedService(ports, unit, 2);
        Unit failingUnit = aUnit().named("Failing " + UUID.randomUUID()).build();
        Unit committedUnit = aUnit().named("Committed " + UUID.randomUUID()).build();
        EventEnvelope failingEvent = newEvent();
        EventEnvelope committedEvent = newEvent();
        CountDownLatch failingIsInside = new CountDownLatch(1);
        CountDownLatch otherHasCommitted = new CountDownLatch(1);

        CompletableFuture<Void> failing = CompletableFuture.runAsync(() -> unitOfWork.execute(() -> {
            ports.units().save(failingUnit);
            ports.capacity().take(service.id(), range("09:00", "10:00"), 1, 2);
            ports.events().publish(failingEvent);
            failingIsInside.countDown();
            awaitLatch(otherHasCommitted);
            throw new IllegalStateException("fails after the other one committed");
        }));
        awaitLatch(failingIsInside);
        inUnitOfWork(ports, () -> {
            ports.units().save(committedUnit);
            ports.capacity().take(otherService.id(), range("10:00", "11:00"), 1, 2);
            ports.events().publish(committedEvent);
        });
        otherHasCommitted.countDown();

        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(ports.units().findById(failingUnit.id())).isEmpty();
        assertThat(used(service.id(), "09:00", "10:00")).isZero();
        assertThat(ports.units().findById(committedUnit.id())).contains(committedUnit);
        assertThat(used(otherService.id(), "10:00", "11:00")).isEqualTo(1);
        awaitDelivered(committedEvent);
        assertNeverDelivered(failingEvent);
    }

    private SlotLock activeLock(String startTime) {
        return lock(service, slot(startTime), 1, LockStatus.LOCKED, NOW, NOW.plus(Duration.ofMinutes(5)));
    }

    private Slot slot(String startTime) {
        return StoreFixtures.slot(unit, service, DATE, startTime);
    }

    private int used(ServiceId serviceId, String from, String to) {
        MinuteRange range = range(from, to);
        return ports.capacity().occupancy(serviceId, range).peak(range);
    }

    private static MinuteRange range(String from, String to) {
        return new MinuteRange(epochMinute(from), epochMinute(to));
    }

    private static long epochMinute(String time) {
        return Instant.parse(DATE + "T" + time + ":00Z").getEpochSecond() / 60;
    }

    /** An event of this test's own, told apart from every other by its id. */
    private EventEnvelope newEvent() {
        Slot slot = slot("09:00");
        return new EventEnvelope(UUID.randomUUID(), NOW, new SlotLocked(StoreFixtures.newToken(), unit.id(),
                service.id(), slot.date(), slot.startTime(), slot.endTime(), 1, 2, 1, NOW.plusSeconds(300)));
    }

    private List<UUID> deliveredIds() {
        return deliveredEvents().stream().map(EventEnvelope::eventId).toList();
    }

    private void awaitDelivered(EventEnvelope event) {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(DELIVERY)
                .untilAsserted(() -> assertThat(deliveredIds()).contains(event.eventId()));
        assertThat(deliveredIds()).as("delivered once").containsOnlyOnce(event.eventId());
    }

    /** A marker published after {@code event} is awaited first, so that a late delivery would show. */
    private void assertNeverDelivered(EventEnvelope event) {
        EventEnvelope marker = newEvent();
        inUnitOfWork(ports, () -> ports.events().publish(marker));
        awaitDelivered(marker);
        assertThat(deliveredIds()).doesNotContain(event.eventId());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the other unit of work");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }
}
