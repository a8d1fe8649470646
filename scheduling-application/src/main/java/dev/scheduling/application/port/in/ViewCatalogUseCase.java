package dev.scheduling.application.port.in;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import java.util.List;

/** Reads the catalog: units and their services. */
public interface ViewCatalogUseCase {

    /** Every unit, ordered by name. */
    List<Unit> units();

    /** Refused with {@code unit_not_found} when there is no such unit. */
    Unit unit(UnitId unitId);

    /** The unit's services, ordered by name; refused with {@code unit_not_found}. */
    List<BookableService> services(UnitId unitId);

    /** The service, provided it belongs to the unit; refused with the code of whichever is missing. */
    BookableService service(UnitId unitId, ServiceId serviceId);
}
