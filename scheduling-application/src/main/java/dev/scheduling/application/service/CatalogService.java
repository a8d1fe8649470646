package dev.scheduling.application.service;

import dev.scheduling.application.port.in.CreateServiceUseCase;
import dev.scheduling.application.port.in.CreateUnitUseCase;
import dev.scheduling.application.port.in.UpdateServiceUseCase;
import dev.scheduling.application.port.in.UpdateUnitUseCase;
import dev.scheduling.application.port.in.ViewCatalogUseCase;
import dev.scheduling.application.port.out.IdentifierGenerator;
import dev.scheduling.application.port.out.ServiceRepository;
import dev.scheduling.application.port.out.UnitOfWork;
import dev.scheduling.application.port.out.UnitRepository;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import java.util.List;

/** Units and their services: what an operator sets up before clients can book. */
public final class CatalogService implements CreateUnitUseCase, UpdateUnitUseCase, CreateServiceUseCase,
        UpdateServiceUseCase, ViewCatalogUseCase {

    private final UnitRepository units;
    private final ServiceRepository services;
    private final UnitOfWork unitOfWork;
    private final IdentifierGenerator ids;

    public CatalogService(UnitRepository units, ServiceRepository services, UnitOfWork unitOfWork,
                          IdentifierGenerator ids) {
        this.units = units;
        this.services = services;
        this.unitOfWork = unitOfWork;
        this.ids = ids;
    }

    @Override
    public Unit createUnit(CreateUnitUseCase.Command command) {
        Unit unit = Unit.create(new UnitId(ids.newId()), command.name(), command.timeZone(),
                command.openingHours(), command.closedDates());
        return unitOfWork.execute(() -> {
            units.save(unit);
            return unit;
        });
    }

    @Override
    public Unit updateUnit(UpdateUnitUseCase.Command command) {
        return unitOfWork.execute(() -> {
            Unit unit = unit(command.unitId());
            unit = command.name().map(unit::withName).orElse(unit);
            unit = command.openingHours().map(unit::withOpeningHours).orElse(unit);
            unit = command.closedDates().map(unit::withClosedDates).orElse(unit);
            units.save(unit);
            return unit;
        });
    }

    @Override
    public BookableService createService(CreateServiceUseCase.Command command) {
        return unitOfWork.execute(() -> {
            Unit unit = unit(command.unitId());
            BookableService service = new BookableService(new ServiceId(ids.newId()), unit.id(), command.name(),
                    command.durationMinutes(), command.capacity(),
                    command.slotIntervalMinutes().orElse(command.durationMinutes()),
                    command.minNoticeMinutes().orElse(0),
                    command.bookingWindowDays().orElse(BookableService.DEFAULT_BOOKING_WINDOW_DAYS), true);
            services.save(service);
            return service;
        });
    }

    @Override
    public BookableService updateService(UpdateServiceUseCase.Command command) {
        return unitOfWork.execute(() -> {
            BookableService service = service(command.unitId(), command.serviceId());
            service = command.name().map(service::withName).orElse(service);
            if (command.capacity().isPresent()) {
                service = service.withCapacity(command.capacity().getAsInt());
            }
            if (command.minNoticeMinutes().isPresent()) {
                service = service.withMinNoticeMinutes(command.minNoticeMinutes().getAsInt());
            }
            if (command.bookingWindowDays().isPresent()) {
                service = service.withBookingWindowDays(command.bookingWindowDays().getAsInt());
            }
            service = command.active().map(service::withActive).orElse(service);
            services.save(service);
            return service;
        });
    }

    @Override
    public List<Unit> units() {
        return units.findAll();
    }

    @Override
    public Unit unit(UnitId unitId) {
        return units.findById(unitId).orElseThrow(() -> unitNotFound(unitId));
    }

    @Override
    public List<BookableService> services(UnitId unitId) {
        unit(unitId);
        return services.findByUnit(unitId);
    }

    @Override
    public BookableService service(UnitId unitId, ServiceId serviceId) {
        return serviceOf(unit(unitId), serviceId);
    }

    /** The service of a unit already read; refused with {@code service_not_found}. */
    BookableService serviceOf(Unit unit, ServiceId serviceId) {
        return services.findById(serviceId)
                .filter(service -> service.unitId().equals(unit.id()))
                .orElseThrow(() -> new RefusedException(Refusal.SERVICE_NOT_FOUND,
                        "unit " + unit.id() + " has no service " + serviceId));
    }

    private static RefusedException unitNotFound(UnitId unitId) {
        return new RefusedException(Refusal.UNIT_NOT_FOUND, "there is no unit " + unitId);
    }
}
