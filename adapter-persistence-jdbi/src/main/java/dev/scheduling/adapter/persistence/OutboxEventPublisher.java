package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.EventPublisher;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.events.json.EventJson;

/**
 * The transactional outbox: an event is a row written in the command's own transaction, so it exists
 * exactly when the change it describes does. {@link OutboxRelay} delivers it after commit.
 */
public final class OutboxEventPublisher implements EventPublisher {
    private final JdbiTransactions transactions;

    public OutboxEventPublisher(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void publish(EventEnvelope event) {
        transactions.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO outbox_events (event_id, type, occurred_at, envelope, traceparent, tracestate)
                        VALUES (:eventId, :type, :occurredAt, :envelope, :traceparent, :tracestate)""")
                .bind("eventId", event.eventId())
                .bind("type", event.type())
                .bind("occurredAt", SqlTypes.utc(event.occurredAt()))
                .bind("envelope", EventJson.encode(event))
                .bind("traceparent", event.traceContext().get(OutboxRelay.TRACEPARENT))
                .bind("tracestate", event.traceContext().get(OutboxRelay.TRACESTATE))
                .execute());
    }
}
