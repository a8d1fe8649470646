package dev.scheduling.domain.lock;

import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.slot.Slot;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A short hold on capacity in one slot. It holds its quantity while {@code LOCKED} and before
 * {@code expiresAt}; from {@code expiresAt} on it holds nothing, even before the sweeper has marked it
 * {@code EXPIRED}.
 */
public record SlotLock(ReservationToken token, UnitId unitId, ServiceId serviceId, Slot slot, int quantity,
                       LockStatus status, Instant createdAt, Instant expiresAt) {

    public SlotLock {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (quantity < 1) {
            throw new IllegalArgumentException("a lock holds at least one place");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a lock must expire after it is taken");
        }
    }

    /** A new hold, {@code LOCKED} from {@code now} for {@code ttl}. */
    public static SlotLock place(ReservationToken token, UnitId unitId, ServiceId serviceId, Slot slot,
                                 int quantity, Instant now, Duration ttl) {
        return new SlotLock(token, unitId, serviceId, slot, quantity, LockStatus.LOCKED, now, now.plus(ttl));
    }

    /** Holding capacity at that instant. */
    public boolean isActiveAt(Instant now) {
        return status == LockStatus.LOCKED && now.isBefore(expiresAt);
    }

    /** Still marked {@code LOCKED} although its time has run out: the sweeper's work. */
    public boolean isDueAt(Instant now) {
        return status == LockStatus.LOCKED && !now.isBefore(expiresAt);
    }

    /** The status as a client sees it at that instant: a lock whose time has run out is {@code EXPIRED}. */
    public LockStatus statusAt(Instant now) {
        return isDueAt(now) ? LockStatus.EXPIRED : status;
    }

    /**
     * The lock after its client lets it go: {@code RELEASED}, or {@code EXPIRED} when its time had run
     * out already. Releasing a released or expired lock changes nothing; a converted lock belongs to
     * its appointment and is refused.
     */
    public SlotLock release(Instant now) {
        return switch (status) {
            case LOCKED -> withStatus(isDueAt(now) ? LockStatus.EXPIRED : LockStatus.RELEASED);
            case RELEASED, EXPIRED -> this;
            case CONVERTED -> throw new RefusedException(Refusal.LOCK_CONSUMED,
                    "the lock was converted into an appointment; cancel the appointment instead");
        };
    }

    /**
     * The lock turned into an appointment, which keeps its capacity. Only an active lock converts: one
     * whose time ran out is refused with {@code lock_expired}, one released or converted already with
     * {@code lock_not_active}.
     */
    public SlotLock convert(Instant now) {
        if (isActiveAt(now)) {
            return withStatus(LockStatus.CONVERTED);
        }
        if (isDueAt(now) || status == LockStatus.EXPIRED) {
            throw new RefusedException(Refusal.LOCK_EXPIRED, "the lock ran out at " + expiresAt + "; lock the slot again");
        }
        throw new RefusedException(Refusal.LOCK_NOT_ACTIVE, "the lock was " + status.name().toLowerCase(java.util.Locale.ROOT)
                + " already");
    }

    /** The lock marked {@code EXPIRED}; only a due lock can be. */
    public SlotLock expire(Instant now) {
        if (!isDueAt(now)) {
            throw new IllegalStateException("lock " + token + " is not due at " + now);
        }
        return withStatus(LockStatus.EXPIRED);
    }

    private SlotLock withStatus(LockStatus newStatus) {
        return new SlotLock(token, unitId, serviceId, slot, quantity, newStatus, createdAt, expiresAt);
    }
}
