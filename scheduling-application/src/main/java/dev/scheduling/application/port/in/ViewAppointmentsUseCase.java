package dev.scheduling.application.port.in;

import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.client.ClientId;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Clients read their own appointments; operators read a unit's agenda. */
public interface ViewAppointmentsUseCase {

    int MAX_AGENDA_DAYS = 31;

    /** The client's own appointment; any other is refused with {@code appointment_not_found}. */
    Appointment appointment(ClientId clientId, AppointmentId appointmentId);

    /** The client's appointments, soonest first. */
    List<Appointment> appointmentsOf(ClientId clientId);

    /** A unit's appointments over at most 31 days, by date and time, each with its client. */
    List<AgendaEntry> agenda(UnitId unitId, LocalDate from, LocalDate to);

    record AgendaEntry(Appointment appointment, Client client) {
    }

    static void checkAgendaRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw InvalidInputException.of("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_AGENDA_DAYS) {
            throw InvalidInputException.of("to", "a range covers at most " + MAX_AGENDA_DAYS + " days");
        }
    }
}
