package dev.scheduling.application.port.out;

import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.Occupancy;

/**
 * The capacity a service has given out, per minute. Holds and appointments take their quantity at
 * every minute of their slot, so that overlapping slots share capacity exactly. Implementations must
 * keep {@link #tryTake} exact under any concurrency, across every instance that shares the store.
 */
public interface SlotCapacityStore {

    /**
     * Takes {@code quantity} at every minute of the range if no minute would then exceed
     * {@code capacity}; all minutes or none. Returns whether it took them.
     */
    boolean tryTake(ServiceId serviceId, MinuteRange range, int quantity, int capacity);

    /** Gives {@code quantity} back at every minute of the range; usage never goes below zero. */
    void giveBack(ServiceId serviceId, MinuteRange range, int quantity);

    /** What is taken at each minute of the range. */
    Occupancy occupancy(ServiceId serviceId, MinuteRange range);
}
