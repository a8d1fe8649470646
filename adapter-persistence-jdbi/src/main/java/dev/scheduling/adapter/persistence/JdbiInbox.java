package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.Inbox;
import java.time.Instant;
import java.util.UUID;

/**
 * The inbox in table {@code inbox_events}. A record is one insert that does nothing on conflict: the
 * primary key makes a concurrent insert of the same event wait for the first transaction, then either
 * find its committed row (nothing inserted) or, if it rolled back, insert its own.
 */
public final class JdbiInbox implements Inbox {
    private final JdbiTransactions transactions;

    public JdbiInbox(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public boolean record(String consumer, UUID eventId, Instant handledAt) {
        return transactions.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO inbox_events (consumer, event_id, handled_at) VALUES (:consumer, :eventId, :handledAt)
                        ON CONFLICT (consumer, event_id) DO NOTHING""")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .bind("handledAt", SqlTypes.utc(handledAt))
                .execute()) == 1;
    }

    @Override
    public int purgeHandledBefore(Instant cutoff) {
        return transactions.withHandle(handle -> handle.createUpdate("DELETE FROM inbox_events WHERE handled_at < :cutoff")
                .bind("cutoff", SqlTypes.utc(cutoff))
                .execute());
    }
}
