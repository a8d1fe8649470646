package dev.scheduling.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EventTopology on a real broker: exchange, quorum consumer queue, retry and dead-letter queues, bindings")
class EventTopologyTest {
    private static final List<Duration> DELAYS = List.of(Duration.ofMillis(200), Duration.ofMillis(400));

    private TestBroker broker;
    private String queue;

    @BeforeEach
    void declare() throws Exception {
        broker = TestBroker.connect();
        queue = broker.newQueue(DELAYS);
        try (Channel channel = broker.channel()) {
            EventTopology.declareConsumerQueue(channel, queue, EventTopology.NOTIFICATION_BINDINGS, DELAYS);
        }
    }

    @AfterEach
    void deleteQueues() {
        broker.close();
    }

    @Test
    @DisplayName("declaring the whole topology again, on the same channel, changes nothing and fails nothing")
    void declaringTwiceIsIdempotent() throws Exception {
        try (Channel channel = broker.channel()) {
            EventTopology.declareConsumerQueue(channel, queue, EventTopology.NOTIFICATION_BINDINGS, DELAYS);
            EventTopology.declareConsumerQueue(channel, queue, EventTopology.NOTIFICATION_BINDINGS, DELAYS);
            EventTopology.declareExchange(channel);
            assertThat(channel.isOpen()).as("no declaration was refused (a refusal closes the channel)").isTrue();
        }

        assertThat(broker.exists(queue)).isTrue();
        assertThat(broker.exists(queue + ".dlq")).isTrue();
        assertThat(broker.exists(queue + ".retry.200ms")).isTrue();
        assertThat(broker.exists(queue + ".retry.400ms")).isTrue();
        assertThat(EventTopology.deadLetterQueue(queue)).isEqualTo(queue + ".dlq");
        assertThat(EventTopology.retryQueue(queue, Duration.ofSeconds(5))).isEqualTo(queue + ".retry.5000ms");
        try (Channel channel = broker.channel()) {
            channel.exchangeDeclarePassive(EventTopology.EXCHANGE);
            // Same kind and durability as the application declares: accepted.
            channel.exchangeDeclare(EventTopology.EXCHANGE, BuiltinExchangeType.TOPIC, true);
        }
        isPreconditionFailed(broker.refusal(channel ->
                channel.exchangeDeclare(EventTopology.EXCHANGE, BuiltinExchangeType.TOPIC, false)));
    }

