package dev.scheduling.domain.login;

import java.time.Instant;
import java.util.Objects;

/**
 * The one code a recipient may use now: only a keyed hash of it is kept, with its validity, the wrong
 * tries made against it, and whether it was used.
 */
public record LoginCode(String hash, Instant issuedAt, Instant expiresAt, int wrongAttempts, boolean used) {
    public LoginCode {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (wrongAttempts < 0) {
            throw new IllegalArgumentException("wrong attempts cannot be negative");
        }
    }

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    LoginCode withWrongAttempt() {
        return new LoginCode(hash, issuedAt, expiresAt, wrongAttempts + 1, used);
    }

    LoginCode asUsed() {
        return new LoginCode(hash, issuedAt, expiresAt, wrongAttempts, true);
    }
}
