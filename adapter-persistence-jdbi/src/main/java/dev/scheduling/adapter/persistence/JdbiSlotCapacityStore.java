package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.SlotCapacityStore;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.Occupancy;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Capacity per service and minute in table {@code slot_capacity}, exact across every instance that
 * shares the database (the locking-strategy ADR). A take is one statement: an upsert over the minutes in
 * ascending order that adds the quantity only where it fits; the rows it touches stay locked until the
 * transaction ends, and since every statement locks minutes in ascending order, two transactions
 * cannot wait for each other in a cycle. If some minute did not fit, the minutes that were raised are
 * lowered again, so a refused take leaves nothing behind.
 *
 * <p>A minute that nobody holds has no row: what is lowered to nothing is deleted. Otherwise every
 * minute ever locked and released would stay behind as a zero, and an availability of 31 days would
 * read through all of them (about 17,000 rows for a popular service open 9 hours a day) to find the few
 * in use.
 */
public final class JdbiSlotCapacityStore implements SlotCapacityStore {
    private static final String CHECK_VIOLATION = "23514";

    private final JdbiTransactions transactions;

    public JdbiSlotCapacityStore(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Occupancy> take(ServiceId serviceId, MinuteRange range, int quantity, int capacity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        if (quantity > capacity) {
            return Optional.empty();
        }
        return transactions.withHandle(handle -> {
            Map<Long, Integer> raised = new HashMap<>();
            handle.createQuery("""
                            INSERT INTO slot_capacity AS c (service_id, minute, used)
                            SELECT :serviceId, minute, :quantity
                            FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS minute
                            ON CONFLICT (service_id, minute) DO UPDATE SET used = c.used + EXCLUDED.used
                            WHERE c.used + EXCLUDED.used <= :capacity
                            RETURNING minute, used""")
                    .bind("serviceId", serviceId.value())
                    .bind("quantity", quantity)
                    .bind("first", range.first())
                    .bind("last", range.endExclusive() - 1)
                    .bind("capacity", capacity)
                    .map((rs, ctx) -> raised.put(rs.getLong("minute"), rs.getInt("used")))
                    .list();
            if (raised.size() == range.length()) {
                // Every minute of the range was raised: what the rows now hold is the range's occupancy.
                return Optional.of(Occupancy.of(raised));
            }
            if (!raised.isEmpty()) {
                // The raised rows are this transaction's (locked by the upsert): those it created go again.
                handle.createUpdate("""
                                WITH emptied AS (
                                    DELETE FROM slot_capacity
                                    WHERE service_id = :serviceId AND minute = ANY(:minutes) AND used = :quantity)
                                UPDATE slot_capacity SET used = used - :quantity
                                WHERE service_id = :serviceId AND minute = ANY(:minutes) AND used <> :quantity""")
                        .bind("quantity", quantity)
                        .bind("serviceId", serviceId.value())
                        .bindArray("minutes", Long.class, raised.keySet())
                        .execute();
            }
            return Optional.empty();
        });
    }

    @Override
    public Occupancy giveBack(ServiceId serviceId, MinuteRange range, int quantity) {
        Map<Long, Integer> left = new HashMap<>();
        try {
            // The minutes are locked in ascending order first; then each is lowered, or deleted where the
            // quantity is all it holds. Lowering below nothing violates the table's check: the statement
            // fails whole. It returns every minute it changed with what the minute then holds.
            transactions.withHandle(handle -> handle.createQuery("""
                        WITH locked AS (
                            SELECT minute, used FROM slot_capacity
                            WHERE service_id = :serviceId AND minute >= :first AND minute < :end
                            ORDER BY minute FOR UPDATE),
                        lowered AS (
                            UPDATE slot_capacity AS c SET used = c.used - :quantity FROM locked
                            WHERE c.service_id = :serviceId AND c.minute = locked.minute AND locked.used <> :quantity
                            RETURNING c.minute, c.used),
                        emptied AS (
                            DELETE FROM slot_capacity AS c USING locked
                            WHERE c.service_id = :serviceId AND c.minute = locked.minute AND locked.used = :quantity
                            RETURNING c.minute)
                        SELECT minute, used FROM lowered UNION ALL SELECT minute, 0 FROM emptied""")
                .bind("quantity", quantity)
                .bind("serviceId", serviceId.value())
                .bind("first", range.first())
                .bind("end", range.endExclusive())
                .map((rs, ctx) -> left.put(rs.getLong("minute"), rs.getInt("used")))
                .list());
        } catch (UnableToExecuteStatementException failure) {
            if (failure.getCause() instanceof SQLException sql && CHECK_VIOLATION.equals(sql.getSQLState())) {
                throw new IllegalStateException("giving back " + quantity + " over " + range + " of service "
                        + serviceId + " would leave less than nothing taken", failure);
            }
            throw failure;
        }
        if (left.size() != range.length()) {
            throw new IllegalStateException("giving back " + quantity + " over " + range + " of service " + serviceId
                    + " found " + left.size() + " minutes taken instead of " + range.length());
        }
        return Occupancy.of(left);
    }

    @Override
    public Occupancy occupancy(ServiceId serviceId, MinuteRange range) {
        Map<Long, Integer> used = new HashMap<>();
        transactions.withHandle(handle -> handle.createQuery("""
                        SELECT minute, used FROM slot_capacity
                        WHERE service_id = :serviceId AND minute >= :first AND minute < :end AND used > 0""")
                .bind("serviceId", serviceId.value())
                .bind("first", range.first())
                .bind("end", range.endExclusive())
                .map((rs, ctx) -> used.put(rs.getLong("minute"), rs.getInt("used")))
                .list());
        return Occupancy.of(used);
    }
}
