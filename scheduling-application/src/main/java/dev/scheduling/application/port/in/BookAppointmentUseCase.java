package dev.scheduling.application.port.in;

import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.lock.ReservationToken;
import java.util.Objects;
import java.util.Optional;

/**
 * A logged-in client turns its lock into an appointment, which keeps the lock's capacity. Refused with
 * {@code lock_not_found}, {@code lock_expired} or {@code lock_not_active}.
 */
public interface BookAppointmentUseCase {

    Appointment book(Command command);

    record Command(ClientId clientId, ReservationToken reservationToken, Optional<String> notes) {
        public Command {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(reservationToken, "reservationToken");
            Objects.requireNonNull(notes, "notes");
        }
    }
}
