package dev.scheduling.domain.slot;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How much capacity is taken at each minute of a stretch of time: the sum of the quantities of every
 * active hold and appointment that covers that minute. A slot's usage is its peak minute, the largest
 * number of clients served at any single instant of its range.
 */
public final class Occupancy {
    private static final Occupancy EMPTY = new Occupancy(new TreeMap<>());

    private final NavigableMap<Long, Integer> usedByMinute;

    private Occupancy(NavigableMap<Long, Integer> usedByMinute) {
        this.usedByMinute = usedByMinute;
    }

    public static Occupancy empty() {
        return EMPTY;
    }

    /** From minute → used quantity; minutes that are absent or zero are free. */
    public static Occupancy of(Map<Long, Integer> usedByMinute) {
        TreeMap<Long, Integer> copy = new TreeMap<>();
        usedByMinute.forEach((minute, used) -> {
            if (used < 0) {
                throw new IllegalArgumentException("used capacity cannot be negative at minute " + minute);
            }
            if (used > 0) {
                copy.put(minute, used);
            }
        });
        return new Occupancy(copy);
    }

    /** The largest quantity in use at any minute of the range. */
    public int peak(MinuteRange range) {
        int peak = 0;
        for (int used : usedByMinute.subMap(range.first(), true, range.endExclusive(), false).values()) {
            peak = Math.max(peak, used);
        }
        return peak;
    }

    /** This occupancy without a hold of {@code quantity} over {@code range} (a lock that has run out). */
    public Occupancy without(MinuteRange range, int quantity) {
        TreeMap<Long, Integer> copy = new TreeMap<>(usedByMinute);
        for (long minute = range.first(); minute < range.endExclusive(); minute++) {
            copy.computeIfPresent(minute, (m, used) -> used > quantity ? used - quantity : null);
        }
        return new Occupancy(copy);
    }

    /** The usage of a slot of a service of that capacity. */
    public SlotCapacity capacityOf(Slot slot, int capacityTotal) {
        return new SlotCapacity(capacityTotal, peak(slot.minutes()));
    }
}
