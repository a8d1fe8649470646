package dev.scheduling.application.port.in;

import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.SlotCapacity;
import java.util.Objects;

/**
 * A lock as a client sees it: its status at the moment of the answer (a lock whose time ran out is
 * {@code EXPIRED} even before the sweeper marks it) and its slot's capacity then.
 */
public record LockView(SlotLock lock, LockStatus status, SlotCapacity capacity) {
    public LockView {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(capacity, "capacity");
    }
}
