package dev.scheduling.application.port.out.contract;

import static dev.scheduling.application.port.out.contract.StoreFixtures.inUnitOfWork;
import static dev.scheduling.application.port.out.contract.WebhookFixtures.aWebhook;
import static dev.scheduling.application.port.out.contract.WebhookFixtures.anEvent;
import static dev.scheduling.application.port.out.contract.WebhookFixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.WebhookDeliveries;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.webhook.DeliveryAttempt;
import dev.scheduling.domain.webhook.DeliveryStatus;
import dev.scheduling.domain.webhook.RetrySchedule;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.domain.webhook.WebhookId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link WebhookDeliveries}: deliveries and their attempts read back whole, one per id;
 * the due ones are taken with a lease, at most one per webhook, never twice within the lease whatever
 * the concurrency, and never for an inactive webhook. The store may hold other tests' deliveries: each
 * test first leases every leftover away into the far future.
 */
public abstract class WebhookDeliveriesContract {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    /** Fresh ports of the adapter under test, over a store that may hold other tests' data. */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private SchedulingPorts ports;
    private WebhookDeliveries deliveries;

    @BeforeEach
    void createPortsAndLeaseLeftoversAway() {
        ports = newPorts(new MutableClock(NOW));
        deliveries = ports.webhookDeliveries();
        while (!claim(FAR_FUTURE, 1000, Set.of()).isEmpty()) {
            // each round takes one delivery per webhook
        }
    }

