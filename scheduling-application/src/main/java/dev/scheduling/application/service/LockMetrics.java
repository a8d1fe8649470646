package dev.scheduling.application.service;

import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The lock counters of the contract: attempts, successes, conflicts (slot full) and expiries; and the
 * latency of locking and of availability as timers with histogram buckets, so that percentiles can be
 * computed across instances (Prometheus {@code histogram_quantile}). The counters are tagged with the
 * {@code unit} and {@code service} of the lock.
 */
final class LockMetrics {
    /** The tag value of lock requests that name no known unit or service (refused as not found). */
    static final String UNKNOWN = "unknown";
    private static final String ATTEMPTS = "locks.attempts";
    private static final String SUCCESS = "locks.success";
    private static final String CONFLICTS = "locks.conflicts";
    private static final String EXPIRED = "locks.expired";
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            ATTEMPTS, "Lock requests received, by unit and service",
            SUCCESS, "Locks taken",
            CONFLICTS, "Locks refused because the slot was full",
            EXPIRED, "Locks that ran out before release or booking");

    private final MeterRegistry registry;
    private final Timer lockLatency;
    private final Timer availabilityLatency;

    LockMetrics(MeterRegistry registry) {
        this.registry = registry;
        lockLatency = Timer.builder("locks.latency").description("Time to answer a lock request, refusals included")
                .publishPercentileHistogram().register(registry);
        availabilityLatency = Timer.builder("availability.latency")
                .description("Time to compute the availability of a date or range").publishPercentileHistogram()
                .register(registry);
        // The contract's counters show from the first scrape: the series of requests for no known service.
        for (String name : List.of(ATTEMPTS, SUCCESS, CONFLICTS, EXPIRED)) {
            counter(name, UNKNOWN, UNKNOWN);
        }
    }

    <T> T timeLock(Supplier<T> work) {
        return lockLatency.record(work);
    }

    <T> T timeAvailability(Supplier<T> work) {
        return availabilityLatency.record(work);
    }

    /**
     * Counts a lock request by its unit and service, once they are known to exist, so that the tags are
     * bounded by the catalog; a request for an unknown one counts under {@link #UNKNOWN}.
     */
    void attempted(String unitId, String serviceId) {
        counter(ATTEMPTS, unitId, serviceId).increment();
    }

    void succeeded(UnitId unit, ServiceId service) {
        counter(SUCCESS, unit.value(), service.value()).increment();
    }

    void conflicted(UnitId unit, ServiceId service) {
        counter(CONFLICTS, unit.value(), service.value()).increment();
    }

    void expired(UnitId unit, ServiceId service) {
        counter(EXPIRED, unit.value(), service.value()).increment();
    }

    private Counter counter(String name, String unitId, String serviceId) {
        return Counter.builder(name).description(DESCRIPTIONS.get(name)).tag("unit", unitId).tag("service", serviceId)
                .register(registry);
    }
}
