package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.Inbox;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The inbox in memory: a bounded set of handled events, oldest forgotten first beyond {@link #CAPACITY}
 * (a redelivery comes within minutes, not after a hundred thousand later events). A record joins the
 * unit of work: it is pending until the work commits, removed if it rolls back, and a second record of a
 * pending event waits for that outcome, as a unique key does in a database.
 */
public final class InMemoryInbox implements Inbox {
    public static final int CAPACITY = 100_000;

    private final InMemoryTransactions transactions;
    private final int capacity;
    /** Guarded by {@code this}; insertion order, so that the eldest is forgotten first. */
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    public InMemoryInbox(InMemoryTransactions transactions) {
        this(transactions, CAPACITY);
    }

    InMemoryInbox(InMemoryTransactions transactions, int capacity) {
        this.transactions = transactions;
        this.capacity = capacity;
    }

    @Override
    public boolean record(String consumer, UUID eventId, Instant handledAt) {
        Key key = new Key(consumer, eventId);
        Entry mine = new Entry(handledAt);
        synchronized (this) {
            Entry existing;
            // A unit of work that records the same event twice finds its own record, as one transaction
            // finds its own row: only another unit of work's pending record is waited for.
            while ((existing = entries.get(key)) != null && existing.pending
                    && existing.owner != Thread.currentThread()) {
                try {
                    wait();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while another delivery of " + eventId + " ran");
                }
            }
            if (existing != null) {
                return false;
            }
            entries.put(key, mine);
            forgetEldestBeyondCapacity();
        }
        transactions.onRollback(() -> settle(key, mine, false));
        transactions.afterCommit(() -> settle(key, mine, true));
        return true;
    }

    private synchronized void settle(Key key, Entry entry, boolean committed) {
        if (committed) {
            entry.pending = false;
        } else {
            entries.remove(key, entry);
        }
        notifyAll();
    }

    private void forgetEldestBeyondCapacity() {
        Iterator<Entry> eldestFirst = entries.values().iterator();
        while (entries.size() > capacity && eldestFirst.hasNext()) {
            if (!eldestFirst.next().pending) {
                eldestFirst.remove();
            }
        }
    }

    @Override
    public synchronized int purgeHandledBefore(Instant cutoff) {
        int before = entries.size();
        entries.values().removeIf(entry -> !entry.pending && entry.handledAt.isBefore(cutoff));
        return before - entries.size();
    }

    private record Key(String consumer, UUID eventId) {
    }

    private static final class Entry {
        private final Instant handledAt;
        /** The thread whose unit of work made the record (units of work are bound to their thread). */
        private final Thread owner = Thread.currentThread();
        private boolean pending = true;

        Entry(Instant handledAt) {
            this.handledAt = handledAt;
        }
    }
}
