package dev.scheduling.application.port.out;

import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookId;
import java.util.List;
import java.util.Optional;

/** The registered webhooks. */
public interface WebhookRepository {

    void add(Webhook webhook);

    Optional<Webhook> findById(WebhookId id);

    /** Every webhook, oldest first. */
    List<Webhook> all();

    /** The active webhooks whose filter matches {@code eventType}. */
    List<Webhook> subscribedTo(String eventType);

    /**
     * Stores a changed registration (url, events, description, active). The failure count is the store's
     * own: an update writes the one it carries, so a caller passes what it read, or an activation's zero.
     */
    void update(Webhook webhook);

    /** Removes the webhook and its deliveries; false when there was none. */
    boolean delete(WebhookId id);

    /** A delivery attempt succeeded: the webhook's consecutive failures start again from zero. */
    void recordSuccess(WebhookId id);

    /**
     * A delivery attempt failed: one more consecutive failure, atomically, and the webhook is set inactive
     * when the count reaches {@code disableAfter}. True when this failure deactivated it (once per
     * deactivation, whatever the concurrency).
     */
    boolean recordFailure(WebhookId id, int disableAfter);
}
