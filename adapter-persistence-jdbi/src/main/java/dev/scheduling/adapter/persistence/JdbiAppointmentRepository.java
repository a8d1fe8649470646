package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.AppointmentRepository;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.appointment.AppointmentStatus;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.slot.Slot;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** Appointments in table {@code appointments}; a replace is a conditional update on status and token. */
public final class JdbiAppointmentRepository implements AppointmentRepository {
    private final JdbiTransactions transactions;

    public JdbiAppointmentRepository(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void add(Appointment appointment) {
        transactions.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO appointments (id, client_id, unit_id, service_id, slot_date, start_time, end_time,
                            starts_at, ends_at, quantity, reservation_token, notes, status, created_at)
                        VALUES (:id, :clientId, :unitId, :serviceId, :date, :startTime, :endTime, :startsAt, :endsAt,
                            :quantity, :token, :notes, :status, :createdAt)""")
                .bind("id", appointment.id().value())
                .bind("clientId", appointment.clientId().value())
                .bind("unitId", appointment.unitId().value())
                .bind("serviceId", appointment.serviceId().value())
                .bind("date", appointment.slot().date())
                .bind("startTime", appointment.slot().startTime())
                .bind("endTime", appointment.slot().endTime())
                .bind("startsAt", SqlTypes.utc(appointment.slot().start()))
                .bind("endsAt", SqlTypes.utc(appointment.slot().end()))
                .bind("quantity", appointment.quantity())
                .bind("token", appointment.reservationToken().value())
                .bind("notes", appointment.notes().orElse(null))
                .bind("status", appointment.status().name())
                .bind("createdAt", SqlTypes.utc(appointment.createdAt()))
                .execute());
    }

    @Override
    public Optional<Appointment> findById(AppointmentId id) {
        return transactions.withHandle(handle -> handle.createQuery("SELECT * FROM appointments WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public boolean replace(Appointment expected, Appointment updated) {
        return transactions.withHandle(handle -> handle.createUpdate("""
                        UPDATE appointments SET slot_date = :date, start_time = :startTime, end_time = :endTime,
                            starts_at = :startsAt, ends_at = :endsAt, quantity = :quantity, reservation_token = :token,
                            notes = :notes, status = :status
                        WHERE id = :id AND status = :expectedStatus AND reservation_token = :expectedToken""")
                .bind("date", updated.slot().date())
                .bind("startTime", updated.slot().startTime())
                .bind("endTime", updated.slot().endTime())
                .bind("startsAt", SqlTypes.utc(updated.slot().start()))
                .bind("endsAt", SqlTypes.utc(updated.slot().end()))
                .bind("quantity", updated.quantity())
                .bind("token", updated.reservationToken().value())
                .bind("notes", updated.notes().orElse(null))
                .bind("status", updated.status().name())
                .bind("id", updated.id().value())
                .bind("expectedStatus", expected.status().name())
                .bind("expectedToken", expected.reservationToken().value())
                .execute()) == 1;
    }

    @Override
    public List<Appointment> findByClient(ClientId clientId) {
        return transactions.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM appointments WHERE client_id = :clientId ORDER BY starts_at, id")
                .bind("clientId", clientId.value())
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public List<Appointment> findByUnit(UnitId unitId, LocalDate from, LocalDate to) {
        return transactions.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM appointments WHERE unit_id = :unitId AND slot_date BETWEEN :from AND :to
                        ORDER BY slot_date, start_time, id""")
                .bind("unitId", unitId.value())
                .bind("from", from)
                .bind("to", to)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    private static Appointment map(ResultSet rs) throws SQLException {
        Slot slot = new Slot(rs.getObject("slot_date", LocalDate.class), rs.getObject("start_time", LocalTime.class),
                rs.getObject("end_time", LocalTime.class), SqlTypes.instant(rs, "starts_at"),
                SqlTypes.instant(rs, "ends_at"));
        return new Appointment(new AppointmentId(rs.getString("id")), new ClientId(rs.getString("client_id")),
                new UnitId(rs.getString("unit_id")), new ServiceId(rs.getString("service_id")), slot,
                rs.getInt("quantity"), new ReservationToken(rs.getString("reservation_token")),
                Optional.ofNullable(rs.getString("notes")), AppointmentStatus.valueOf(rs.getString("status")),
                SqlTypes.instant(rs, "created_at"));
    }
}
