package dev.scheduling.application.port.in;

import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.slot.Slot;
import dev.scheduling.domain.slot.SlotCapacity;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** A client asks which slots of a service are offered over a date or a range of dates. */
public interface GetAvailabilityUseCase {

    int MAX_RANGE_DAYS = 31;

    Availability availability(Query query);

    /** From and to are inclusive dates of the unit, at most 31 days. */
    record Query(UnitId unitId, ServiceId serviceId, LocalDate from, LocalDate to) {
        public Query {
            Objects.requireNonNull(unitId, "unitId");
            Objects.requireNonNull(serviceId, "serviceId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw InvalidInputException.of("to", "must not be before from");
            }
            if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
                throw InvalidInputException.of("to", "a range covers at most " + MAX_RANGE_DAYS + " days");
            }
        }
    }

    /** The offered slots, ordered by date and start, each with its capacity now. */
    record Availability(Unit unit, BookableService service, List<SlotAvailability> slots) {
        public Availability {
            slots = List.copyOf(slots);
        }
    }

    record SlotAvailability(Slot slot, SlotCapacity capacity) {
    }
}
