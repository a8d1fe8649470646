package dev.scheduling.bootstrap.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.domain.lock.ReservationToken;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP contract against the embedded mode: in-memory adapters, a clock the tests move, and the
 * in-memory event bus watched through a {@code slot.*} subscription.
 */
class InMemoryHttpTest extends HttpContractTest {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final String adminToken = "in-memory-admin-" + UUID.randomUUID();
    /** Monday 2026-03-02, 09:00 in São Paulo; tests only ever move it forward. */
    private final MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");
    private final List<ObservedEvent> events = new CopyOnWriteArrayList<>();
    private ServiceRuntime runtime;
    private AutoCloseable subscription;

    @BeforeAll
    void startService() {
        runtime = ServiceRuntime.startForTest(
                Configuration.fromEnvironment(Map.of(Configuration.ADMIN_TOKEN, adminToken)), clock, 0);
        subscription = runtime.adapters().eventBus().subscribe("slot.*", envelope -> events.add(observed(envelope)));
    }

    @AfterAll
    void stopService() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Override
    protected String baseUrl() {
        return "http://127.0.0.1:" + runtime.port();
    }

    @Override
    protected String adminToken() {
        return adminToken;
    }

    @Override
    protected MutableClock clock() {
        return clock;
    }

    @Override
    protected EventFeed events() {
        return () -> List.copyOf(events);
    }

    /**
     * The event as EVENTS.md puts it on the wire. The embedded bus carries records whose components are
     * named after the contract's fields, so each component becomes one payload field in wire form.
     */
    private static ObservedEvent observed(EventEnvelope envelope) {
        ObjectNode payload = ApiClient.JSON.createObjectNode();
        for (RecordComponent component : envelope.event().getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(envelope.event());
            } catch (ReflectiveOperationException unreadable) {
                throw new IllegalStateException(unreadable);
            }
            payload.set(component.getName(), ApiClient.JSON.valueToTree(wireForm(value)));
        }
        return new ObservedEvent(envelope.eventId().toString(), envelope.type(), envelope.version(),
                envelope.occurredAt().toString(), payload);
    }

    private static Object wireForm(Object value) {
        if (value instanceof ReservationToken token) {
            return token.value();
        }
        if (value instanceof UnitId id) {
            return id.value();
        }
        if (value instanceof ServiceId id) {
            return id.value();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof LocalTime time) {
            return HH_MM.format(time);
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        if (value instanceof SlotReleased.Reason reason) {
            return reason.wireName();
        }
        return value;
    }
}
