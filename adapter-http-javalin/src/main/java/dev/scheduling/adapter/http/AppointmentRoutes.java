package dev.scheduling.adapter.http;

import dev.scheduling.application.Scheduling;
import dev.scheduling.application.port.in.BookAppointmentUseCase;
import dev.scheduling.application.port.in.ViewAppointmentsUseCase.AgendaEntry;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.Violations;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.lock.ReservationToken;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** Appointments: the client's own (client token) and a unit's agenda (admin token). */
final class AppointmentRoutes {
    private final Scheduling scheduling;
    private final ClientAuthentication clients;
    private final IdempotentRequests idempotent;

    AppointmentRoutes(Scheduling scheduling) {
        this.scheduling = scheduling;
        this.clients = new ClientAuthentication(scheduling.authenticateClient());
        this.idempotent = new IdempotentRequests(scheduling.idempotentRequests());
    }

    StoredResponse book(Context ctx) {
        ClientId client = clients.require(ctx);
        return idempotent.run(ctx, "POST /appointments " + client.value(), body -> {
            JsonBody request = JsonBody.of(Json.parseObject(body));
            String token = request.requiredText("reservationToken", 256);
            Optional<String> notes = request.optionalText("notes", Appointment.MAX_NOTES_LENGTH);
            request.throwIfInvalid();
            Appointment booked = scheduling.bookAppointment()
                    .book(new BookAppointmentUseCase.Command(client, SlotRoutes.token(token), notes));
            return Json.response(201, Views.appointment(booked));
        });
    }

    StoredResponse appointment(Context ctx) {
        ClientId client = clients.require(ctx);
        return Json.response(200, Views.appointment(scheduling.appointments().appointment(client, appointmentId(ctx))));
    }

    StoredResponse mine(Context ctx) {
        ClientId client = clients.require(ctx);
        return Json.response(200, Map.of("appointments",
                scheduling.appointments().appointmentsOf(client).stream().map(Views::appointment).toList()));
    }

    StoredResponse cancel(Context ctx) {
        ClientId client = clients.require(ctx);
        return Json.response(200, Views.appointment(scheduling.cancelAppointment().cancel(client, appointmentId(ctx))));
    }

    StoredResponse reschedule(Context ctx) {
        ClientId client = clients.require(ctx);
        JsonBody request = JsonBody.of(RequestBodies.jsonObject(ctx));
        String token = request.requiredText("reservationToken", 256);
        request.throwIfInvalid();
        ReservationToken newLock = SlotRoutes.token(token);
        return Json.response(200, Views.appointment(
                scheduling.rescheduleAppointment().reschedule(client, appointmentId(ctx), newLock)));
    }

    /** The unit's agenda, for operators: {@code ?date=} or {@code ?from=&to=}, at most 31 days. */
    StoredResponse agenda(Context ctx) {
        Violations violations = new Violations();
        DateRange range = DateRange.of(ctx, violations);
        violations.throwIfAny();
        return Json.response(200, Map.of("appointments", scheduling.appointments()
                .agenda(CatalogRoutes.unitId(ctx), range.from(), range.to()).stream()
                .map(AppointmentRoutes::agendaEntry)
                .toList()));
    }

    private static Map<String, Object> agendaEntry(AgendaEntry entry) {
        return Views.agendaEntry(entry.appointment(), entry.client());
    }

    /** Text that cannot be an appointment id names none. */
    private static AppointmentId appointmentId(Context ctx) {
        String id = ctx.pathParam("appointmentId");
        if (id.isBlank()) {
            throw new RefusedException(Refusal.APPOINTMENT_NOT_FOUND, "there is no appointment with a blank id");
        }
        return new AppointmentId(id);
    }
}
