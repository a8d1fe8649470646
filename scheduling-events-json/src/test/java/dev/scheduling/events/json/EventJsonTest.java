package dev.scheduling.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The event contract of EVENTS.md: field names, formats and the way back. */
@DisplayName("EventJson: the event contract of EVENTS.md")
class EventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final UUID EVENT_ID = UUID.fromString("6f1c2a7e-1b2d-4c3e-8f90-123456789abc");
    private static final Instant OCCURRED = Instant.parse("2026-12-07T11:00:00Z");
    private static final ReservationToken TOKEN = new ReservationToken("Qm9va2luZ1Rva2VuMTIzNDU2Nzg5MA");
    private static final UnitId UNIT = new UnitId("u1");
    private static final ServiceId SERVICE = new ServiceId("s1");
    private static final ClientId CLIENT = new ClientId("c-42");
    private static final AppointmentId APPOINTMENT = new AppointmentId("a-7");
    private static final LocalDate DATE = LocalDate.parse("2026-12-07");
    private static final LocalTime NINE = LocalTime.parse("09:00");
    private static final LocalTime NINE_THIRTY = LocalTime.parse("09:30");

    private static final Set<String> ENVELOPE = Set.of("eventId", "type", "version", "occurredAt", "payload");
    private static final Set<String> SLOT_FIELDS = Set.of("reservationToken", "unitId", "serviceId", "date",
            "startTime", "endTime", "quantity", "capacityTotal", "capacityUsed", "expiresAt");
    private static final Set<String> RELEASED_FIELDS = union(SLOT_FIELDS, Set.of("reason"));
    private static final Set<String> CREATED_FIELDS = Set.of("appointmentId", "reservationToken", "clientId",
            "unitId", "serviceId", "date", "startTime", "endTime", "quantity");
    private static final Set<String> RESCHEDULED_FIELDS = Set.of("appointmentId", "clientId", "unitId", "serviceId",
            "quantity", "previous", "date", "startTime", "endTime");
    private static final Set<String> CANCELLED_FIELDS = Set.of("appointmentId", "clientId", "unitId", "serviceId",
            "date", "startTime", "endTime", "quantity", "capacityUsed");

    static SlotLocked slotLocked() {
        return new SlotLocked(TOKEN, UNIT, SERVICE, DATE, NINE, NINE_THIRTY, 1, 2, 1,
                Instant.parse("2026-12-07T11:05:00Z"));
    }

    static SlotReleased slotReleased(SlotReleased.Reason reason) {
        return new SlotReleased(TOKEN, UNIT, SERVICE, DATE, NINE, NINE_THIRTY, 1, 2, 0,
                Instant.parse("2026-12-07T11:05:00Z"), reason);
    }

    static AppointmentCreated appointmentCreated() {
        return new AppointmentCreated(APPOINTMENT, TOKEN, CLIENT, UNIT, SERVICE, DATE, NINE, NINE_THIRTY, 2);
    }

    static AppointmentRescheduled appointmentRescheduled() {
        return new AppointmentRescheduled(APPOINTMENT, CLIENT, UNIT, SERVICE, 2,
                new AppointmentRescheduled.Previous(DATE, NINE, NINE_THIRTY), LocalDate.parse("2026-12-09"),
                LocalTime.parse("14:15"), LocalTime.parse("14:45"));
    }

    static AppointmentCancelled appointmentCancelled() {
        return new AppointmentCancelled(APPOINTMENT, CLIENT, UNIT, SERVICE, DATE, NINE, NINE_THIRTY, 2, 3);
    }

    static Stream<Arguments> everyType() {
        return Stream.of(
                Arguments.of("slot.locked", slotLocked(), SLOT_FIELDS),
                Arguments.of("slot.released", slotReleased(SlotReleased.Reason.CONVERTED), RELEASED_FIELDS),
                Arguments.of("appointment.created", appointmentCreated(), CREATED_FIELDS),
                Arguments.of("appointment.rescheduled", appointmentRescheduled(), RESCHEDULED_FIELDS),
                Arguments.of("appointment.cancelled", appointmentCancelled(), CANCELLED_FIELDS));
    }

    private static EventEnvelope envelope(DomainEvent event) {
        return new EventEnvelope(EVENT_ID, OCCURRED, event);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    @Nested
    @DisplayName("encode")
    class Encode {
        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.scheduling.events.json.EventJsonTest#everyType")
        @DisplayName("the envelope has exactly eventId, type, version 1, occurredAt and payload")
        void envelope(String type, DomainEvent event, Set<String> payloadFields) {
            JsonNode root = tree(EventJson.encode(EventJsonTest.envelope(event)));

            assertThat(names(root)).isEqualTo(ENVELOPE);
            assertThat(root.get("eventId").textValue()).isEqualTo("6f1c2a7e-1b2d-4c3e-8f90-123456789abc");
            assertThat(root.get("type").textValue()).isEqualTo(type);
            assertThat(root.get("version").isInt()).isTrue();
            assertThat(root.get("version").intValue()).isEqualTo(1);
            assertThat(root.get("occurredAt").textValue()).isEqualTo("2026-12-07T11:00:00Z");
            assertThat(root.get("payload").isObject()).isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.scheduling.events.json.EventJsonTest#everyType")
        @DisplayName("the payload has exactly the fields of EVENTS.md for its type")
        void payloadFields(String type, DomainEvent event, Set<String> payloadFields) {
            JsonNode payload = tree(EventJson.encode(EventJsonTest.envelope(event))).get("payload");

            assertThat(names(payload)).isEqualTo(new TreeSet<>(payloadFields));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.scheduling.events.json.EventJsonTest#everyType")
        @DisplayName("dates are YYYY-MM-DD, times HH:mm, instants UTC ISO-8601, counts JSON integers, ids strings")
        void formats(String type, DomainEvent event, Set<String> payloadFields) {
            JsonNode payload = tree(EventJson.encode(EventJsonTest.envelope(event))).get("payload");

            for (String name : names(payload)) {
                JsonNode value = payload.get(name);
                switch (name) {
                    case "date" -> assertThat(value.textValue()).matches("\\d{4}-\\d{2}-\\d{2}");
                    case "startTime", "endTime" -> assertThat(value.textValue()).as(name).matches("\\d{2}:\\d{2}");
                    case "expiresAt" -> assertThat(value.textValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
                    case "quantity", "capacityTotal", "capacityUsed" ->
                            assertThat(value.isIntegralNumber()).as(name + " is an integer").isTrue();
                    case "previous" -> {
                        assertThat(names(value)).containsExactlyInAnyOrder("date", "startTime", "endTime");
                        assertThat(value.get("date").textValue()).matches("\\d{4}-\\d{2}-\\d{2}");
                        assertThat(value.get("startTime").textValue()).matches("\\d{2}:\\d{2}");
                        assertThat(value.get("endTime").textValue()).matches("\\d{2}:\\d{2}");
                    }
                    default -> assertThat(value.isTextual()).as(name + " is a string").isTrue();
                }
            }
        }

        @Test
        @DisplayName("slot.locked carries the lock's values")
        void slotLockedValues() {
            JsonNode payload = tree(EventJson.encode(EventJsonTest.envelope(slotLocked()))).get("payload");

            assertThat(payload.get("reservationToken").textValue()).isEqualTo(TOKEN.value());
            assertThat(payload.get("unitId").textValue()).isEqualTo("u1");
            assertThat(payload.get("serviceId").textValue()).isEqualTo("s1");
            assertThat(payload.get("date").textValue()).isEqualTo("2026-12-07");
            assertThat(payload.get("startTime").textValue()).isEqualTo("09:00");
            assertThat(payload.get("endTime").textValue()).isEqualTo("09:30");
            assertThat(payload.get("quantity").intValue()).isEqualTo(1);
            assertThat(payload.get("capacityTotal").intValue()).isEqualTo(2);
            assertThat(payload.get("capacityUsed").intValue()).isEqualTo(1);
            assertThat(payload.get("expiresAt").textValue()).isEqualTo("2026-12-07T11:05:00Z");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(SlotReleased.Reason.class)
        @DisplayName("slot.released names its reason by its wire name: released, expired, converted")
        void reasonWireNames(SlotReleased.Reason reason) {
            JsonNode payload = tree(EventJson.encode(EventJsonTest.envelope(slotReleased(reason)))).get("payload");

            assertThat(payload.get("reason").textValue())
                    .isEqualTo(reason.name().toLowerCase(java.util.Locale.ROOT))
                    .isIn("released", "expired", "converted");
        }

        @Test
        @DisplayName("appointment.rescheduled carries the new slot at the top and the old one in previous")
        void rescheduledValues() {
            JsonNode payload = tree(EventJson.encode(EventJsonTest.envelope(appointmentRescheduled()))).get("payload");

            assertThat(payload.get("appointmentId").textValue()).isEqualTo("a-7");
            assertThat(payload.get("clientId").textValue()).isEqualTo("c-42");
            assertThat(payload.get("quantity").intValue()).isEqualTo(2);
            assertThat(payload.get("date").textValue()).isEqualTo("2026-12-09");
            assertThat(payload.get("startTime").textValue()).isEqualTo("14:15");
            assertThat(payload.get("endTime").textValue()).isEqualTo("14:45");
            JsonNode previous = payload.get("previous");
            assertThat(previous.get("date").textValue()).isEqualTo("2026-12-07");
            assertThat(previous.get("startTime").textValue()).isEqualTo("09:00");
            assertThat(previous.get("endTime").textValue()).isEqualTo("09:30");
        }

        @Test
        @DisplayName("appointment.created and appointment.cancelled carry their values; cancelled has capacityUsed after")
        void appointmentValues() {
            JsonNode created = tree(EventJson.encode(EventJsonTest.envelope(appointmentCreated()))).get("payload");
            JsonNode cancelled = tree(EventJson.encode(EventJsonTest.envelope(appointmentCancelled()))).get("payload");

            assertThat(created.get("appointmentId").textValue()).isEqualTo("a-7");
            assertThat(created.get("reservationToken").textValue()).isEqualTo(TOKEN.value());
            assertThat(created.get("clientId").textValue()).isEqualTo("c-42");
            assertThat(created.get("quantity").intValue()).isEqualTo(2);
            assertThat(cancelled.get("capacityUsed").intValue()).isEqualTo(3);
            assertThat(cancelled.get("quantity").intValue()).isEqualTo(2);
        }

        @Test
        @DisplayName("an instant with a fraction of a second stays UTC with a Z and keeps its precision")
        void fractionalInstants() {
            EventEnvelope precise = new EventEnvelope(EVENT_ID, Instant.parse("2026-12-07T11:00:00.123Z"),
                    new SlotLocked(TOKEN, UNIT, SERVICE, DATE, NINE, NINE_THIRTY, 1, 2, 1,
                            Instant.parse("2026-12-07T11:05:00.456Z")));

            JsonNode root = tree(EventJson.encode(precise));

            assertThat(root.get("occurredAt").textValue()).isEqualTo("2026-12-07T11:00:00.123Z");
            assertThat(root.get("payload").get("expiresAt").textValue()).isEqualTo("2026-12-07T11:05:00.456Z");
            assertThat(EventJson.decode(EventJson.encode(precise))).isEqualTo(precise);
        }

        @Test
        @DisplayName("a slot that ends at midnight ends at 00:00")
        void midnight() {
            SlotLocked lateSlot = new SlotLocked(TOKEN, UNIT, SERVICE, DATE, LocalTime.parse("23:30"),
                    LocalTime.MIDNIGHT, 1, 1, 1, Instant.parse("2026-12-07T11:05:00Z"));

            JsonNode payload = tree(EventJson.encode(EventJsonTest.envelope(lateSlot))).get("payload");

            assertThat(payload.get("endTime").textValue()).isEqualTo("00:00");
        }
    }

    @Nested
    @DisplayName("decode")
    class Decode {
        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.scheduling.events.json.EventJsonTest#everyType")
        @DisplayName("what was encoded decodes back equal")
        void roundTrip(String type, DomainEvent event, Set<String> payloadFields) {
            EventEnvelope original = EventJsonTest.envelope(event);

            EventEnvelope decoded = EventJson.decode(EventJson.encode(original));

            assertThat(decoded).isEqualTo(original);
            assertThat(decoded.type()).isEqualTo(type);
            assertThat(decoded.version()).isEqualTo(1);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(SlotReleased.Reason.class)
        @DisplayName("every reason of slot.released decodes back")
        void everyReason(SlotReleased.Reason reason) {
            EventEnvelope original = EventJsonTest.envelope(slotReleased(reason));

            assertThat(EventJson.decode(EventJson.encode(original))).isEqualTo(original);
        }

        @Test
        @DisplayName("a document written by hand as EVENTS.md describes it decodes, whatever the field order")
        void handWritten() {
            String json = """
                    {"payload": {"previous": {"endTime": "09:30", "startTime": "09:00", "date": "2026-12-07"},
                                 "endTime": "14:45", "startTime": "14:15", "date": "2026-12-09", "quantity": 2,
                                 "serviceId": "s1", "unitId": "u1", "clientId": "c-42", "appointmentId": "a-7"},
                     "occurredAt": "2026-12-07T11:00:00Z", "version": 1, "type": "appointment.rescheduled",
                     "eventId": "6f1c2a7e-1b2d-4c3e-8f90-123456789abc"}""";

            assertThat(EventJson.decode(json)).isEqualTo(EventJsonTest.envelope(appointmentRescheduled()));
        }
    }

    @Nested
    @DisplayName("malformed documents")
    class Malformed {
        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"", "   ", "not json", "{", "[]", "null", "42", "\"slot.locked\"", "{}",
                "{\"type\": \"slot.locked\"}"})
        @DisplayName("what is not an envelope at all is refused")
        void notAnEnvelope(String json) {
            assertMalformed(json);
        }

        @Test
        @DisplayName("no document at all is refused")
        void nullDocument() {
            assertMalformed(null);
        }

        @ParameterizedTest(name = "without {0}")
        @ValueSource(strings = {"eventId", "type", "occurredAt", "payload"})
        @DisplayName("an envelope without one of its fields is refused")
        void missingEnvelopeField(String field) {
            assertMalformed(edit(slotLocked(), root -> root.remove(field)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.scheduling.events.json.EventJsonTest#missingPayloadFields")
        @DisplayName("a payload without one of the fields of its type is refused")
        void missingPayloadField(String type, String field, DomainEvent event) {
            assertMalformed(edit(event, root -> ((ObjectNode) root.get("payload")).remove(field)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.scheduling.events.json.EventJsonTest#nullPayloadFields")
        @DisplayName("a payload field that is null is refused")
        void nullPayloadField(String type, String field, DomainEvent event) {
            assertMalformed(edit(event, root -> ((ObjectNode) root.get("payload")).putNull(field)));
        }

        @Test
        @DisplayName("an unknown type, or a type that is not a string, is refused")
        void badType() {
            assertMalformed(edit(slotLocked(), root -> root.put("type", "slot.exploded")));
            assertMalformed(edit(slotLocked(), root -> root.put("type", 7)));
            assertMalformed(edit(slotLocked(), root -> root.put("type", "SLOT.LOCKED")));
        }

        @Test
        @DisplayName("an eventId that is not a UUID, or an occurredAt that is not an instant, is refused")
        void badEnvelopeValues() {
            assertMalformed(edit(slotLocked(), root -> root.put("eventId", "6f1c")));
            assertMalformed(edit(slotLocked(), root -> root.put("eventId", 12)));
            assertMalformed(edit(slotLocked(), root -> root.put("occurredAt", "2026-12-07 11:00")));
            assertMalformed(edit(slotLocked(), root -> root.put("occurredAt", 1_796_641_200L)));
            assertMalformed(edit(slotLocked(), root -> root.put("payload", "{}")));
        }

        @Test
        @DisplayName("dates, times and instants in other formats are refused")
        void badFormats() {
            assertMalformed(editPayload(slotLocked(), payload -> payload.put("date", "07/12/2026")));
            assertMalformed(editPayload(slotLocked(), payload -> payload.put("date", "2026-13-01")));
            assertMalformed(editPayload(slotLocked(), payload -> payload.put("startTime", "9:00")));
            assertMalformed(editPayload(slotLocked(), payload -> payload.put("endTime", "25:00")));
            assertMalformed(editPayload(slotLocked(), payload -> payload.put("expiresAt", "tomorrow")));
            assertMalformed(editPayload(appointmentRescheduled(), payload ->
                    ((ObjectNode) payload.get("previous")).put("date", "yesterday")));
        }

        @Test
        @DisplayName("counts that are not whole numbers within int range are refused")
        void badNumbers() {
            assertMalformed(editPayload(slotLocked(), payload -> payload.put("quantity", "1")));
            assertMalformed(editPayload(slotLocked(), payload -> payload.put("quantity", 1.5)));
            assertMalformed(editPayload(slotLocked(), payload -> payload.put("capacityTotal", 10_000_000_000L)));
            assertMalformed(editPayload(appointmentCancelled(), payload -> payload.put("capacityUsed", true)));
        }

        @Test
        @DisplayName("an unknown reason, or a reason in another spelling, is refused")
        void badReason() {
            assertMalformed(editPayload(slotReleased(SlotReleased.Reason.RELEASED), p -> p.put("reason", "cancelled")));
            assertMalformed(editPayload(slotReleased(SlotReleased.Reason.RELEASED), p -> p.put("reason", "RELEASED")));
        }

        @Test
        @DisplayName("previous must be an object with date, startTime and endTime")
        void badPrevious() {
            assertMalformed(editPayload(appointmentRescheduled(), p -> p.put("previous", "2026-12-07")));
            assertMalformed(editPayload(appointmentRescheduled(), p -> ((ObjectNode) p.get("previous")).remove("endTime")));
        }

        @Test
        @DisplayName("ids that the domain refuses (blank, a malformed token) are refused")
        void badIds() {
            assertMalformed(editPayload(appointmentCreated(), p -> p.put("clientId", "")));
            assertMalformed(editPayload(appointmentCreated(), p -> p.put("appointmentId", "  ")));
            assertMalformed(editPayload(slotLocked(), p -> p.put("reservationToken", "short")));
            assertMalformed(editPayload(slotLocked(), p -> p.put("unitId", 1)));
        }

        @Test
        @DisplayName("a document with anything after the envelope is refused")
        void trailingContent() {
            String valid = EventJson.encode(EventJsonTest.envelope(slotLocked()));

            assertMalformed(valid + " {");
            assertMalformed(valid + valid);
        }
    }

    static Stream<Arguments> missingPayloadFields() {
        List<Arguments> cases = new ArrayList<>();
        everyType().forEach(arguments -> {
            Object[] values = arguments.get();
            for (String field : toStrings((Set<?>) values[2])) {
                cases.add(Arguments.of(values[0] + " without " + field, field, values[1]));
            }
        });
        return cases.stream();
    }

    static Stream<Arguments> nullPayloadFields() {
        return missingPayloadFields().map(arguments -> {
            Object[] values = arguments.get();
            return Arguments.of(((String) values[0]).replace(" without ", " with null "), values[1], values[2]);
        });
    }

    private static List<String> toStrings(Set<?> set) {
        return set.stream().map(String::valueOf).sorted().toList();
    }

    private static String edit(DomainEvent event, Consumer<ObjectNode> change) {
        ObjectNode root = (ObjectNode) tree(EventJson.encode(envelope(event)));
        change.accept(root);
        return root.toString();
    }

    private static String editPayload(DomainEvent event, Consumer<ObjectNode> change) {
        return edit(event, root -> change.accept((ObjectNode) root.get("payload")));
    }

    private static void assertMalformed(String json) {
        assertThatThrownBy(() -> EventJson.decode(json)).as("decoding %s", json)
                .isInstanceOf(MalformedEventException.class);
    }
}
