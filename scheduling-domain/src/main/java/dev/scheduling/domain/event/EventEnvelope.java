package dev.scheduling.domain.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as it travels: a unique id that consumers deduplicate on, the instant it happened and the
 * contract version of its payload. Id and instant come from the caller, never from the JDK here.
 */
public record EventEnvelope(UUID eventId, Instant occurredAt, DomainEvent event) {
    public static final int VERSION = 1;

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(event, "event");
    }

    public String type() {
        return event.type();
    }

    public int version() {
        return VERSION;
    }
}
