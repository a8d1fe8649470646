package dev.scheduling.application;

import dev.scheduling.domain.login.LoginPolicy;
import java.time.Duration;
import java.util.Objects;

/** The rules an operator may tune. */
public record SchedulingSettings(Duration lockTtl, LoginPolicy login) {
    public static final Duration DEFAULT_LOCK_TTL = Duration.ofMinutes(5);
    /** The defaults of API.md: 5-minute codes, 5 tries a code, 30 s between codes, throttling after 10 failures. */
    public static final LoginPolicy DEFAULT_LOGIN = new LoginPolicy(Duration.ofMinutes(5), 5, Duration.ofSeconds(30),
            10, Duration.ofSeconds(1), LoginPolicy.NIST_MAX_FAILURES);

    public SchedulingSettings {
        Objects.requireNonNull(lockTtl, "lockTtl");
        Objects.requireNonNull(login, "login");
        if (lockTtl.isNegative() || lockTtl.isZero()) {
            throw new IllegalArgumentException("the lock lifetime must be positive");
        }
    }

    public static SchedulingSettings defaults() {
        return new SchedulingSettings(DEFAULT_LOCK_TTL, DEFAULT_LOGIN);
    }
}
