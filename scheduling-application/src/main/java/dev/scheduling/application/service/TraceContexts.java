package dev.scheduling.application.service;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * The trace context that an event carries from the command that caused it to its consumers, in the W3C
 * Trace Context format ({@code traceparent}, {@code tracestate}) whatever propagators the application
 * configured: it is stored and carried as plain text by the adapters.
 */
final class TraceContexts {
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContexts() {
    }

    /** The current span's context as propagation fields; empty outside a sampled span. */
    static Map<String, String> current() {
        Map<String, String> fields = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), fields, Map::put);
        return fields;
    }

    /** The context the fields describe, as the parent of a consumer's span; the root context when empty. */
    static Context parent(Map<String, String> fields) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), fields, FROM_MAP);
    }
}
