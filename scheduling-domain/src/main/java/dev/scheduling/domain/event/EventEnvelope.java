package dev.scheduling.domain.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as it travels: a unique id that consumers deduplicate on, the instant it happened and the
 * contract version of its payload. Id and instant come from the caller, never from the JDK here.
 *
 * <p>{@code traceContext} holds the propagation fields (W3C {@code traceparent}, {@code tracestate}) of
 * the command that caused the event, empty when it was not traced: it travels beside the event (outbox
 * column, message headers) so that a consumer's work joins the command's trace, and is never part of the
 * event's JSON.
 */
public record EventEnvelope(UUID eventId, Instant occurredAt, DomainEvent event, Map<String, String> traceContext) {
    public static final int VERSION = 1;

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(event, "event");
        traceContext = Map.copyOf(traceContext);
    }

    /** An event outside any trace. */
    public EventEnvelope(UUID eventId, Instant occurredAt, DomainEvent event) {
        this(eventId, occurredAt, event, Map.of());
    }

    /** The same event, carrying the given trace context. */
    public EventEnvelope withTraceContext(Map<String, String> context) {
        return new EventEnvelope(eventId, occurredAt, event, context);
    }

    public String type() {
        return event.type();
    }

    public int version() {
        return VERSION;
    }
}
