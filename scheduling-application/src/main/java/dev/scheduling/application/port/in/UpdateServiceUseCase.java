package dev.scheduling.application.port.in;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An operator changes a service. Duration and slot interval are fixed once it exists; a lower
 * capacity cancels nothing: an over-full slot takes no new lock until it drains.
 */
public interface UpdateServiceUseCase {

    BookableService updateService(Command command);

    /** Absent fields stay as they are. */
    record Command(UnitId unitId, ServiceId serviceId, Optional<String> name, OptionalInt capacity,
                   OptionalInt minNoticeMinutes, OptionalInt bookingWindowDays, Optional<Boolean> active) {
        public Command {
            Objects.requireNonNull(unitId, "unitId");
            Objects.requireNonNull(serviceId, "serviceId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(capacity, "capacity");
            Objects.requireNonNull(minNoticeMinutes, "minNoticeMinutes");
            Objects.requireNonNull(bookingWindowDays, "bookingWindowDays");
            Objects.requireNonNull(active, "active");
        }
    }
}
