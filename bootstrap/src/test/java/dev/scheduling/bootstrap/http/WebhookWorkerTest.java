package dev.scheduling.bootstrap.http;

import static dev.scheduling.bootstrap.http.HttpContractTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.bootstrap.WorkerRuntime;
import dev.scheduling.bootstrap.http.WebhookReceiver.Received;
import dev.scheduling.bootstrap.testing.TestBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Webhooks delivered by the worker ({@code SCHEDULING_WEBHOOKS=off} on the service) on the real
 * PostgreSQL and RabbitMQ: the service's events reach the worker through the webhooks queue, and a retry
 * that is due lives in the database, so it survives the worker's restart and goes out from the next one
 * with the same delivery id. Queues and schema of this test's own.
 */
class WebhookWorkerTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");
    private final String queues = "test." + UUID.randomUUID();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private PostgresTestDatabase database;
    private ServiceRuntime service;
    private WorkerRuntime worker;
    private ApiClient api;

    @BeforeEach
    void start() {
        database = PostgresTestDatabase.create(4);
        Map<String, String> serviceEnvironment = new HashMap<>(common());
        serviceEnvironment.putAll(Map.of(Configuration.WEBHOOKS, "off", Configuration.NOTIFICATIONS, "off",
                Configuration.ADMIN_TOKEN, "test-admin-" + UUID.randomUUID()));
        service = ServiceRuntime.startForTest(Configuration.fromEnvironment(serviceEnvironment), clock, 0);
        worker = startWorker();
        api = new ApiClient("http://127.0.0.1:" + service.port(), service.adminToken());
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        service.close();
        receiver.close();
        try (TestBroker broker = TestBroker.connect()) {
            broker.deleteConsumerQueue(queues + ".notifications");
            broker.deleteConsumerQueue(queues + ".webhooks");
        }
        database.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void the_worker_delivers_and_a_due_retry_survives_its_restart() {
        receiver.respond("/crm", 503);
        JsonNode webhook = ok(api.admin().post("/webhooks", Map.of("url", receiver.url("/crm"),
                "events", List.of("slot.locked"))), 201);
        String webhookId = webhook.path("id").asText();
        String unitId = ok(api.admin().post("/units", HttpContractTest.unitBody()), 201).path("id").asText();
        String serviceId = ok(api.admin().post("/units/" + unitId + "/services",
                HttpContractTest.serviceBody(30, 2)), 201).path("id").asText();
        LocalDate date = LocalDate.of(2026, 3, 9);

        ok(api.post("/slots/lock", HttpContractTest.lockBody(new HttpContractTest.Bookable(unitId, serviceId), date,
                "09:00")), 201);

        Received first = awaitRequests(1).get(0);
        JsonNode pending = awaitDelivery(webhookId, "PENDING");
        Instant next = Instant.parse(pending.path("nextAttemptAt").asText());
        worker.close();
        worker = null;
        clock.set(next);
        worker = startWorker();

        Received second = awaitRequests(2).get(1);
        assertThat(second.header("Scheduling-Delivery")).isEqualTo(first.header("Scheduling-Delivery"))
                .isEqualTo(pending.path("id").asText());
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(awaitDelivery(webhookId, "SUCCEEDED").path("attempts")).hasSize(2);
    }

    private Map<String, String> common() {
        return Map.of(
                Configuration.DB_URL, PostgresTestDatabase.url() + "?currentSchema=" + database.schema(),
                Configuration.DB_POOL_SIZE, "4",
                Configuration.AMQP_URL, TestBroker.url().toString(),
                Configuration.NOTIFICATIONS_QUEUE, queues + ".notifications",
                Configuration.WEBHOOKS_QUEUE, queues + ".webhooks",
                Configuration.WEBHOOK_ALLOW_PRIVATE, "true");
    }

    private WorkerRuntime startWorker() {
        return WorkerRuntime.startForTest(Configuration.fromEnvironment(common()), clock, 0, notice -> {
        });
    }

    private List<Received> awaitRequests(int count) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> receiver.requests("/crm"),
                requests -> requests.size() >= count);
    }

    private JsonNode awaitDelivery(String webhookId, String status) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> ok(api.admin()
                        .get("/webhooks/" + webhookId + "/deliveries"), 200).path("deliveries").get(0),
                delivery -> delivery != null && delivery.path("status").asText().equals(status));
    }
}
