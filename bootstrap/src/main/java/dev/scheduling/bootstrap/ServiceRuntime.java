package dev.scheduling.bootstrap;

import dev.scheduling.adapter.http.HttpApi;
import dev.scheduling.adapter.http.HttpSettings;
import dev.scheduling.adapter.inmemory.InMemoryAdapters;
import dev.scheduling.adapter.inmemory.InMemoryEventBus;
import dev.scheduling.adapter.inmemory.InMemoryTransactions;
import dev.scheduling.adapter.inmemory.SecureRandomIdentifiers;
import dev.scheduling.adapter.persistence.OutboxRelay;
import dev.scheduling.adapter.persistence.PostgresAdapters;
import dev.scheduling.adapter.persistence.PostgresDatabase;
import dev.scheduling.adapter.persistence.PostgresSettings;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.SchedulingSettings;
import dev.scheduling.application.port.out.HealthCheck;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
    static final Duration HOUSEKEEPING_PERIOD = Duration.ofMinutes(10);
    static final Duration OUTBOX_RETENTION = Duration.ofDays(1);

    private final PrometheusMeterRegistry meters;
    private final InMemoryEventBus eventBus;
    private final Optional<PostgresDatabase> database;
    private final Scheduling scheduling;
    private final String adminToken;
    private final BackgroundJobs jobs;
    private final HttpApi http;

    private ServiceRuntime(Configuration configuration, Clock clock, String host, int port) {
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics()).forEach(binder -> binder.bindTo(meters));
        this.jobs = new BackgroundJobs();
        List<HealthCheck> readiness = new ArrayList<>();

        SchedulingPorts ports;
        if (configuration.database().isPresent()) {
            PostgresDatabase postgres = PostgresDatabase.open(postgresSettings(configuration.database().get()));
            this.database = Optional.of(postgres);
            // In-process subscribers get the events that the outbox relay delivers after commit.
            this.eventBus = new InMemoryEventBus(new InMemoryTransactions());
            ports = new PostgresAdapters(postgres, new SecureRandomIdentifiers(), clock).ports();
            readiness.add(postgres.healthCheck());
            OutboxRelay relay = new OutboxRelay(postgres.jdbi(), batch -> batch.forEach(eventBus::publish));
            jobs.every(RELAY_PERIOD, "events relayed", relay::relayPending);
            jobs.every(HOUSEKEEPING_PERIOD, "relayed events purged", () -> relay.purgeSent(OUTBOX_RETENTION));
        } else {
            this.database = Optional.empty();
            InMemoryAdapters adapters = new InMemoryAdapters(clock);
            this.eventBus = adapters.eventBus();
            ports = adapters.ports();
        }
        this.scheduling = new Scheduling(ports, new SchedulingSettings(configuration.lockTtl()), meters,
                GlobalOpenTelemetry.get());

        this.adminToken = configuration.adminToken().orElseGet(() -> {
            String generated = randomToken();
            // The contract: a generated admin token is printed once, so that the operator can use it.
            LOG.warn("{} is not set; this run's admin token is {}", Configuration.ADMIN_TOKEN, generated);
            return generated;
        });
        this.http = new HttpApi(scheduling, new HttpSettings(adminToken, meters::scrape, readiness), meters);

        jobs.every(SWEEP_PERIOD, "expired locks", scheduling.expireDueLocks()::expireDueLocks);
        jobs.every(HOUSEKEEPING_PERIOD, "idempotency keys purged", scheduling::purgeIdempotencyKeys);

        http.start(host, port);
        LOG.info("scheduling service listening on port {} ({})", http.port(), database
                .map(postgres -> "PostgreSQL at " + postgres.settings().printableUrl())
                .orElse("in-memory mode: nothing survives a restart"));
    }

    /** Starts the service on the configured port, with the system clock. */
    public static ServiceRuntime start(Configuration configuration) {
        return new ServiceRuntime(configuration, Clock.systemUTC(), "0.0.0.0", configuration.httpPort());
    }

    /** Starts on loopback with the given clock and port (0 picks a free one): for tests. */
    public static ServiceRuntime startForTest(Configuration configuration, Clock clock, int port) {
        return new ServiceRuntime(configuration, clock, "127.0.0.1", port);
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

    public Scheduling scheduling() {
        return scheduling;
    }

    /** Stops taking requests, lets those in flight finish, stops the jobs, then closes the pool. */
    @Override
    public void close() {
        http.stop();
        jobs.close();
        database.ifPresent(PostgresDatabase::close);
        meters.close();
        LOG.info("scheduling service stopped");
    }

    private static PostgresSettings postgresSettings(Configuration.Database database) {
        return new PostgresSettings(database.url(), database.user(), database.password(), database.poolSize(),
                Optional.empty());
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
