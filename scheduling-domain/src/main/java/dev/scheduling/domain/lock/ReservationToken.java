package dev.scheduling.domain.lock;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The opaque, unguessable handle of a lock, given to the client that took it. URL-safe base64
 * characters only; whoever holds it may release or convert the lock.
 */
public record ReservationToken(String value) {
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    public ReservationToken {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a reservation token");
        }
    }

    /** Whether the text could be a token; anything else cannot name a lock. */
    public static boolean isWellFormed(String value) {
        return value != null && URL_SAFE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
