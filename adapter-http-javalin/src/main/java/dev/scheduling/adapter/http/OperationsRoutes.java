package dev.scheduling.adapter.http;

import dev.scheduling.application.port.out.HealthCheck;
import dev.scheduling.application.port.out.StoredResponse;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Liveness, readiness and metrics for operators and orchestrators. */
final class OperationsRoutes {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> metricsScrape;
    private final List<HealthCheck> readiness;

    OperationsRoutes(Supplier<String> metricsScrape, List<HealthCheck> readiness) {
        this.metricsScrape = metricsScrape;
        this.readiness = readiness;
    }

    StoredResponse health(Context ctx) {
        return Json.response(200, Map.of("status", "UP"));
    }

    /** 200 when every dependency in use answers; 503 naming the ones that do not. */
    StoredResponse ready(Context ctx) {
        Map<String, String> components = new LinkedHashMap<>();
        boolean ready = true;
        for (HealthCheck check : readiness) {
            boolean healthy = check.answers();
            components.put(check.component(), healthy ? "UP" : "DOWN");
            ready &= healthy;
        }
        return Json.response(ready ? 200 : 503, Map.of("status", ready ? "UP" : "DOWN", "components", components));
    }

    StoredResponse metrics(Context ctx) {
        return new StoredResponse(200, PROMETHEUS_TEXT, metricsScrape.get().getBytes(StandardCharsets.UTF_8));
    }
}
