package dev.scheduling.bootstrap;

import dev.scheduling.adapter.http.HttpApi;
import dev.scheduling.adapter.http.HttpSettings;
import dev.scheduling.adapter.http.TrustedProxies;
import dev.scheduling.adapter.inmemory.DevMailboxNotifier;
import dev.scheduling.adapter.inmemory.HmacOneTimeCodes;
import dev.scheduling.adapter.inmemory.InMemoryAdapters;
import dev.scheduling.adapter.inmemory.InMemoryEventBus;
import dev.scheduling.adapter.inmemory.InMemoryTransactions;
import dev.scheduling.adapter.inmemory.RetryingSubscriber;
import dev.scheduling.adapter.inmemory.SecureRandomIdentifiers;
import dev.scheduling.adapter.persistence.OutboxRelay;
import dev.scheduling.adapter.rabbitmq.EventTopology;
import dev.scheduling.adapter.rabbitmq.RabbitMqConnection;
import dev.scheduling.adapter.rabbitmq.RabbitMqEventBus;
import dev.scheduling.adapter.rabbitmq.RabbitMqEventConsumer;
import dev.scheduling.adapter.persistence.PostgresAdapters;
import dev.scheduling.adapter.persistence.PostgresDatabase;
import dev.scheduling.adapter.token.JwtAccessTokens;
import dev.scheduling.application.ClientPorts;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.SchedulingSettings;
import dev.scheduling.application.port.in.ReadDevMailboxUseCase;
import dev.scheduling.application.port.out.HealthCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running service: the adapters chosen by the configuration (in memory, or PostgreSQL when
 * {@code SCHEDULING_DB_URL} is set), wired into the use cases with {@code new}, the HTTP server and the
 * background jobs. Closing it shuts them down in reverse order.
 */
