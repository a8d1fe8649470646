package dev.scheduling.application.port.in;

import dev.scheduling.domain.lock.ReservationToken;

/** A client looks at its lock; refused with {@code lock_not_found}. */
public interface GetLockUseCase {

    LockView lock(ReservationToken token);
}
