package dev.scheduling.bootstrap;

import dev.scheduling.adapter.http.HttpApi;
import dev.scheduling.adapter.inmemory.DevMailboxNotifier;
import dev.scheduling.adapter.inmemory.SecureRandomIdentifiers;
import dev.scheduling.adapter.persistence.PostgresAdapters;
import dev.scheduling.adapter.persistence.PostgresDatabase;
import dev.scheduling.adapter.rabbitmq.EventTopology;
import dev.scheduling.adapter.rabbitmq.RabbitMqConnection;
import dev.scheduling.adapter.rabbitmq.RabbitMqEventConsumer;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.HealthCheck;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.application.service.ClientNotificationService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker on its own ({@code scheduling-service.jar worker}): it consumes the notifications queue from
 * RabbitMQ and sends the notices, recording each event in PostgreSQL's inbox; it consumes the webhooks
 * queue and sends the webhook deliveries ({@link WebhookRuntime}); and it serves only {@code /health},
 * {@code /ready} and {@code /metrics}. Any number of workers (and services with in-process notifications
 * or webhooks) share the queues as competing consumers; the inbox makes each notice go out once, and
 * each event become its deliveries once, between them.
 */
public final class WorkerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

    private final PrometheusMeterRegistry meters;
    private final OpenTelemetry openTelemetry;
    private final PostgresDatabase database;
    private final RabbitMqConnection broker;
    private final RabbitMqEventConsumer consumer;
    private final WebhookRuntime webhooks;
    private final BackgroundJobs jobs;
    private final HttpApi http;

    private WorkerRuntime(Configuration configuration, Clock clock, String host, int port, Notifier notifier,
                          OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        Configuration.Database databaseSettings = configuration.database().orElseThrow(() -> new ConfigurationException(
                Configuration.DB_URL, "must be set: the worker reads clients and records handled events in PostgreSQL"));
        Configuration.Broker brokerSettings = configuration.broker().orElseThrow(() -> new ConfigurationException(
                Configuration.AMQP_URL, "must be set: the worker consumes the events from RabbitMQ"));
        this.meters = Wiring.meterRegistry();
        this.database = PostgresDatabase.open(Wiring.postgresSettings(databaseSettings), meters);
        this.broker = Wiring.connectToBroker(brokerSettings, "scheduling-worker");
        SchedulingPorts ports = new PostgresAdapters(database, new SecureRandomIdentifiers(), clock).ports();
        ClientNotificationService notifications = new ClientNotificationService(ports.clients(), ports.units(),
                ports.inbox(), ports.unitOfWork(), notifier, clock, meters,
                openTelemetry.getTracer(Scheduling.INSTRUMENTATION_SCOPE));
        this.consumer = new RabbitMqEventConsumer(broker, brokerSettings.notificationsQueue(),
                EventTopology.NOTIFICATION_BINDINGS, notifications::handle, meters);
        this.jobs = new BackgroundJobs();
        jobs.every(Wiring.HOUSEKEEPING_PERIOD, "handled events purged", notifications::purgeHandled);
        this.webhooks = new WebhookRuntime(ports, configuration.webhooks(), meters, openTelemetry);
        webhooks.deliverFrom(broker, brokerSettings.webhooksQueue(), jobs, meters);
        List<HealthCheck> readiness = List.of(database.healthCheck(), broker.healthCheck());
        Wiring.registerReadiness(meters, readiness);
        this.http = HttpApi.operationsOnly(meters::scrape, readiness, meters);
        consumer.start();
        http.start(host, port);
        LOG.info("worker consuming {} and {} at {} (PostgreSQL at {}); health and metrics on port {}",
                brokerSettings.notificationsQueue(), brokerSettings.webhooksQueue(), broker.settings().printableUrl(),
                database.settings().printableUrl(), http.port());
    }

    /** Starts the worker with the system clock, the development sender and tracing as OTEL_* say. */
    public static WorkerRuntime start(Configuration configuration) {
        return new WorkerRuntime(configuration, Clock.systemUTC(), "0.0.0.0", configuration.httpPort(),
                new DevMailboxNotifier(), Telemetry.fromEnvironment(System.getenv(), "scheduling-worker"));
    }

    /** Starts on loopback with the given clock, port (0 picks a free one) and notifier, untraced: for tests. */
    public static WorkerRuntime startForTest(Configuration configuration, Clock clock, int port, Notifier notifier) {
        return startForTest(configuration, clock, port, notifier, OpenTelemetry.noop());
    }

    /** The same, traced by the given OpenTelemetry. */
    public static WorkerRuntime startForTest(Configuration configuration, Clock clock, int port, Notifier notifier,
                                             OpenTelemetry openTelemetry) {
        return new WorkerRuntime(configuration, clock, "127.0.0.1", port, notifier, openTelemetry);
    }

    public int port() {
        return http.port();
    }

    /**
     * Stops consuming first: deliveries not yet acknowledged go back to the queue for the other workers;
     * then the jobs, the broker connection and the pool.
     */
    @Override
    public void close() {
        consumer.close();
        http.stop();
        jobs.close();
        webhooks.close();
        broker.close();
        database.close();
        meters.close();
        Telemetry.close(openTelemetry);
        LOG.info("worker stopped");
    }
}
