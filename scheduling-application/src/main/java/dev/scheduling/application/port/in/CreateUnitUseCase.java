package dev.scheduling.application.port.in;

import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/** An operator opens a unit. */
public interface CreateUnitUseCase {

    Unit createUnit(Command command);

    /** The unit to create; the unit itself checks its rules. */
    record Command(String name, ZoneId timeZone, WeeklyOpeningHours openingHours, Set<LocalDate> closedDates) {
        public Command {
            Objects.requireNonNull(timeZone, "timeZone");
            openingHours = openingHours == null ? WeeklyOpeningHours.closed() : openingHours;
            closedDates = closedDates == null ? Set.of() : Set.copyOf(closedDates);
        }
    }
}
