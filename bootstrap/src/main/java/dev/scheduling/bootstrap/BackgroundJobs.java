package dev.scheduling.bootstrap;

import dev.scheduling.application.port.out.DependencyUnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic jobs of one instance (the lock-expiry sweeper, idempotency housekeeping). A failing run is
 * logged and the next run comes as planned: a job never dies of one bad moment.
 */
final class BackgroundJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "scheduling-jobs");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Runs {@code job} every {@code period}, starting after one period; {@code job} returns what it did.
     * While it keeps failing because a dependency is down, that is logged once, and again when it recovers.
     */
    void every(Duration period, String name, IntSupplier job) {
        AtomicBoolean failing = new AtomicBoolean();
        executor.scheduleWithFixedDelay(() -> {
            try {
                int done = job.getAsInt();
                if (failing.getAndSet(false)) {
                    LOG.info("{} works again", name);
                }
                if (done > 0) {
                    LOG.debug("{}: {}", name, done);
                }
            } catch (DependencyUnavailableException unavailable) {
                if (!failing.getAndSet(true)) {
                    LOG.warn("{} waits: the {} is unavailable; retrying every {}", name, unavailable.component(), period);
                }
            } catch (RuntimeException failure) {
                failing.set(true);
                LOG.warn("{} failed; it runs again in {}", name, period, failure);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
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
