package dev.scheduling.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.event.AppointmentCancelled;
import dev.scheduling.domain.event.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    private static final WebhookId WEBHOOK = new WebhookId("w1");
    private static final EventEnvelope EVENT = new EventEnvelope(UUID.randomUUID(), NOW,
            new AppointmentCancelled(new AppointmentId("a1"), new ClientId("c1"), new UnitId("u1"), new ServiceId("s1"),
                    LocalDate.of(2030, 3, 5), LocalTime.of(9, 0), LocalTime.of(9, 30), 1, 0));
    private final RetrySchedule schedule = RetrySchedule.DEFAULT;

    @Test
    void oneEventToOneWebhookIsOneDeliveryWhateverTheArrival() {
        WebhookDelivery first = WebhookDelivery.of(WEBHOOK, EVENT, NOW);
        WebhookDelivery again = WebhookDelivery.of(WEBHOOK, EVENT, NOW.plusSeconds(30));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(WebhookDelivery.of(new WebhookId("w2"), EVENT, NOW).id()).isNotEqualTo(first.id());
        assertThat(first.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(first.isDue(NOW)).isTrue();
    }

    @Test
    void a2xxEndsTheDeliveryAsSucceeded() {
        WebhookDelivery delivery = WebhookDelivery.of(WEBHOOK, EVENT, NOW)
                .after(DeliveryAttempt.answered(NOW, 204, Duration.ofMillis(12)), schedule);

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(delivery.nextAttemptAt()).isEmpty();
        assertThat(delivery.attempts()).hasSize(1);
    }

    @Test
    void aFailureIsRetriedAfterTheScheduledDelay() {
        WebhookDelivery delivery = WebhookDelivery.of(WEBHOOK, EVENT, NOW);

        WebhookDelivery afterOne = delivery.after(DeliveryAttempt.answered(NOW, 500, Duration.ofMillis(3)), schedule);
        Instant second = afterOne.nextAttemptAt().orElseThrow();
        WebhookDelivery afterTwo = afterOne.after(
                DeliveryAttempt.unanswered(second, Duration.ofSeconds(10), "timed out"), schedule);

        assertThat(afterOne.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(second).isEqualTo(NOW.plus(schedule.delayAfter(1, delivery.id())));
        assertThat(afterTwo.nextAttemptAt()).contains(second.plus(schedule.delayAfter(2, delivery.id())));
    }

    @Test
    void aDeliveryFailsWhenTheNextAttemptWouldFallPastTheRetryPeriod() {
        WebhookDelivery delivery = WebhookDelivery.of(WEBHOOK, EVENT, NOW);
        int attempts = 0;
        while (delivery.status() == DeliveryStatus.PENDING) {
            Instant at = delivery.nextAttemptAt().orElseThrow();
            delivery = delivery.after(DeliveryAttempt.answered(at, 503, Duration.ofMillis(1)), schedule);
            attempts++;
        }

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.lastAttempt().orElseThrow().attemptedAt()).isBefore(NOW.plus(Duration.ofHours(24)));
        assertThat(attempts).isBetween(25, 35);
    }

    @Test
    void aRedeliveryStartsANewRoundFromTheFirstDelayKeepingTheAttempts() {
        WebhookDelivery failed = WebhookDelivery.of(WEBHOOK, EVENT, NOW);
        while (failed.status() == DeliveryStatus.PENDING) {
            failed = failed.after(DeliveryAttempt.answered(failed.nextAttemptAt().orElseThrow(), 500,
                    Duration.ofMillis(1)), schedule);
        }
        Instant later = NOW.plus(Duration.ofDays(2));

        WebhookDelivery again = failed.redelivered(later);
        WebhookDelivery retried = again.after(DeliveryAttempt.answered(later, 500, Duration.ofMillis(1)), schedule);

        assertThat(again.id()).isEqualTo(failed.id());
        assertThat(again.isDue(later)).isTrue();
        assertThat(again.attempts()).isEqualTo(failed.attempts());
        assertThat(retried.nextAttemptAt()).contains(later.plus(schedule.delayAfter(1, failed.id())));
    }

    @Test
    void aLeaseMovesTheNextAttemptAndOnlyAPendingDeliveryCanBeLeasedOrAttempted() {
        WebhookDelivery delivery = WebhookDelivery.of(WEBHOOK, EVENT, NOW);
        WebhookDelivery leased = delivery.leasedUntil(NOW.plusSeconds(60));
        WebhookDelivery succeeded = leased.after(DeliveryAttempt.answered(NOW, 200, Duration.ofMillis(1)), schedule);

        assertThat(leased.isDue(NOW.plusSeconds(59))).isFalse();
        assertThat(leased.isDue(NOW.plusSeconds(60))).isTrue();
        assertThat(leased.withAttemptLogged(DeliveryAttempt.answered(NOW, 500, Duration.ZERO)).isInTheLeaseOf(leased))
                .as("a longer log, the same lease").isTrue();
        assertThat(leased.leasedUntil(NOW.plusSeconds(120)).isInTheLeaseOf(leased)).as("leased again").isFalse();
        assertThat(leased.redelivered(NOW.plusSeconds(5)).isInTheLeaseOf(leased)).as("redelivered").isFalse();
        assertThat(succeeded.isInTheLeaseOf(leased)).as("decided").isFalse();
        assertThatThrownBy(() -> succeeded.leasedUntil(NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> succeeded.after(DeliveryAttempt.answered(NOW, 200, Duration.ZERO), schedule))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLateAttemptJoinsTheLogInTimeOrderAndChangesNothingElse() {
        WebhookDelivery delivery = WebhookDelivery.of(WEBHOOK, EVENT, NOW)
                .after(DeliveryAttempt.answered(NOW, 500, Duration.ofMillis(1)), schedule)
                .redelivered(NOW.plusSeconds(90))
                .after(DeliveryAttempt.answered(NOW.plusSeconds(90), 500, Duration.ofMillis(1)), schedule);
        DeliveryAttempt late = DeliveryAttempt.unanswered(NOW.plusSeconds(60), Duration.ofSeconds(10), "timed out");

        WebhookDelivery logged = delivery.withAttemptLogged(late);

        assertThat(logged.attempts()).extracting(DeliveryAttempt::attemptedAt)
                .containsExactly(NOW, NOW.plusSeconds(60), NOW.plusSeconds(90));
        assertThat(logged.status()).isEqualTo(delivery.status());
        assertThat(logged.roundStartedAt()).isEqualTo(delivery.roundStartedAt());
        assertThat(logged.nextAttemptAt()).isEqualTo(delivery.nextAttemptAt());
        assertThat(logged.lastAttempt()).isEqualTo(delivery.lastAttempt());
    }

    @Test
    void onlyTheLatestAttemptsAreKept() {
        WebhookDelivery delivery = WebhookDelivery.of(WEBHOOK, EVENT, NOW);
        RetrySchedule endless = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofDays(365), 0);
        for (int i = 0; i < WebhookDelivery.MAX_ATTEMPTS_KEPT + 10; i++) {
            delivery = delivery.after(DeliveryAttempt.answered(NOW.plusSeconds(i), 500, Duration.ZERO), endless);
        }

        assertThat(delivery.attempts()).hasSize(WebhookDelivery.MAX_ATTEMPTS_KEPT);
        assertThat(delivery.lastAttempt().orElseThrow().attemptedAt())
                .isEqualTo(NOW.plusSeconds(WebhookDelivery.MAX_ATTEMPTS_KEPT + 9));
    }
}
