package dev.scheduling.bootstrap.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event as a consumer receives it: the envelope of {@code EVENTS.md} with its payload in wire form
 * (dates {@code YYYY-MM-DD}, times {@code HH:mm}, instants UTC ISO-8601).
 */
public record ObservedEvent(String eventId, String type, int version, String occurredAt, JsonNode payload) {

    /** The payload's reservation token, or null when it has none. */
    public String reservationToken() {
        JsonNode token = payload.get("reservationToken");
        return token == null ? null : token.asText();
    }
}