    @Test
    @DisplayName("the consumer queue is a quorum queue whose rejected messages are dead-lettered to <queue>.dlq")
    void consumerQueueIsQuorumWithDeadLettering() throws Exception {
        // The arguments as declared are accepted again; as a classic queue the same name is refused.
        try (Channel channel = broker.channel()) {
            channel.queueDeclare(queue, true, false, false, consumerQueueArguments());
        }
        Map<String, Object> classic = new HashMap<>(consumerQueueArguments());
        classic.put("x-queue-type", "classic");
        isPreconditionFailed(broker.refusal(channel -> channel.queueDeclare(queue, true, false, false, classic)));
        // The dead-letter queue is a quorum queue too.
        isPreconditionFailed(broker.refusal(channel ->
                channel.queueDeclare(queue + ".dlq", true, false, false, Map.of("x-queue-type", "classic"))));

        String id = UUID.randomUUID().toString();
        broker.publishToQueue(queue, TestBroker.properties(id, "slot.locked", null), "{}");
        try (Channel channel = broker.channel()) {
            // A quorum queue counts deliveries: a requeued message comes back with x-delivery-count.
            GetResponse first = channel.basicGet(queue, false);
            assertThat(first.getProps().getMessageId()).isEqualTo(id);
            channel.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
            GetResponse again = awaitMessage(channel, queue);
            assertThat(again.getProps().getHeaders()).hasEntrySatisfying("x-delivery-count",
                    count -> assertThat(((Number) count).intValue()).isEqualTo(1));

            channel.basicReject(again.getEnvelope().getDeliveryTag(), false);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> broker.ready(queue + ".dlq") == 1);
        List<GetResponse> dead = broker.drain(queue + ".dlq");
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(message.getProps().getMessageId()).isEqualTo(id);
            assertThat(deathOf(message)).containsEntry("reason", "rejected").containsEntry("queue", queue);
        });
        assertThat(broker.drain(queue)).isEmpty();
    }

    @Test
    @DisplayName("a retry queue holds a message for its TTL, then dead-letters it back to the consumer queue")
    void retryQueueWaitsItsTtl() throws Exception {
        // The retry queue was declared with its own TTL: another one is refused, the same one accepted.
        isPreconditionFailed(broker.refusal(channel -> channel.queueDeclare(queue + ".retry.400ms", true, false, false,
                Map.of("x-message-ttl", 999L, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", queue))));
        try (Channel channel = broker.channel()) {
            channel.queueDeclare(queue + ".retry.400ms", true, false, false,
                    Map.of("x-message-ttl", 400L, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", queue));
        }
        String id = UUID.randomUUID().toString();

        long start = System.nanoTime();
        broker.publishToQueue(queue + ".retry.400ms", TestBroker.properties(id, "slot.locked", null), "{}");
        assertThat(broker.ready(queue + ".retry.400ms")).as("waiting in the retry queue").isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> broker.ready(queue) == 1);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(waited).isBetween(Duration.ofMillis(400), Duration.ofMillis(3_000));
        assertThat(broker.drain(queue + ".retry.400ms")).isEmpty();
        assertThat(broker.drain(queue)).singleElement().satisfies(message -> {
            assertThat(message.getProps().getMessageId()).isEqualTo(id);
            assertThat(deathOf(message)).containsEntry("reason", "expired")
                    .containsEntry("queue", queue + ".retry.400ms");
        });
    }

    @Test
    @DisplayName("the bindings take every slot.* and appointment.* type, and nothing else")
    void bindingsRouteSlotAndAppointmentTypes() throws Exception {
        List<String> routed = List.of("slot.locked", "slot.released", "appointment.created", "appointment.rescheduled",
                "appointment.cancelled");
        List<String> notRouted = List.of("slot", "slot.locked.v2", "slots.locked", "appointment", "invoice.paid");
        Map<String, String> typeById = new HashMap<>();
        for (String type : concat(routed, notRouted)) {
            String id = UUID.randomUUID().toString();
            typeById.put(id, type);
            broker.publish(EventTopology.EXCHANGE, type, TestBroker.properties(id, type, null), "{}");
        }

        // Confirmed publishes are already in the queue; only this test's messages count.
        List<String> received = broker.drain(queue).stream().map(message -> message.getProps().getMessageId())
                .filter(typeById::containsKey).map(typeById::get).collect(Collectors.toList());

        assertThat(received).containsExactlyElementsOf(routed);
        assertThat(Set.copyOf(EventTopology.NOTIFICATION_BINDINGS)).containsExactlyInAnyOrder("slot.*", "appointment.*");
    }

    private Map<String, Object> consumerQueueArguments() {
        return Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", "", "x-dead-letter-routing-key",
                queue + ".dlq", "x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish");
    }

    private static GetResponse awaitMessage(Channel channel, String queue) {
        GetResponse[] got = new GetResponse[1];
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> (got[0] = channel.basicGet(queue, false)) != null);
        return got[0];
    }

    /** The broker's record of the last dead-lettering, as strings. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> deathOf(GetResponse message) {
        List<Map<String, Object>> deaths = (List<Map<String, Object>>) message.getProps().getHeaders().get("x-death");
        assertThat(deaths).as("x-death header").isNotEmpty();
        Map<String, String> death = new HashMap<>();
        deaths.get(0).forEach((key, value) -> death.put(key, String.valueOf(value)));
        return death;
    }

    private static void isPreconditionFailed(Throwable refused) {
        assertThat(refused).isInstanceOf(IOException.class);
        assertThat(refused.getCause()).isInstanceOf(ShutdownSignalException.class);
        assertThat(refused.getCause().getMessage()).contains("PRECONDITION_FAILED");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
