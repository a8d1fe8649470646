package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.SlotCapacityStore;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.Occupancy;
import dev.scheduling.domain.slot.SlotCapacity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Capacity per service and minute. A change locks only the minutes it touches, always in ascending
 * order (so two changes can never wait for each other in a cycle), checks every minute, then applies
 * to all or none. Two slots that share no minute never wait for each other; see ADR 0002.
 *
 * <p>A minute that nobody holds has no entry, as it has no row on PostgreSQL: the change that leaves it
 * at nothing removes it, under its lock, so that an availability reads only the minutes in use. A
 * change that was waiting for that lock finds the entry removed and takes the minute's new one.
 */
public final class InMemorySlotCapacityStore implements SlotCapacityStore {
    private final Map<ServiceId, ConcurrentSkipListMap<Long, Minute>> minutesByService = new ConcurrentHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemorySlotCapacityStore(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Occupancy> take(ServiceId serviceId, MinuteRange range, int quantity, int capacity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        List<Minute> minutes = lockAll(serviceId, range);
        int[] after;
        try {
            for (Minute minute : minutes) {
                if (!new SlotCapacity(capacity, minute.used).canTake(quantity)) {
                    return Optional.empty();
                }
            }
            minutes.forEach(minute -> minute.used += quantity);
            after = usedOf(minutes);
        } finally {
            unlockAll(serviceId, minutes);
        }
        transactions.onRollback(() -> giveBack(serviceId, range, quantity));
        return Optional.of(occupancyOf(range, after));
    }

    @Override
    public Occupancy giveBack(ServiceId serviceId, MinuteRange range, int quantity) {
        List<Minute> minutes = lockAll(serviceId, range);
        int[] after;
        try {
            for (Minute minute : minutes) {
                if (minute.used < quantity) {
                    throw new IllegalStateException("giving back " + quantity + " at minute " + minute.epochMinute
                            + " of service " + serviceId + " would leave less than nothing taken");
                }
            }
            minutes.forEach(minute -> minute.used -= quantity);
            after = usedOf(minutes);
        } finally {
            unlockAll(serviceId, minutes);
        }
        transactions.onRollback(() -> retake(serviceId, range, quantity));
        return occupancyOf(range, after);
    }

    @Override
    public Occupancy occupancy(ServiceId serviceId, MinuteRange range) {
        ConcurrentSkipListMap<Long, Minute> minutes = minutesByService.get(serviceId);
        if (minutes == null) {
            return Occupancy.empty();
        }
        Map<Long, Integer> used = new HashMap<>();
        minutes.subMap(range.first(), true, range.endExclusive(), false)
                .forEach((epochMinute, minute) -> used.put(epochMinute, minute.used));
        return Occupancy.of(used);
    }

    /** What the locked minutes hold, read under their locks; the occupancy is made after they are let go. */
    private static int[] usedOf(List<Minute> locked) {
        int[] used = new int[locked.size()];
        for (int i = 0; i < used.length; i++) {
            used[i] = locked.get(i).used;
        }
        return used;
    }

    /** The occupancy of a range from what each of its minutes holds, in order (after the locks are let go). */
    private static Occupancy occupancyOf(MinuteRange range, int[] used) {
        Map<Long, Integer> byMinute = new HashMap<>();
        for (int i = 0; i < used.length; i++) {
            byMinute.put(range.first() + i, used[i]);
        }
        return Occupancy.of(byMinute);
    }

    /** Undoes a give-back: the capacity was held before, so no limit applies. */
    private void retake(ServiceId serviceId, MinuteRange range, int quantity) {
        List<Minute> minutes = lockAll(serviceId, range);
        try {
            minutes.forEach(minute -> minute.used += quantity);
        } finally {
            unlockAll(serviceId, minutes);
        }
    }

    private List<Minute> lockAll(ServiceId serviceId, MinuteRange range) {
        ConcurrentSkipListMap<Long, Minute> minutes =
                minutesByService.computeIfAbsent(serviceId, id -> new ConcurrentSkipListMap<>());
        List<Minute> locked = new ArrayList<>((int) range.length());
        for (long epochMinute = range.first(); epochMinute < range.endExclusive(); epochMinute++) {
            locked.add(lock(minutes, epochMinute));
        }
        return locked;
    }

    /** The entry of a minute, made if absent, locked; one removed while this waited for it is not used. */
    private static Minute lock(ConcurrentSkipListMap<Long, Minute> minutes, long epochMinute) {
        while (true) {
            Minute minute = minutes.computeIfAbsent(epochMinute, Minute::new);
            minute.lock.lock();
            if (!minute.removed) {
                return minute;
            }
            minute.lock.unlock();
        }
    }

    /** Unlocks in the reverse order; a minute left at nothing is removed first. */
    private void unlockAll(ServiceId serviceId, List<Minute> locked) {
        ConcurrentSkipListMap<Long, Minute> minutes = minutesByService.get(serviceId);
        for (int i = locked.size() - 1; i >= 0; i--) {
            Minute minute = locked.get(i);
            if (minute.used == 0) {
                minute.removed = true;
                minutes.remove(minute.epochMinute, minute);
            }
            minute.lock.unlock();
        }
    }

    /**
     * The capacity taken at one minute of one service; {@code used} and {@code removed} are changed only
     * under {@code lock} ({@code used} is also read without it, by occupancy).
     */
    private static final class Minute {
        private final long epochMinute;
        private final ReentrantLock lock = new ReentrantLock();
        private volatile int used;
        private boolean removed;

        Minute(long epochMinute) {
            this.epochMinute = epochMinute;
        }
    }
}
