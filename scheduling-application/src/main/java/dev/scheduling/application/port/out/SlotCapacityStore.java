package dev.scheduling.application.port.out;

import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.Occupancy;
import java.util.Optional;

/**
 * The capacity a service has given out, per minute. Holds and appointments take their quantity at
 * every minute of their slot, so that overlapping slots share capacity exactly. Implementations must
 * keep {@link #take} exact under any concurrency, across every instance that shares the store.
 */
public interface SlotCapacityStore {

    /**
     * Takes {@code quantity} at every minute of the range if no minute would then exceed
     * {@code capacity}; all minutes or none. Returns what is then taken at each minute of the range, as the
     * take left it, or empty when it took nothing.
     */
    Optional<Occupancy> take(ServiceId serviceId, MinuteRange range, int quantity, int capacity);

    /**
     * Gives {@code quantity} back at every minute of the range; usage never goes below zero. Returns what
     * is then taken at each minute of the range, as the give-back left it.
     */
    Occupancy giveBack(ServiceId serviceId, MinuteRange range, int quantity);

    /** What is taken at each minute of the range. */
    Occupancy occupancy(ServiceId serviceId, MinuteRange range);
}
