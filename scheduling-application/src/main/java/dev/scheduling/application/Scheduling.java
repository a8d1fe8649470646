package dev.scheduling.application;

import dev.scheduling.application.port.in.CreateServiceUseCase;
import dev.scheduling.application.port.in.CreateUnitUseCase;
import dev.scheduling.application.port.in.ExpireDueLocksUseCase;
import dev.scheduling.application.port.in.GetAvailabilityUseCase;
import dev.scheduling.application.port.in.GetLockUseCase;
import dev.scheduling.application.port.in.IdempotentRequestUseCase;
import dev.scheduling.application.port.in.LockSlotUseCase;
import dev.scheduling.application.port.in.ReleaseSlotUseCase;
import dev.scheduling.application.port.in.UpdateServiceUseCase;
import dev.scheduling.application.port.in.UpdateUnitUseCase;
import dev.scheduling.application.port.in.ViewCatalogUseCase;
import dev.scheduling.application.port.in.AuthenticateClientUseCase;
import dev.scheduling.application.port.in.BookAppointmentUseCase;
import dev.scheduling.application.port.in.CancelAppointmentUseCase;
import dev.scheduling.application.port.in.NotifyClientsUseCase;
import dev.scheduling.application.port.in.RequestLoginCodeUseCase;
import dev.scheduling.application.port.in.RescheduleAppointmentUseCase;
import dev.scheduling.application.port.in.VerifyLoginCodeUseCase;
import dev.scheduling.application.port.in.ViewAppointmentsUseCase;
import dev.scheduling.application.service.AvailabilityService;
import dev.scheduling.application.service.BookingService;
import dev.scheduling.application.service.ClientLoginService;
import dev.scheduling.application.service.ClientNotificationService;
import dev.scheduling.application.service.CatalogService;
import dev.scheduling.application.service.IdempotencyService;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/**
 * The use cases of the service, built over one set of driven ports: what an HTTP server, a worker or
 * an application that embeds the core calls. Plain construction, no container.
 */
public final class Scheduling {
    /** The instrumentation scope of the core's spans. */
    public static final String INSTRUMENTATION_SCOPE = "dev.scheduling";

    private final CatalogService catalog;
    private final AvailabilityService availability;
    private final IdempotencyService idempotency;
    private final ClientLoginService login;
    private final BookingService booking;
    private final ClientNotificationService notifications;

    public Scheduling(SchedulingPorts ports, ClientPorts clientPorts, SchedulingSettings settings,
                      MeterRegistry meters, OpenTelemetry openTelemetry) {
        Tracer tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        this.catalog = new CatalogService(ports.units(), ports.services(), ports.unitOfWork(), ports.ids());
        this.availability = new AvailabilityService(catalog, ports.services(), ports.locks(), ports.capacity(),
                ports.unitOfWork(), ports.events(), ports.ids(), ports.clock(), settings.lockTtl(), meters, tracer);
        this.idempotency = new IdempotencyService(ports.idempotency(), ports.unitOfWork(), ports.clock());
        this.login = new ClientLoginService(ports.loginStates(), ports.clients(), clientPorts.codes(),
                clientPorts.tokens(), clientPorts.notifier(), ports.ids(), ports.clock(), settings.login(), tracer);
        this.booking = new BookingService(catalog, ports.services(), ports.locks(), ports.appointments(),
                ports.clients(), ports.capacity(), ports.unitOfWork(), ports.events(), ports.ids(), ports.clock(),
                tracer);
        this.notifications = new ClientNotificationService(ports.clients(), ports.units(), ports.inbox(),
                ports.unitOfWork(), clientPorts.notifier(), ports.clock(), meters, tracer);
    }

    public CreateUnitUseCase createUnit() {
        return catalog;
    }

    public UpdateUnitUseCase updateUnit() {
        return catalog;
    }

    public CreateServiceUseCase createService() {
        return catalog;
    }

    public UpdateServiceUseCase updateService() {
        return catalog;
    }

    public ViewCatalogUseCase catalog() {
        return catalog;
    }

    public GetAvailabilityUseCase availability() {
        return availability;
    }

    public LockSlotUseCase lockSlot() {
        return availability;
    }

    public ReleaseSlotUseCase releaseSlot() {
        return availability;
    }

    public GetLockUseCase getLock() {
        return availability;
    }

    public ExpireDueLocksUseCase expireDueLocks() {
        return availability;
    }

    public IdempotentRequestUseCase idempotentRequests() {
        return idempotency;
    }

    public RequestLoginCodeUseCase requestLoginCode() {
        return login;
    }

    public VerifyLoginCodeUseCase verifyLoginCode() {
        return login;
    }

    public AuthenticateClientUseCase authenticateClient() {
        return login;
    }

    public BookAppointmentUseCase bookAppointment() {
        return booking;
    }

    public CancelAppointmentUseCase cancelAppointment() {
        return booking;
    }

    public RescheduleAppointmentUseCase rescheduleAppointment() {
        return booking;
    }

    public ViewAppointmentsUseCase appointments() {
        return booking;
    }

    public NotifyClientsUseCase notifyClients() {
        return notifications;
    }

    /** Forgets idempotency keys past their retention; for the housekeeping job. */
    public int purgeIdempotencyKeys() {
        return idempotency.purgeExpired();
    }

    /** Forgets the locks that ended without an appointment, past their retention; for housekeeping. */
    public int purgeEndedLocks() {
        return availability.purgeEndedLocks();
    }

    /** Forgets the inbox records of events handled longer ago than any redelivery comes; for housekeeping. */
    public int purgeHandledEvents() {
        return notifications.purgeHandled();
    }
}
