package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.LockRepository;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.Slot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * Locks in table {@code slot_locks}. A status change is one conditional {@code UPDATE … WHERE status =
 * :expected}: of two transactions that race, the second waits for the first and then finds nothing to
 * change, so each transition happens once across every instance.
 */
public final class JdbiLockRepository implements LockRepository {
    private static final String COLUMNS = "token, unit_id, service_id, slot_date, start_time, end_time, starts_at,"
            + " ends_at, quantity, status, created_at, expires_at";

    private final JdbiTransactions transactions;

    public JdbiLockRepository(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void add(SlotLock lock) {
        transactions.withHandle(handle -> handle.createUpdate("INSERT INTO slot_locks (" + COLUMNS + ") VALUES ("
                        + ":token, :unitId, :serviceId, :date, :startTime, :endTime, :startsAt, :endsAt, :quantity,"
                        + " :status, :createdAt, :expiresAt)")
                .bind("token", lock.token().value())
                .bind("unitId", lock.unitId().value())
                .bind("serviceId", lock.serviceId().value())
                .bind("date", lock.slot().date())
                .bind("startTime", lock.slot().startTime())
                .bind("endTime", lock.slot().endTime())
                .bind("startsAt", SqlTypes.utc(lock.slot().start()))
                .bind("endsAt", SqlTypes.utc(lock.slot().end()))
                .bind("quantity", lock.quantity())
                .bind("status", lock.status().name())
                .bind("createdAt", SqlTypes.utc(lock.createdAt()))
                .bind("expiresAt", SqlTypes.utc(lock.expiresAt()))
                .execute());
    }

    @Override
    public Optional<SlotLock> findByToken(ReservationToken token) {
        return transactions.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM slot_locks WHERE token = :token")
                .bind("token", token.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public boolean update(SlotLock updated, LockStatus expected) {
        return transactions.withHandle(handle -> handle.createUpdate(
                        "UPDATE slot_locks SET status = :status WHERE token = :token AND status = :expected")
                .bind("status", updated.status().name())
                .bind("token", updated.token().value())
                .bind("expected", expected.name())
                .execute()) == 1;
    }

    @Override
    public List<SlotLock> findDue(Instant now, int limit) {
        return transactions.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM slot_locks"
                        + " WHERE status = 'LOCKED' AND expires_at <= :now ORDER BY expires_at, token LIMIT :limit")
                .bind("now", SqlTypes.utc(now))
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public List<SlotLock> findDueOverlapping(ServiceId serviceId, MinuteRange range, Instant now) {
        return transactions.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM slot_locks"
                        + " WHERE status = 'LOCKED' AND expires_at <= :now AND service_id = :serviceId"
                        + " AND starts_at < :rangeEnd AND ends_at > :rangeStart ORDER BY expires_at, token")
                .bind("now", SqlTypes.utc(now))
                .bind("serviceId", serviceId.value())
                .bind("rangeStart", SqlTypes.utc(Instant.ofEpochSecond(range.first() * 60)))
                .bind("rangeEnd", SqlTypes.utc(Instant.ofEpochSecond(range.endExclusive() * 60)))
                .map((rs, ctx) -> map(rs))
                .list());
    }

    /**
     * One statement, without an index of its own: the table holds about a retention's worth of ended locks
     * once the housekeeping runs, and every index would cost each lock and release a write.
     */
    @Override
    public int purgeEndedBefore(Instant cutoff) {
        return transactions.withHandle(handle -> handle.createUpdate("DELETE FROM slot_locks"
                        + " WHERE status IN ('RELEASED', 'EXPIRED') AND expires_at < :cutoff")
                .bind("cutoff", SqlTypes.utc(cutoff))
                .execute());
    }

    private static SlotLock map(ResultSet rs) throws SQLException {
        Slot slot = new Slot(rs.getObject("slot_date", LocalDate.class), rs.getObject("start_time", LocalTime.class),
                rs.getObject("end_time", LocalTime.class), SqlTypes.instant(rs, "starts_at"),
                SqlTypes.instant(rs, "ends_at"));
        return new SlotLock(new ReservationToken(rs.getString("token")), new UnitId(rs.getString("unit_id")),
                new ServiceId(rs.getString("service_id")), slot, rs.getInt("quantity"),
                LockStatus.valueOf(rs.getString("status")), SqlTypes.instant(rs, "created_at"),
                SqlTypes.instant(rs, "expires_at"));
    }
}
