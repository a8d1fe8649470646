package dev.scheduling.domain.webhook;

import dev.scheduling.domain.event.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One event on its way to one webhook, with every attempt made so far. Its id is derived from the
 * webhook and the event, so however often the event arrives it is one delivery, and the receiver sees
 * the same {@code Scheduling-Delivery} id on every retry and redelivery: the id to deduplicate on.
 *
 * <p>{@code roundStartedAt} is when the current round of attempts began (the event's arrival, or a
 * manual redelivery): retries stop one retry period after it. {@code nextAttemptAt} is set while the
 * delivery is {@link DeliveryStatus#PENDING}; a dispatcher that takes the delivery moves it to the end of
 * its lease, so a dispatcher that dies mid-attempt leaves a delivery that another one retries.
 */
public record WebhookDelivery(UUID id, WebhookId webhookId, EventEnvelope event, DeliveryStatus status,
                              Instant createdAt, Instant roundStartedAt, Optional<Instant> nextAttemptAt,
                              List<DeliveryAttempt> attempts) {
    /** The attempts a delivery keeps, newest last: a day of retries is about 30. */
    public static final int MAX_ATTEMPTS_KEPT = 50;

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(roundStartedAt, "roundStartedAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        attempts = List.copyOf(attempts);
        if ((status == DeliveryStatus.PENDING) != nextAttemptAt.isPresent()) {
            throw new IllegalArgumentException("a pending delivery, and only one, has a next attempt");
        }
    }

    /** The delivery of {@code event} to {@code webhook}, due now. */
    public static WebhookDelivery of(WebhookId webhook, EventEnvelope event, Instant now) {
        return new WebhookDelivery(idOf(webhook, event.eventId()), webhook, event, DeliveryStatus.PENDING, now, now,
                Optional.of(now), List.of());
    }

    public static UUID idOf(WebhookId webhook, UUID eventId) {
        return UUID.nameUUIDFromBytes(("webhook-delivery/" + webhook + "/" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    public boolean isDue(Instant now) {
        return nextAttemptAt.map(at -> !at.isAfter(now)).orElse(false);
    }

    /** Taken by a dispatcher until {@code leaseEnd}: no other one takes it before. */
    public WebhookDelivery leasedUntil(Instant leaseEnd) {
        requirePending();
        return new WebhookDelivery(id, webhookId, event, status, createdAt, roundStartedAt, Optional.of(leaseEnd),
                attempts);
    }

    /**
     * Whether this delivery is still in the round and lease of {@code leased} (same status, round start and
     * next attempt): no redelivery, and no other dispatcher's lease, came between. Its log may have grown.
     */
    public boolean isInTheLeaseOf(WebhookDelivery leased) {
        return status == leased.status && roundStartedAt.equals(leased.roundStartedAt)
                && nextAttemptAt.equals(leased.nextAttemptAt);
    }

    /**
     * The delivery after {@code attempt}: succeeded on a 2xx; otherwise pending again after the schedule's
     * delay, or failed when that would fall past the retry period.
     */
    public WebhookDelivery after(DeliveryAttempt attempt, RetrySchedule schedule) {
        requirePending();
        List<DeliveryAttempt> all = withAttempt(attempt);
        if (attempt.succeeded()) {
            return new WebhookDelivery(id, webhookId, event, DeliveryStatus.SUCCEEDED, createdAt, roundStartedAt,
                    Optional.empty(), all);
        }
        int failuresThisRound = (int) all.stream().filter(a -> !a.attemptedAt().isBefore(roundStartedAt)).count();
        Instant next = attempt.attemptedAt().plus(schedule.delayAfter(failuresThisRound, id));
        if (next.isAfter(roundStartedAt.plus(schedule.period()))) {
            return new WebhookDelivery(id, webhookId, event, DeliveryStatus.FAILED, createdAt, roundStartedAt,
                    Optional.empty(), all);
        }
        return new WebhookDelivery(id, webhookId, event, DeliveryStatus.PENDING, createdAt, roundStartedAt,
                Optional.of(next), all);
    }

    /**
     * The same delivery with {@code attempt} in its log, and nothing else changed: the record of an attempt
     * whose outcome came too late to decide (the delivery was redelivered, or taken again after the lease
     * ran out, while it was being sent).
     */
    public WebhookDelivery withAttemptLogged(DeliveryAttempt attempt) {
        return new WebhookDelivery(id, webhookId, event, status, createdAt, roundStartedAt, nextAttemptAt,
                withAttempt(attempt));
    }

    /** The attempts with {@code attempt} among them in time order, the oldest dropped beyond the cap. */
    private List<DeliveryAttempt> withAttempt(DeliveryAttempt attempt) {
        List<DeliveryAttempt> all = new ArrayList<>(attempts);
        int at = all.size();
        while (at > 0 && all.get(at - 1).attemptedAt().isAfter(attempt.attemptedAt())) {
            at--;
        }
        all.add(at, attempt);
        return all.size() > MAX_ATTEMPTS_KEPT ? all.subList(all.size() - MAX_ATTEMPTS_KEPT, all.size()) : all;
    }

    /** Sent again from now, with a new retry period: what an operator asks for after fixing a receiver. */
    public WebhookDelivery redelivered(Instant now) {
        return new WebhookDelivery(id, webhookId, event, DeliveryStatus.PENDING, createdAt, now, Optional.of(now),
                attempts);
    }

    public Optional<DeliveryAttempt> lastAttempt() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    }

    private void requirePending() {
        if (status != DeliveryStatus.PENDING) {
            throw new IllegalStateException("delivery " + id + " is " + status + ", not pending");
        }
    }
}
