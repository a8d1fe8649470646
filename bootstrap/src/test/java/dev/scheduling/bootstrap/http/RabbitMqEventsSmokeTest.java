package dev.scheduling.bootstrap.http;

import static dev.scheduling.bootstrap.http.HttpContractTest.elements;
import static dev.scheduling.bootstrap.http.HttpContractTest.fieldNames;
import static dev.scheduling.bootstrap.http.HttpContractTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.bootstrap.testing.TestBroker;
import dev.scheduling.bootstrap.testing.TestBroker.Message;
import dev.scheduling.bootstrap.testing.TestBroker.Tap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Smoke tests of the event contract on the real broker: a consumer of the test's own, bound to the
 * exchange {@code scheduling.events} as any other service would bind it, receives every event a client's
 * journey causes (a lock; its release by the client, by expiry and by conversion into an appointment;
 * the appointment created, rescheduled and cancelled) with every field of {@code EVENTS.md} and the AMQP
 * properties it names. The same journey runs with the in-memory adapters (events go to the broker after
 * commit) and with PostgreSQL (through the outbox relay); in both, the appointment notices reach the
 * client from the notifications queue.
 */
class RabbitMqEventsSmokeTest {
    private static final Set<String> ENVELOPE_FIELDS = Set.of("eventId", "type", "version", "occurredAt", "payload");
    private static final List<String> SLOT_FIELDS = List.of("reservationToken", "unitId", "serviceId", "date",
            "startTime", "endTime", "quantity", "capacityTotal", "capacityUsed", "expiresAt");
    private static final Set<String> CREATED_FIELDS = Set.of("appointmentId", "reservationToken", "clientId", "unitId",
            "serviceId", "date", "startTime", "endTime", "quantity");
    private static final Set<String> RESCHEDULED_FIELDS = Set.of("appointmentId", "clientId", "unitId", "serviceId",
            "quantity", "previous", "date", "startTime", "endTime");
    private static final Set<String> CANCELLED_FIELDS = Set.of("appointmentId", "clientId", "unitId", "serviceId",
            "date", "startTime", "endTime", "quantity", "capacityUsed");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b\\d{6}\\b");
    private static final Duration DELIVERY = Duration.ofSeconds(10);
    private static final Duration LOCK_TTL = Duration.ofMinutes(5);

    /** The notifications queue of this class's services: its own, deleted at the end. */
    private static final String NOTIFICATIONS_QUEUE = "test.notifications." + UUID.randomUUID();

    private static TestBroker broker;

    @BeforeAll
    static void connect() {
        broker = TestBroker.connect();
    }

    @AfterAll
    static void disconnect() {
        if (broker != null) {
            broker.deleteConsumerQueue(NOTIFICATIONS_QUEUE);
            broker.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void in_memory_mode_sends_every_event_of_a_journey_to_the_exchange_with_the_contract_fields() throws Exception {
        journey(Map.of());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void postgres_mode_relays_every_event_of_a_journey_to_the_exchange_with_the_contract_fields() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create(2)) {
            journey(Map.of(Configuration.DB_URL, PostgresTestDatabase.url() + "?currentSchema=" + database.schema(),
                    Configuration.DB_USER, database.settings().user(),
                    Configuration.DB_PASSWORD, database.settings().password()));
        }
    }

    private static void journey(Map<String, String> modeEnvironment) throws Exception {
        // Milliseconds on purpose: the AMQP timestamp has whole seconds, the envelope keeps milliseconds.
        MutableClock clock = MutableClock.at("2026-03-02T12:00:00.789Z");
        String adminToken = "test-admin-" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>(modeEnvironment);
        env.put(Configuration.AMQP_URL, TestBroker.url().toString());
        env.put(Configuration.WEBHOOKS, "off");
        env.put(Configuration.NOTIFICATIONS_QUEUE, NOTIFICATIONS_QUEUE);
        env.put(Configuration.ADMIN_TOKEN, adminToken);
        env.put(Configuration.DEV_MAILBOX, "true");
        env.put(Configuration.TOKEN_SECRET, "a-test-secret-of-more-than-32-bytes-" + UUID.randomUUID());
        env.put(Configuration.LOCK_TTL, LOCK_TTL.toString());

        try (Tap tap = broker.tap("slot.*", "appointment.*");
             ServiceRuntime runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(env), clock, 0)) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + runtime.port(), adminToken);
            Journey journey = new Journey(api, tap);
            LocalDate day = LocalDate.parse("2026-03-09");
            String unitId = ok(api.admin().post("/units", unitBody()), 201).path("id").asText();
            String serviceId = ok(api.admin().post("/units/" + unitId + "/services", Map.of("name", "Consulta",
                    "durationMinutes", 30, "capacity", 3)), 201).path("id").asText();

