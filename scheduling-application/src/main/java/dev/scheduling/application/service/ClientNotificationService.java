package dev.scheduling.application.service;

import dev.scheduling.application.port.in.NotifyClientsUseCase;
import dev.scheduling.application.port.out.ClientRepository;
import dev.scheduling.application.port.out.IdentifierGenerator;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.application.port.out.UnitRepository;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.event.AppointmentCancelled;
import dev.scheduling.domain.event.AppointmentCreated;
import dev.scheduling.domain.event.AppointmentRescheduled;
import dev.scheduling.domain.event.DomainEvent;
import dev.scheduling.domain.event.EventEnvelope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The notice each appointment event calls for, to its client by their channel: confirmed, moved,
 * cancelled. Times are the unit's local times, named with its zone. Slot events concern no client.
 */
public final class ClientNotificationService implements NotifyClientsUseCase {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final ClientRepository clients;
    private final UnitRepository units;
    private final Notifier notifier;
    private final IdentifierGenerator ids;
    private final Clock clock;

    public ClientNotificationService(ClientRepository clients, UnitRepository units, Notifier notifier,
                                     IdentifierGenerator ids, Clock clock) {
        this.clients = clients;
        this.units = units;
        this.notifier = notifier;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void handle(EventEnvelope envelope) {
        DomainEvent event = envelope.event();
        if (event instanceof AppointmentCreated created) {
            send(created.clientId(), created.unitId(), "appointment_created", unit -> "Your appointment at "
                    + unit.name() + " on " + when(unit, created.date(), created.startTime()) + " is confirmed."
                    + " Reference " + created.appointmentId() + ".");
        } else if (event instanceof AppointmentRescheduled moved) {
            send(moved.clientId(), moved.unitId(), "appointment_rescheduled", unit -> "Your appointment at "
                    + unit.name() + " moved from " + when(unit, moved.previous().date(), moved.previous().startTime())
                    + " to " + when(unit, moved.date(), moved.startTime()) + ". Reference " + moved.appointmentId() + ".");
        } else if (event instanceof AppointmentCancelled cancelled) {
            send(cancelled.clientId(), cancelled.unitId(), "appointment_cancelled", unit -> "Your appointment at "
                    + unit.name() + " on " + when(unit, cancelled.date(), cancelled.startTime()) + " is cancelled."
                    + " Reference " + cancelled.appointmentId() + ".");
        }
    }

    private void send(ClientId clientId, UnitId unitId, String template, java.util.function.Function<Unit, String> body) {
        Client client = clients.findById(clientId)
                .orElseThrow(() -> new IllegalStateException("event names a missing client " + clientId));
        Unit unit = units.findById(unitId)
                .orElseThrow(() -> new IllegalStateException("event names a missing unit " + unitId));
        notifier.send(new Notifier.Notification(ids.newUuid(), client.recipient(), template, body.apply(unit),
                clock.instant()));
    }

    private static String when(Unit unit, LocalDate date, LocalTime time) {
        return DATE.format(date) + " at " + TIME.format(time) + " (" + unit.timeZone().getId() + ")";
    }
}
