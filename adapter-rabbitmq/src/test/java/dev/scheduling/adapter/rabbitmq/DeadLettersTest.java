package dev.scheduling.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduling.adapter.rabbitmq.DeadLetters.DeadLetter;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.events.json.EventJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The operator's tools on a dead-letter queue filled the real way: a consumer, bound to the shared
 * exchange with {@code slot.*}, whose handler refuses the events this test names.
 */
@DisplayName("DeadLetters on a real broker: list, replay one or all back through the exchange, drop")
class DeadLettersTest {
    private static final List<Duration> DELAYS = List.of(Duration.ofMillis(200), Duration.ofMillis(400));
    private static final String REFUSED = "IllegalStateException: refused ";

    private TestBroker broker;
    private RabbitMqConnection connection;
    private RabbitMqEventBus bus;
    private RabbitMqEventConsumer consumer;
    private DeadLetters deadLetters;
    private String queue;
    /** Events the handler refuses, with how many more times (-1: always). */
    private final Map<UUID, Integer> refusals = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<UUID> handled = ConcurrentHashMap.newKeySet();
    /** The events this test published: the only ones its handler looks at. */
    private final Set<UUID> ours = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        broker = TestBroker.connect();
        queue = broker.newQueue(DELAYS);
        connection = RabbitMqConnection.open(TestBroker.settings(DELAYS, 8), "dead-letters-test");
        bus = new RabbitMqEventBus(connection, new SimpleMeterRegistry());
        consumer = new RabbitMqEventConsumer(connection, queue, List.of("slot.*"), this::handle, new SimpleMeterRegistry());
        consumer.start();
        deadLetters = new DeadLetters(connection, queue);
    }

    @AfterEach
    void stop() {
        consumer.close();
        bus.close();
        connection.close();
        broker.close();
    }

    @Test
    @DisplayName("list shows each dead letter's id, type, attempts and last error, and leaves them where they are")
    void listShowsDeadLetters() throws Exception {
        EventEnvelope locked = TestEvents.slotLocked();
        EventEnvelope released = TestEvents.slotReleased(SlotReleased.Reason.EXPIRED);
        deadLetter(locked, released);

        List<DeadLetter> letters = deadLetters.list();

        assertThat(letters).hasSize(2);
        assertThat(letters).filteredOn(letter -> letter.messageId().equals(locked.eventId().toString())).singleElement()
                .isEqualTo(new DeadLetter(locked.eventId().toString(), "slot.locked", 3, REFUSED + locked.eventId(),
                        EventJson.encode(locked)));
        assertThat(letters).filteredOn(letter -> letter.messageId().equals(released.eventId().toString())).singleElement()
                .isEqualTo(new DeadLetter(released.eventId().toString(), "slot.released", 3, REFUSED + released.eventId(),
                        EventJson.encode(released)));
        // Listing again sees the same: nothing was taken away or changed.
        assertThat(deadLetters.list()).containsExactlyInAnyOrderElementsOf(letters);
        assertThat(broker.drain(queue + ".dlq")).hasSize(2);
    }

    @Test
    @DisplayName("replay(id) puts that one back with its attempts reset; replay() puts back all the rest")
    void replayOneThenAll() throws Exception {
        EventEnvelope first = TestEvents.slotLocked();
        EventEnvelope second = TestEvents.slotReleased(SlotReleased.Reason.RELEASED);
        EventEnvelope third = TestEvents.slotLocked();
        deadLetter(first, second, third);
        // Replayed, the first fails once more: with its attempts reset it is retried, not dead-lettered again.
        refusals.put(first.eventId(), 1);

        assertThat(deadLetters.replay(Optional.of(first.eventId().toString()))).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains(first.eventId()));
        assertThat(calls.get(first.eventId())).hasValue(3 + 2);
        assertThat(deadLetters.list()).extracting(DeadLetter::messageId)
                .containsExactlyInAnyOrder(second.eventId().toString(), third.eventId().toString());
        assertThat(handled).containsExactly(first.eventId());

        refusals.clear();
        assertThat(deadLetters.replay(Optional.empty())).isEqualTo(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 3);
        assertThat(handled).containsExactlyInAnyOrder(first.eventId(), second.eventId(), third.eventId());
        assertThat(calls.get(second.eventId())).hasValue(3 + 1);
        assertThat(calls.get(third.eventId())).hasValue(3 + 1);
        assertThat(deadLetters.list()).isEmpty();
        assertThat(broker.drain(queue + ".dlq")).isEmpty();
        assertThat(deadLetters.replay(Optional.empty())).isZero();
    }

    @Test
    @DisplayName("drop(id) removes that one for good, drop() the rest; nothing is delivered again")
    void dropOneThenAll() throws Exception {
        EventEnvelope first = TestEvents.slotLocked();
        EventEnvelope second = TestEvents.slotReleased(SlotReleased.Reason.CONVERTED);
        deadLetter(first, second);

        assertThat(deadLetters.drop(Optional.of(UUID.randomUUID().toString()))).isZero();
        assertThat(deadLetters.drop(Optional.of(first.eventId().toString()))).isEqualTo(1);

        assertThat(deadLetters.list()).extracting(DeadLetter::messageId).containsExactly(second.eventId().toString());

        assertThat(deadLetters.drop(Optional.empty())).isEqualTo(1);

        assertThat(deadLetters.list()).isEmpty();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> calls.get(first.eventId()).get() == 3 && calls.get(second.eventId()).get() == 3);
        assertThat(handled).isEmpty();
        assertThat(broker.drain(queue)).isEmpty();
    }

    @Test
    @DisplayName("a malformed dead letter without id or type is listed, stays on replay (no queue would take it), and can be dropped")
    void malformedDeadLetterWithoutIdOrType() throws Exception {
        EventEnvelope event = TestEvents.slotLocked();
        deadLetter(event);
        broker.publishToQueue(queue, TestBroker.properties(null, null, null), "not an event");
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.ready(queue + ".dlq") == 2);

        assertThat(deadLetters.list()).filteredOn(letter -> letter.messageId() == null).singleElement()
                .satisfies(letter -> {
                    assertThat(letter.type()).isNull();
                    assertThat(letter.attempts()).isEqualTo(1);
                    assertThat(letter.lastError()).isNotBlank();
                    assertThat(letter.body()).isEqualTo("not an event");
                });

        refusals.clear();
        assertThat(deadLetters.replay(Optional.of(event.eventId().toString()))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains(event.eventId()));

        // Replaying everything cannot route the malformed message anywhere: it must stay, not vanish.
        assertThat(deadLetters.replay(Optional.empty())).isZero();
        assertThat(deadLetters.list()).singleElement().satisfies(letter -> assertThat(letter.body()).isEqualTo("not an event"));

        assertThat(deadLetters.drop(Optional.empty())).isEqualTo(1);
        assertThat(deadLetters.list()).isEmpty();
    }

    @Test
    @DisplayName("a replayed message the consumer still cannot read goes round once and is back in the dead-letter queue")
    void replayOfUnreadableMessageGoesRoundOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        broker.publishToQueue(queue, TestBroker.properties(id, "slot.locked", null), "{\"broken\":true}");
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.ready(queue + ".dlq") == 1);

        // The consumer dead-letters it again at once, while replay is still taking messages: taken once only.
        assertThat(deadLetters.replay(Optional.empty())).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deadLetters.list()).singleElement()
                .satisfies(letter -> {
                    assertThat(letter.messageId()).isEqualTo(id);
                    assertThat(letter.attempts()).isEqualTo(1);
                }));
        assertThat(calls).isEmpty();
    }

    private void handle(EventEnvelope event) {
        if (!ours.contains(event.eventId())) {
            return; // published on slot.* by someone else: the exchange is shared
        }
        calls.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
        AtomicBoolean refuse = new AtomicBoolean();
        refusals.computeIfPresent(event.eventId(), (id, left) -> {
            refuse.set(true);
            return left == 1 ? null : left - 1; // negative counts never reach 1: always refused
        });
        if (refuse.get()) {
            throw new IllegalStateException("refused " + event.eventId());
        }
        handled.add(event.eventId());
    }

    /** Publishes the events through the bus and waits until every one has failed all its attempts. */
    private void deadLetter(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            ours.add(event.eventId());
            refusals.put(event.eventId(), -1);
        }
        bus.publish(List.of(events));
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(queue + ".dlq") == events.length);
    }
}
