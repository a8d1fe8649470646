package dev.scheduling.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the requests made with an {@code Idempotency-Key} and the response each one got. A claim and
 * a response made in a unit of work commit or roll back with it: the key is claimed, the command run and
 * its response recorded in one, so a request that dies leaves no claim behind.
 */
public interface IdempotencyStore {

    /** What is known of a key: who claimed it, for which request, and the response once there is one. */
    record Entry(String key, String fingerprint, Instant claimedAt, Optional<StoredResponse> response) {
    }

    /**
     * Claims the key for a request with that fingerprint. Returns empty when the caller now owns it,
     * or the entry of whoever holds it. A claim without a response that is older than
     * {@code staleBefore} was left by a request that died: the caller takes it over.
     */
    Optional<Entry> claim(String key, String fingerprint, Instant now, Instant staleBefore);

    /**
     * Records the response of the request that claimed the key at {@code claimedAt}; nothing happens if
     * its claim was taken over meanwhile.
     */
    void complete(String key, Instant claimedAt, StoredResponse response);

    /** Forgets every key claimed before the cutoff; returns how many. */
    int purgeClaimedBefore(Instant cutoff);
}
