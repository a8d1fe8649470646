package dev.scheduling.bootstrap;

import dev.scheduling.application.port.out.DependencyUnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic jobs of one instance (the lock-expiry sweeper, the outbox relay, housekeeping). A failing
 * run is logged and the job tries again after a growing wait: a job never dies of one bad moment, and a
 * dependency that is down is not hammered.
 */
final class BackgroundJobs implements AutoCloseable {
    /** The longest a failing job waits before it tries again. */
    static final Duration MAX_BACK_OFF = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "scheduling-jobs");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code job} every {@code period}, starting after one period; {@code job} returns what it did.
     * While a dependency is down, the job backs off: each failure doubles the wait before the next try,
     * up to {@link #MAX_BACK_OFF}; it is logged once, and again when the job works again.
     */
    void every(Duration period, String name, IntSupplier job) {
        AtomicInteger failures = new AtomicInteger();
        AtomicLong nextTryAt = new AtomicLong();
        executor.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - nextTryAt.get() < 0) {
                return;
            }
            try {
                int done = job.getAsInt();
                if (failures.getAndSet(0) > 0) {
                    LOG.info("{} works again", name);
                }
                if (done > 0) {
                    LOG.debug("{}: {}", name, done);
                }
            } catch (RuntimeException failure) {
                int failed = failures.incrementAndGet();
                Duration wait = backOff(period, failed);
                nextTryAt.set(System.nanoTime() + wait.toNanos());
                if (failure instanceof DependencyUnavailableException unavailable) {
                    if (failed == 1) {
                        LOG.warn("{} waits: the {} is unavailable; retrying with back-off", name, unavailable.component());
                    }
                } else {
                    LOG.warn("{} failed; it runs again in {}", name, wait, failure);
                }
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The period doubled per consecutive failure, capped. */
    static Duration backOff(Duration period, int failures) {
        Duration wait = period.multipliedBy(1L << Math.min(failures, 20));
        return wait.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : wait;
    }

    /** Lets a run in progress finish, then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
