package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.WebhookRepository;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Webhooks in a concurrent map; the failure count changes atomically per webhook. */
public final class InMemoryWebhookRepository implements WebhookRepository {
    private static final Comparator<Webhook> OLDEST_FIRST = Comparator.comparing(Webhook::createdAt)
            .thenComparing(webhook -> webhook.id().value());

    private final Map<WebhookId, Webhook> webhooks = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;
    private final InMemoryWebhookDeliveries deliveries;

    public InMemoryWebhookRepository(InMemoryTransactions transactions, InMemoryWebhookDeliveries deliveries) {
        this.transactions = transactions;
        this.deliveries = deliveries;
        deliveries.activeWebhooks(id -> Optional.ofNullable(webhooks.get(id)).map(Webhook::active).orElse(false));
    }

    @Override
    public void add(Webhook webhook) {
        if (webhooks.putIfAbsent(webhook.id(), webhook) != null) {
            throw new IllegalStateException("a webhook with this id exists already");
        }
        transactions.onRollback(() -> webhooks.remove(webhook.id()));
    }

    @Override
    public Optional<Webhook> findById(WebhookId id) {
        return Optional.ofNullable(webhooks.get(id));
    }

    @Override
    public List<Webhook> all() {
        return webhooks.values().stream().sorted(OLDEST_FIRST).toList();
    }

    @Override
    public List<Webhook> subscribedTo(String eventType) {
        return webhooks.values().stream().filter(webhook -> webhook.subscribesTo(eventType)).sorted(OLDEST_FIRST)
                .toList();
    }

    @Override
    public void update(Webhook webhook) {
        Webhook previous = webhooks.replace(webhook.id(), webhook);
        if (previous != null) {
            transactions.onRollback(() -> webhooks.put(previous.id(), previous));
        }
    }

    @Override
    public boolean delete(WebhookId id) {
        Webhook removed = webhooks.remove(id);
        if (removed == null) {
            return false;
        }
        transactions.onRollback(() -> webhooks.put(id, removed));
        deliveries.deleteOf(id);
        return true;
    }

    @Override
    public void recordSuccess(WebhookId id) {
        change(id, webhook -> new Webhook(webhook.id(), webhook.url(), webhook.events(), webhook.description(),
                webhook.secret(), webhook.active(), 0, webhook.createdAt()));
    }

    @Override
    public boolean recordFailure(WebhookId id, int disableAfter) {
        boolean[] deactivated = new boolean[1];
        change(id, webhook -> {
            int failures = webhook.consecutiveFailures() + 1;
            boolean active = webhook.active() && failures < disableAfter;
            deactivated[0] = webhook.active() && !active;
            return new Webhook(webhook.id(), webhook.url(), webhook.events(), webhook.description(),
                    webhook.secret(), active, failures, webhook.createdAt());
        });
        return deactivated[0];
    }

    private void change(WebhookId id, UnaryOperator<Webhook> change) {
        Webhook[] previous = new Webhook[1];
        webhooks.computeIfPresent(id, (key, webhook) -> {
            previous[0] = webhook;
            return change.apply(webhook);
        });
        if (previous[0] != null) {
            transactions.onRollback(() -> webhooks.put(id, previous[0]));
        }
    }
}
