package dev.scheduling.application.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * The lock counters of the contract: attempts, successes, conflicts (slot full) and expiries; and the
 * latency of locking and of availability as timers with histogram buckets, so that percentiles can be
 * computed across instances (Prometheus {@code histogram_quantile}). Registered up front so that a
 * scrape shows them before the first request.
 */
final class LockMetrics {
    private final Counter attempts;
    private final Counter success;
    private final Counter conflicts;
    private final Counter expired;
    private final Timer lockLatency;
    private final Timer availabilityLatency;

    LockMetrics(MeterRegistry registry) {
        attempts = Counter.builder("locks.attempts").description("Lock requests received").register(registry);
        success = Counter.builder("locks.success").description("Locks taken").register(registry);
        conflicts = Counter.builder("locks.conflicts").description("Locks refused because the slot was full")
                .register(registry);
        expired = Counter.builder("locks.expired").description("Locks that ran out before release or booking")
                .register(registry);
        lockLatency = Timer.builder("locks.latency").description("Time to answer a lock request, refusals included")
                .publishPercentileHistogram().register(registry);
        availabilityLatency = Timer.builder("availability.latency")
                .description("Time to compute the availability of a date or range").publishPercentileHistogram()
                .register(registry);
    }

    <T> T timeLock(Supplier<T> work) {
        return lockLatency.record(work);
    }

    <T> T timeAvailability(Supplier<T> work) {
        return availabilityLatency.record(work);
    }

    void attempted() {
        attempts.increment();
    }

    void succeeded() {
        success.increment();
    }

    void conflicted() {
        conflicts.increment();
    }

    void expired() {
        expired.increment();
    }
}
