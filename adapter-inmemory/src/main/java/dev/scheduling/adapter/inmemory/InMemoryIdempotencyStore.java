package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.IdempotencyStore;
import dev.scheduling.application.port.out.StoredResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Idempotency keys in a concurrent map; a claim is one atomic step per key. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> claim(String key, String fingerprint, Instant now, Instant staleBefore) {
        Entry mine = new Entry(key, fingerprint, now, Optional.empty());
        Entry holder = entries.compute(key, (k, existing) ->
                existing == null || (existing.response().isEmpty() && existing.claimedAt().isBefore(staleBefore))
                        ? mine : existing);
        return holder == mine ? Optional.empty() : Optional.of(holder);
    }

    @Override
    public void complete(String key, Instant claimedAt, StoredResponse response) {
        entries.computeIfPresent(key, (k, entry) -> isPendingClaim(entry, claimedAt)
                ? new Entry(key, entry.fingerprint(), entry.claimedAt(), Optional.of(response)) : entry);
    }

    @Override
    public void abandon(String key, Instant claimedAt) {
        entries.computeIfPresent(key, (k, entry) -> isPendingClaim(entry, claimedAt) ? null : entry);
    }

    private static boolean isPendingClaim(Entry entry, Instant claimedAt) {
        return entry.response().isEmpty() && entry.claimedAt().equals(claimedAt);
    }

    @Override
    public int purgeClaimedBefore(Instant cutoff) {
        int[] purged = {0};
        entries.values().removeIf(entry -> {
            boolean old = entry.claimedAt().isBefore(cutoff);
            if (old) {
                purged[0]++;
            }
            return old;
        });
        return purged[0];
    }
}