            // slot.locked, then slot.released by the client
            JsonNode held = journey.lock(unitId, serviceId, day, "09:00", 2);
            String heldToken = held.path("reservationToken").asText();
            Message locked = journey.awaitSlotEvent("slot.locked", heldToken);
            assertSlotPayload(locked, held, null);
            assertThat(Instant.parse(locked.json().path("occurredAt").asText()))
                    .as("occurredAt is the service's clock").isEqualTo(clock.instant());
            JsonNode released = ok(api.post("/slots/release", Map.of("reservationToken", heldToken)), 200);
            assertSlotPayload(journey.awaitSlotEvent("slot.released", heldToken), released, "released");
            assertThat(released.path("capacityUsed").asInt()).isZero();

            // slot.released by the sweeper
            String expiring = journey.lock(unitId, serviceId, day, "10:00", 1).path("reservationToken").asText();
            clock.advance(LOCK_TTL.plusMillis(1));
            Message expired = journey.awaitSlotEvent("slot.released", expiring);
            JsonNode expiredLock = ok(api.get("/slots/locks/" + expiring), 200);
            assertThat(expiredLock.path("status").asText()).isEqualTo("EXPIRED");
            assertSlotPayload(expired, expiredLock, "expired");

            // appointment.created, and slot.released as converted
            String recipient = "+5511" + String.format("%09d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(),
                    1_000_000_000L));
            Session client = journey.login(recipient);
            String booked = journey.lock(unitId, serviceId, day, "11:00", 1).path("reservationToken").asText();
            JsonNode appointment = ok(client.api().post("/appointments", Map.of("reservationToken", booked)), 201);
            String appointmentId = appointment.path("id").asText();
            JsonNode convertedLock = ok(api.get("/slots/locks/" + booked), 200);
            assertThat(convertedLock.path("status").asText()).isEqualTo("CONVERTED");
            assertSlotPayload(journey.awaitSlotEvent("slot.released", booked), convertedLock, "converted");
            JsonNode created = assertEnvelope(journey.awaitAppointmentEvent("appointment.created", appointmentId))
                    .path("payload");
            assertThat(fieldNames(created)).containsExactlyInAnyOrderElementsOf(CREATED_FIELDS);
            assertThat(created.path("appointmentId").asText()).isEqualTo(appointmentId);
            assertThat(created.path("reservationToken").asText()).isEqualTo(booked);
            assertThat(created.path("clientId").asText()).isEqualTo(client.clientId());
            for (String field : List.of("clientId", "unitId", "serviceId", "date", "startTime", "endTime", "quantity")) {
                assertThat(created.path(field)).as(field).isEqualTo(appointment.path(field));
            }

            // appointment.rescheduled, and the new lock's slot.locked and slot.released as converted
            LocalDate nextDay = day.plusDays(1);
            JsonNode newLock = journey.lock(unitId, serviceId, nextDay, "13:00", 1);
            String newToken = newLock.path("reservationToken").asText();
            assertSlotPayload(journey.awaitSlotEvent("slot.locked", newToken), newLock, null);
            JsonNode moved = ok(client.api().post("/appointments/" + appointmentId + "/reschedule",
                    Map.of("reservationToken", newToken)), 200);
            JsonNode newConverted = ok(api.get("/slots/locks/" + newToken), 200);
            assertSlotPayload(journey.awaitSlotEvent("slot.released", newToken), newConverted, "converted");
            JsonNode rescheduled = assertEnvelope(journey.awaitAppointmentEvent("appointment.rescheduled",
                    appointmentId)).path("payload");
            assertThat(fieldNames(rescheduled)).containsExactlyInAnyOrderElementsOf(RESCHEDULED_FIELDS);
            assertThat(rescheduled.path("appointmentId").asText()).isEqualTo(appointmentId);
            for (String field : List.of("clientId", "unitId", "serviceId", "quantity", "date", "startTime", "endTime")) {
                assertThat(rescheduled.path(field)).as(field).isEqualTo(moved.path(field));
            }
            assertThat(rescheduled.path("date").asText()).isEqualTo(nextDay.toString());
            assertThat(rescheduled.path("previous")).isEqualTo(ApiClient.JSON.readTree("{\"date\": \"" + day
                    + "\", \"startTime\": \"11:00\", \"endTime\": \"11:30\"}"));

            // appointment.cancelled, with the slot's usage after the cancellation
            JsonNode cancelledAppointment = ok(client.api().post("/appointments/" + appointmentId + "/cancel",
                    Map.of()), 200);
            assertThat(cancelledAppointment.path("status").asText()).isEqualTo("CANCELLED");
            JsonNode cancelled = assertEnvelope(journey.awaitAppointmentEvent("appointment.cancelled", appointmentId))
                    .path("payload");
            assertThat(fieldNames(cancelled)).containsExactlyInAnyOrderElementsOf(CANCELLED_FIELDS);
            assertThat(cancelled.path("appointmentId").asText()).isEqualTo(appointmentId);
            for (String field : List.of("clientId", "unitId", "serviceId", "date", "startTime", "endTime", "quantity")) {
                assertThat(cancelled.path(field)).as(field).isEqualTo(cancelledAppointment.path(field));
            }
            JsonNode slot = journey.slotAt(unitId, serviceId, nextDay, "13:00");
            assertThat(cancelled.path("capacityUsed").asInt()).isEqualTo(slot.path("capacityUsed").asInt()).isZero();

            // One event per fact, each with an id of its own; slot events of one lock in their order.
            List<String> tokens = List.of(heldToken, expiring, booked, newToken);
            List<Message> ours = tap.received().stream()
                    .filter(message -> message.payloadText("reservationToken") != null
                            && tokens.contains(message.payloadText("reservationToken"))
                            || appointmentId.equals(message.payloadText("appointmentId")))
                    .toList();
            ours.forEach(RabbitMqEventsSmokeTest::assertEnvelope);
            assertThat(ours.stream().map(Message::messageId).distinct())
                    .as("distinct events of this journey (duplicates of one event share its id)")
                    .hasSize(11);
            assertThat(ours.stream().map(message -> message.routingKey() + " "
                            + (message.routingKey().startsWith("slot.") ? message.payloadText("reservationToken")
                            : "") + " " + message.payloadText("reason")).distinct())
                    .containsExactlyInAnyOrder(
                            "slot.locked " + heldToken + " null", "slot.released " + heldToken + " released",
                            "slot.locked " + expiring + " null", "slot.released " + expiring + " expired",
                            "slot.locked " + booked + " null", "slot.released " + booked + " converted",
                            "slot.locked " + newToken + " null", "slot.released " + newToken + " converted",
                            "appointment.created  null", "appointment.rescheduled  null",
                            "appointment.cancelled  null");
            assertThat(ours.stream().filter(message -> message.routingKey().startsWith("appointment."))
                    .map(Message::routingKey).distinct().toList())
                    .as("appointment events in the order they happened")
                    .containsExactly("appointment.created", "appointment.rescheduled", "appointment.cancelled");
            for (String token : tokens) {
                assertThat(ours.stream().filter(message -> message.routingKey().startsWith("slot."))
                        .filter(message -> token.equals(message.payloadText("reservationToken")))
                        .map(Message::routingKey).distinct().toList())
                        .as("events of lock %s in the order they happened", token)
                        .containsExactly("slot.locked", "slot.released");
            }

            // The notices come from the broker's notifications queue.
            for (String template : List.of("appointment_created", "appointment_rescheduled", "appointment_cancelled")) {
                await(template + " notice").atMost(DELIVERY).pollInterval(Duration.ofMillis(100))
                        .until(() -> journey.mailbox(recipient).stream().anyMatch(notice ->
                                notice.path("template").asText().equals(template)
                                        && notice.path("body").asText().contains(appointmentId)));
            }
        }
    }

    /** Checks the envelope and the AMQP properties of EVENTS.md; returns the body. */
    private static JsonNode assertEnvelope(Message message) {
        JsonNode body = message.json();
        assertThat(fieldNames(body)).as("envelope of %s", message).containsExactlyInAnyOrderElementsOf(ENVELOPE_FIELDS);
        String eventId = body.path("eventId").asText();
        assertThat(UUID.fromString(eventId).toString()).isEqualTo(eventId);
        assertThat(body.path("version").isInt()).isTrue();
        assertThat(body.path("version").asInt()).isEqualTo(1);
        assertThat(body.path("payload").isObject()).isTrue();
        Instant occurredAt = Instant.parse(body.path("occurredAt").asText());
        assertThat(body.path("occurredAt").asText()).endsWith("Z");

        AMQP.BasicProperties properties = message.properties();
        assertThat(properties.getDeliveryMode()).as("persistent").isEqualTo(2);
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getMessageId()).as("message_id").isEqualTo(eventId);
        assertThat(properties.getType()).as("type").isEqualTo(body.path("type").asText());
        assertThat(message.routingKey()).as("routing key").isEqualTo(body.path("type").asText());
        assertThat(properties.getTimestamp()).as("timestamp").isNotNull();
        assertThat(properties.getTimestamp().toInstant()).as("timestamp (AMQP keeps whole seconds)")
                .isEqualTo(occurredAt.truncatedTo(ChronoUnit.SECONDS));
        return body;
    }

    /** Checks a slot event: envelope, properties, exactly the payload fields, their values as the API showed them. */
    private static void assertSlotPayload(Message message, JsonNode lock, String reason) {
        JsonNode payload = assertEnvelope(message).path("payload");
        List<String> expected = new ArrayList<>(SLOT_FIELDS);
        if (reason != null) {
            expected.add("reason");
            assertThat(payload.path("reason").asText()).isEqualTo(reason);
        }
        assertThat(fieldNames(payload)).containsExactlyInAnyOrderElementsOf(expected);
        for (String field : SLOT_FIELDS) {
            assertThat(payload.path(field)).as(field + " of " + message).isEqualTo(lock.path(field));
        }
    }

    private static Map<String, Object> unitBody() {
        Map<String, Object> unit = new LinkedHashMap<>(HttpContractTest.unitBody(HttpContractTest.everyDay("08:00-18:00")));
        unit.put("timeZone", "UTC");
        return unit;
    }

    private record Session(String clientId, ApiClient api) {
    }

    /** The steps of a client's journey over HTTP, and what the tap received of them. */
    private record Journey(ApiClient api, Tap tap) {

        JsonNode lock(String unitId, String serviceId, LocalDate date, String start, int quantity) {
            return ok(api.post("/slots/lock", Map.of("unitId", unitId, "serviceId", serviceId, "date", date.toString(),
                    "startTime", start, "quantity", quantity)), 201);
        }

        JsonNode slotAt(String unitId, String serviceId, LocalDate date, String start) {
            JsonNode availability = ok(api.get("/units/" + unitId + "/availability?serviceId=" + serviceId + "&date="
                    + date), 200);
            return HttpContractTest.slotAt(availability, date, start);
        }

        Session login(String recipient) {
            ok(api.post("/auth/login-client/request", Map.of("phone", recipient)), 202);
            String code = mailbox(recipient).stream()
                    .filter(notice -> notice.path("template").asText().equals("login_code"))
                    .map(notice -> {
                        Matcher digits = SIX_DIGITS.matcher(notice.path("body").asText());
                        assertThat(digits.find()).as("a code in %s", notice).isTrue();
                        return digits.group();
                    })
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("no code sent to " + recipient));
            JsonNode verified = ok(api.post("/auth/login-client/verify", Map.of("phone", recipient, "code", code)), 200);
            return new Session(verified.path("clientId").asText(),
                    api.withHeader("Authorization", "Bearer " + verified.path("accessToken").asText()));
        }

        List<JsonNode> mailbox(String recipient) {
            return elements(ok(api.get("/dev/notifications?recipient="
                    + URLEncoder.encode(recipient, StandardCharsets.UTF_8)), 200).path("notifications"));
        }

        Message awaitSlotEvent(String type, String token) {
            return awaitFirst(type, "reservationToken", token);
        }

        Message awaitAppointmentEvent(String type, String appointmentId) {
            return awaitFirst(type, "appointmentId", appointmentId);
        }

        private Message awaitFirst(String type, String field, String value) {
            return await(type + " with " + field + " " + value + " at the test's own queue").atMost(DELIVERY)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> tap.withPayload(type, field, value), found -> !found.isEmpty())
                    .get(0);
        }
    }
}
