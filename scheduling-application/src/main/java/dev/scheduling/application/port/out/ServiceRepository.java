package dev.scheduling.application.port.out;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import java.util.List;
import java.util.Optional;

/** Where the services of the units are kept. */
public interface ServiceRepository {

    /** Stores a new service or replaces the stored state of an existing one. */
    void save(BookableService service);

    Optional<BookableService> findById(ServiceId id);

    /** The services of a unit, ordered by name. */
    List<BookableService> findByUnit(UnitId unitId);
}
