package dev.scheduling.bootstrap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.events.json.EventJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP contract (webhooks included) against a real {@link ServiceRuntime} on a random port, with a clock the tests move
 * and the events of its in-process bus in the wire form of {@code EVENTS.md}. Each mode supplies the
 * environment that selects its adapters; the client journey's settings (dev mailbox, token secret, login
 * limits) are the same in every mode.
 */
abstract class RunningServiceHttpTest extends WebhooksContractTest {
    private final String adminToken = "test-admin-" + UUID.randomUUID();
    /** Monday 2026-03-02, 09:00 in São Paulo; tests only ever move it forward. */
    private final MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");
    private final List<ObservedEvent> events = new CopyOnWriteArrayList<>();
    private ServiceRuntime runtime;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    /** The variables that select this mode's adapters, beside the admin token. */
    protected abstract Map<String, String> modeEnvironment();

    @BeforeAll
    void startService() {
        Map<String, String> env = new HashMap<>(modeEnvironment());
        env.put(Configuration.ADMIN_TOKEN, adminToken);
        env.putAll(clientJourneyEnvironment());
        runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(env), clock, 0);
        subscriptions.add(runtime.eventBus().subscribe("slot.*", envelope -> events.add(observed(envelope))));
        subscriptions.add(runtime.eventBus().subscribe("appointment.*", envelope -> events.add(observed(envelope))));
    }

    @AfterAll
    void stopService() throws Exception {
        for (AutoCloseable subscription : subscriptions) {
            subscription.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        modeStopped();
    }

    /**
     * The settings the client journey's and the webhooks' tests count on: the dev mailbox, a known secret,
     * the login limits, receivers on loopback, deactivation after a few failures.
     */
    private static Map<String, String> clientJourneyEnvironment() {
        return Map.of(
                Configuration.WEBHOOK_ALLOW_PRIVATE, "true",
                Configuration.WEBHOOK_DISABLE_AFTER, Integer.toString(WEBHOOK_DISABLE_AFTER),
                Configuration.DEV_MAILBOX, "true",
                Configuration.TOKEN_SECRET, TOKEN_SECRET,
                Configuration.OTP_TTL, OTP_TTL.toString(),
                Configuration.OTP_MAX_ATTEMPTS, Integer.toString(OTP_MAX_ATTEMPTS),
                Configuration.OTP_RESEND_COOLDOWN, OTP_RESEND_COOLDOWN.toString(),
                Configuration.OTP_THROTTLE_AFTER, Integer.toString(OTP_THROTTLE_AFTER));
    }

    /** Releases what {@link #modeEnvironment()} set up, once the service has stopped. */
    protected void modeStopped() {
    }

    /** The running service, for a mode's own tests. */
    protected ServiceRuntime runtime() {
        return runtime;
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

    /** The event exactly as a consumer of the contract reads it. */
    private static ObservedEvent observed(EventEnvelope envelope) {
        try {
            JsonNode wire = ApiClient.JSON.readTree(EventJson.encode(envelope));
            return new ObservedEvent(wire.path("eventId").asText(), wire.path("type").asText(),
                    wire.path("version").asInt(), wire.path("occurredAt").asText(), wire.path("payload"));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
