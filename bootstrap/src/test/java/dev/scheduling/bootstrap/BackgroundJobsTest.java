package dev.scheduling.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduling.application.port.out.DependencyUnavailableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A failing job backs off instead of hammering a dependency that is down, and recovers by itself. */
class BackgroundJobsTest {

    @Test
    void theWaitDoublesPerFailureUpToTheCap() {
        Duration period = Duration.ofMillis(100);
        assertThat(BackgroundJobs.backOff(period, 1)).isEqualTo(Duration.ofMillis(200));
        assertThat(BackgroundJobs.backOff(period, 3)).isEqualTo(Duration.ofMillis(800));
        assertThat(BackgroundJobs.backOff(period, 30)).isEqualTo(BackgroundJobs.MAX_BACK_OFF);
    }

    @Test
    void aJobWhoseDependencyIsDownRunsFarLessOftenAndResumesWhenItReturns() {
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger successes = new AtomicInteger();
        try (BackgroundJobs jobs = new BackgroundJobs()) {
            jobs.every(Duration.ofMillis(10), "test job", () -> {
                runs.incrementAndGet();
                if (down.get()) {
                    throw new DependencyUnavailableException("database", new IllegalStateException("down"));
                }
                return successes.incrementAndGet();
            });

            await().pollDelay(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3)).until(() -> true);
            // Without back-off, 10 ms ticks would have run about 150 times in 1.5 s.
            assertThat(runs.get()).isBetween(2, 12);

            down.set(false);
            await().atMost(Duration.ofSeconds(8)).until(() -> successes.get() >= 3);
        }
    }
}
