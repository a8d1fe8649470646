package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.IdempotencyStore;
import dev.scheduling.application.port.out.StoredResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys in table {@code idempotency_keys}, so that a retry that lands on another instance
 * gets the same answer. A claim is one upsert: it inserts the key, or takes over a stale claim that
 * never got a response; otherwise it changes nothing and the holder's entry is read.
 */
public final class JdbiIdempotencyStore implements IdempotencyStore {
    private final JdbiTransactions transactions;

    public JdbiIdempotencyStore(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Entry> claim(String key, String fingerprint, Instant now, Instant staleBefore) {
        return transactions.withHandle(handle -> {
            boolean claimed = handle.createQuery("""
                            INSERT INTO idempotency_keys (key, fingerprint, claimed_at) VALUES (:key, :fingerprint, :now)
                            ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
                                claimed_at = EXCLUDED.claimed_at
                            WHERE idempotency_keys.response_status IS NULL
                              AND idempotency_keys.claimed_at < :staleBefore
                            RETURNING key""")
                    .bind("key", key)
                    .bind("fingerprint", fingerprint)
                    .bind("now", SqlTypes.utc(now))
                    .bind("staleBefore", SqlTypes.utc(staleBefore))
                    .mapTo(String.class)
                    .findOne()
                    .isPresent();
            if (claimed) {
                return Optional.<Entry>empty();
            }
            return handle.createQuery("SELECT * FROM idempotency_keys WHERE key = :key")
                    .bind("key", key)
                    .map((rs, ctx) -> {
                        int status = rs.getInt("response_status");
                        Optional<StoredResponse> response = rs.wasNull() ? Optional.empty()
                                : Optional.of(new StoredResponse(status, rs.getString("response_type"),
                                        rs.getBytes("response_body")));
                        return new Entry(key, rs.getString("fingerprint"), SqlTypes.instant(rs, "claimed_at"), response);
                    })
                    .findOne();
        });
    }

    @Override
    public void complete(String key, Instant claimedAt, StoredResponse response) {
        transactions.withHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys SET response_status = :status, response_type = :type,
                            response_body = :body
                        WHERE key = :key AND claimed_at = :claimedAt AND response_status IS NULL""")
                .bind("status", response.status())
                .bind("type", response.contentType())
                .bind("body", response.body())
                .bind("key", key)
                .bind("claimedAt", SqlTypes.utc(claimedAt))
                .execute());
    }

    @Override
    public int purgeClaimedBefore(Instant cutoff) {
        return transactions.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM idempotency_keys WHERE claimed_at < :cutoff")
                .bind("cutoff", SqlTypes.utc(cutoff))
                .execute());
    }
}
