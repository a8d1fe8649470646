package dev.scheduling.application.port.out;

import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.domain.webhook.WebhookId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The deliveries of events to webhooks and their attempts: the due-time table that retries survive
 * restarts in. Several dispatchers (threads, processes) may share one store.
 */
public interface WebhookDeliveries {

    /** Stores a new delivery; false, changing nothing, when one with its id exists. */
    boolean add(WebhookDelivery delivery);

    Optional<WebhookDelivery> findById(UUID id);

    /** The latest deliveries of a webhook, newest first, at most {@code limit}. */
    List<WebhookDelivery> latestOf(WebhookId webhook, int limit);

    /**
     * Takes up to {@code limit} pending deliveries due at {@code now} whose webhook is active and not in
     * {@code excluded}, soonest due first, and leases each until {@code leaseEnd} (its next attempt moves
     * there), atomically: two dispatchers never take the same delivery within a lease. Returns them as
     * leased.
     */
    List<WebhookDelivery> claimDue(Instant now, Instant leaseEnd, int limit, Set<WebhookId> excluded);

    /**
     * Stores {@code next} (status, round, next attempt, attempts) if the stored delivery is still
     * {@code expected}, as read from this store; false, changing nothing, when another change came first:
     * an operator's redelivery, another dispatcher that took it after a lease ran out, another attempt.
     */
    boolean replace(WebhookDelivery expected, WebhookDelivery next);

    /** How many pending deliveries have failed at least once: the retries waiting. */
    long pendingRetries();

    /** Forgets the finished (succeeded or failed) deliveries created before {@code cutoff}; returns how many. */
    int purgeFinishedBefore(Instant cutoff);
}
