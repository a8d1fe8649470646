package dev.scheduling.domain.event;

import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.lock.ReservationToken;
import java.time.LocalDate;
import java.time.LocalTime;

/** A client booked a slot from a lock. */
public record AppointmentCreated(AppointmentId appointmentId, ReservationToken reservationToken, ClientId clientId,
                                 UnitId unitId, ServiceId serviceId, LocalDate date, LocalTime startTime,
                                 LocalTime endTime, int quantity) implements DomainEvent {

    public static final String TYPE = "appointment.created";

    public static AppointmentCreated of(Appointment appointment) {
        return new AppointmentCreated(appointment.id(), appointment.reservationToken(), appointment.clientId(),
                appointment.unitId(), appointment.serviceId(), appointment.slot().date(),
                appointment.slot().startTime(), appointment.slot().endTime(), appointment.quantity());
    }

    @Override
    public String type() {
        return TYPE;
    }
}
