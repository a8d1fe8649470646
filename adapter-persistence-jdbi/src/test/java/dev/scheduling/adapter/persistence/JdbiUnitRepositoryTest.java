package dev.scheduling.adapter.persistence;

import static dev.scheduling.domain.testing.CatalogFixtures.aUnit;
import static dev.scheduling.domain.testing.CatalogFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.adapter.persistence.testing.PostgresSchema;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.UnitRepositoryContract;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The UnitRepository contract on PostgreSQL, in a schema of this class's own; and the units the adapter
 * keeps by the row they were made from, which must never answer for a row that changed.
 */
class JdbiUnitRepositoryTest extends UnitRepositoryContract {
    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    private final Clock clock = MutableClock.at("2026-12-07T10:00:00Z");

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return PostgresPorts.over(schema.database(), clock);
    }

    @Test
    void a_unit_changed_by_another_instance_is_read_as_changed() {
        SchedulingPorts first = newPorts(clock);
        SchedulingPorts second = newPorts(clock);
        Unit unit = aUnit().named("Before").in("Europe/Lisbon").build();
        save(first, unit);
        assertThat(first.units().findById(unit.id())).contains(unit);

        Unit changed = unit.withName("After")
                .withOpeningHours(WeeklyOpeningHours.of(Map.of(DayOfWeek.TUESDAY, parse("10:00-14:00"))))
                .withClosedDates(Set.of(LocalDate.parse("2026-12-24")));
        save(second, changed);

        Unit read = first.units().findById(unit.id()).orElseThrow();
        assertThat(read).isEqualTo(changed);
        assertThat(read.openingHours().on(DayOfWeek.TUESDAY)).isEqualTo(parse("10:00-14:00"));
        assertThat(read.closedDates()).containsExactly(LocalDate.parse("2026-12-24"));
    }

    @Test
    void more_units_than_are_kept_are_each_read_as_stored() {
        SchedulingPorts ports = newPorts(clock);
        List<Unit> saved = new ArrayList<>();
        for (int i = 0; i < JdbiUnitRepository.MADE_UNITS_KEPT + 5; i++) {
            saved.add(aUnit().named("Kept " + i).build());
        }
        ports.unitOfWork().execute(() -> {
            saved.forEach(ports.units()::save);
            return null;
        });

        for (int round = 0; round < 2; round++) {
            for (Unit unit : saved) {
                assertThat(ports.units().findById(unit.id())).contains(unit);
            }
        }
    }

    private static void save(SchedulingPorts ports, Unit unit) {
        ports.unitOfWork().execute(() -> {
            ports.units().save(unit);
            return null;
        });
    }
}
