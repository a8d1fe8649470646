package dev.scheduling.application;

import java.time.Duration;
import java.util.Objects;

/** The rules an operator may tune. */
public record SchedulingSettings(Duration lockTtl) {
    public static final Duration DEFAULT_LOCK_TTL = Duration.ofMinutes(5);

    public SchedulingSettings {
        Objects.requireNonNull(lockTtl, "lockTtl");
        if (lockTtl.isNegative() || lockTtl.isZero()) {
            throw new IllegalArgumentException("the lock lifetime must be positive");
        }
    }

    public static SchedulingSettings defaults() {
        return new SchedulingSettings(DEFAULT_LOCK_TTL);
    }
}
