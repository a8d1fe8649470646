package dev.scheduling.application.port.in;

import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.lock.ReservationToken;

/**
 * A client moves its appointment to the slot of an active lock of the same service: in one unit of
 * work the lock is converted and the old slot's capacity freed. Refused with
 * {@code appointment_not_found}, {@code appointment_cancelled}, {@code lock_of_another_service} and the
 * refusals of booking.
 */
public interface RescheduleAppointmentUseCase {

    Appointment reschedule(ClientId clientId, AppointmentId appointmentId, ReservationToken newLock);
}
