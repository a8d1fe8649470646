package dev.scheduling.application.port.out.contract;

import static dev.scheduling.application.port.out.contract.StoreFixtures.inUnitOfWork;
import static dev.scheduling.application.port.out.contract.WebhookFixtures.aWebhook;
import static dev.scheduling.application.port.out.contract.WebhookFixtures.anEvent;
import static dev.scheduling.application.port.out.contract.WebhookFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.WebhookRepository;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.webhook.EventFilter;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.domain.webhook.WebhookId;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link WebhookRepository}: registrations read back whole (the secret too, which signs
 * deliveries), the subscribers of an event type are the active webhooks whose filter matches, and the
 * failure count is exact under concurrency: one failure, and only one, deactivates a webhook. The store
 * may hold other tests' webhooks.
 */
public abstract class WebhookRepositoryContract {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");

    /** Fresh ports of the adapter under test, over a store that may hold other tests' data. */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private SchedulingPorts ports;
    private WebhookRepository webhooks;

    @BeforeEach
    void createPorts() {
        ports = newPorts(new MutableClock(NOW));
        webhooks = ports.webhooks();
    }

    @Test
    void aRegisteredWebhookReadsBackWhole() {
        Webhook webhook = saved(ports, aWebhook(NOW, "appointment.*", "slot.released"));

        assertThat(webhooks.findById(webhook.id())).contains(webhook);
        assertThat(webhooks.findById(new WebhookId("no-such-webhook"))).isEmpty();
    }

    @Test
    void allListsTheWebhooksOldestFirst() {
        Webhook older = saved(ports, aWebhook(NOW, "*"));
        Webhook newer = saved(ports, aWebhook(NOW.plusSeconds(60), "*"));

        List<Webhook> all = webhooks.all();

        assertThat(all).contains(older, newer);
        assertThat(all.indexOf(older)).isLessThan(all.indexOf(newer));
    }

    @Test
    void theSubscribersOfATypeAreTheActiveWebhooksWhoseFilterMatchesIt() {
        Webhook family = saved(ports, aWebhook(NOW, "appointment.*"));
        Webhook exact = saved(ports, aWebhook(NOW, "appointment.created"));
        Webhook everything = saved(ports, aWebhook(NOW, "*"));
        Webhook other = saved(ports, aWebhook(NOW, "slot.locked"));
        Webhook inactive = aWebhook(NOW, "appointment.*").withActive(false);
        saved(ports, inactive);

        List<Webhook> subscribers = webhooks.subscribedTo("appointment.created");

        assertThat(subscribers).contains(family, exact, everything).doesNotContain(other, inactive);
        assertThat(webhooks.subscribedTo("slot.locked")).contains(other, everything).doesNotContain(family, exact);
    }

    @Test
    void anUpdateStoresTheChangedRegistration() {
        Webhook webhook = saved(ports, aWebhook(NOW, "appointment.*"));
        Webhook changed = webhook.withUrl(URI.create("https://other.example.org/in"))
                .withEvents(EventFilter.of(List.of("slot.locked"))).withDescription("moved").withActive(false);

        inUnitOfWork(ports, () -> webhooks.update(changed));

        assertThat(webhooks.findById(webhook.id())).contains(changed);
        assertThat(webhooks.subscribedTo("appointment.created")).doesNotContain(webhook, changed);
    }

    @Test
    void aRegistrationRolledBackIsForgotten() {
        Webhook webhook = aWebhook(NOW, "*");

        assertThatThrownBy(() -> inUnitOfWork(ports, () -> {
            webhooks.add(webhook);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(webhooks.findById(webhook.id())).isEmpty();
    }

    @Test
    void deletingAWebhookRemovesItAndItsDeliveries() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));
        WebhookDelivery delivery = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW);
        inUnitOfWork(ports, () -> ports.webhookDeliveries().add(delivery));

        assertThat(inUnitOfWork(ports, () -> webhooks.delete(webhook.id()))).isTrue();

        assertThat(webhooks.findById(webhook.id())).isEmpty();
        assertThat(ports.webhookDeliveries().findById(delivery.id())).isEmpty();
        assertThat(inUnitOfWork(ports, () -> webhooks.delete(webhook.id()))).isFalse();
    }

    @Test
    void failuresCountUpUntilTheLimitDeactivatesTheWebhookAndASuccessStartsTheCountAgain() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));

        assertThat(inUnitOfWork(ports, () -> webhooks.recordFailure(webhook.id(), 3))).isFalse();
        assertThat(inUnitOfWork(ports, () -> webhooks.recordFailure(webhook.id(), 3))).isFalse();
        inUnitOfWork(ports, () -> webhooks.recordSuccess(webhook.id()));
        assertThat(webhooks.findById(webhook.id()).orElseThrow().consecutiveFailures()).isZero();

        assertThat(inUnitOfWork(ports, () -> webhooks.recordFailure(webhook.id(), 3))).isFalse();
        assertThat(inUnitOfWork(ports, () -> webhooks.recordFailure(webhook.id(), 3))).isFalse();
        assertThat(inUnitOfWork(ports, () -> webhooks.recordFailure(webhook.id(), 3))).as("the third").isTrue();
        assertThat(inUnitOfWork(ports, () -> webhooks.recordFailure(webhook.id(), 3))).as("already inactive")
                .isFalse();

        Webhook after = webhooks.findById(webhook.id()).orElseThrow();
        assertThat(after.active()).isFalse();
        assertThat(after.consecutiveFailures()).isEqualTo(4);
        assertThat(webhooks.subscribedTo("appointment.created")).doesNotContain(after);
    }

    @Test
    void concurrentFailuresDeactivateTheWebhookExactlyOnce() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));

        List<Race.Outcome<Boolean>> outcomes = Race.run(16,
                i -> inUnitOfWork(ports, () -> webhooks.recordFailure(webhook.id(), 8)));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(outcomes.stream().filter(Race.Outcome::value).count()).isEqualTo(1);
        Webhook after = webhooks.findById(webhook.id()).orElseThrow();
        assertThat(after.consecutiveFailures()).isEqualTo(16);
        assertThat(after.active()).isFalse();
    }
}
