package dev.scheduling.domain.login;

import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.client.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything the login knows of one recipient: the current code, if any, and the count of consecutive
 * wrong tries across codes, which only a success resets. A new code voids the previous one but keeps the
 * count, so asking for codes again and again does not buy more guesses. {@code version} lets a store
 * refuse a concurrent change (compare-and-set), so two tries cannot both count as the first.
 */
public record LoginState(Recipient recipient, Optional<LoginCode> code, int consecutiveFailures,
                         Optional<Instant> lastFailureAt, long version) {

    public LoginState {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("failures cannot be negative");
        }
    }

    /** A recipient that never asked for a code. */
    public static LoginState fresh(Recipient recipient) {
        return new LoginState(recipient, Optional.empty(), 0, Optional.empty(), 0);
    }

    /** The same state as stored under another version: for stores that keep the version. */
    public LoginState withVersion(long newVersion) {
        return new LoginState(recipient, code, consecutiveFailures, lastFailureAt, newVersion);
    }

    /** The outcome of a try: the state to store (failures count even when refused) and, if any, the refusal. */
    public record Attempt(LoginState next, Optional<RefusedException> refusal) {
        public boolean succeeded() {
            return refusal.isEmpty();
        }
    }

    /**
     * Issues a new code (given as its hash), voiding the previous one; refused with {@code otp_cooldown}
     * while the previous code is younger than the cooldown.
     */
    public LoginState issue(String codeHash, Instant now, LoginPolicy policy) {
        Optional<Instant> resendAt = resendAvailableAt(policy);
        if (resendAt.isPresent() && now.isBefore(resendAt.get())) {
            throw new RefusedException(Refusal.OTP_COOLDOWN, "a code was sent moments ago; ask again later",
                    Duration.between(now, resendAt.get()));
        }
        LoginCode fresh = new LoginCode(codeHash, now, now.plus(policy.codeTtl()), 0, false);
        return new LoginState(recipient, Optional.of(fresh), consecutiveFailures, lastFailureAt, version);
    }

    /** When the next code may be asked for. */
    public Optional<Instant> resendAvailableAt(LoginPolicy policy) {
        return code.map(current -> current.issuedAt().plus(policy.resendCooldown()));
    }

    /**
     * One try of a code. {@code matches} compares the code with a stored hash in constant time; it is
     * not even called when the recipient must wait, is locked out, or has no usable code.
     */
    public Attempt verify(Predicate<String> matches, Instant now, LoginPolicy policy) {
        if (consecutiveFailures >= policy.lockoutAfter()) {
            return new Attempt(this, Optional.of(new RefusedException(Refusal.TOO_MANY_ATTEMPTS,
                    "too many wrong codes for this recipient; login is locked until an operator unlocks it")));
        }
        // Below the threshold there is no wait at all, even if the last failure was stamped by a clock ahead of ours.
        Duration delay = policy.delayAfter(consecutiveFailures);
        Duration wait = delay.isZero() ? Duration.ZERO
                : lastFailureAt.map(last -> Duration.between(now, last.plus(delay))).orElse(Duration.ZERO);
        if (wait.compareTo(Duration.ZERO) > 0) {
            return new Attempt(this, Optional.of(new RefusedException(Refusal.TOO_MANY_ATTEMPTS,
                    "too many wrong codes; wait before trying again", wait)));
        }
        if (code.isEmpty() || code.get().used() || code.get().isExpiredAt(now)) {
            return failed(code, now, Refusal.INVALID_CODE, "the code is wrong, expired or used");
        }
        LoginCode current = code.get();
        if (current.wrongAttempts() >= policy.maxAttemptsPerCode()) {
            return failed(code, now, Refusal.TOO_MANY_ATTEMPTS, "too many wrong tries: this code is void; ask for a new one");
        }
        if (matches.test(current.hash())) {
            return new Attempt(new LoginState(recipient, Optional.of(current.asUsed()), 0, Optional.empty(), version),
                    Optional.empty());
        }
        return failed(Optional.of(current.withWrongAttempt()), now, Refusal.INVALID_CODE,
                "the code is wrong, expired or used");
    }

    private Attempt failed(Optional<LoginCode> nextCode, Instant now, Refusal refusal, String detail) {
        LoginState next = new LoginState(recipient, nextCode, consecutiveFailures + 1, Optional.of(now), version);
        return new Attempt(next, Optional.of(new RefusedException(refusal, detail)));
    }
}
