package dev.scheduling.application.port.out;

import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import java.util.List;
import java.util.Optional;

/** Where units are kept. */
public interface UnitRepository {

    /** Stores a new unit or replaces the stored state of an existing one. */
    void save(Unit unit);

    Optional<Unit> findById(UnitId id);

    /** Every unit, ordered by name. */
    List<Unit> findAll();
}
