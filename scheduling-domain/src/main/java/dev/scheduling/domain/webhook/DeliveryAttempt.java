package dev.scheduling.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One POST of a delivery: when, what the receiver answered ({@code responseCode}, absent when no answer
 * came) and how long it took; {@code error} says why an attempt without an answer failed (timeout,
 * connection refused, internal address).
 */
public record DeliveryAttempt(Instant attemptedAt, Optional<Integer> responseCode, Duration duration,
                              Optional<String> error) {
    public DeliveryAttempt {
        Objects.requireNonNull(attemptedAt, "attemptedAt");
        Objects.requireNonNull(responseCode, "responseCode");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
    }

    public static DeliveryAttempt answered(Instant at, int responseCode, Duration duration) {
        return new DeliveryAttempt(at, Optional.of(responseCode), duration, Optional.empty());
    }

    public static DeliveryAttempt unanswered(Instant at, Duration duration, String error) {
        return new DeliveryAttempt(at, Optional.empty(), duration, Optional.of(error));
    }

    /** A receiver accepts a delivery with any 2xx. */
    public boolean succeeded() {
        return responseCode.map(code -> code >= 200 && code < 300).orElse(false);
    }
}