public final class ServiceRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);
    static final Duration SWEEP_PERIOD = Duration.ofMillis(500);
    static final Duration RELAY_PERIOD = Duration.ofMillis(100);
    static final Duration OUTBOX_RETENTION = Duration.ofDays(1);
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Without a broker, a notice that fails is tried again on the broker's default schedule. */
    static final List<Duration> IN_PROCESS_RETRY_DELAYS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(5));

    private final PrometheusMeterRegistry meters;
    private final OpenTelemetry openTelemetry;
    private final InMemoryEventBus eventBus;
    private final DevMailboxNotifier devNotifier = new DevMailboxNotifier();
    private final Optional<PostgresDatabase> database;
    private final Optional<RabbitMqConnection> broker;
    private final Optional<RabbitMqEventBus> rabbit;
    private final Optional<RabbitMqEventConsumer> notifications;
    private final Optional<RetryingSubscriber> inProcessNotifications;
    private final WebhookRuntime webhooks;
    private final Scheduling scheduling;
    private final String adminToken;
    private final BackgroundJobs jobs;
    private final HttpApi http;

    private ServiceRuntime(Configuration configuration, Clock clock, String host, int port,
                           OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.meters = Wiring.meterRegistry();
        this.jobs = new BackgroundJobs();
        List<HealthCheck> readiness = new ArrayList<>();

        // RabbitMQ, when configured, carries every event; the in-process bus still sees them, after the broker.
        this.broker = configuration.broker().map(settings -> Wiring.connectToBroker(settings, "scheduling-service"));
        this.rabbit = broker.map(connection -> new RabbitMqEventBus(connection, meters));
        rabbit.ifPresent(RabbitMqEventBus::declareTopology);
        broker.ifPresent(connection -> readiness.add(connection.healthCheck()));

        SchedulingPorts ports;
        if (configuration.database().isPresent()) {
            PostgresDatabase postgres = PostgresDatabase.open(Wiring.postgresSettings(configuration.database().get()),
                    meters);
            this.database = Optional.of(postgres);
            // In-process subscribers get the events that the outbox relay delivers after commit.
            this.eventBus = new InMemoryEventBus(new InMemoryTransactions());
            ports = new PostgresAdapters(postgres, new SecureRandomIdentifiers(), clock).ports();
            readiness.add(postgres.healthCheck());
            OutboxRelay relay = new OutboxRelay(postgres.jdbi(), batch -> {
                rabbit.ifPresent(bus -> bus.publish(batch));
                batch.forEach(eventBus::publish);
            });
            Gauge.builder("events.outbox.pending", relay, OutboxRelay::pending)
                    .description("Events committed and not delivered yet").register(meters);
            Gauge.builder("events.outbox.oldest.age", relay, OutboxRelay::oldestPendingAgeSeconds)
                    .description("How long the oldest undelivered event has waited").baseUnit("seconds")
                    .register(meters);
            jobs.every(RELAY_PERIOD, "events relayed", relay::relayPending);
            jobs.every(Wiring.HOUSEKEEPING_PERIOD, "relayed events purged", () -> relay.purgeSent(OUTBOX_RETENTION));
        } else {
            this.database = Optional.empty();
            InMemoryAdapters adapters = new InMemoryAdapters(clock);
            this.eventBus = adapters.eventBus();
            ports = adapters.ports();
            // No outbox in memory: each event goes to the broker after its commit, and is lost if that fails.
            rabbit.ifPresent(bus -> eventBus.subscribe("#", event -> bus.publish(List.of(event))));
        }
        byte[] secret = tokenSecret(configuration);
        ClientPorts clientPorts = new ClientPorts(new HmacOneTimeCodes(derivedKey(secret, "one-time codes")),
                new JwtAccessTokens(secret, ACCESS_TOKEN_LIFETIME), devNotifier);
        this.scheduling = new Scheduling(ports, clientPorts,
                new SchedulingSettings(configuration.lockTtl(), configuration.loginPolicy()), meters, openTelemetry);
        // Appointment notices go out after commit: from the broker's notifications queue, with retries and
        // a dead-letter queue, when there is a broker (unless separate workers consume it); from the
        // in-process bus otherwise.
        if (broker.isPresent()) {
            this.inProcessNotifications = Optional.empty();
            this.notifications = configuration.notificationsInProcess()
                    ? Optional.of(new RabbitMqEventConsumer(broker.get(), configuration.broker().get().notificationsQueue(),
                            EventTopology.NOTIFICATION_BINDINGS, scheduling.notifyClients()::handle, meters))
                    : Optional.empty();
            notifications.ifPresent(RabbitMqEventConsumer::start);
        } else {
            this.notifications = Optional.empty();
            this.inProcessNotifications = Optional.of(new RetryingSubscriber(scheduling.notifyClients()::handle,
                    IN_PROCESS_RETRY_DELAYS));
            EventTopology.NOTIFICATION_BINDINGS.forEach(pattern ->
                    eventBus.subscribe(pattern, inProcessNotifications.get()));
        }

        // Webhook deliveries likewise: from the broker's webhooks queue, or from the in-process bus.
        this.webhooks = new WebhookRuntime(ports, configuration.webhooks(), meters, openTelemetry);
        if (configuration.webhooks().inProcess()) {
            if (broker.isPresent()) {
                webhooks.deliverFrom(broker.get(), configuration.broker().get().webhooksQueue(), jobs, meters);
            } else {
                webhooks.deliverFrom(eventBus, IN_PROCESS_RETRY_DELAYS, jobs);
            }
        }

        this.adminToken = configuration.adminToken().orElseGet(() -> {
            String generated = randomToken();
            // The contract: a generated admin token is printed once, so that the operator can use it.
            LOG.warn("{} is not set; this run's admin token is {}", Configuration.ADMIN_TOKEN, generated);
            return generated;
        });
        Optional<ReadDevMailboxUseCase> mailbox = configuration.devMailbox()
                ? Optional.of(devNotifier::sent) : Optional.empty();
        Wiring.registerReadiness(meters, readiness);
        this.http = new HttpApi(scheduling, webhooks.webhooks().manage(), new HttpSettings(adminToken, meters::scrape,
                readiness, mailbox, configuration.frameAncestors(), configuration.corsOrigins(),
                configuration.loginRateLimit(), new TrustedProxies(configuration.trustedProxies())), meters, openTelemetry);

        jobs.every(SWEEP_PERIOD, "expired locks", scheduling.expireDueLocks()::expireDueLocks);
        jobs.every(Wiring.HOUSEKEEPING_PERIOD, "idempotency keys purged", scheduling::purgeIdempotencyKeys);
        jobs.every(Wiring.HOUSEKEEPING_PERIOD, "ended locks purged", scheduling::purgeEndedLocks);
        jobs.every(Wiring.HOUSEKEEPING_PERIOD, "handled events purged", scheduling::purgeHandledEvents);

        http.start(host, port);
        LOG.info("scheduling service listening on port {} ({}; {})", http.port(), database
                .map(postgres -> "PostgreSQL at " + postgres.settings().printableUrl())
                .orElse("in-memory mode: nothing survives a restart"), broker
                .map(connection -> "events on RabbitMQ at " + connection.settings().printableUrl())
                .orElse("events on the in-process bus"));
    }

    /** Starts the service on the configured port, with the system clock and tracing as the OTEL_* variables say. */
    public static ServiceRuntime start(Configuration configuration) {
        return new ServiceRuntime(configuration, Clock.systemUTC(), "0.0.0.0", configuration.httpPort(),
                Telemetry.fromEnvironment(System.getenv(), "scheduling-service"));
    }

    /** Starts on loopback with the given clock and port (0 picks a free one), without tracing: for tests. */
    public static ServiceRuntime startForTest(Configuration configuration, Clock clock, int port) {
        return startForTest(configuration, clock, port, OpenTelemetry.noop());
    }

    /** The same, traced by the given OpenTelemetry (an SDK with an in-memory exporter, say). */
    public static ServiceRuntime startForTest(Configuration configuration, Clock clock, int port,
                                              OpenTelemetry openTelemetry) {
        return new ServiceRuntime(configuration, clock, "127.0.0.1", port, openTelemetry);
    }

    public int port() {
        return http.port();
    }

    public String adminToken() {
        return adminToken;
    }

    /** The in-process event bus: every committed event reaches its subscribers, in either mode. */
    public InMemoryEventBus eventBus() {
        return eventBus;
    }

    /** What the development sender has "sent". */
    public DevMailboxNotifier devNotifier() {
        return devNotifier;
    }

    public Scheduling scheduling() {
        return scheduling;
    }

    /** Stops taking requests, lets those in flight finish, stops the jobs, then closes the pool. */
    @Override
    public void close() {
        http.stop();
        jobs.close();
        webhooks.close();
        notifications.ifPresent(RabbitMqEventConsumer::close);
        inProcessNotifications.ifPresent(RetryingSubscriber::close);
        rabbit.ifPresent(RabbitMqEventBus::close);
        broker.ifPresent(RabbitMqConnection::close);
        database.ifPresent(PostgresDatabase::close);
        meters.close();
        Telemetry.close(openTelemetry);
        LOG.info("scheduling service stopped");
    }

    /** The secret that signs access tokens and keys code hashes: configured, or random for this process. */
    private static byte[] tokenSecret(Configuration configuration) {
        return configuration.tokenSecret().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            LOG.warn("{} is not set: client logins use a random key of this process; they end at restart and"
                    + " do not work across instances", Configuration.TOKEN_SECRET);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
    }

    /** A key for one purpose derived from the secret (HMAC-SHA256 of the purpose), so keys are never reused. */
    private static byte[] derivedKey(byte[] secret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JVM has HmacSHA256", impossible);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
