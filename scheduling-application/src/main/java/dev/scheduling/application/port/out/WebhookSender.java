package dev.scheduling.application.port.out;

import dev.scheduling.domain.webhook.DeliveryAttempt;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookDelivery;
import java.time.Instant;

/**
 * POSTs a delivery to its webhook: the event's JSON, signed with the webhook's secret, within a bounded
 * time, to an address the receiver policy allows (checked again at each attempt, since DNS changes).
 * Never throws for what the receiver or the network does: every outcome is an attempt to record.
 */
public interface WebhookSender {

    /** One attempt, started at {@code at}: also the signature's timestamp. */
    DeliveryAttempt send(Webhook webhook, WebhookDelivery delivery, Instant at);
}
