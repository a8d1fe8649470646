package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.WebhookDeliveries;
import dev.scheduling.domain.webhook.DeliveryStatus;
import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.domain.webhook.WebhookId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Deliveries in memory, guarded by this object's monitor (taking due deliveries reads and leases them
 * at once). Beyond {@code capacity} the oldest finished deliveries are forgotten first: the embedded mode
 * keeps a bounded log, while a pending delivery is never dropped.
 */
public final class InMemoryWebhookDeliveries implements WebhookDeliveries {
    static final int DEFAULT_CAPACITY = 100_000;
    private static final Comparator<WebhookDelivery> SOONEST_DUE = Comparator
            .comparing((WebhookDelivery delivery) -> delivery.nextAttemptAt().orElseThrow())
            .thenComparing(WebhookDelivery::id);

    private final Map<UUID, WebhookDelivery> deliveries = new LinkedHashMap<>();
    private final InMemoryTransactions transactions;
    private final int capacity;
    private Predicate<WebhookId> active = id -> true;

    public InMemoryWebhookDeliveries(InMemoryTransactions transactions) {
        this(transactions, DEFAULT_CAPACITY);
    }

    InMemoryWebhookDeliveries(InMemoryTransactions transactions, int capacity) {
        this.transactions = transactions;
        this.capacity = capacity;
    }

    /** How to tell an active webhook: the repository's, set when it is built over this store. */
    synchronized void activeWebhooks(Predicate<WebhookId> isActive) {
        this.active = isActive;
    }

    @Override
    public synchronized boolean add(WebhookDelivery delivery) {
        if (deliveries.putIfAbsent(delivery.id(), delivery) != null) {
            return false;
        }
        transactions.onRollback(() -> remove(delivery.id()));
        forgetFinishedBeyondCapacity();
        return true;
    }

    @Override
    public synchronized Optional<WebhookDelivery> findById(UUID id) {
        return Optional.ofNullable(deliveries.get(id));
    }

    @Override
    public synchronized List<WebhookDelivery> latestOf(WebhookId webhook, int limit) {
        return deliveries.values().stream().filter(delivery -> delivery.webhookId().equals(webhook))
                .sorted(Comparator.comparing(WebhookDelivery::createdAt).thenComparing(WebhookDelivery::id).reversed())
                .limit(limit).toList();
    }

    @Override
    public synchronized List<WebhookDelivery> claimDue(Instant now, Instant leaseEnd, int limit,
                                                       Set<WebhookId> excluded) {
        List<WebhookDelivery> due = deliveries.values().stream()
                .filter(delivery -> delivery.isDue(now) && !excluded.contains(delivery.webhookId())
                        && active.test(delivery.webhookId()))
                .sorted(SOONEST_DUE).toList();
        Set<WebhookId> taken = new HashSet<>();
        List<WebhookDelivery> leased = new ArrayList<>();
        for (WebhookDelivery delivery : due) {
            if (leased.size() == limit) {
                break;
            }
            if (taken.add(delivery.webhookId())) {
                WebhookDelivery lease = delivery.leasedUntil(leaseEnd);
                store(lease);
                leased.add(lease);
            }
        }
        return leased;
    }

    @Override
    public synchronized boolean replace(WebhookDelivery expected, WebhookDelivery next) {
        if (!expected.equals(deliveries.get(next.id()))) {
            return false;
        }
        store(next);
        return true;
    }

    @Override
    public synchronized long pendingRetries() {
        return deliveries.values().stream()
                .filter(delivery -> delivery.status() == DeliveryStatus.PENDING && !delivery.attempts().isEmpty())
                .count();
    }

    @Override
    public synchronized int purgeFinishedBefore(Instant cutoff) {
        int before = deliveries.size();
        deliveries.values().removeIf(delivery -> delivery.status() != DeliveryStatus.PENDING
                && delivery.createdAt().isBefore(cutoff));
        return before - deliveries.size();
    }

    synchronized void deleteOf(WebhookId webhook) {
        List<WebhookDelivery> removed = deliveries.values().stream()
                .filter(delivery -> delivery.webhookId().equals(webhook)).toList();
        removed.forEach(delivery -> deliveries.remove(delivery.id()));
        transactions.onRollback(() -> restore(removed));
    }

    private void store(WebhookDelivery delivery) {
        WebhookDelivery previous = deliveries.put(delivery.id(), delivery);
        transactions.onRollback(() -> restore(List.of(previous)));
    }

    private synchronized void restore(List<WebhookDelivery> previous) {
        previous.forEach(delivery -> deliveries.put(delivery.id(), delivery));
    }

    private synchronized void remove(UUID id) {
        deliveries.remove(id);
    }

    private void forgetFinishedBeyondCapacity() {
        var iterator = deliveries.values().iterator();
        while (deliveries.size() > capacity && iterator.hasNext()) {
            if (iterator.next().status() != DeliveryStatus.PENDING) {
                iterator.remove();
            }
        }
    }
}
