package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.LockRepository;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.MinuteRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Locks in a concurrent map; status changes are atomic per lock. Locks still {@code LOCKED} are also
 * indexed by expiry, so the sweeper reads only the due ones.
 */
public final class InMemoryLockRepository implements LockRepository {
    private final Map<ReservationToken, SlotLock> locks = new ConcurrentHashMap<>();
    private final NavigableSet<SlotLock> lockedByExpiry = new ConcurrentSkipListSet<>(
            Comparator.comparing(SlotLock::expiresAt).thenComparing(lock -> lock.token().value()));
    private final InMemoryTransactions transactions;

    public InMemoryLockRepository(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void add(SlotLock lock) {
        if (locks.putIfAbsent(lock.token(), lock) != null) {
            throw new IllegalStateException("a lock with this token exists already");
        }
        if (lock.status() == LockStatus.LOCKED) {
            lockedByExpiry.add(lock);
        }
        transactions.onRollback(() -> {
            locks.remove(lock.token());
            lockedByExpiry.remove(lock);
        });
    }

    @Override
    public Optional<SlotLock> findByToken(ReservationToken token) {
        return Optional.ofNullable(locks.get(token));
    }

    @Override
    public boolean update(SlotLock updated, LockStatus expected) {
        SlotLock[] replaced = new SlotLock[1];
        locks.computeIfPresent(updated.token(), (token, stored) -> {
            if (stored.status() != expected) {
                return stored;
            }
            replaced[0] = stored;
            return updated;
        });
        SlotLock previous = replaced[0];
        if (previous == null) {
            return false;
        }
        reindex(previous, updated);
        transactions.onRollback(() -> {
            locks.put(previous.token(), previous);
            reindex(updated, previous);
        });
        return true;
    }

    @Override
    public List<SlotLock> findDue(Instant now, int limit) {
        List<SlotLock> due = new ArrayList<>();
        for (SlotLock indexed : lockedByExpiry) {
            if (due.size() == limit || indexed.expiresAt().isAfter(now)) {
                break;
            }
            SlotLock stored = locks.get(indexed.token());
            if (stored != null && stored.isDueAt(now)) {
                due.add(stored);
            }
        }
        return due;
    }

    @Override
    public List<SlotLock> findDueOverlapping(ServiceId serviceId, MinuteRange range, Instant now) {
        List<SlotLock> due = new ArrayList<>();
        for (SlotLock indexed : lockedByExpiry) {
            if (indexed.expiresAt().isAfter(now)) {
                break;
            }
            if (indexed.serviceId().equals(serviceId) && indexed.slot().minutes().overlaps(range)) {
                SlotLock stored = locks.get(indexed.token());
                if (stored != null && stored.isDueAt(now)) {
                    due.add(stored);
                }
            }
        }
        return due;
    }

    @Override
    public int purgeEndedBefore(Instant cutoff) {
        int[] purged = {0};
        locks.values().removeIf(lock -> {
            boolean ended = (lock.status() == LockStatus.RELEASED || lock.status() == LockStatus.EXPIRED)
                    && lock.expiresAt().isBefore(cutoff);
            if (ended) {
                purged[0]++;
            }
            return ended;
        });
        return purged[0];
    }

    private void reindex(SlotLock before, SlotLock after) {
        if (before.status() == LockStatus.LOCKED) {
            lockedByExpiry.remove(before);
        }
        if (after.status() == LockStatus.LOCKED) {
            lockedByExpiry.add(after);
        }
    }
}
