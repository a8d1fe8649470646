package dev.scheduling.application.port.in;

import dev.scheduling.domain.Violations;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A client holds capacity in one slot for a short time. Refused with {@code unit_not_found},
 * {@code service_not_found}, {@code not_a_slot} (closed, outside hours, misaligned, started, too
 * soon or too far) or {@code slot_full}.
 */
public interface LockSlotUseCase {

    int MAX_QUANTITY = 1_000;

    LockView lock(Command command);

    record Command(UnitId unitId, ServiceId serviceId, LocalDate date, LocalTime startTime, int quantity) {
        public Command {
            Objects.requireNonNull(unitId, "unitId");
            Objects.requireNonNull(serviceId, "serviceId");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(startTime, "startTime");
            new Violations()
                    .check(quantity >= 1 && quantity <= MAX_QUANTITY, "quantity",
                            "must be between 1 and " + MAX_QUANTITY)
                    .throwIfAny();
        }
    }
}
