package dev.scheduling.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.adapter.inmemory.InMemoryAdapters;
import dev.scheduling.adapter.inmemory.SecureRandomIdentifiers;
import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.SchedulingSettings;
import dev.scheduling.application.port.in.CreateServiceUseCase;
import dev.scheduling.application.port.in.CreateUnitUseCase;
import dev.scheduling.application.port.in.LockSlotUseCase;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.domain.testing.CatalogFixtures;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.lock.LockStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Two service instances, each with its own connection pool as separate processes would have, share one
 * database. However hundreds of concurrent clients are spread over them, capacity stays exact, the
 * stored figures agree with the locks (checked in SQL), and every expired lock is expired once.
 */
class SeveralInstancesTest {
    private static final LocalDate DAY = LocalDate.parse("2030-05-06");
    private static final int CLIENTS = 200;

    private static PostgresTestDatabase database;
    private static PostgresDatabase secondPool;
    private static MutableClock clock;
    private static Instance first;
    private static Instance second;

    private record Instance(Scheduling scheduling, MeterRegistry meters) {
        /** A counter's total over its tags (the lock counters are tagged by unit and service). */
        double counter(String name) {
            return meters.find(name).counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
        }
    }

    @BeforeAll
    static void startTwoInstances() {
        database = PostgresTestDatabase.create(8);
        secondPool = database.openAnotherPool(8);
        clock = MutableClock.at("2030-05-06T06:00:00Z");
        first = instance(database.database());
        second = instance(secondPool);
    }

    @AfterAll
    static void stop() {
        secondPool.close();
        database.close();
    }

