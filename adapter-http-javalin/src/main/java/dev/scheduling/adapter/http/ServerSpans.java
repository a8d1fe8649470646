package dev.scheduling.adapter.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A server span per request, the parent of the use case's spans: it continues the caller's trace when the
 * request carries one ({@code traceparent}), and is named by the route template once the route is known
 * ({@code POST /slots/lock}). Opened before the handlers and closed after them, on the request's thread.
 */
final class ServerSpans {
    private static final String SPAN = "scheduling.span";
    private static final String SCOPE = "scheduling.scope";
    private static final TextMapGetter<Context> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Context ctx) {
            return ctx.headerMap().keySet();
        }

        @Override
        public String get(Context ctx, String name) {
            return ctx == null ? null : ctx.header(name);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    ServerSpans(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("dev.scheduling.http");
    }

    void open(Context ctx) {
        io.opentelemetry.context.Context parent = openTelemetry.getPropagators().getTextMapPropagator()
                .extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
        Span span = tracer.spanBuilder(ctx.method().name()).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", ctx.method().name())
                .setAttribute("url.path", ctx.path())
                .startSpan();
        ctx.attribute(SPAN, span);
        ctx.attribute(SCOPE, span.makeCurrent());
    }

    void close(Context ctx, String route) {
        Span span = ctx.attribute(SPAN);
        Scope scope = ctx.attribute(SCOPE);
        if (span == null || scope == null) {
            return;
        }
        try {
            span.updateName(ctx.method().name() + " " + route);
            span.setAttribute("http.route", route);
            span.setAttribute("http.response.status_code", ctx.statusCode());
            if (ctx.statusCode() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        } finally {
            scope.close();
            span.end();
        }
    }

    /** The route template the request matched, or {@code fallback} when none did. */
    static String route(Context ctx, String fallback) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? fallback : matched.path;
    }
}
