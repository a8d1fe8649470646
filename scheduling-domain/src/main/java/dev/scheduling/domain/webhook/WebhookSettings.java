package dev.scheduling.domain.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks are delivered. {@code disableAfter}: consecutive failed attempts after which a webhook is
 * set inactive. {@code allowPrivate}: receivers on internal addresses are allowed (local development,
 * tests). {@code parallelism}: attempts in flight at once in one dispatcher; {@code perWebhook}: of those,
 * at most this many to one webhook, so a receiver that hangs holds back only its own deliveries.
 * {@code lease}: how long a dispatcher owns a delivery it took, longer than any attempt (the sender's
 * timeouts end one well within it).
 */
public record WebhookSettings(int disableAfter, boolean allowPrivate, RetrySchedule retries, int parallelism,
                              int perWebhook, Duration lease) {
    public static final int DEFAULT_DISABLE_AFTER = 50;

    public WebhookSettings {
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(lease, "lease");
        if (disableAfter < 1 || parallelism < 1 || perWebhook < 1 || perWebhook > parallelism) {
            throw new IllegalArgumentException("disableAfter and parallelism must be positive, 1 <= perWebhook <= parallelism");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the lease must be at least a second");
        }
    }

    /** The defaults of API.md: deactivation after 50 failures, public receivers only, 24 hours of retries. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(DEFAULT_DISABLE_AFTER, false, RetrySchedule.DEFAULT, 16, 2, Duration.ofMinutes(1));
    }

    public WebhookSettings withDisableAfter(int value) {
        return new WebhookSettings(value, allowPrivate, retries, parallelism, perWebhook, lease);
    }

    public WebhookSettings withAllowPrivate(boolean value) {
        return new WebhookSettings(disableAfter, value, retries, parallelism, perWebhook, lease);
    }
}