    @Test
    void aDeliveryWithItsAttemptsReadsBackWhole() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));
        WebhookDelivery delivery = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW);
        WebhookDelivery retried = delivery
                .after(DeliveryAttempt.answered(NOW, 500, Duration.ofMillis(42)), RetrySchedule.DEFAULT)
                .after(DeliveryAttempt.unanswered(NOW.plusSeconds(40), Duration.ofMillis(10_000), "timed out"),
                        RetrySchedule.DEFAULT);

        assertThat(add(delivery)).isTrue();
        assertThat(deliveries.findById(delivery.id())).contains(delivery);
        assertThat(replace(delivery, retried)).isTrue();

        assertThat(deliveries.findById(delivery.id())).contains(retried);
        assertThat(deliveries.findById(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aReplacementMadeFromAnOlderStateChangesNothing() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));
        WebhookDelivery delivery = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW);
        add(delivery);
        List<WebhookDelivery> claimed = claim(NOW, 10, Set.of());
        assertThat(claimed).extracting(WebhookDelivery::id).containsExactly(delivery.id());
        WebhookDelivery leased = claimed.get(0);
        DeliveryAttempt failure = DeliveryAttempt.answered(NOW.plusSeconds(1), 500, Duration.ofMillis(5));
        WebhookDelivery redelivered = leased.redelivered(NOW.plusSeconds(2));
        assertThat(replace(leased, redelivered)).isTrue();

        assertThat(replace(leased, leased.after(failure, RetrySchedule.DEFAULT)))
                .as("the outcome of the attempt that the lease was for, after the redelivery").isFalse();
        assertThat(replace(delivery, delivery.after(failure, RetrySchedule.DEFAULT)))
                .as("from the state before the lease").isFalse();
        assertThat(deliveries.findById(delivery.id())).contains(redelivered);
        WebhookDelivery logged = redelivered.withAttemptLogged(failure);
        assertThat(replace(redelivered, logged)).as("from the stored state").isTrue();
        assertThat(deliveries.findById(delivery.id())).contains(logged);
        assertThat(replace(redelivered, redelivered)).as("that state is gone now").isFalse();
        WebhookDelivery unknown = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW);
        assertThat(replace(unknown, unknown.redelivered(NOW))).as("a delivery never added").isFalse();
    }

    @Test
    void aDeliveryIsAddedOnce() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));
        WebhookDelivery delivery = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW);
        add(delivery);

        assertThat(add(WebhookDelivery.of(webhook.id(), delivery.event(), NOW.plusSeconds(5)))).isFalse();

        assertThat(deliveries.findById(delivery.id())).contains(delivery);
    }

    @Test
    void theLatestDeliveriesOfAWebhookComeNewestFirstUpToTheLimit() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));
        Webhook other = saved(ports, aWebhook(NOW, "*"));
        List<WebhookDelivery> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WebhookDelivery delivery = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW.plusSeconds(i));
            add(delivery);
            added.add(delivery);
        }
        add(WebhookDelivery.of(other.id(), anEvent(NOW), NOW.plusSeconds(10)));

        assertThat(deliveries.latestOf(webhook.id(), 3)).containsExactly(added.get(4), added.get(3), added.get(2));
        assertThat(deliveries.latestOf(webhook.id(), 100)).hasSize(5);
    }

    @Test
    void aDueDeliveryIsTakenWithALeaseAndNotAgainBeforeItEnds() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));
        WebhookDelivery delivery = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW);
        add(delivery);

        List<WebhookDelivery> taken = claim(NOW, 10, Set.of());

        assertThat(taken).containsExactly(delivery.leasedUntil(NOW.plus(LEASE)));
        assertThat(deliveries.findById(delivery.id()).orElseThrow().nextAttemptAt()).contains(NOW.plus(LEASE));
        assertThat(claim(NOW.plusSeconds(59), 10, Set.of())).as("within the lease").isEmpty();
        assertThat(claim(NOW.plus(LEASE), 10, Set.of())).as("the lease ran out: a dispatcher died")
                .extracting(WebhookDelivery::id).containsExactly(delivery.id());
    }

    @Test
    void onlyPendingDueDeliveriesOfActiveWebhooksNotExcludedAreTaken() {
        Webhook notYetDue = saved(ports, aWebhook(NOW, "*"));
        Webhook done = saved(ports, aWebhook(NOW, "*"));
        Webhook inactive = saved(ports, aWebhook(NOW, "*"));
        Webhook excluded = saved(ports, aWebhook(NOW, "*"));
        Webhook due = saved(ports, aWebhook(NOW, "*"));
        add(WebhookDelivery.of(notYetDue.id(), anEvent(NOW), NOW.plusSeconds(1)));
        WebhookDelivery succeeded = WebhookDelivery.of(done.id(), anEvent(NOW), NOW)
                .after(DeliveryAttempt.answered(NOW, 204, Duration.ofMillis(5)), RetrySchedule.DEFAULT);
        add(succeeded);
        add(WebhookDelivery.of(inactive.id(), anEvent(NOW), NOW));
        inUnitOfWork(ports, () -> ports.webhooks().update(inactive.withActive(false)));
        add(WebhookDelivery.of(excluded.id(), anEvent(NOW), NOW));
        WebhookDelivery expected = WebhookDelivery.of(due.id(), anEvent(NOW), NOW);
        add(expected);

        assertThat(claim(NOW, 10, Set.of(excluded.id()))).extracting(WebhookDelivery::id)
                .containsExactly(expected.id());
    }

    @Test
    void atMostOneDeliveryPerWebhookAndAtMostTheLimitAreTakenSoonestDueFirst() {
        Webhook busy = saved(ports, aWebhook(NOW, "*"));
        WebhookDelivery first = WebhookDelivery.of(busy.id(), anEvent(NOW), NOW.minusSeconds(30));
        WebhookDelivery second = WebhookDelivery.of(busy.id(), anEvent(NOW), NOW.minusSeconds(20));
        add(second);
        add(first);
        List<Webhook> others = IntStream.range(0, 4).mapToObj(i -> saved(ports, aWebhook(NOW, "*"))).toList();
        others.forEach(other -> add(WebhookDelivery.of(other.id(), anEvent(NOW), NOW.minusSeconds(10))));

        List<WebhookDelivery> taken = claim(NOW, 3, Set.of());

        assertThat(taken).hasSize(3);
        assertThat(taken.get(0).id()).as("soonest due first").isEqualTo(first.id());
        assertThat(taken).extracting(WebhookDelivery::webhookId).doesNotHaveDuplicates();
        assertThat(claim(NOW, 10, Set.of())).extracting(WebhookDelivery::id).contains(second.id()).hasSize(3);
    }

    @Test
    void dispatchersRacingForDueDeliveriesNeverTakeOneTwice() {
        Set<UUID> added = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Webhook webhook = saved(ports, aWebhook(NOW, "*"));
            for (int j = 0; j < 2; j++) {
                WebhookDelivery delivery = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW);
                add(delivery);
                added.add(delivery.id());
            }
        }

        List<Race.Outcome<List<UUID>>> outcomes = Race.run(8, i -> {
            List<UUID> mine = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                claim(NOW, 5, Set.of()).forEach(delivery -> mine.add(delivery.id()));
            }
            return mine;
        });

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<UUID> taken = outcomes.stream().flatMap(outcome -> outcome.value().stream()).toList();
        assertThat(taken).doesNotHaveDuplicates();
        assertThat(new HashSet<>(taken)).isEqualTo(added);
    }

    @Test
    void pendingRetriesCountThePendingDeliveriesThatFailedAtLeastOnce() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));
        long before = deliveries.pendingRetries();
        WebhookDelivery fresh = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW);
        WebhookDelivery failedOnce = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW)
                .after(DeliveryAttempt.answered(NOW, 503, Duration.ofMillis(3)), RetrySchedule.DEFAULT);
        WebhookDelivery succeeded = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW)
                .after(DeliveryAttempt.answered(NOW, 503, Duration.ofMillis(3)), RetrySchedule.DEFAULT)
                .after(DeliveryAttempt.answered(NOW.plusSeconds(40), 200, Duration.ofMillis(3)), RetrySchedule.DEFAULT);
        add(fresh);
        add(failedOnce);
        add(succeeded);

        assertThat(deliveries.pendingRetries() - before).isEqualTo(1);
    }

    @Test
    void aFailedDeliveryReadsBackAndIsNeverTakenAgain() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));
        RetrySchedule oneTry = new RetrySchedule(Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 0);
        WebhookDelivery failed = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW)
                .after(DeliveryAttempt.unanswered(NOW, Duration.ofMillis(1), "connection refused"), oneTry);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);

        add(failed);

        assertThat(deliveries.findById(failed.id())).contains(failed);
        assertThat(claim(FAR_FUTURE, 10, Set.of())).extracting(WebhookDelivery::id).doesNotContain(failed.id());
    }

    @Test
    void purgingForgetsOnlyFinishedDeliveriesCreatedBeforeTheCutoff() {
        Webhook webhook = saved(ports, aWebhook(NOW, "*"));
        Instant longAgo = NOW.minus(Duration.ofDays(40));
        WebhookDelivery oldSucceeded = WebhookDelivery.of(webhook.id(), anEvent(longAgo), longAgo)
                .after(DeliveryAttempt.answered(longAgo, 200, Duration.ofMillis(3)), RetrySchedule.DEFAULT);
        WebhookDelivery oldPending = WebhookDelivery.of(webhook.id(), anEvent(longAgo), longAgo);
        WebhookDelivery recentSucceeded = WebhookDelivery.of(webhook.id(), anEvent(NOW), NOW)
                .after(DeliveryAttempt.answered(NOW, 200, Duration.ofMillis(3)), RetrySchedule.DEFAULT);
        add(oldSucceeded);
        add(oldPending);
        add(recentSucceeded);

        int purged = inUnitOfWork(ports, () -> deliveries.purgeFinishedBefore(NOW.minus(Duration.ofDays(30))));

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(deliveries.findById(oldSucceeded.id())).isEmpty();
        assertThat(deliveries.findById(oldPending.id())).isPresent();
        assertThat(deliveries.findById(recentSucceeded.id())).isPresent();
    }

    private boolean add(WebhookDelivery delivery) {
        return inUnitOfWork(ports, () -> deliveries.add(delivery));
    }

    private boolean replace(WebhookDelivery expected, WebhookDelivery next) {
        return inUnitOfWork(ports, () -> deliveries.replace(expected, next));
    }

    private List<WebhookDelivery> claim(Instant now, int limit, Set<WebhookId> excluded) {
        return inUnitOfWork(ports, () -> deliveries.claimDue(now, now.plus(LEASE), limit, excluded));
    }
}
