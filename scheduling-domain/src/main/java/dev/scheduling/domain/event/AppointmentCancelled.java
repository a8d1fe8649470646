package dev.scheduling.domain.event;

import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import java.time.LocalDate;
import java.time.LocalTime;

/** An appointment was cancelled; {@code capacityUsed} is its slot's usage right after. */
public record AppointmentCancelled(AppointmentId appointmentId, ClientId clientId, UnitId unitId, ServiceId serviceId,
                                   LocalDate date, LocalTime startTime, LocalTime endTime, int quantity,
                                   int capacityUsed) implements DomainEvent {

    public static final String TYPE = "appointment.cancelled";

    public static AppointmentCancelled of(Appointment appointment, int capacityUsed) {
        return new AppointmentCancelled(appointment.id(), appointment.clientId(), appointment.unitId(),
                appointment.serviceId(), appointment.slot().date(), appointment.slot().startTime(),
                appointment.slot().endTime(), appointment.quantity(), capacityUsed);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
