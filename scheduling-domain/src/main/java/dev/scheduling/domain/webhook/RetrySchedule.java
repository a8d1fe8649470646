package dev.scheduling.domain.webhook;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * When a failed delivery is tried again: exponential back-off from {@code firstDelay}, doubling up to
 * {@code maxDelay}, for {@code period} after the first attempt, then the delivery fails. Each delay is
 * spread by ±{@code jitter} so that the deliveries of one outage do not all come back at once; the spread
 * is drawn from the delivery id and the attempt number, so it differs between deliveries yet a delivery's
 * schedule can be replayed and tested. With a jitter under a third, each delay before the cap is longer
 * than the one before it.
 */
public record RetrySchedule(Duration firstDelay, Duration maxDelay, Duration period, double jitter) {
    /** 30 s, 1 min, 2 min … 1 h, 1 h … for 24 hours: about 30 attempts (API.md). */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofHours(24), 0.2);

    public RetrySchedule {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(period, "period");
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0
                || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("delays and period must be positive, maxDelay >= firstDelay");
        }
        if (jitter < 0 || jitter >= 1.0 / 3) {
            throw new IllegalArgumentException("jitter must be in [0, 1/3)");
        }
    }

    /** The wait after the {@code failures}-th failed attempt (1 for the first) of a delivery. */
    public Duration delayAfter(int failures, UUID deliveryId) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures start at 1");
        }
        Duration base = firstDelay;
        for (int i = 1; i < failures && base.compareTo(maxDelay) < 0; i++) {
            base = base.multipliedBy(2);
        }
        if (base.compareTo(maxDelay) > 0) {
            base = maxDelay;
        }
        double draw = new SplittableRandom(deliveryId.getMostSignificantBits() * 31
                + deliveryId.getLeastSignificantBits() + failures).nextDouble();
        double factor = 1 - jitter + 2 * jitter * draw;
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
