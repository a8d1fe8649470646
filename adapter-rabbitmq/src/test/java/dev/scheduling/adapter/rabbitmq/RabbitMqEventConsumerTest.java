package dev.scheduling.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.events.json.EventJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RabbitMqEventConsumer on a real broker: acknowledgement, delayed retries, dead-lettering, prefetch")
class RabbitMqEventConsumerTest {
    /** Three attempts at most: the first, then after 200 ms, then after 400 ms more. */
    private static final List<Duration> DELAYS = List.of(Duration.ofMillis(200), Duration.ofMillis(400));
    /** How long a test watches for anything more happening once the outcome is reached. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TestBroker broker;
    private SimpleMeterRegistry meters;
    private String queue;

    @BeforeEach
    void setUp() {
        broker = TestBroker.connect();
        meters = new SimpleMeterRegistry();
        queue = broker.newQueue(DELAYS);
    }

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        broker.close();
    }

    @Test
    @DisplayName("events published on the exchange reach the handler, in order, and are acknowledged")
    void handledDeliveriesAreAcknowledged() throws Exception {
        List<EventEnvelope> events = List.of(TestEvents.slotLocked(), TestEvents.slotReleased(SlotReleased.Reason.CONVERTED),
                TestEvents.slotLocked());
        Set<String> ours = events.stream().map(event -> event.eventId().toString()).collect(Collectors.toSet());
        List<EventEnvelope> received = new CopyOnWriteArrayList<>();
        RabbitMqConnection connection = open(8);
        // Bound to the shared exchange: whatever else is published there on slot.* is handled and ignored.
        RabbitMqEventConsumer consumer = start(connection, List.of("slot.*"), event -> {
            if (ours.contains(event.eventId().toString())) {
                received.add(event);
            }
        });
        RabbitMqEventBus bus = new RabbitMqEventBus(connection, new SimpleMeterRegistry());
        toClose.add(bus);

        bus.publish(events);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        assertThat(received).containsExactlyElementsOf(events);
        await().atMost(Duration.ofSeconds(5)).until(() -> consumed("processed") >= 3);
        consumer.close(); // anything delivered but not acknowledged would be back in the queue now
        assertThat(broker.drain(queue)).noneMatch(message -> ours.contains(message.getProps().getMessageId()));
        assertNothingRetriedOrDead();
        assertThat(consumed("retried")).isZero();
        assertThat(consumed("dead_lettered")).isZero();
    }

    @Test
    @DisplayName("a handler that fails twice is called 3 times, after each retry delay, and the message ends handled")
    void failsTwiceThenSucceeds() throws Exception {
        List<Long> calls = new CopyOnWriteArrayList<>();
        start(open(8), List.of(), event -> {
            calls.add(System.nanoTime());
            if (calls.size() <= 2) {
                throw new IllegalStateException("not yet");
            }
        });
        EventEnvelope event = TestEvents.slotLocked();

        publishToQueue(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> consumed("processed") == 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> calls.size() == 3);
        Duration firstWait = Duration.ofNanos(calls.get(1) - calls.get(0));
        Duration secondWait = Duration.ofNanos(calls.get(2) - calls.get(1));
        assertThat(firstWait).isBetween(Duration.ofMillis(200), Duration.ofMillis(200 + 2_000));
        assertThat(secondWait).isBetween(Duration.ofMillis(400), Duration.ofMillis(400 + 2_000));
        assertThat(consumed("retried")).isEqualTo(2);
        assertThat(consumed("dead_lettered")).isZero();
        assertThat(broker.drain(queue)).isEmpty();
        assertNothingRetriedOrDead();
    }

    @Test
    @DisplayName("a handler that always fails is called maxAttempts times; the message then waits in <queue>.dlq")
    void alwaysFailingGoesToDeadLetterQueue() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RabbitMqConnection connection = open(8);
        start(connection, List.of(), event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("refused " + event.eventId());
        });
        EventEnvelope event = TestEvents.slotReleased(SlotReleased.Reason.EXPIRED);

        publishToQueue(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(queue + ".dlq") == 1);
        // No busy loop, no further delivery: the count stays where it is.
        await().during(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> calls.get() == 3);
        assertThat(connection.settings().maxAttempts()).isEqualTo(3);
        assertThat(consumed("retried")).isEqualTo(2);
        assertThat(consumed("dead_lettered")).isEqualTo(1);
        assertThat(consumed("processed")).isZero();
        assertThat(broker.drain(queue)).isEmpty();
        assertThat(broker.drain(queue + ".retry.200ms")).isEmpty();
        assertThat(broker.drain(queue + ".retry.400ms")).isEmpty();
        List<GetResponse> dead = broker.drain(queue + ".dlq");
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(TestBroker.body(message)).isEqualTo(EventJson.encode(event));
            assertThat(message.getProps().getMessageId()).isEqualTo(event.eventId().toString());
            assertThat(message.getProps().getType()).isEqualTo("slot.released");
            assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
            assertThat(message.getProps().getHeaders())
                    .hasEntrySatisfying(RabbitMqEventConsumer.ATTEMPT_HEADER,
                            attempt -> assertThat(((Number) attempt).intValue()).isEqualTo(3))
                    .hasEntrySatisfying(RabbitMqEventConsumer.ERROR_HEADER, error -> assertThat(error.toString())
                            .isEqualTo("IllegalStateException: refused " + event.eventId()));
        });
    }

    @Test
    @DisplayName("a body that is not JSON, or JSON that is not an event, goes to the dead-letter queue at once")
    void malformedGoesStraightToDeadLetterQueue() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(open(8), List.of(), event -> calls.incrementAndGet());
        String notJson = UUID.randomUUID().toString();
        String notAnEvent = UUID.randomUUID().toString();
        String incomplete = UUID.randomUUID().toString();
        broker.publishToQueue(queue, TestBroker.properties(notJson, null, null), "this is not JSON {");
        broker.publishToQueue(queue, TestBroker.properties(notAnEvent, "slot.locked", null), "{\"hello\":\"world\"}");
        broker.publishToQueue(queue, TestBroker.properties(incomplete, "slot.locked", null),
                EventJson.encode(TestEvents.slotLocked()).replace("\"capacityUsed\"", "\"capacityUsedNot\""));

        await().atMost(Duration.ofSeconds(5)).until(() -> broker.ready(queue + ".dlq") == 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> calls.get() == 0);
        assertThat(consumed("dead_lettered")).isEqualTo(3);
        assertThat(consumed("retried")).isZero();
        List<GetResponse> dead = broker.drain(queue + ".dlq");
        assertThat(dead).extracting(message -> message.getProps().getMessageId())
                .containsExactlyInAnyOrder(notJson, notAnEvent, incomplete);
        assertThat(dead).allSatisfy(message -> assertThat(message.getProps().getHeaders())
                .hasEntrySatisfying(RabbitMqEventConsumer.ATTEMPT_HEADER,
                        attempt -> assertThat(((Number) attempt).intValue()).isEqualTo(1))
                .hasEntrySatisfying(RabbitMqEventConsumer.ERROR_HEADER,
                        error -> assertThat(error.toString()).isNotBlank()));
        assertThat(dead).filteredOn(message -> message.getProps().getMessageId().equals(incomplete)).singleElement()
                .satisfies(message -> assertThat(message.getProps().getHeaders().get(RabbitMqEventConsumer.ERROR_HEADER)
                        .toString()).contains("capacityUsed"));
        assertThat(broker.drain(queue)).isEmpty();
    }

    @Test
    @DisplayName("with prefetch N, at most N deliveries are held unacknowledged at once")
    void prefetchBoundsDeliveriesInFlight() throws Exception {
        int prefetch = 3;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        start(open(prefetch), List.of(), event -> {
            calls.incrementAndGet();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        List<EventEnvelope> events = IntStream.range(0, 10).mapToObj(i -> TestEvents.slotLocked()).toList();
        for (EventEnvelope event : events) {
            publishToQueue(event);
        }

        // The handler holds the first delivery; the broker has handed out exactly `prefetch` of the 10.
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1 && broker.ready(queue) == 10 - prefetch);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> broker.ready(queue) == 10 - prefetch);
        assertThat(calls.get()).isEqualTo(1);

        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> consumed("processed") == 10);
        assertThat(calls.get()).isEqualTo(10);
        assertThat(broker.drain(queue)).isEmpty();
    }

    @Test
    @DisplayName("a message that keeps failing waits in the retry queues while the ones behind it are handled")
    void aPoisonMessageDoesNotBlockTheQueue() throws Exception {
        EventEnvelope poison = TestEvents.slotLocked();
        List<EventEnvelope> behind = IntStream.range(0, 5).mapToObj(i -> TestEvents.slotLocked()).toList();
        List<EventEnvelope> handled = new CopyOnWriteArrayList<>();
        start(open(1), List.of(), event -> {
            if (event.equals(poison)) {
                throw new IllegalStateException("poison");
            }
            handled.add(event);
        });

        publishToQueue(poison);
        for (EventEnvelope event : behind) {
            publishToQueue(event);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 5);
        assertThat(broker.ready(queue + ".dlq")).as("the poison is still being retried").isZero();
        assertThat(handled).containsExactlyElementsOf(behind);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(queue + ".dlq") == 1);
    }

    @Test
    @DisplayName("metrics by event type: outcomes, failures, processing time, lag; and the depth of the queue and its DLQ")
    void metricsByEventType() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger releasedCalls = new AtomicInteger();
        start(open(1), List.of(), event -> {
            if (event.type().equals("slot.released") && releasedCalls.incrementAndGet() == 1) {
                throw new IllegalStateException("once");
            }
            waitFor(release);
        });
        EventEnvelope locked = TestEvents.slotLocked(java.time.Instant.now().minusSeconds(30));
        publishToQueue(locked);
        publishToQueue(TestEvents.slotReleased(SlotReleased.Reason.EXPIRED));
        publishToQueue(TestEvents.slotLocked());

        // The first is held in the handler with prefetch 1: the other two wait in the queue.
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge(queue) == 2);
        assertThat(gauge(queue + ".dlq")).isZero();
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumed("processed") == 3);

        assertThat(counter("events.consumed", "slot.locked", "processed")).isEqualTo(2);
        assertThat(counter("events.consumed", "slot.released", "retried")).isEqualTo(1);
        assertThat(counter("events.consumed", "slot.released", "processed")).isEqualTo(1);
        assertThat(meters.get("events.consumer.failures").tags("queue", queue, "type", "slot.released").counter()
                .count()).isEqualTo(1);
        assertThat(meters.get("events.processing").tags("queue", queue, "type", "slot.released").timer().count())
                .isEqualTo(2);
        io.micrometer.core.instrument.Timer lag = meters.get("events.consumer.lag").tags("queue", queue, "type",
                "slot.locked").timer();
        assertThat(lag.count()).isEqualTo(2);
        assertThat(lag.max(TimeUnit.SECONDS)).as("the event that occurred 30 s ago").isGreaterThanOrEqualTo(30);
        assertThat(gauge(queue)).isZero();
    }

    private RabbitMqConnection open(int prefetch) {
        RabbitMqConnection connection = RabbitMqConnection.open(TestBroker.settings(DELAYS, prefetch), "consumer-test");
        toClose.add(connection);
        return connection;
    }

    private RabbitMqEventConsumer start(RabbitMqConnection connection, List<String> bindings,
                                        Consumer<EventEnvelope> handler) {
        RabbitMqEventConsumer consumer = new RabbitMqEventConsumer(connection, queue, bindings, handler, meters);
        toClose.add(consumer);
        consumer.start();
        return consumer;
    }

    /** As the event bus would publish it, but straight into this test's queue, past the shared exchange. */
    private void publishToQueue(EventEnvelope event) throws Exception {
        AMQP.BasicProperties properties = RabbitMqEventBus.properties(event);
        broker.publishToQueue(queue, properties, EventJson.encode(event));
    }

    private double consumed(String outcome) {
        return meters.find("events.consumed").tags("queue", queue, "outcome", outcome).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private double counter(String name, String type, String outcome) {
        return meters.get(name).tags("queue", queue, "type", type, "outcome", outcome).counter().count();
    }

    private double gauge(String queueName) {
        return meters.get("events.queue.depth").tags("queue", queueName).gauge().value();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void assertNothingRetriedOrDead() throws Exception {
        for (String other : List.of(queue + ".dlq", queue + ".retry.200ms", queue + ".retry.400ms")) {
            assertThat(broker.drain(other)).as(other).isEmpty();
        }
    }
}
