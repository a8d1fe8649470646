package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.adapter.rabbitmq.EventTopology;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.testing.TestBroker;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The same HTTP contract with PostgreSQL and RabbitMQ: every event goes from the outbox to the broker,
 * and reaches the in-process bus (what this suite watches) only once the broker has confirmed it;
 * appointment notices come from the broker's notifications queue.
 */
class PostgresRabbitMqHttpTest extends RunningServiceHttpTest {
    /** Queues of this class's own: no other service on the broker takes its events. */
    private final String webhooksQueue = "test.webhooks." + UUID.randomUUID();
    private final String notificationsQueue = "test.notifications." + UUID.randomUUID();
    private PostgresTestDatabase database;

    @Override
    protected Map<String, String> modeEnvironment() {
        database = PostgresTestDatabase.create(2);
        return Map.of(Configuration.DB_URL, PostgresTestDatabase.url() + "?currentSchema=" + database.schema(),
                Configuration.DB_USER, database.settings().user(),
                Configuration.DB_PASSWORD, database.settings().password(),
                Configuration.AMQP_URL, TestBroker.url().toString(),
                Configuration.WEBHOOKS_QUEUE, webhooksQueue,
                Configuration.NOTIFICATIONS_QUEUE, notificationsQueue);
    }

    @Override
    protected void modeStopped() {
        database.close();
        try (TestBroker broker = TestBroker.connect()) {
            broker.deleteConsumerQueue(webhooksQueue);
            broker.deleteConsumerQueue(notificationsQueue);
        }
    }

    @Test
    void an_event_reaches_the_in_process_bus_only_once_it_is_at_the_broker() throws Exception {
        try (TestBroker broker = TestBroker.connect()) {
            // A queue of this test's own that nobody consumes: what the broker holds, read on demand.
            Channel channel = broker.channelForTest();
            String queue = channel.queueDeclare("", false, true, false, Map.of()).getQueue();
            channel.queueBind(queue, EventTopology.EXCHANGE, "slot.*");
            Set<String> atTheBroker = new HashSet<>();
            Map<String, Boolean> seenInProcess = new ConcurrentHashMap<>();
            AutoCloseable subscription = runtime().eventBus().subscribe("slot.*", event -> {
                synchronized (atTheBroker) {
                    GetResponse response;
                    while ((response = TestBroker.unchecked(() -> channel.basicGet(queue, true))) != null) {
                        atTheBroker.add(response.getProps().getMessageId());
                    }
                    seenInProcess.put(event.eventId().toString(), atTheBroker.contains(event.eventId().toString()));
                }
            });
            try {
                Bookable place = bookable(2);
                LocalDate date = inDays(7);
                String token = lockOk(place, date, "10:00", 1).path("reservationToken").asText();
                ok(release(token), 200);

                ObservedEvent locked = awaitEvent("slot.locked", token);
                ObservedEvent released = awaitEvent("slot.released", token);

                assertThat(seenInProcess).as("each event was at the broker when the in-process bus got it")
                        .containsEntry(locked.eventId(), true)
                        .containsEntry(released.eventId(), true);
            } finally {
                subscription.close();
            }
        }
    }
}
