package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.IdempotencyStore;
import dev.scheduling.application.port.out.StoredResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idempotency keys in a concurrent map; a claim is one atomic step per key. A claim and a completion
 * made in a unit of work that rolls back are undone with it.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryIdempotencyStore(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Entry> claim(String key, String fingerprint, Instant now, Instant staleBefore) {
        Entry mine = new Entry(key, fingerprint, now, Optional.empty());
        Entry holder = entries.compute(key, (k, existing) ->
                existing == null || (existing.response().isEmpty() && existing.claimedAt().isBefore(staleBefore))
                        ? mine : existing);
        if (holder != mine) {
            return Optional.of(holder);
        }
        transactions.onRollback(() -> entries.remove(key, mine));
        return Optional.empty();
    }

    @Override
    public void complete(String key, Instant claimedAt, StoredResponse response) {
        Entry[] claim = new Entry[1];
        entries.computeIfPresent(key, (k, entry) -> {
            if (!isPendingClaim(entry, claimedAt)) {
                return entry;
            }
            claim[0] = entry;
            return new Entry(key, entry.fingerprint(), entry.claimedAt(), Optional.of(response));
        });
        if (claim[0] != null) {
            Entry pending = claim[0];
            transactions.onRollback(() -> entries.computeIfPresent(key, (k, entry) ->
                    entry.claimedAt().equals(pending.claimedAt()) ? pending : entry));
        }
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
