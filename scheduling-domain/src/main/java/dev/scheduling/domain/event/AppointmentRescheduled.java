package dev.scheduling.domain.event;

import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.slot.Slot;
import java.time.LocalDate;
import java.time.LocalTime;

/** An appointment moved to another slot; {@code previous} is where it was. */
public record AppointmentRescheduled(AppointmentId appointmentId, ClientId clientId, UnitId unitId,
                                     ServiceId serviceId, int quantity, Previous previous, LocalDate date,
                                     LocalTime startTime, LocalTime endTime) implements DomainEvent {

    public static final String TYPE = "appointment.rescheduled";

    /** The slot the appointment left. */
    public record Previous(LocalDate date, LocalTime startTime, LocalTime endTime) {
        static Previous of(Slot slot) {
            return new Previous(slot.date(), slot.startTime(), slot.endTime());
        }
    }

    public static AppointmentRescheduled of(Appointment before, Appointment after) {
        return new AppointmentRescheduled(after.id(), after.clientId(), after.unitId(), after.serviceId(),
                after.quantity(), Previous.of(before.slot()), after.slot().date(), after.slot().startTime(),
                after.slot().endTime());
    }

    @Override
    public String type() {
        return TYPE;
    }
}
