package dev.scheduling.application.port.out.contract;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.domain.testing.CatalogFixtures;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.Slot;
import dev.scheduling.domain.slot.SlotSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import java.util.function.Supplier;

/** Data the contracts store through the ports, the way the use cases do: writes inside a unit of work. */
final class StoreFixtures {
    private StoreFixtures() {
    }

    static void inUnitOfWork(SchedulingPorts ports, Runnable work) {
        ports.unitOfWork().execute(() -> {
            work.run();
            return null;
        });
    }

    static <T> T inUnitOfWork(SchedulingPorts ports, Supplier<T> work) {
        return ports.unitOfWork().execute(work);
    }

    /** A unit open 09:00-12:00 every day, in UTC so that local times read as instants. */
    static Unit savedUnit(SchedulingPorts ports) {
        Unit unit = CatalogFixtures.aUnit().named("Contract " + UUID.randomUUID()).in("UTC")
                .openEveryDay("09:00-12:00").build();
        inUnitOfWork(ports, () -> ports.units().save(unit));
        return unit;
    }

    /** A service of 60 minutes every 30 (overlapping slots) with the given capacity. */
    static BookableService savedService(SchedulingPorts ports, Unit unit, int capacity) {
        BookableService service = CatalogFixtures.aServiceOf(unit).lasting(60).every(30).capacity(capacity).build();
        inUnitOfWork(ports, () -> ports.services().save(service));
        return service;
    }

    static Slot slot(Unit unit, BookableService service, LocalDate date, String startTime) {
        return new SlotSchedule(unit, service).slotAt(date, LocalTime.parse(startTime))
                .orElseThrow(() -> new AssertionError("no slot at " + date + " " + startTime));
    }

    /**
     * The start of a day in 2001–2009 picked at random: instants of a test's own, far from other tests'
     * data, for a test that counts what a purge before a cutoff forgets.
     */
    static Instant anEraOfItsOwn() {
        return Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(Math.floorMod(
                UUID.randomUUID().getLeastSignificantBits(), 3000L)));
    }

    static ReservationToken newToken() {
        return new ReservationToken(UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", ""));
    }

    static SlotLock lock(BookableService service, Slot slot, int quantity, LockStatus status, Instant createdAt,
                         Instant expiresAt) {
        return new SlotLock(newToken(), service.unitId(), service.id(), slot, quantity, status, createdAt, expiresAt);
    }

    static SlotLock withStatus(SlotLock lock, LockStatus status) {
        return new SlotLock(lock.token(), lock.unitId(), lock.serviceId(), lock.slot(), lock.quantity(), status,
                lock.createdAt(), lock.expiresAt());
    }
}
