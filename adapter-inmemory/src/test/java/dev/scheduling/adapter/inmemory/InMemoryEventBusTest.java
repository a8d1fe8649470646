package dev.scheduling.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.Scheduling;
import dev.scheduling.application.SchedulingSettings;
import dev.scheduling.application.port.in.CreateServiceUseCase;
import dev.scheduling.application.port.in.CreateUnitUseCase;
import dev.scheduling.application.port.in.LockSlotUseCase;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.domain.testing.CatalogFixtures;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Topic patterns as in AMQP, delivery after commit, and subscribers that fail on their own. */
class InMemoryEventBusTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventBus bus = new InMemoryEventBus(transactions);

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "slot.*,          slot.locked,             true",
            "slot.*,          slot.released,           true",
            "slot.*,          appointment.created,     false",
            "slot.*,          slot,                    false",
            "slot.*,          slot.locked.again,       false",
            "slot.*,          slotx.locked,            false",
            "appointment.*,   appointment.created,     true",
            "appointment.*,   appointment.rescheduled, true",
            "appointment.*,   appointment.cancelled,   true",
            "appointment.*,   slot.locked,             false",
            "#,               slot.locked,             true",
            "#,               appointment.cancelled,   true",
            "#,               a.b.c.d,                 true",
            "slot.#,          slot.locked,             true",
            "slot.#,          slot,                    true",
            "slot.#,          appointment.created,     false",
            "*.locked,        slot.locked,             true",
            "*.locked,        slot.released,           false",
            "slot.locked,     slot.locked,             true",
            "slot.locked,     slot.released,           false",
            "slot.locked,     slotXlocked,             false",
            "slot.locked,     slot.locked.x,           false",
    })
    void patternsFollowTheAmqpTopicRules(String pattern, String type, boolean matches) {
        assertThat(InMemoryEventBus.topicPattern(pattern).matcher(type).matches()).isEqualTo(matches);
    }

    @Test
    void aBlankPatternIsRefused() {
        assertThatThrownBy(() -> bus.subscribe(" ", event -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.subscribe(null, event -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachSubscriberGetsTheEventsWhoseTypeMatchesItsPattern() {
        List<EventEnvelope> slots = subscribe("slot.*");
        List<EventEnvelope> everything = subscribe("#");
        List<EventEnvelope> appointments = subscribe("appointment.*");
        List<EventEnvelope> released = subscribe("slot.released");
        EventEnvelope locked = envelope(locked());
        EventEnvelope freed = envelope(released());

        transactions.execute(() -> {
            bus.publish(locked);
            bus.publish(freed);
            return null;
        });

        assertThat(slots).containsExactly(locked, freed);
        assertThat(everything).containsExactly(locked, freed);
        assertThat(appointments).isEmpty();
        assertThat(released).containsExactly(freed);
    }

    @Test
    void anEventPublishedOutsideAUnitOfWorkIsDeliveredAtOnce() {
        List<EventEnvelope> received = subscribe("#");
        EventEnvelope event = envelope(locked());

        bus.publish(event);

        assertThat(received).containsExactly(event);
    }

    @Test
    void anEventOfAUnitOfWorkIsDeliveredOnlyWhenItCommits() {
        List<EventEnvelope> received = subscribe("#");
        EventEnvelope event = envelope(locked());

        transactions.execute(() -> {
            bus.publish(event);
            assertThat(received).isEmpty();
            return null;
        });

        assertThat(received).containsExactly(event);
    }

    @Test
    void aSubscriptionStopsWhenClosed() throws Exception {
        List<EventEnvelope> received = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = bus.subscribe("#", received::add);
        EventEnvelope before = envelope(locked());
        bus.publish(before);

        subscription.close();
        bus.publish(envelope(locked()));

        assertThat(received).containsExactly(before);
    }

    @Test
    void aFailingSubscriberNeitherStopsTheOthersNorFailsTheCommand() {
        MutableClock clock = MutableClock.at(NOW.toString());
        InMemoryAdapters adapters = new InMemoryAdapters(clock);
        Scheduling scheduling = new Scheduling(adapters.ports(), adapters.clientPorts(), SchedulingSettings.defaults(),
                new SimpleMeterRegistry(), OpenTelemetry.noop());
        adapters.eventBus().subscribe("slot.*", event -> {
            throw new IllegalStateException("a subscriber that always fails");
        });
        List<EventEnvelope> received = new CopyOnWriteArrayList<>();
        adapters.eventBus().subscribe("slot.locked", received::add);
        adapters.eventBus().subscribe("#", event -> {
            throw new IllegalStateException("another one");
        });
        List<EventEnvelope> alsoReceived = new CopyOnWriteArrayList<>();
        adapters.eventBus().subscribe("#", alsoReceived::add);
        Unit unit = scheduling.createUnit().createUnit(new CreateUnitUseCase.Command("Centro",
                ZoneId.of("America/Sao_Paulo"), CatalogFixtures.everyDay("09:00-12:00"), null));
        BookableService service = scheduling.createService().createService(new CreateServiceUseCase.Command(unit.id(),
                "Consulta", 30, 1, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty()));

        LockView lock = scheduling.lockSlot().lock(new LockSlotUseCase.Command(unit.id(), service.id(),
                LocalDate.parse("2026-12-07"), LocalTime.of(9, 0), 1));

        assertThat(lock.status()).isEqualTo(LockStatus.LOCKED);
        assertThat(scheduling.getLock().lock(lock.lock().token()).status()).isEqualTo(LockStatus.LOCKED);
        assertThat(received).extracting(EventEnvelope::type).containsExactly("slot.locked");
        assertThat(alsoReceived).extracting(EventEnvelope::type).containsExactly("slot.locked");
        assertThat(scheduling.releaseSlot().release(lock.lock().token()).status()).isEqualTo(LockStatus.RELEASED);
        assertThat(alsoReceived).extracting(EventEnvelope::type).containsExactly("slot.locked", "slot.released");
    }

    private List<EventEnvelope> subscribe(String pattern) {
        List<EventEnvelope> received = new CopyOnWriteArrayList<>();
        bus.subscribe(pattern, received::add);
        return received;
    }

    private static EventEnvelope envelope(dev.scheduling.domain.event.DomainEvent event) {
        return new EventEnvelope(UUID.randomUUID(), NOW, event);
    }

    private static SlotLocked locked() {
        return new SlotLocked(token(), new UnitId("u1"), new ServiceId("s1"), LocalDate.parse("2026-12-07"),
                LocalTime.of(9, 0), LocalTime.of(9, 30), 1, 2, 1, NOW.plusSeconds(300));
    }

    private static SlotReleased released() {
        return new SlotReleased(token(), new UnitId("u1"), new ServiceId("s1"), LocalDate.parse("2026-12-07"),
                LocalTime.of(9, 0), LocalTime.of(9, 30), 1, 2, 0, NOW.plusSeconds(300), SlotReleased.Reason.RELEASED);
    }

    private static ReservationToken token() {
        return new ReservationToken(UUID.randomUUID().toString().replace("-", ""));
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "#, slot.locked, true",
            "#.released, slot.released, true",
            "#.released, released, true",
            "#.released, slot.locked, false",
            "slot.#, slot, true",
            "slot.#, slot.released.late, true",
            "slot.#.late, slot.late, true",
            "slot.#.late, slot.released.late, true",
            "slot.#.late, slot.released, false",
            "slot.*, slot.locked, true",
            "slot.*, slot, false",
            "slot.*, slot.released.late, false",
            "*.cancelled, appointment.cancelled, true",
            "appointment.created, appointment.created, true",
            "appointment.created, appointmentXcreated, false"})
    void typePatternsFollowAmqpTopicRules(String pattern, String type, boolean matches) {
        assertThat(InMemoryEventBus.topicPattern(pattern).matcher(type).matches())
                .isEqualTo(matches);
    }
}
