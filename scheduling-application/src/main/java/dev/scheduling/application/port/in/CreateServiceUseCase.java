package dev.scheduling.application.port.in;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.UnitId;
import java.util.Objects;
import java.util.OptionalInt;

/** An operator adds a service to a unit. */
public interface CreateServiceUseCase {

    BookableService createService(Command command);

    /**
     * The service to create. The slot interval defaults to the duration, the minimum notice to 0
     * and the booking window to 90 days.
     */
    record Command(UnitId unitId, String name, int durationMinutes, int capacity, OptionalInt slotIntervalMinutes,
                   OptionalInt minNoticeMinutes, OptionalInt bookingWindowDays) {
        public Command {
            Objects.requireNonNull(unitId, "unitId");
            Objects.requireNonNull(slotIntervalMinutes, "slotIntervalMinutes");
            Objects.requireNonNull(minNoticeMinutes, "minNoticeMinutes");
            Objects.requireNonNull(bookingWindowDays, "bookingWindowDays");
        }
    }
}
