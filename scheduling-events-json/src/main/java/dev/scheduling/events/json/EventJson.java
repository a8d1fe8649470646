package dev.scheduling.events.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.event.AppointmentCancelled;
import dev.scheduling.domain.event.AppointmentCreated;
import dev.scheduling.domain.event.AppointmentRescheduled;
import dev.scheduling.domain.event.DomainEvent;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.domain.lock.ReservationToken;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.UUID;

/**
 * The event contract of {@code EVENTS.md} in JSON: the envelope ({@code eventId}, {@code type},
 * {@code version}, {@code occurredAt}, {@code payload}) and each type's payload. The one place where
 * events become bytes and back, for the outbox, the broker and webhooks alike.
 */
public final class EventJson {
    /** One event is one JSON document: anything after it makes the whole document malformed. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private EventJson() {
    }

    public static String encode(EventEnvelope envelope) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("eventId", envelope.eventId().toString());
        root.put("type", envelope.type());
        root.put("version", envelope.version());
        root.put("occurredAt", instant(envelope.occurredAt()));
        root.set("payload", payload(envelope.event()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Reads an envelope back; a document that breaks the contract is refused with {@link MalformedEventException}. */
    public static EventEnvelope decode(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            JsonNode payload = required(root, "payload");
            String type = text(root, "type");
            if (number(root, "version") != EventEnvelope.VERSION) {
                throw new MalformedEventException("unsupported version of " + type + ": " + root.get("version"));
            }
            DomainEvent event = switch (type) {
                case SlotLocked.TYPE -> new SlotLocked(token(payload), unit(payload), service(payload),
                        date(payload), time(payload, "startTime"), time(payload, "endTime"),
                        number(payload, "quantity"), number(payload, "capacityTotal"),
                        number(payload, "capacityUsed"), Instant.parse(text(payload, "expiresAt")));
                case SlotReleased.TYPE -> new SlotReleased(token(payload), unit(payload), service(payload),
                        date(payload), time(payload, "startTime"), time(payload, "endTime"),
                        number(payload, "quantity"), number(payload, "capacityTotal"),
                        number(payload, "capacityUsed"), Instant.parse(text(payload, "expiresAt")),
                        reason(text(payload, "reason")));
                case AppointmentCreated.TYPE -> new AppointmentCreated(appointment(payload), token(payload),
                        client(payload), unit(payload), service(payload), date(payload), time(payload, "startTime"),
                        time(payload, "endTime"), number(payload, "quantity"));
                case AppointmentRescheduled.TYPE -> new AppointmentRescheduled(appointment(payload), client(payload),
                        unit(payload), service(payload), number(payload, "quantity"),
                        new AppointmentRescheduled.Previous(date(required(payload, "previous")),
                                time(required(payload, "previous"), "startTime"),
                                time(required(payload, "previous"), "endTime")),
                        date(payload), time(payload, "startTime"), time(payload, "endTime"));
                case AppointmentCancelled.TYPE -> new AppointmentCancelled(appointment(payload), client(payload),
                        unit(payload), service(payload), date(payload), time(payload, "startTime"),
                        time(payload, "endTime"), number(payload, "quantity"), number(payload, "capacityUsed"));
                default -> throw new MalformedEventException("unknown event type " + type);
            };
            return new EventEnvelope(UUID.fromString(text(root, "eventId")), Instant.parse(text(root, "occurredAt")),
                    event);
        } catch (MalformedEventException malformed) {
            throw malformed;
        } catch (JsonProcessingException | RuntimeException broken) {
            throw new MalformedEventException("not an event of the contract: " + broken.getMessage());
        }
    }

    private static ObjectNode payload(DomainEvent event) {
        ObjectNode payload = MAPPER.createObjectNode();
        if (event instanceof SlotLocked locked) {
            slot(payload, locked.reservationToken(), locked.unitId(), locked.serviceId(), locked.date(),
                    locked.startTime(), locked.endTime(), locked.quantity(), locked.capacityTotal(),
                    locked.capacityUsed(), locked.expiresAt());
        } else if (event instanceof SlotReleased released) {
            slot(payload, released.reservationToken(), released.unitId(), released.serviceId(), released.date(),
                    released.startTime(), released.endTime(), released.quantity(), released.capacityTotal(),
                    released.capacityUsed(), released.expiresAt());
            payload.put("reason", released.reason().wireName());
        } else if (event instanceof AppointmentCreated created) {
            payload.put("appointmentId", created.appointmentId().value());
            payload.put("reservationToken", created.reservationToken().value());
            payload.put("clientId", created.clientId().value());
            payload.put("unitId", created.unitId().value());
            payload.put("serviceId", created.serviceId().value());
            times(payload, created.date(), created.startTime(), created.endTime());
            payload.put("quantity", created.quantity());
        } else if (event instanceof AppointmentRescheduled moved) {
            payload.put("appointmentId", moved.appointmentId().value());
            payload.put("clientId", moved.clientId().value());
            payload.put("unitId", moved.unitId().value());
            payload.put("serviceId", moved.serviceId().value());
            payload.put("quantity", moved.quantity());
            times(payload.putObject("previous"), moved.previous().date(), moved.previous().startTime(),
                    moved.previous().endTime());
            times(payload, moved.date(), moved.startTime(), moved.endTime());
        } else if (event instanceof AppointmentCancelled cancelled) {
            payload.put("appointmentId", cancelled.appointmentId().value());
            payload.put("clientId", cancelled.clientId().value());
            payload.put("unitId", cancelled.unitId().value());
            payload.put("serviceId", cancelled.serviceId().value());
            times(payload, cancelled.date(), cancelled.startTime(), cancelled.endTime());
            payload.put("quantity", cancelled.quantity());
            payload.put("capacityUsed", cancelled.capacityUsed());
        } else {
            throw new IllegalArgumentException("no JSON form for " + event.getClass().getName());
        }
        return payload;
    }

    private static void slot(ObjectNode payload, ReservationToken token, UnitId unitId, ServiceId serviceId,
                             LocalDate date, LocalTime start, LocalTime end, int quantity, int capacityTotal,
                             int capacityUsed, Instant expiresAt) {
        payload.put("reservationToken", token.value());
        payload.put("unitId", unitId.value());
        payload.put("serviceId", serviceId.value());
        times(payload, date, start, end);
        payload.put("quantity", quantity);
        payload.put("capacityTotal", capacityTotal);
        payload.put("capacityUsed", capacityUsed);
        payload.put("expiresAt", instant(expiresAt));
    }

    private static void times(ObjectNode node, LocalDate date, LocalTime start, LocalTime end) {
        node.put("date", date.toString());
        node.put("startTime", HH_MM.format(start));
        node.put("endTime", HH_MM.format(end));
    }

    private static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("missing " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new MalformedEventException(field + " must be a string");
        }
        return value.textValue();
    }

    private static int number(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new MalformedEventException(field + " must be a whole number");
        }
        return value.intValue();
    }

    private static ReservationToken token(JsonNode payload) {
        return new ReservationToken(text(payload, "reservationToken"));
    }

    private static AppointmentId appointment(JsonNode payload) {
        return new AppointmentId(text(payload, "appointmentId"));
    }

    private static ClientId client(JsonNode payload) {
        return new ClientId(text(payload, "clientId"));
    }

    private static UnitId unit(JsonNode payload) {
        return new UnitId(text(payload, "unitId"));
    }

    private static ServiceId service(JsonNode payload) {
        return new ServiceId(text(payload, "serviceId"));
    }

    private static LocalDate date(JsonNode payload) {
        return LocalDate.parse(text(payload, "date"));
    }

    private static LocalTime time(JsonNode payload, String field) {
        return LocalTime.parse(text(payload, field));
    }

    private static SlotReleased.Reason reason(String wireName) {
        return Arrays.stream(SlotReleased.Reason.values())
                .filter(reason -> reason.wireName().equals(wireName))
                .findFirst()
                .orElseThrow(() -> new MalformedEventException("unknown reason " + wireName));
    }
}
