package dev.scheduling.application.service;

import dev.scheduling.domain.RefusedException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * Runs a use case inside a span. A business refusal is an answer, not a fault: it is recorded as the
 * {@code refusal} attribute; any other exception marks the span as an error.
 */
final class Traced {
    static final String REFUSAL = "refusal";

    private final Tracer tracer;

    Traced(Tracer tracer) {
        this.tracer = tracer;
    }

    <T> T span(String name, SpanWork<T> work) {
        return span(tracer.spanBuilder(name).startSpan(), work);
    }

    /**
     * A consumer's span for an event: a child of the span of the command that caused it, when the event
     * carries its trace context, so that one trace shows the command, the event and what it caused.
     */
    <T> T consumerSpan(String name, Context parent, SpanWork<T> work) {
        return span(tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CONSUMER).startSpan(), work);
    }

    private <T> T span(Span span, SpanWork<T> work) {
        try (Scope ignored = span.makeCurrent()) {
            return work.run(span);
        } catch (RefusedException refused) {
            span.setAttribute(REFUSAL, refused.refusal().code());
            throw refused;
        } catch (RuntimeException | Error failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            throw failure;
        } finally {
            span.end();
        }
    }

    <T> T span(String name, Supplier<T> work) {
        return span(name, span -> work.get());
    }

    /** Work that may add attributes to its span. */
    @FunctionalInterface
    interface SpanWork<T> {
        T run(Span span);
    }
}
