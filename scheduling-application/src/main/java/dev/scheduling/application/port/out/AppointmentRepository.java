package dev.scheduling.application.port.out;

import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Where appointments are kept; a change is a compare-and-set on what it changes. */
public interface AppointmentRepository {

    void add(Appointment appointment);

    Optional<Appointment> findById(AppointmentId id);

    /**
     * Replaces the stored appointment by {@code updated} if it still has the status and reservation token
     * of {@code expected}; false when another command changed it first.
     */
    boolean replace(Appointment expected, Appointment updated);

    /** The client's appointments, soonest first. */
    List<Appointment> findByClient(ClientId clientId);

    /** A unit's appointments dated from {@code from} to {@code to} inclusive, by date and start time. */
    List<Appointment> findByUnit(UnitId unitId, LocalDate from, LocalDate to);
}
