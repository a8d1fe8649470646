package dev.scheduling.application.port.out.contract;

import static dev.scheduling.application.port.out.contract.StoreFixtures.inUnitOfWork;
import static dev.scheduling.domain.testing.CatalogFixtures.aUnit;
import static dev.scheduling.domain.testing.CatalogFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.UnitRepository;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UnitRepository}. An adapter's test extends it and supplies its ports; the
 * store may already hold other tests' units.
 */
public abstract class UnitRepositoryContract {

    /**
     * Fresh ports of the adapter under test, over a store that may hold other tests' data. The whole
     * set is asked for so that writes run in the adapter's own unit of work, as the use cases run them.
     */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private SchedulingPorts ports;
    private UnitRepository units;

    @BeforeEach
    void createPorts() {
        ports = newPorts(MutableClock.at("2026-12-07T10:00:00Z"));
        units = ports.units();
    }

    @Test
    void aSavedUnitIsFoundByItsIdWithEveryField() {
        Unit unit = aUnit().named("Centro").in("America/Sao_Paulo")
                .open(WeeklyOpeningHours.of(Map.of(
                        DayOfWeek.MONDAY, parse("09:00-12:00", "13:00-18:00"),
                        DayOfWeek.SATURDAY, parse("08:30-12:15"))))
                .closedOn("2026-12-25", "2027-01-01").build();

        save(unit);

        Unit found = units.findById(unit.id()).orElseThrow();
        assertThat(found).isEqualTo(unit);
        assertThat(found.timeZone().getId()).isEqualTo("America/Sao_Paulo");
        assertThat(found.openingHours().on(DayOfWeek.MONDAY)).isEqualTo(parse("09:00-12:00", "13:00-18:00"));
        assertThat(found.openingHours().on(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(found.closedDates()).containsExactly(LocalDate.parse("2026-12-25"), LocalDate.parse("2027-01-01"));
    }

    @Test
    void aUnitClosedEveryDayRoundTrips() {
        Unit unit = aUnit().in("Asia/Kathmandu").open(WeeklyOpeningHours.closed()).build();

        save(unit);

        Unit found = units.findById(unit.id()).orElseThrow();
        assertThat(found).isEqualTo(unit);
        assertThat(found.openingHours().asMap()).isEmpty();
        assertThat(found.closedDates()).isEmpty();
    }

    @Test
    void anUnknownIdFindsNothing() {
        assertThat(units.findById(new UnitId(UUID.randomUUID().toString()))).isEmpty();
    }

    @Test
    void savingAgainReplacesTheStoredState() {
        Unit unit = aUnit().named("Before " + UUID.randomUUID()).openEveryDay("09:00-12:00").build();
        save(unit);
        Unit changed = unit.withName("After " + UUID.randomUUID())
                .withOpeningHours(WeeklyOpeningHours.of(Map.of(DayOfWeek.TUESDAY, parse("10:00-11:00"))))
                .withClosedDates(Set.of(LocalDate.parse("2026-12-31")));

        save(changed);

        assertThat(units.findById(unit.id())).contains(changed);
        assertThat(units.findAll()).filteredOn(u -> u.id().equals(unit.id())).containsExactly(changed);
    }

    @Test
    void findAllListsEverySavedUnitOrderedByName() {
        // Names that sort alike under any collation: one prefix, then one capital letter.
        String prefix = "Order " + UUID.randomUUID() + " ";
        Unit b = aUnit().named(prefix + "B").build();
        Unit c = aUnit().named(prefix + "C").build();
        Unit a = aUnit().named(prefix + "A").build();
        save(b);
        save(c);
        save(a);

        List<Unit> mine = units.findAll().stream().filter(unit -> unit.name().startsWith(prefix)).toList();

        assertThat(mine).containsExactly(a, b, c);
    }

    @Test
    void unitsAreIndependentOfEachOther() {
        Unit first = aUnit().named("First " + UUID.randomUUID()).build();
        Unit second = aUnit().named("Second " + UUID.randomUUID()).build();
        save(first);
        save(second);

        save(first.withName("First renamed " + UUID.randomUUID()));

        assertThat(units.findById(second.id())).contains(second);
    }

    private void save(Unit unit) {
        inUnitOfWork(ports, () -> units.save(unit));
    }
}
