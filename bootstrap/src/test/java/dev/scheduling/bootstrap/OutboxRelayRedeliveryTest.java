package dev.scheduling.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scheduling.adapter.persistence.OutboxRelay;
import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.adapter.rabbitmq.RabbitMqConnection;
import dev.scheduling.adapter.rabbitmq.RabbitMqEventBus;
import dev.scheduling.adapter.rabbitmq.RabbitMqSettings;
import dev.scheduling.bootstrap.testing.TestBroker;
import dev.scheduling.bootstrap.testing.TestBroker.Message;
import dev.scheduling.bootstrap.testing.TestBroker.Tap;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.events.json.EventJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The outbox relay as the service wires it (its sink publishes through {@link RabbitMqEventBus}, with
 * publisher confirms) dies between the broker's confirm and the mark-sent: nothing is marked, the next
 * run publishes the same batch again, and a consumer sees every event at least once, those of the lost
 * batch twice. A duplicate, never a loss; consumers deduplicate on {@code eventId}.
 */
class OutboxRelayRedeliveryTest {
    /** More than one relay batch, so that only the first batch is published twice. */
    private static final int EVENTS = OutboxRelay.BATCH + 50;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_relay_killed_between_publish_and_mark_sent_publishes_the_batch_again_and_loses_nothing() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create(2);
             TestBroker broker = TestBroker.connect();
             Tap tap = broker.tap("slot.*");
             RabbitMqConnection connection = RabbitMqConnection.open(
                     new RabbitMqSettings(TestBroker.url(), List.of(), 1), "outbox-relay-test");
             RabbitMqEventBus bus = new RabbitMqEventBus(connection, new SimpleMeterRegistry())) {
            bus.declareTopology();
            Jdbi jdbi = database.database().jdbi();
            List<String> written = writeEvents(jdbi);
            AtomicBoolean killed = new AtomicBoolean();
            List<List<String>> published = new CopyOnWriteArrayList<>();
            OutboxRelay relay = new OutboxRelay(jdbi, batch -> {
                bus.publish(batch);
                published.add(batch.stream().map(event -> event.eventId().toString()).toList());
                if (killed.compareAndSet(false, true)) {
                    throw new IllegalStateException("the relay dies after the broker confirmed, before marking sent");
                }
            });

            assertThatThrownBy(relay::relayPending).hasMessageContaining("before marking sent");

            assertThat(relay.pending()).as("nothing was marked sent").isEqualTo(EVENTS);
            List<String> lost = published.get(0);
            assertThat(lost).as("the first batch, in the order written").isEqualTo(written.subList(0, lost.size()));
            assertThat(lost.size()).as("a batch is less than all").isLessThan(EVENTS);
            await("the first batch at the consumer").atMost(Duration.ofSeconds(10))
                    .until(() -> tap.countsById().keySet().containsAll(lost));

            assertThat(relay.relayPending()).as("delivered by the next run").isEqualTo(EVENTS);
            assertThat(relay.pending()).isZero();
            assertThat(relay.relayPending()).as("nothing left").isZero();

            await("every event at the consumer").atMost(Duration.ofSeconds(10))
                    .until(() -> tap.countsById().keySet().containsAll(written));
            // The exchange is shared: only this test's events count.
            Set<String> ours = Set.copyOf(written);
            await("the duplicates too").atMost(Duration.ofSeconds(10))
                    .until(() -> arrivals(tap, ours).size() >= EVENTS + lost.size());
            Map<String, Long> counts = tap.countsById();
            Set<String> lostIds = new HashSet<>(lost);
            for (String id : written) {
                assertThat(counts.get(id)).as("deliveries of %s", id).isEqualTo(lostIds.contains(id) ? 2L : 1L);
            }

            // The batch published again comes in its order, followed by the rest in theirs.
            List<String> arrivals = arrivals(tap, ours);
            List<String> expected = new ArrayList<>(lost);
            expected.addAll(written);
            assertThat(arrivals).isEqualTo(expected);
        }
    }

    private static List<String> arrivals(Tap tap, Set<String> ours) {
        return tap.received().stream().map(Message::messageId).filter(ours::contains).toList();
    }

    /** Slot events in the outbox table, as commands would have written them; returns their ids in order. */
    private static List<String> writeEvents(Jdbi jdbi) {
        Instant occurredAt = Instant.parse("2026-03-02T12:00:00.123Z");
        List<String> ids = new ArrayList<>();
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO outbox_events (event_id, type, occurred_at, envelope)
                    VALUES (CAST(:eventId AS uuid), :type, :occurredAt, :envelope)""");
            for (int i = 0; i < EVENTS; i++) {
                EventEnvelope event = new EventEnvelope(UUID.randomUUID(), occurredAt.plusMillis(i),
                        new SlotLocked(new ReservationToken(UUID.randomUUID().toString().replace("-", "")),
                                new UnitId("unit-" + i), new ServiceId("service-1"), LocalDate.parse("2026-03-09"),
                                LocalTime.parse("09:00"), LocalTime.parse("09:30"), 1, 300, i + 1,
                                occurredAt.plusSeconds(300)));
                ids.add(event.eventId().toString());
                batch.bind("eventId", event.eventId().toString())
                        .bind("type", event.type())
                        .bind("occurredAt", OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                        .bind("envelope", EventJson.encode(event))
                        .add();
            }
            batch.execute();
        });
        return List.copyOf(ids);
    }
}