    @RepeatedTest(3)
    void clientsOnTwoInstancesGetExactlyTheCapacityOfOneSlot() {
        BookableService service = service(unit(), 30, 30, 5);

        List<Race.Outcome<LockView>> outcomes = Race.run(CLIENTS, i ->
                (i % 2 == 0 ? first : second).scheduling().lockSlot().lock(lock(service, "09:00")));

        assertThat(Race.count(outcomes, Race.Outcome::succeeded)).isEqualTo(5);
        assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded())
                .allSatisfy(outcome -> assertThat(((RefusedException) outcome.failure()).refusal())
                        .isEqualTo(Refusal.SLOT_FULL));
        assertStoredCapacityMatchesTheLocks(service);
    }

    @Test
    void overlappingSlotsNeverServeMoreThanTheCapacityAtAnyMinute() {
        BookableService service = service(unit(), 60, 30, 2);
        String[] starts = {"09:00", "09:30", "10:00", "10:30", "11:00"};

        List<Race.Outcome<LockView>> outcomes = Race.run(CLIENTS, i ->
                (i % 2 == 0 ? first : second).scheduling().lockSlot().lock(lock(service, starts[i % starts.length])));

        assertThat(Race.count(outcomes, Race.Outcome::succeeded)).isBetween(2L, 8L);
        assertStoredCapacityMatchesTheLocks(service);
        assertThat(peakUsed(service)).isEqualTo(2);
    }

    @Test
    void locksAndReleasesOfOneSlotRacingOnTwoInstancesLeaveItFreeAndStoredAsFree() {
        BookableService service = service(unit(), 30, 30, 3);

        // Each client locks and releases the slot again and again: minutes go to nothing and their rows
        // are deleted while other takes insert them anew.
        List<Race.Outcome<Integer>> outcomes = Race.run(40, i -> {
            Instance instance = i % 2 == 0 ? first : second;
            int held = 0;
            for (int round = 0; round < 10; round++) {
                try {
                    LockView lock = instance.scheduling().lockSlot().lock(lock(service, "09:00"));
                    instance.scheduling().releaseSlot().release(lock.lock().token());
                    held++;
                } catch (RefusedException refused) {
                    assertThat(refused.refusal()).isEqualTo(Refusal.SLOT_FULL);
                }
            }
            return held;
        });

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(outcomes.stream().mapToInt(Race.Outcome::value).sum()).isPositive();
        assertStoredCapacityMatchesTheLocks(service);
        assertThat(countLocks(service, LockStatus.LOCKED)).isZero();
        assertThat(storedMinutes(service)).as("rows of slot_capacity left").isZero();
    }

    @Test
    void sweepersOnBothInstancesExpireEachLockExactlyOnce() {
        BookableService service = service(unit(), 30, 30, 50);
        List<Race.Outcome<LockView>> locked = Race.run(40, i ->
                (i % 2 == 0 ? first : second).scheduling().lockSlot().lock(lock(service, "10:00")));
        assertThat(Race.count(locked, Race.Outcome::succeeded)).isEqualTo(40);
        double expiredBefore = first.counter("locks.expired") + second.counter("locks.expired");
        int expiredRowsBefore = countAllExpired();

        clock.advance(Duration.ofMinutes(6));
        List<Race.Outcome<Integer>> sweeps = Race.run(8, i ->
                (i % 2 == 0 ? first : second).scheduling().expireDueLocks().expireDueLocks());

        // Earlier tests' locks run out under the same clock: the sweep takes those too, once each.
        int expired = sweeps.stream().mapToInt(Race.Outcome::value).sum();
        assertThat(expired).isEqualTo(countAllExpired() - expiredRowsBefore).isGreaterThanOrEqualTo(40);
        assertThat(countLocks(service, LockStatus.EXPIRED)).isEqualTo(40);
        assertThat(expiredEvents(service)).isEqualTo(40);
        assertThat(first.counter("locks.expired") + second.counter("locks.expired") - expiredBefore)
                .isEqualTo(expired);
        assertStoredCapacityMatchesTheLocks(service);
        assertThat(peakUsed(service)).isZero();
    }

    private static Instance instance(PostgresDatabase pool) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Scheduling scheduling = new Scheduling(new PostgresAdapters(pool, new SecureRandomIdentifiers(), clock).ports(),
                new InMemoryAdapters(clock).clientPorts(),
                SchedulingSettings.defaults(), meters, OpenTelemetry.noop());
        return new Instance(scheduling, meters);
    }

    private static Unit unit() {
        return first.scheduling().createUnit().createUnit(new CreateUnitUseCase.Command("Centro",
                ZoneId.of("UTC"), CatalogFixtures.everyDay("09:00-12:00"), Set.of()));
    }

    private static BookableService service(Unit unit, int duration, int interval, int capacity) {
        return first.scheduling().createService().createService(new CreateServiceUseCase.Command(unit.id(),
                "Consulta", duration, capacity, OptionalInt.of(interval), OptionalInt.empty(), OptionalInt.empty()));
    }

    private static LockSlotUseCase.Command lock(BookableService service, String start) {
        return new LockSlotUseCase.Command(service.unitId(), service.id(), DAY, LocalTime.parse(start), 1);
    }

    /**
     * The invariant, in SQL: at every minute, the stored usage equals the quantities of the locks that
     * hold it now, and never exceeds the capacity; a minute that no lock holds has no row.
     */
    private static void assertStoredCapacityMatchesTheLocks(BookableService service) {
        List<String> violations = database.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT c.minute, c.used, coalesce(sum(l.quantity), 0) AS held
                        FROM slot_capacity c
                        LEFT JOIN slot_locks l ON l.service_id = c.service_id AND l.status = 'LOCKED'
                             AND l.starts_at <= to_timestamp(c.minute * 60) AND l.ends_at > to_timestamp(c.minute * 60)
                        WHERE c.service_id = :serviceId
                        GROUP BY c.minute, c.used
                        HAVING c.used <> coalesce(sum(l.quantity), 0) OR c.used > :capacity OR c.used = 0""")
                .bind("serviceId", service.id().value())
                .bind("capacity", service.capacity())
                .map((rs, ctx) -> "minute " + rs.getLong("minute") + ": used " + rs.getInt("used") + ", held "
                        + rs.getInt("held"))
                .list());
        assertThat(violations).as("minutes whose stored usage disagrees with the locks").isEmpty();
    }

    private static int peakUsed(BookableService service) {
        return database.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT coalesce(max(used), 0) FROM slot_capacity WHERE service_id = :serviceId")
                .bind("serviceId", service.id().value())
                .mapTo(Integer.class)
                .one());
    }

    private static int storedMinutes(BookableService service) {
        return database.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM slot_capacity WHERE service_id = :serviceId")
                .bind("serviceId", service.id().value())
                .mapTo(Integer.class)
                .one());
    }

    private static int countLocks(BookableService service, LockStatus status) {
        return database.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM slot_locks WHERE service_id = :serviceId AND status = :status")
                .bind("serviceId", service.id().value())
                .bind("status", status.name())
                .mapTo(Integer.class)
                .one());
    }

    private static int countAllExpired() {
        return database.database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM slot_locks WHERE status = 'EXPIRED'")
                .mapTo(Integer.class)
                .one());
    }

    private static int expiredEvents(BookableService service) {
        return database.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM outbox_events
                        WHERE type = 'slot.released' AND envelope::jsonb -> 'payload' ->> 'serviceId' = :serviceId
                          AND envelope::jsonb -> 'payload' ->> 'reason' = 'expired'""")
                .bind("serviceId", service.id().value())
                .mapTo(Integer.class)
                .one());
    }
}
