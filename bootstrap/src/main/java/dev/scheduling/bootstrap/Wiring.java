package dev.scheduling.bootstrap;

import dev.scheduling.adapter.persistence.PostgresSettings;
import dev.scheduling.adapter.rabbitmq.RabbitMqConnection;
import dev.scheduling.adapter.rabbitmq.RabbitMqSettings;
import dev.scheduling.application.port.out.HealthCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the service and the worker build alike from the configuration. */
final class Wiring {
    static final Duration HOUSEKEEPING_PERIOD = Duration.ofMinutes(10);

    private Wiring() {
    }

    /** A Prometheus registry with the JVM and process metrics bound. */
    static PrometheusMeterRegistry meterRegistry() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics()).forEach(binder -> binder.bindTo(meters));
        return meters;
    }

    /**
     * Readiness as gauges, read at each scrape: {@code scheduling.ready} (1 when {@code /ready} would answer
     * 200) and {@code scheduling.dependency.up} per component; for alerts on a service that runs but
     * cannot serve.
     */
    static void registerReadiness(MeterRegistry meters, List<HealthCheck> readiness) {
        Gauge.builder("scheduling.ready", readiness, checks -> checks.stream().allMatch(HealthCheck::answers) ? 1 : 0)
                .description("1 when every dependency in use answers").strongReference(true).register(meters);
        for (HealthCheck check : readiness) {
            Gauge.builder("scheduling.dependency.up", check, dependency -> dependency.answers() ? 1 : 0)
                    .description("1 when the dependency answers").tag("component", check.component())
                    .strongReference(true).register(meters);
        }
    }

    static RabbitMqConnection connectToBroker(Configuration.Broker broker, String connectionName) {
        return RabbitMqConnection.open(rabbitMqSettings(broker), connectionName);
    }

    static RabbitMqSettings rabbitMqSettings(Configuration.Broker broker) {
        return new RabbitMqSettings(broker.url(), broker.retryDelays(), broker.prefetch());
    }

    static PostgresSettings postgresSettings(Configuration.Database database) {
        return new PostgresSettings(database.url(), database.user(), database.password(), database.poolSize(),
                Optional.empty());
    }
}
