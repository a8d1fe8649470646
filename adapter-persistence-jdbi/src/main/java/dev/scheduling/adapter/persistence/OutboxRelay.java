package dev.scheduling.adapter.persistence;

import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.events.json.EventJson;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Delivers committed outbox rows to a sink, oldest first, and marks them sent in the same transaction
 * as it read them. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so relays in several
 * instances never deliver one row at the same time. If the sink fails, nothing is marked and the batch
 * is delivered again later: delivery is at least once, and consumers deduplicate on {@code eventId}.
 */
public final class OutboxRelay {
    static final int BATCH = 200;

    private final Jdbi jdbi;
    private final Consumer<EventEnvelope> sink;

    public OutboxRelay(Jdbi jdbi, Consumer<EventEnvelope> sink) {
        this.jdbi = jdbi;
        this.sink = sink;
    }

    /** Delivers what is waiting, a batch at a time; returns how many events were delivered. */
    public int relayPending() {
        int delivered = 0;
        int batch;
        do {
            batch = relayBatch();
            delivered += batch;
        } while (batch == BATCH);
        return delivered;
    }

    /** Forgets events delivered longer ago than the retention; returns how many. */
    public int purgeSent(Duration retention) {
        try {
            return jdbi.withHandle(handle -> handle.createUpdate(
                            "DELETE FROM outbox_events WHERE sent_at < now() - CAST(:retention AS interval)")
                    .bind("retention", retention.toSeconds() + " seconds")
                    .execute());
        } catch (RuntimeException failure) {
            throw DatabaseFailures.translate(failure);
        }
    }

    private int relayBatch() {
        try {
            return jdbi.inTransaction(handle -> {
                List<Row> rows = handle.createQuery("""
                                SELECT id, envelope FROM outbox_events WHERE sent_at IS NULL
                                ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED""")
                        .bind("batch", BATCH)
                        .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("envelope")))
                        .list();
                for (Row row : rows) {
                    sink.accept(EventJson.decode(row.envelope()));
                }
                if (!rows.isEmpty()) {
                    handle.createUpdate("UPDATE outbox_events SET sent_at = now() WHERE id = ANY(:ids)")
                            .bindArray("ids", Long.class, rows.stream().map(Row::id).toList())
                            .execute();
                }
                return rows.size();
            });
        } catch (RuntimeException failure) {
            throw DatabaseFailures.translate(failure);
        }
    }

    private record Row(long id, String envelope) {
    }
}
