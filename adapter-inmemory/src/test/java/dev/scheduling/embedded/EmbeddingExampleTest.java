package dev.scheduling.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.adapter.inmemory.InMemoryAdapters;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.SchedulingSettings;
import dev.scheduling.application.port.in.CreateServiceUseCase;
import dev.scheduling.application.port.in.CreateUnitUseCase;
import dev.scheduling.application.port.in.GetAvailabilityUseCase;
import dev.scheduling.application.port.in.LockSlotUseCase;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.domain.testing.CatalogFixtures;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.lock.LockStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * How a JVM application embeds the core: no HTTP, no database, no broker. Build the in-memory adapters,
 * hand their ports to {@link Scheduling}, subscribe to events, and call the use cases.
 */
class EmbeddingExampleTest {

    @Test
    void anApplicationEmbedsTheCoreInAFewLines() {
        InMemoryAdapters adapters = new InMemoryAdapters(Clock.systemUTC());
        Scheduling scheduling = new Scheduling(adapters.ports(), adapters.clientPorts(), SchedulingSettings.defaults(),
                new SimpleMeterRegistry(), OpenTelemetry.noop());
        List<EventEnvelope> events = new CopyOnWriteArrayList<>();
        adapters.eventBus().subscribe("slot.*", events::add);

        Unit unit = scheduling.createUnit().createUnit(new CreateUnitUseCase.Command("Centro",
                ZoneId.of("Europe/Lisbon"), CatalogFixtures.everyDay("09:00-18:00"), null));
        BookableService service = scheduling.createService().createService(new CreateServiceUseCase.Command(
                unit.id(), "Consulta", 30, 2, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty()));
        LocalDate tomorrow = LocalDate.now(unit.timeZone()).plusDays(1);

        var availability = scheduling.availability().availability(
                new GetAvailabilityUseCase.Query(unit.id(), service.id(), tomorrow, tomorrow));
        assertThat(availability.slots()).hasSize(18);

        LockView lock = scheduling.lockSlot().lock(new LockSlotUseCase.Command(unit.id(), service.id(), tomorrow,
                LocalTime.of(9, 0), 1));
        assertThat(lock.status()).isEqualTo(LockStatus.LOCKED);
        assertThat(lock.capacity().used()).isEqualTo(1);

        LockView released = scheduling.releaseSlot().release(lock.lock().token());
        assertThat(released.status()).isEqualTo(LockStatus.RELEASED);
        assertThat(released.capacity().used()).isZero();

        assertThat(events).extracting(EventEnvelope::type).containsExactly("slot.locked", "slot.released");
    }
}
