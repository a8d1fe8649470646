package dev.scheduling.application.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The lock counters of the contract: attempts, successes, conflicts (slot full) and expiries.
 * Registered up front so that a scrape shows them at zero before the first lock.
 */
final class LockMetrics {
    private final Counter attempts;
    private final Counter success;
    private final Counter conflicts;
    private final Counter expired;

    LockMetrics(MeterRegistry registry) {
        attempts = Counter.builder("locks.attempts").description("Lock requests received").register(registry);
        success = Counter.builder("locks.success").description("Locks taken").register(registry);
        conflicts = Counter.builder("locks.conflicts").description("Locks refused because the slot was full")
                .register(registry);
        expired = Counter.builder("locks.expired").description("Locks that ran out before release or booking")
                .register(registry);
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
