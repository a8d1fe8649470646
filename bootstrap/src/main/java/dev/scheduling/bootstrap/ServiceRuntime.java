package dev.scheduling.bootstrap;

import dev.scheduling.adapter.http.HttpApi;
import dev.scheduling.adapter.http.HttpSettings;
import dev.scheduling.adapter.inmemory.InMemoryAdapters;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.SchedulingSettings;
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
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running service: the adapters chosen by the configuration, wired into the use cases with
 * {@code new}, the HTTP server and the background jobs. Closing it shuts them down in order.
 */
public final class ServiceRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);
    static final Duration SWEEP_PERIOD = Duration.ofMillis(500);
    static final Duration HOUSEKEEPING_PERIOD = Duration.ofMinutes(10);

    private final HttpApi http;
    private final BackgroundJobs jobs;
    private final InMemoryAdapters adapters;
    private final Scheduling scheduling;
    private final String adminToken;
    private final PrometheusMeterRegistry meters;

    private ServiceRuntime(Configuration configuration, Clock clock, String host, int port) {
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics()).forEach(binder -> binder.bindTo(meters));

        this.adapters = new InMemoryAdapters(clock);
        this.scheduling = new Scheduling(adapters.ports(), new SchedulingSettings(configuration.lockTtl()), meters,
                GlobalOpenTelemetry.get());

        this.adminToken = configuration.adminToken().orElseGet(() -> {
            String generated = randomToken();
            // The contract: a generated admin token is printed once, so that the operator can use it.
            LOG.warn("{} is not set; this run's admin token is {}", Configuration.ADMIN_TOKEN, generated);
            return generated;
        });
        this.http = new HttpApi(scheduling, new HttpSettings(adminToken, meters::scrape, List.of()), meters);

        this.jobs = new BackgroundJobs();
        jobs.every(SWEEP_PERIOD, "expired locks", scheduling.expireDueLocks()::expireDueLocks);
        jobs.every(HOUSEKEEPING_PERIOD, "idempotency keys purged", scheduling::purgeIdempotencyKeys);

        http.start(host, port);
        LOG.info("scheduling service listening on port {} (in-memory mode: nothing survives a restart)", http.port());
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

    /** The in-memory adapters, so that tests can watch the event bus. */
    public InMemoryAdapters adapters() {
        return adapters;
    }

    public Scheduling scheduling() {
        return scheduling;
    }

    /** Stops taking requests, lets those in flight finish, then stops the jobs. */
    @Override
    public void close() {
        http.stop();
        jobs.close();
        meters.close();
        LOG.info("scheduling service stopped");
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
