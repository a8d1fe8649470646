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
import dev.scheduling.application.service.AvailabilityService;
import dev.scheduling.application.service.CatalogService;
import dev.scheduling.application.service.IdempotencyService;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

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

    public Scheduling(SchedulingPorts ports, SchedulingSettings settings, MeterRegistry meters,
                      OpenTelemetry openTelemetry) {
        this.catalog = new CatalogService(ports.units(), ports.services(), ports.unitOfWork(), ports.ids());
        this.availability = new AvailabilityService(catalog, ports.services(), ports.locks(), ports.capacity(),
                ports.unitOfWork(), ports.events(), ports.ids(), ports.clock(), settings.lockTtl(), meters,
                openTelemetry.getTracer(INSTRUMENTATION_SCOPE));
        this.idempotency = new IdempotencyService(ports.idempotency(), ports.clock());
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

    /** Forgets idempotency keys past their retention; for the housekeeping job. */
    public int purgeIdempotencyKeys() {
        return idempotency.purgeExpired();
    }
}
