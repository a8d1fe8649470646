package dev.scheduling.application.port.out;

import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.MinuteRange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where locks are kept, with the compare-and-set that lets each change of status happen once. */
public interface LockRepository {

    /** Stores a new lock; its token is unique. */
    void add(SlotLock lock);

    Optional<SlotLock> findByToken(ReservationToken token);

    /**
     * Replaces the stored lock by {@code updated} only if the stored one still has status
     * {@code expected}. Returns false when another command changed it first; whoever gets true owns
     * the transition (and its capacity change and event).
     */
    boolean update(SlotLock updated, LockStatus expected);

    /** Locks still {@code LOCKED} whose time has run out at {@code now}, soonest expiry first. */
    List<SlotLock> findDue(Instant now, int limit);

    /** Due locks of the service whose slot overlaps the range: capacity that is held only on paper. */
    List<SlotLock> findDueOverlapping(ServiceId serviceId, MinuteRange range, Instant now);

    /**
     * Forgets the locks that ended without an appointment ({@code RELEASED} or {@code EXPIRED}) and that
     * expire(d) before {@code cutoff}; returns how many. {@code CONVERTED} locks stay: an appointment
     * names its lock.
     */
    int purgeEndedBefore(Instant cutoff);
}
