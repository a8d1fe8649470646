package dev.scheduling.application.port.in;

import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.domain.webhook.WebhookId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The operators' registry of webhooks: what they send where, and what became of each delivery. */
public interface ManageWebhooksUseCase {

    /** A registration as the operator asks for it; {@code description} may be null. */
    record NewWebhook(String url, List<String> events, String description) {
    }

    /** The fields to change; an empty one stays as it is. */
    record WebhookChanges(Optional<String> url, Optional<List<String>> events, Optional<String> description,
                          Optional<Boolean> active) {
    }

    /**
     * Registers a webhook, active, with a new secret (in the result: the only time it is shown). An
     * invalid URL or event pattern is an {@code InvalidInputException}; a URL whose host resolves to an
     * internal address, when those are not allowed, is refused with {@code webhook_url_forbidden}.
     */
    Webhook register(NewWebhook request);

    List<Webhook> list();

    /** Throws {@code webhook_not_found}. */
    Webhook get(WebhookId id);

    /** The same checks as {@link #register}; activating a webhook resets its failure count. */
    Webhook update(WebhookId id, WebhookChanges changes);

    /** Removes the webhook and its deliveries; throws {@code webhook_not_found}. */
    void delete(WebhookId id);

    /** The webhook's latest deliveries, newest first, with their attempts. */
    List<WebhookDelivery> deliveries(WebhookId id, int limit);

    /**
     * Sends a delivery again from now, with a new retry period and the same delivery id. Throws
     * {@code webhook_not_found}, {@code delivery_not_found}, or {@code webhook_inactive} (activate it first).
     */
    WebhookDelivery redeliver(WebhookId id, UUID deliveryId);
}
