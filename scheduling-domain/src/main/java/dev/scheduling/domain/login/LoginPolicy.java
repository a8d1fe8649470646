package dev.scheduling.domain.login;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of the one-time-code login (NIST SP 800-63B, OWASP authentication guidance).
 *
 * @param codeTtl           how long a code is valid (at most 10 minutes)
 * @param maxAttemptsPerCode wrong tries after which a code is void, even for the right code
 * @param resendCooldown    minimum time between two codes for one recipient
 * @param throttleAfter     consecutive wrong tries, across codes, before each further try must wait
 * @param firstDelay        the wait after {@code throttleAfter} failures; it doubles with each further failure
 * @param lockoutAfter      consecutive wrong tries after which the recipient cannot log in at all:
 *                          no more than this many guesses are ever made without a success
 */
public record LoginPolicy(Duration codeTtl, int maxAttemptsPerCode, Duration resendCooldown, int throttleAfter,
                          Duration firstDelay, int lockoutAfter) {

    public static final Duration MAX_CODE_TTL = Duration.ofMinutes(10);
    /** NIST SP 800-63B 5.2.2: no more than 100 consecutive failed attempts on one account. */
    public static final int NIST_MAX_FAILURES = 100;
    /** The longest wait between two tries; the lockout bounds the number of guesses anyway. */
    static final Duration MAX_DELAY = Duration.ofDays(1);

    public LoginPolicy {
        Objects.requireNonNull(codeTtl, "codeTtl");
        Objects.requireNonNull(resendCooldown, "resendCooldown");
        Objects.requireNonNull(firstDelay, "firstDelay");
        if (codeTtl.isZero() || codeTtl.isNegative() || codeTtl.compareTo(MAX_CODE_TTL) > 0) {
            throw new IllegalArgumentException("a code lives more than zero and at most 10 minutes");
        }
        if (maxAttemptsPerCode < 1 || throttleAfter < 1 || lockoutAfter < 1 || lockoutAfter > NIST_MAX_FAILURES) {
            throw new IllegalArgumentException("attempt limits must be positive, and the lockout at most "
                    + NIST_MAX_FAILURES);
        }
        if (resendCooldown.isNegative() || firstDelay.isNegative()) {
            throw new IllegalArgumentException("waits cannot be negative");
        }
    }

    /** How long the recipient must wait after its latest failure, given its consecutive failures. */
    Duration delayAfter(int consecutiveFailures) {
        if (consecutiveFailures < throttleAfter) {
            return Duration.ZERO;
        }
        int doublings = Math.min(consecutiveFailures - throttleAfter, 40);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
