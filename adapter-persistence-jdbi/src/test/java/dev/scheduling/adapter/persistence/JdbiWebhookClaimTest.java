package dev.scheduling.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.adapter.persistence.testing.PostgresSchema;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.event.AppointmentCreated;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.webhook.EventFilter;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.domain.webhook.WebhookId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the contract cannot see of {@link JdbiWebhookDeliveries#claimDue}: a delivery another transaction
 * holds locked is passed over without letting a second delivery of its webhook in, and dispatchers of two
 * instances (a connection pool each, as two processes) never take one delivery twice.
 */
class JdbiWebhookClaimTest {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    private SchedulingPorts ports;

    @BeforeEach
    void leaseLeftoversAway() {
        ports = PostgresPorts.over(schema.database(), new MutableClock(NOW));
        while (!claim(ports, FAR_FUTURE, 1000).isEmpty()) {
            // one delivery per webhook per round
        }
    }

    @Test
    void aDeliveryLockedByAnotherTransactionIsSkippedAndItsWebhookWaitsForTheNextRound() {
        Webhook busy = saved(aWebhook());
        Webhook other = saved(aWebhook());
        WebhookDelivery first = added(WebhookDelivery.of(busy.id(), anEvent(), NOW.minusSeconds(30)));
        WebhookDelivery second = added(WebhookDelivery.of(busy.id(), anEvent(), NOW.minusSeconds(20)));
        WebhookDelivery others = added(WebhookDelivery.of(other.id(), anEvent(), NOW.minusSeconds(10)));

        try (Handle dispatcher = schema.database().database().jdbi().open()) {
            dispatcher.begin();
            dispatcher.createQuery("SELECT id FROM webhook_deliveries WHERE id = :id FOR UPDATE")
                    .bind("id", first.id()).mapTo(UUID.class).one();

            assertThat(claim(ports, NOW, 10)).as("the locked candidate is skipped, not replaced by the second")
                    .extracting(WebhookDelivery::id).containsExactly(others.id());

            dispatcher.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :leaseEnd WHERE id = :id")
                    .bind("leaseEnd", SqlTypes.utc(NOW.plus(LEASE))).bind("id", first.id()).execute();
            dispatcher.commit();
        }

        assertThat(claim(ports, NOW, 10)).as("the other dispatcher leased the first: the second is next")
                .extracting(WebhookDelivery::id).containsExactly(second.id());
    }

    @Test
    void dispatchersOfTwoInstancesNeverTakeADeliveryTwice() {
        PostgresDatabase secondPool = schema.database().openAnotherPool(4);
        try {
            SchedulingPorts secondInstance = new PostgresAdapters(secondPool, ports.ids(), new MutableClock(NOW)).ports();
            Set<UUID> added = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                Webhook webhook = saved(aWebhook());
                for (int j = 0; j < 3; j++) {
                    added.add(added(WebhookDelivery.of(webhook.id(), anEvent(), NOW.minusSeconds(j))).id());
                }
            }

            List<Race.Outcome<List<WebhookDelivery>>> outcomes = Race.run(8, i -> {
                SchedulingPorts mine = i % 2 == 0 ? ports : secondInstance;
                List<WebhookDelivery> taken = new ArrayList<>();
                for (int round = 0; round < 12; round++) {
                    List<WebhookDelivery> batch = claim(mine, NOW, 4);
                    assertThat(batch).extracting(WebhookDelivery::webhookId).doesNotHaveDuplicates();
                    taken.addAll(batch);
                }
                return taken;
            });

            assertThat(outcomes).allMatch(Race.Outcome::succeeded);
            List<UUID> taken = outcomes.stream().flatMap(outcome -> outcome.value().stream())
                    .map(WebhookDelivery::id).toList();
            assertThat(taken).doesNotHaveDuplicates();
            assertThat(new HashSet<>(taken)).isEqualTo(added);
        } finally {
            secondPool.close();
        }
    }

    private List<WebhookDelivery> claim(SchedulingPorts on, Instant now, int limit) {
        return on.unitOfWork().execute(() -> on.webhookDeliveries().claimDue(now, now.plus(LEASE), limit, Set.of()));
    }

    private Webhook saved(Webhook webhook) {
        ports.unitOfWork().execute(() -> {
            ports.webhooks().add(webhook);
            return null;
        });
        return webhook;
    }

    private WebhookDelivery added(WebhookDelivery delivery) {
        assertThat(ports.unitOfWork().execute(() -> ports.webhookDeliveries().add(delivery))).isTrue();
        return delivery;
    }

    private static Webhook aWebhook() {
        String id = UUID.randomUUID().toString();
        return Webhook.register(new WebhookId(id), URI.create("https://receiver.example.com/hooks/" + id),
                EventFilter.of(List.of("*")), "", "whsec_" + UUID.randomUUID(), NOW);
    }

    private static EventEnvelope anEvent() {
        AppointmentCreated created = new AppointmentCreated(new AppointmentId(UUID.randomUUID().toString()),
                new ReservationToken("tok-" + UUID.randomUUID()), new ClientId(UUID.randomUUID().toString()),
                new UnitId("unit-1"), new ServiceId("service-1"), LocalDate.of(2030, 3, 5), LocalTime.of(9, 0),
                LocalTime.of(9, 30), 1);
        return new EventEnvelope(UUID.randomUUID(), NOW, created, Map.of());
    }
}
