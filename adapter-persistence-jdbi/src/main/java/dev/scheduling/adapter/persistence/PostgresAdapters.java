package dev.scheduling.adapter.persistence;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.IdentifierGenerator;
import java.time.Clock;

/**
 * Every storage port on PostgreSQL, sharing one unit of work, with events written to the outbox.
 * Identifiers come from the caller's generator (they need no database).
 */
public final class PostgresAdapters {
    private final SchedulingPorts ports;

    public PostgresAdapters(PostgresDatabase database, IdentifierGenerator ids, Clock clock) {
        JdbiTransactions transactions = new JdbiTransactions(database.jdbi());
        this.ports = new SchedulingPorts(
                new JdbiUnitRepository(transactions),
                new JdbiServiceRepository(transactions),
                new JdbiLockRepository(transactions),
                new JdbiSlotCapacityStore(transactions),
                new JdbiIdempotencyStore(transactions),
                new JdbiInbox(transactions),
                new JdbiClientRepository(transactions),
                new JdbiLoginStateRepository(transactions),
                new JdbiAppointmentRepository(transactions),
                new JdbiWebhookRepository(transactions),
                new JdbiWebhookDeliveries(transactions),
                transactions,
                new OutboxEventPublisher(transactions),
                ids,
                clock);
    }

    public SchedulingPorts ports() {
        return ports;
    }
}
