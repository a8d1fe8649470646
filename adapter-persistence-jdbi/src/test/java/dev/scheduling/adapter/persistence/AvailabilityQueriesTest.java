package dev.scheduling.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.adapter.inmemory.InMemoryAdapters;
import dev.scheduling.adapter.inmemory.SecureRandomIdentifiers;
import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.SchedulingSettings;
import dev.scheduling.application.port.in.CreateServiceUseCase;
import dev.scheduling.application.port.in.CreateUnitUseCase;
import dev.scheduling.application.port.in.GetAvailabilityUseCase;
import dev.scheduling.application.port.in.LockSlotUseCase;
import dev.scheduling.domain.testing.CatalogFixtures;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Availability costs the same few queries for one day as for 31, however many slots and locks there
 * are: no query per slot or per day.
 */
class AvailabilityQueriesTest {
    private static final LocalDate FIRST = LocalDate.parse("2030-06-03");

    private static PostgresTestDatabase database;
    private static final AtomicInteger statements = new AtomicInteger();

    @BeforeAll
    static void createSchema() {
        database = PostgresTestDatabase.create(2);
        database.database().jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void dropSchema() {
        database.close();
    }

    @Test
    void aMonthOfAvailabilityTakesAsManyQueriesAsOneDay() {
        MutableClock clock = MutableClock.at("2030-06-02T00:00:00Z");
        Scheduling scheduling = new Scheduling(
                new PostgresAdapters(database.database(), new SecureRandomIdentifiers(), clock).ports(),
                new InMemoryAdapters(clock).clientPorts(),
                SchedulingSettings.defaults(), new SimpleMeterRegistry(), OpenTelemetry.noop());
        Unit unit = scheduling.createUnit().createUnit(new CreateUnitUseCase.Command("Centro", ZoneId.of("UTC"),
                CatalogFixtures.everyDay("08:00-12:00", "13:00-20:00"), Set.of()));
        BookableService service = scheduling.createService().createService(new CreateServiceUseCase.Command(
                unit.id(), "Consulta", 30, 3, OptionalInt.of(15), OptionalInt.empty(), OptionalInt.empty()));
        for (int day = 0; day < 31; day += 3) {
            scheduling.lockSlot().lock(new LockSlotUseCase.Command(unit.id(), service.id(), FIRST.plusDays(day),
                    LocalTime.of(9, 0), 1));
        }

        List<Integer> counts = new ArrayList<>();
        for (int days : new int[] {1, 7, 31}) {
            statements.set(0);
            var availability = scheduling.availability().availability(new GetAvailabilityUseCase.Query(unit.id(),
                    service.id(), FIRST, FIRST.plusDays(days - 1)));
            assertThat(availability.slots()).hasSize(days * 42);
            counts.add(statements.get());
        }

        assertThat(counts).as("statements for 1, 7 and 31 days").allMatch(count -> count.equals(counts.get(0)));
        assertThat(counts.get(0)).isLessThanOrEqualTo(4);
    }
}
