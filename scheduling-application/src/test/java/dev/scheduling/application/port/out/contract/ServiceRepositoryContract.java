package dev.scheduling.application.port.out.contract;

import static dev.scheduling.application.port.out.contract.StoreFixtures.inUnitOfWork;
import static dev.scheduling.domain.testing.CatalogFixtures.aServiceOf;
import static dev.scheduling.domain.testing.CatalogFixtures.aUnit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.ServiceRepository;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ServiceRepository}. Each test saves its own unit first, so that an adapter
 * may require a service's unit to exist.
 */
public abstract class ServiceRepositoryContract {

    /**
     * Fresh ports of the adapter under test, over a store that may hold other tests' data. The whole
     * set is asked for because a service belongs to a stored unit, and writes run in the adapter's own
     * unit of work, as the use cases run them.
     */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private SchedulingPorts ports;
    private ServiceRepository services;
    private Unit unit;

    @BeforeEach
    void createPortsAndUnit() {
        ports = newPorts(MutableClock.at("2026-12-07T10:00:00Z"));
        services = ports.services();
        unit = saveUnit();
    }

    @Test
    void aSavedServiceIsFoundByItsIdWithEveryField() {
        BookableService service = aServiceOf(unit).named("Corte").lasting(45).every(15).capacity(3).minNotice(120)
                .bookingWindow(30).inactive().build();

        save(service);

        BookableService found = services.findById(service.id()).orElseThrow();
        assertThat(found).isEqualTo(service);
        assertThat(found.active()).isFalse();
        assertThat(found.slotIntervalMinutes()).isEqualTo(15);
    }

    @Test
    void anUnknownIdFindsNothing() {
        assertThat(services.findById(new ServiceId(UUID.randomUUID().toString()))).isEmpty();
    }

    @Test
    void savingAgainReplacesTheStoredState() {
        BookableService service = aServiceOf(unit).capacity(2).build();
        save(service);
        BookableService changed = service.withName("Renamed").withCapacity(1).withMinNoticeMinutes(30)
                .withBookingWindowDays(7).withActive(false);

        save(changed);

        assertThat(services.findById(service.id())).contains(changed);
        assertThat(services.findByUnit(unit.id())).containsExactly(changed);
    }

    @Test
    void findByUnitListsOnlyThatUnitsServicesOrderedByName() {
        BookableService b = aServiceOf(unit).named("Service B").build();
        BookableService c = aServiceOf(unit).named("Service C").build();
        BookableService a = aServiceOf(unit).named("Service A").build();
        Unit other = saveUnit();
        BookableService ofOther = aServiceOf(other).named("Service A").build();
        save(b);
        save(ofOther);
        save(c);
        save(a);

        assertThat(services.findByUnit(unit.id())).containsExactly(a, b, c);
        assertThat(services.findByUnit(other.id())).containsExactly(ofOther);
    }

    @Test
    void aUnitWithoutServicesHasNone() {
        assertThat(services.findByUnit(unit.id())).isEmpty();
        assertThat(services.findByUnit(new UnitId(UUID.randomUUID().toString()))).isEmpty();
    }

    private Unit saveUnit() {
        Unit saved = aUnit().named("Unit " + UUID.randomUUID()).build();
        inUnitOfWork(ports, () -> ports.units().save(saved));
        return saved;
    }

    private void save(BookableService service) {
        inUnitOfWork(ports, () -> services.save(service));
    }
}
