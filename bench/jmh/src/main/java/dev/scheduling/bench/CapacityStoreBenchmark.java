package dev.scheduling.bench;

import dev.scheduling.adapter.inmemory.InMemorySlotCapacityStore;
import dev.scheduling.adapter.inmemory.InMemoryTransactions;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.slot.MinuteRange;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The in-memory capacity store under contention: each operation takes a 30-minute slot and gives it
 * back (what a lock and its release do to the store), from 4 threads on the machine's cores. {@code hot}
 * puts every thread on the same slot (the minutes' locks are contended); {@code spread} picks one of
 * 2,000 slots at random (they seldom meet). The capacity is never reached, so every take succeeds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(4)
public class CapacityStoreBenchmark {
    private static final ServiceId SERVICE = new ServiceId("bench-service");
    private static final int SLOTS = 2_000;
    private static final long FIRST_MINUTE = 30_000_000L;

    @Param({"hot", "spread"})
    public String contention;

    private InMemorySlotCapacityStore store;
    private MinuteRange[] slots;

    @Setup
    public void setUp() {
        store = new InMemorySlotCapacityStore(new InMemoryTransactions());
        slots = new MinuteRange[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new MinuteRange(FIRST_MINUTE + 30L * i, FIRST_MINUTE + 30L * i + 30);
        }
    }

    @Benchmark
    public boolean takeAndGiveBack() {
        MinuteRange slot = contention.equals("hot") ? slots[0] : slots[ThreadLocalRandom.current().nextInt(SLOTS)];
        boolean taken = store.take(SERVICE, slot, 1, 10_000).isPresent();
        if (taken) {
            store.giveBack(SERVICE, slot, 1);
        }
        return taken;
    }
}
