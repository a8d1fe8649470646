package dev.scheduling.bootstrap;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;

/**
 * Tracing for a process: off (the API's no-op) unless {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set; then
 * the OpenTelemetry SDK, configured by the standard {@code OTEL_*} variables (service name, headers,
 * sampler, resource attributes …), exporting spans over OTLP, by HTTP unless
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL} says otherwise. Metrics stay on {@code /metrics} (Prometheus) and
 * logs on stdout: only traces are exported.
 */
final class Telemetry {
    static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private Telemetry() {
    }

    static OpenTelemetry fromEnvironment(Map<String, String> env, String serviceName) {
        String endpoint = env.get(OTLP_ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            return OpenTelemetry.noop();
        }
        // Defaults only: the OTEL_* variables of the process override each of them.
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of(
                        "otel.exporter.otlp.endpoint", endpoint,
                        "otel.service.name", serviceName,
                        "otel.exporter.otlp.protocol", "http/protobuf",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .build()
                .getOpenTelemetrySdk();
    }

    /** Flushes and stops the SDK, if there is one. */
    static void close(OpenTelemetry openTelemetry) {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.close();
        }
    }
}
