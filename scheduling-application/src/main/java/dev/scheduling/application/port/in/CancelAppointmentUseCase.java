package dev.scheduling.application.port.in;

import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.client.ClientId;

/**
 * A client cancels its appointment, which frees the capacity; cancelling again answers the same.
 * Another client's appointment is refused with {@code appointment_not_found}.
 */
public interface CancelAppointmentUseCase {

    Appointment cancel(ClientId clientId, AppointmentId appointmentId);
}
