package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.http.ApiClient.Reply;
import dev.scheduling.bootstrap.http.WebhookReceiver.Received;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhooks of API.md over HTTP, with a real receiver on 127.0.0.1: the registry, signed deliveries
 * of the events a booking causes, retries with growing delays on the service's clock, a receiver that
 * hangs holding back only its own deliveries, redelivery, and deactivation after
 * {@link #WEBHOOK_DISABLE_AFTER} consecutive failures. The service runs with private receivers allowed
 * (the receiver is on loopback); {@code WebhookUrlSafetyHttpTest} covers the refusal. Each test deletes
 * the webhooks it registered, so another test's events never reach them.
 */
public abstract class WebhooksContractTest extends ClientJourneyContractTest {
    protected static final int WEBHOOK_DISABLE_AFTER = 3;
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(10);

    private WebhookReceiver receiver;
    private final List<String> registered = new ArrayList<>();

    @BeforeAll
    void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    @AfterEach
    void deleteWebhooks() {
        for (String id : registered) {
            api.admin().send("DELETE", "/webhooks/" + id, BodyPublishers.noBody(), null);
        }
        registered.clear();
    }

    @Test
    void a_booking_produces_a_signed_delivery_whose_signature_verifies() {
        JsonNode webhook = register("/crm", "appointment.*");
        String secret = webhook.path("secret").asText();
        Bookable place = bookable(2);
        String token = lockOk(place, inDays(7), "09:00", 1).path("reservationToken").asText();

        JsonNode appointment = book(login(), token);

        Received delivery = awaitRequests("/crm", 1).get(0);
        assertThat(delivery.header("Content-Type")).startsWith("application/json");
        assertThat(delivery.header("Scheduling-Event")).isEqualTo("appointment.created");
        JsonNode event = delivery.json();
        assertThat(event.path("type").asText()).isEqualTo("appointment.created");
        assertThat(event.path("version").asInt()).isEqualTo(1);
        assertThat(event.path("payload").path("appointmentId").asText()).isEqualTo(appointment.path("id").asText());
        assertThat(event.path("payload").path("reservationToken").asText()).isEqualTo(token);
        String signature = delivery.header("Scheduling-Signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        String timestamp = signature.substring(2, signature.indexOf(','));
        assertThat(signature.substring(signature.indexOf("v1=") + 3))
                .isEqualTo(WebhookReceiver.expectedSignature(secret, timestamp, delivery.body()));
        assertThat(WebhookReceiver.expectedSignature("whsec_another", timestamp, delivery.body()))
                .isNotEqualTo(signature.substring(signature.indexOf("v1=") + 3));
        if (clock() != null) {
            assertThat(Long.parseLong(timestamp)).isEqualTo(clock().instant().getEpochSecond());
        }

        JsonNode logged = awaitDelivery(webhook, "SUCCEEDED");
        assertThat(logged.path("id").asText()).isEqualTo(delivery.header("Scheduling-Delivery"));
        assertThat(logged.path("eventId").asText()).isEqualTo(event.path("eventId").asText());
        assertThat(logged.path("eventType").asText()).isEqualTo("appointment.created");
        assertThat(logged.path("responseCode").asInt()).isEqualTo(200);
        assertThat(logged.path("attempts")).hasSize(1);
        assertThat(receiver.requests("/crm")).as("slot events are not subscribed").hasSize(1);
        assertThat(metric("webhooks_deliveries_total")).isPositive();
        assertThat(metric("webhooks_delivery_latency_seconds_count")).isPositive();
        assertThat(ok200Text("/metrics")).contains("webhooks_delivery_latency_seconds_bucket",
                "webhooks_retries_pending", "webhooks_deactivated_total");
    }

    @Test
    void a_receiver_that_fails_twice_gets_the_same_delivery_three_times_after_growing_delays() {
        MutableClock clock = requireClock();
        JsonNode webhook = register("/flaky", "slot.locked");
        receiver.respond("/flaky", 500, 500);
        lockOk(bookable(2), inDays(7), "10:00", 1);

        awaitRequests("/flaky", 1);
        for (int attempt = 2; attempt <= 3; attempt++) {
            JsonNode pending = awaitDelivery(webhook, "PENDING", attempt - 1);
            Instant next = Instant.parse(pending.path("nextAttemptAt").asText());
            assertThat(next).isAfter(clock.instant());
            assertThat(receiver.requests("/flaky")).as("nothing before its time").hasSize(attempt - 1);
            clock.set(next);
            awaitRequests("/flaky", attempt);
        }

        JsonNode delivered = awaitDelivery(webhook, "SUCCEEDED");
        List<Received> requests = receiver.requests("/flaky");
        assertThat(requests).extracting(request -> request.header("Scheduling-Delivery")).hasSize(3)
                .containsOnly(delivered.path("id").asText());
        assertThat(requests).extracting(Received::text).as("the same body each time").containsOnly(requests.get(0).text());
        List<Instant> attempts = StreamSupport.stream(delivered.path("attempts").spliterator(), false)
                .map(attempt -> Instant.parse(attempt.path("attemptedAt").asText())).toList();
        assertThat(StreamSupport.stream(delivered.path("attempts").spliterator(), false)
                .map(attempt -> attempt.path("responseCode").asInt())).containsExactly(500, 500, 200);
        Duration firstWait = Duration.between(attempts.get(0), attempts.get(1));
        Duration secondWait = Duration.between(attempts.get(1), attempts.get(2));
        assertThat(firstWait).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(secondWait).isGreaterThan(firstWait);
    }

    @Test
    void a_receiver_that_hangs_does_not_hold_back_another_webhook_s_deliveries() {
        register("/hangs", "slot.locked");
        register("/prompt", "slot.locked");
        CountDownLatch release = receiver.hang("/hangs");
        try {
            Bookable place = bookable(5);
            LocalDate date = inDays(7);
            for (String time : List.of("09:00", "09:30", "10:00", "10:30")) {
                lockOk(place, date, time, 1);
            }

            awaitRequests("/prompt", 4);
            assertThat(receiver.requests("/hangs")).as("at most two attempts at once to one webhook").hasSize(2);
        } finally {
            release.countDown();
        }
        awaitRequests("/hangs", 4);
    }

    @Test
    void a_delivery_is_redelivered_on_request_with_the_same_delivery_id() {
        JsonNode webhook = register("/again", "slot.locked");
        lockOk(bookable(2), inDays(7), "11:00", 1);
        JsonNode delivered = awaitDelivery(webhook, "SUCCEEDED");
        String path = "/webhooks/" + webhook.path("id").asText() + "/deliveries/" + delivered.path("id").asText()
                + "/redeliver";

        JsonNode again = ok(api.admin().post(path, Map.of()), 202);

        assertThat(again.path("id").asText()).isEqualTo(delivered.path("id").asText());
        List<Received> requests = awaitRequests("/again", 2);
        assertThat(requests).extracting(request -> request.header("Scheduling-Delivery"))
                .containsOnly(delivered.path("id").asText());
        assertThat(awaitDelivery(webhook, "SUCCEEDED", 2).path("attempts")).hasSize(2);
        assertProblem(api.admin().post("/webhooks/" + webhook.path("id").asText() + "/deliveries/"
                + UUID.randomUUID() + "/redeliver", Map.of()), 404, "delivery_not_found");
        assertProblem(api.post(path, Map.of()), 401, "unauthorized");
    }

    @Test
    void consecutive_failed_attempts_deactivate_the_webhook_until_it_is_activated_again() {
        JsonNode webhook = register("/down", "slot.locked");
        String id = webhook.path("id").asText();
        receiver.respond("/down", 503, 503, 503, 503, 503, 503);
        Bookable place = bookable(5);
        LocalDate date = inDays(7);
        for (String time : List.of("09:00", "09:30", "10:00")) {
            lockOk(place, date, time, 1);
        }

        await("deactivated").atMost(DELIVERED_WITHIN)
                .until(() -> !ok(api.admin().get("/webhooks/" + id), 200).path("active").asBoolean());

        JsonNode inactive = ok(api.admin().get("/webhooks/" + id), 200);
        assertThat(inactive.path("consecutiveFailures").asInt()).isEqualTo(WEBHOOK_DISABLE_AFTER);
        assertThat(receiver.requests("/down")).hasSize(WEBHOOK_DISABLE_AFTER);
        String deliveryId = deliveries(id).get(0).path("id").asText();
        assertProblem(api.admin().post("/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver", Map.of()),
                409, "webhook_inactive");

        JsonNode active = ok(api.admin().patch("/webhooks/" + id, Map.of("active", true)), 200);
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("consecutiveFailures").asInt()).isZero();
    }

    @Test
    void the_registry_creates_lists_reads_changes_and_deletes_webhooks_and_shows_the_secret_once() {
        JsonNode created = register("/registry", "appointment.*", "slot.released");
        String id = created.path("id").asText();
        assertThat(created.path("active").asBoolean()).isTrue();
        assertThat(created.path("secret").asText()).startsWith("whsec_");
        assertThat(created.path("events")).extracting(JsonNode::asText)
                .containsExactly("appointment.*", "slot.released");

        JsonNode read = ok(api.admin().get("/webhooks/" + id), 200);
        assertThat(read.has("secret")).isFalse();
        assertThat(read.path("url").asText()).isEqualTo(receiver.url("/registry"));
        assertThat(ok(api.admin().get("/webhooks"), 200).path("webhooks")).extracting(node -> node.path("id").asText())
                .contains(id);
        assertThat(ok(api.admin().get("/webhooks"), 200).toString()).doesNotContain(created.path("secret").asText());

        JsonNode changed = ok(api.admin().patch("/webhooks/" + id, Map.of("events", List.of("slot.*"),
                "url", receiver.url("/moved"), "active", false)), 200);
        assertThat(changed.path("events")).extracting(JsonNode::asText).containsExactly("slot.*");
        assertThat(changed.path("url").asText()).isEqualTo(receiver.url("/moved"));
        assertThat(changed.path("active").asBoolean()).isFalse();

        assertThat(api.admin().send("DELETE", "/webhooks/" + id, BodyPublishers.noBody(), null).status())
                .isEqualTo(204);
        assertProblem(api.admin().get("/webhooks/" + id), 404, "webhook_not_found");
        assertProblem(api.admin().send("DELETE", "/webhooks/" + id, BodyPublishers.noBody(), null), 404,
                "webhook_not_found");
        assertProblem(api.admin().get("/webhooks/" + id + "/deliveries"), 404, "webhook_not_found");
    }

    @Test
    void bad_registrations_are_400_naming_the_field_and_the_registry_is_for_admins() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("url", "ftp://example.com/x", "events", List.of("*")),
                Map.of("url", "not a url", "events", List.of("*")),
                Map.of("events", List.of("*")),
                Map.of("url", receiver.url("/x"), "events", List.of("appointment.booked")),
                Map.of("url", receiver.url("/x"), "events", List.of()),
                Map.of("url", receiver.url("/x"), "events", "appointment.*"),
                Map.of("url", receiver.url("/x")))) {
            assertProblem(api.admin().post("/webhooks", body), 400, "validation_failed");
        }
        assertProblem(api.post("/webhooks", Map.of("url", receiver.url("/x"), "events", List.of("*"))), 401,
                "unauthorized");
        assertProblem(api.get("/webhooks"), 401, "unauthorized");
        String id = register("/patch", "*").path("id").asText();
        assertProblem(api.admin().patch("/webhooks/" + id, Map.of("active", "yes")), 400, "validation_failed");
        assertProblem(api.admin().patch("/webhooks/" + id, Map.of("events", List.of("nothing.*"))), 400,
                "validation_failed");
        assertProblem(api.admin().get("/webhooks/" + id + "/deliveries?limit=0"), 400, "validation_failed");
        assertProblem(api.admin().patch("/webhooks/no-such-webhook", Map.of("active", true)), 404,
                "webhook_not_found");
    }

    private JsonNode register(String path, String... events) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", receiver.url(path));
        body.put("events", List.of(events));
        body.put("description", "test receiver " + path);
        Reply reply = api.admin().post("/webhooks", body);
        JsonNode created = ok(reply, 201);
        registered.add(created.path("id").asText());
        return created;
    }

    private List<Received> awaitRequests(String path, int count) {
        return await(count + " requests at " + path).atMost(DELIVERED_WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> receiver.requests(path), requests -> requests.size() >= count);
    }

    private List<JsonNode> deliveries(String webhookId) {
        JsonNode page = ok(api.admin().get("/webhooks/" + webhookId + "/deliveries"), 200);
        return StreamSupport.stream(page.path("deliveries").spliterator(), false).toList();
    }

    private JsonNode awaitDelivery(JsonNode webhook, String status) {
        return awaitDelivery(webhook, status, 1);
    }

    /** The webhook's only delivery, once it has that status after at least {@code attempts} attempts. */
    private JsonNode awaitDelivery(JsonNode webhook, String status, int attempts) {
        String id = webhook.path("id").asText();
        return await(status + " after " + attempts).atMost(DELIVERED_WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> deliveries(id), found -> found.size() == 1
                        && found.get(0).path("status").asText().equals(status)
                        && found.get(0).path("attempts").size() >= attempts)
                .get(0);
    }
}
