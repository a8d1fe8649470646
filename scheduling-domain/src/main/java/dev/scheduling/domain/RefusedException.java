package dev.scheduling.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Raised when a rule refuses a request; {@link #refusal()} says which rule. */
public final class RefusedException extends RuntimeException {
    private final Refusal refusal;
    private final Duration retryAfter;

    public RefusedException(Refusal refusal, String detail) {
        this(refusal, detail, null);
    }

    /** A refusal that lifts by itself after {@code retryAfter} (a cooldown, a throttle). */
    public RefusedException(Refusal refusal, String detail, Duration retryAfter) {
        super(detail);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.retryAfter = retryAfter;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** When trying again may succeed; empty when waiting does not help. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
