package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.ServiceRepository;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Services in table {@code services}. */
public final class JdbiServiceRepository implements ServiceRepository {
    private final JdbiTransactions transactions;

    public JdbiServiceRepository(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void save(BookableService service) {
        transactions.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO services (id, unit_id, name, duration_minutes, capacity, slot_interval_minutes,
                                              min_notice_minutes, booking_window_days, active)
                        VALUES (:id, :unitId, :name, :duration, :capacity, :interval, :minNotice, :window, :active)
                        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, capacity = EXCLUDED.capacity,
                            min_notice_minutes = EXCLUDED.min_notice_minutes,
                            booking_window_days = EXCLUDED.booking_window_days, active = EXCLUDED.active""")
                .bind("id", service.id().value())
                .bind("unitId", service.unitId().value())
                .bind("name", service.name())
                .bind("duration", service.durationMinutes())
                .bind("capacity", service.capacity())
                .bind("interval", service.slotIntervalMinutes())
                .bind("minNotice", service.minNoticeMinutes())
                .bind("window", service.bookingWindowDays())
                .bind("active", service.active())
                .execute());
    }

    @Override
    public Optional<BookableService> findById(ServiceId id) {
        return transactions.withHandle(handle -> handle.createQuery("SELECT * FROM services WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public List<BookableService> findByUnit(UnitId unitId) {
        return transactions.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM services WHERE unit_id = :unitId ORDER BY name, id")
                .bind("unitId", unitId.value())
                .map((rs, ctx) -> map(rs))
                .list());
    }

    private static BookableService map(ResultSet rs) throws SQLException {
        return new BookableService(new ServiceId(rs.getString("id")), new UnitId(rs.getString("unit_id")),
                rs.getString("name"), rs.getInt("duration_minutes"), rs.getInt("capacity"),
                rs.getInt("slot_interval_minutes"), rs.getInt("min_notice_minutes"), rs.getInt("booking_window_days"),
                rs.getBoolean("active"));
    }
}
