package dev.scheduling.application.port.in;

import dev.scheduling.domain.lock.ReservationToken;

/**
 * A client lets a lock go before it runs out. Idempotent: releasing again answers the same.
 * Refused with {@code lock_not_found} or, for a lock turned into an appointment, {@code lock_consumed}.
 */
public interface ReleaseSlotUseCase {

    LockView release(ReservationToken token);
}
