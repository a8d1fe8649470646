package dev.scheduling.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.events.json.EventJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RabbitMqEventBus on a real broker: confirmed, persistent JSON messages with the contract's properties")
class RabbitMqEventBusTest {
    private TestBroker broker;
    private RabbitMqConnection connection;
    private SimpleMeterRegistry meters;
    private RabbitMqEventBus bus;

    @BeforeEach
    void connect() {
        broker = TestBroker.connect();
        connection = RabbitMqConnection.open(TestBroker.settings(List.of(), 8), "bus-test");
        meters = new SimpleMeterRegistry();
        bus = new RabbitMqEventBus(connection, meters);
        bus.declareTopology();
    }

    @AfterEach
    void close() {
        bus.close();
        connection.close();
        broker.close();
    }

    @Test
    @DisplayName("a batch arrives in order, body = EventJson.encode, persistent, with message id, type and timestamp")
    void publishesBatchInOrderWithContractProperties() throws Exception {
        String queue = broker.newQueue(List.of());
        try (Channel channel = broker.channel()) {
            EventTopology.declareConsumerQueue(channel, queue, EventTopology.NOTIFICATION_BINDINGS, List.of());
        }
        List<EventEnvelope> batch = List.of(TestEvents.slotLocked(), TestEvents.slotReleased(SlotReleased.Reason.RELEASED),
                TestEvents.slotLocked(), TestEvents.slotReleased(SlotReleased.Reason.EXPIRED),
                TestEvents.slotReleased(SlotReleased.Reason.CONVERTED));
        Map<String, EventEnvelope> byId = batch.stream()
                .collect(Collectors.toMap(event -> event.eventId().toString(), Function.identity()));

        bus.publish(batch);

        // Confirmed: already in the queue when publish returns, no waiting needed.
        List<GetResponse> received = broker.drain(queue).stream()
                .filter(message -> byId.containsKey(message.getProps().getMessageId())).collect(Collectors.toList());
        assertThat(received).extracting(message -> message.getProps().getMessageId())
                .containsExactlyElementsOf(batch.stream().map(event -> event.eventId().toString()).toList());
        for (GetResponse message : received) {
            EventEnvelope event = byId.get(message.getProps().getMessageId());
            assertThat(TestBroker.body(message)).isEqualTo(EventJson.encode(event));
            assertThat(EventJson.decode(TestBroker.body(message))).isEqualTo(event);
            assertThat(message.getEnvelope().getExchange()).isEqualTo("scheduling.events");
            assertThat(message.getEnvelope().getRoutingKey()).isEqualTo(event.type());
            assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
            assertThat(message.getProps().getContentType()).isEqualTo("application/json");
            assertThat(message.getProps().getType()).isEqualTo(event.type());
            assertThat(message.getProps().getTimestamp().toInstant())
                    .isEqualTo(event.occurredAt().truncatedTo(ChronoUnit.SECONDS));
            assertThat(message.getProps().getHeaders()).hasEntrySatisfying("version",
                    version -> assertThat(((Number) version).intValue()).isEqualTo(1));
        }
        assertThat(counter("events.published")).isEqualTo(5);
        assertThat(counter("events.publish.failures")).isZero();
        assertThat(counter("events.unroutable")).isZero();
    }

    @Test
    @DisplayName("batches published one after another keep their order across batches")
    void batchesKeepTheirOrder() throws Exception {
        String queue = broker.newQueue(List.of());
        try (Channel channel = broker.channel()) {
            EventTopology.declareConsumerQueue(channel, queue, List.of("slot.*"), List.of());
        }
        List<EventEnvelope> first = List.of(TestEvents.slotLocked(), TestEvents.slotReleased(SlotReleased.Reason.RELEASED));
        List<EventEnvelope> second = List.of(TestEvents.slotLocked());

        bus.publish(first);
        bus.publish(second);
        bus.publish(List.of());

        List<String> ours = List.of(first.get(0).eventId().toString(), first.get(1).eventId().toString(),
                second.get(0).eventId().toString());
        assertThat(broker.drain(queue)).extracting(message -> message.getProps().getMessageId()).filteredOn(ours::contains)
                .containsExactlyElementsOf(ours);
        assertThat(counter("events.published")).isEqualTo(3);
    }

    @Test
    @DisplayName("an event no queue is bound to take is confirmed, but counted as events.unroutable")
    void unroutableEventIsCounted() {
        // An exchange of this test's own, with no queue bound: the shared one may have queues of other runs.
        String exchange = "test.unroutable." + UUID.randomUUID();
        RabbitMqEventBus isolated = new RabbitMqEventBus(connection, meters, exchange);
        isolated.declareTopology();
        EventEnvelope event = TestEvents.slotReleased(SlotReleased.Reason.EXPIRED);

        try {
            isolated.publish(List.of(event));
        } finally {
            isolated.close();
            broker.deleteExchange(exchange);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> counter("events.unroutable") == 1);
        assertThat(counter("events.publish.failures")).isZero();
    }

    @Test
    @DisplayName("the health check reports an open connection")
    void healthy() {
        assertThat(connection.healthCheck().component()).isEqualTo("broker");
        assertThat(connection.healthCheck().isHealthy()).isTrue();

        connection.close();

        assertThat(connection.healthCheck().isHealthy()).isFalse();
    }

    private double counter(String name) {
        return meters.counter(name).count();
    }
}
