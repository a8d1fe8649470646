package dev.scheduling.application.port.in;

import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An operator changes a unit's name, hours or closed dates. Existing locks and appointments are never
 * cancelled by it; the time zone is fixed.
 */
public interface UpdateUnitUseCase {

    Unit updateUnit(Command command);

    /** Absent fields stay as they are. */
    record Command(UnitId unitId, Optional<String> name, Optional<WeeklyOpeningHours> openingHours,
                   Optional<Set<LocalDate>> closedDates) {
        public Command {
            Objects.requireNonNull(unitId, "unitId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(openingHours, "openingHours");
            Objects.requireNonNull(closedDates, "closedDates");
        }
    }
}
