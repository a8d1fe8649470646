package dev.scheduling.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Tracing is off without an OTLP endpoint, and exports spans over OTLP/HTTP to the one configured. */
class TelemetryTest {

    @Test
    void without_an_endpoint_tracing_is_the_no_op_api() {
        OpenTelemetry off = Telemetry.fromEnvironment(Map.of(), "scheduling-service");

        Span span = off.getTracer("test").spanBuilder("nothing").startSpan();
        assertThat(span.getSpanContext().isValid()).isFalse();
        span.end();
    }

    @Test
    void with_an_endpoint_spans_are_exported_over_otlp_http() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body.length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            OpenTelemetry on = Telemetry.fromEnvironment(Map.of(Telemetry.OTLP_ENDPOINT,
                    "http://127.0.0.1:" + collector.getAddress().getPort()), "scheduling-service");
            Span span = on.getTracer("test").spanBuilder("AvailabilityService.lockSlot").startSpan();
            assertThat(span.getSpanContext().isValid()).isTrue();
            span.end();

            Telemetry.close(on); // flushes the batch

            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            assertThat(received.get(0)).startsWith("POST /v1/traces application/x-protobuf");
        } finally {
            collector.stop(0);
        }
    }
}
