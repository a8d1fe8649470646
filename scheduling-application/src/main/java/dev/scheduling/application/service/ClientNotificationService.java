package dev.scheduling.application.service;

import dev.scheduling.application.port.in.NotifyClientsUseCase;
import dev.scheduling.application.port.out.ClientRepository;
import dev.scheduling.application.port.out.Inbox;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.application.port.out.UnitOfWork;
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
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.event.SlotReleased;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The notice each appointment event calls for, to its client by their channel: confirmed, moved,
 * cancelled, with the unit's local times named with its zone. {@code slot.*} events call for none: a
 * hold is anonymous (the client logs in only to book), so there is nobody to tell, and the booking page
 * shows the hold's countdown itself (ADR 0009).
 *
 * <p>Exactly once in effect: the event is recorded in the {@link Inbox} and the notice sent in one unit
 * of work. A redelivered event finds its record and sends nothing; a notice that cannot be sent rolls the
 * record back, so the delivery is retried. The one gap no transaction closes, a notice sent just before
 * the commit fails, is covered downstream: the notice id is derived from the event id, so a provider
 * that deduplicates by id (an idempotency key) sends it once.
 */
public final class ClientNotificationService implements NotifyClientsUseCase {
    /** This consumer's name in the inbox. */
    public static final String CONSUMER = "notifications";
    /**
     * How long a handled event is remembered: far longer than any redelivery (minutes of retries), while a
     * message replayed from the dead-letter queue was never handled, so it is sent then as it should be.
     */
    public static final Duration INBOX_RETENTION = Duration.ofDays(7);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final ClientRepository clients;
    private final UnitRepository units;
    private final Inbox inbox;
    private final UnitOfWork unitOfWork;
    private final Notifier notifier;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Traced traced;

    public ClientNotificationService(ClientRepository clients, UnitRepository units, Inbox inbox,
                                     UnitOfWork unitOfWork, Notifier notifier, Clock clock, MeterRegistry meters,
                                     Tracer tracer) {
        this.clients = clients;
        this.units = units;
        this.inbox = inbox;
        this.unitOfWork = unitOfWork;
        this.notifier = notifier;
        this.clock = clock;
        this.meters = meters;
        this.traced = new Traced(tracer);
    }

    @Override
    public Outcome handle(EventEnvelope envelope) {
        Context causedBy = TraceContexts.parent(envelope.traceContext());
        Outcome outcome = traced.consumerSpan("NotifyClients.handle", causedBy, span -> {
            span.setAttribute("eventId", envelope.eventId().toString());
            span.setAttribute("eventType", envelope.type());
            Optional<Notice> notice = noticeFor(envelope.event());
            if (notice.isEmpty()) {
                return Outcome.NO_NOTICE;
            }
            Outcome result = unitOfWork.execute(() -> {
                if (!inbox.record(CONSUMER, envelope.eventId(), clock.instant())) {
                    return Outcome.DUPLICATE;
                }
                notifier.send(notice.get().render(envelope.eventId()));
                return Outcome.SENT;
            });
            span.setAttribute("outcome", result.name());
            return result;
        });
        Counter.builder("notifications.handled").description("Event deliveries handled, by what they sent")
                .tags("type", envelope.type(), "outcome", outcome.name().toLowerCase(Locale.ROOT)).register(meters)
                .increment();
        return outcome;
    }

    /** Forgets the inbox records older than {@link #INBOX_RETENTION}. */
    public int purgeHandled() {
        return inbox.purgeHandledBefore(clock.instant().minus(INBOX_RETENTION));
    }

    private Optional<Notice> noticeFor(DomainEvent event) {
        if (event instanceof AppointmentCreated created) {
            return Optional.of(new Notice(created.clientId(), created.unitId(), "appointment_created",
                    unit -> "Your appointment at " + unit.name() + " on "
                            + when(unit, created.date(), created.startTime()) + " is confirmed."
                            + " Reference " + created.appointmentId() + "."));
        } else if (event instanceof AppointmentRescheduled moved) {
            return Optional.of(new Notice(moved.clientId(), moved.unitId(), "appointment_rescheduled",
                    unit -> "Your appointment at " + unit.name() + " moved from "
                            + when(unit, moved.previous().date(), moved.previous().startTime()) + " to "
                            + when(unit, moved.date(), moved.startTime()) + ". Reference " + moved.appointmentId() + "."));
        } else if (event instanceof AppointmentCancelled cancelled) {
            return Optional.of(new Notice(cancelled.clientId(), cancelled.unitId(), "appointment_cancelled",
                    unit -> "Your appointment at " + unit.name() + " on "
                            + when(unit, cancelled.date(), cancelled.startTime()) + " is cancelled."
                            + " Reference " + cancelled.appointmentId() + "."));
        } else if (event instanceof SlotLocked || event instanceof SlotReleased) {
            return Optional.empty();
        }
        throw new IllegalStateException("no notice rule for " + event.getClass().getSimpleName());
    }

    private static String when(Unit unit, LocalDate date, LocalTime time) {
        return DATE.format(date) + " at " + TIME.format(time) + " (" + unit.timeZone().getId() + ")";
    }

    /** A notice to render for a client about a unit. */
    private final class Notice {
        private final ClientId clientId;
        private final UnitId unitId;
        private final String template;
        private final Function<Unit, String> body;

        Notice(ClientId clientId, UnitId unitId, String template, Function<Unit, String> body) {
            this.clientId = clientId;
            this.unitId = unitId;
            this.template = template;
            this.body = body;
        }

        Notifier.Notification render(UUID eventId) {
            Client client = clients.findById(clientId)
                    .orElseThrow(() -> new IllegalStateException("event names a missing client " + clientId));
            Unit unit = units.findById(unitId)
                    .orElseThrow(() -> new IllegalStateException("event names a missing unit " + unitId));
            return new Notifier.Notification(noticeId(eventId, template), client.recipient(), template,
                    body.apply(unit), clock.instant());
        }
    }

    /** The same for every delivery of the event, so that a provider can deduplicate by it. */
    static UUID noticeId(UUID eventId, String template) {
        return UUID.nameUUIDFromBytes((eventId + "/" + template).getBytes(StandardCharsets.UTF_8));
    }
}
