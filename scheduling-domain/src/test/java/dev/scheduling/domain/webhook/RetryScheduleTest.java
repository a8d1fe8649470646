package dev.scheduling.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private final RetrySchedule schedule = RetrySchedule.DEFAULT;

    @Test
    void delaysDoubleFromThirtySecondsWithinTheJitterUpToAnHour() {
        UUID delivery = UUID.randomUUID();
        for (int failures = 1; failures <= 40; failures++) {
            double base = Math.min(30.0 * Math.pow(2, failures - 1), 3600.0);
            double seconds = schedule.delayAfter(failures, delivery).toMillis() / 1000.0;
            assertThat(seconds).as("after failure %d", failures).isBetween(base * 0.8, base * 1.2);
        }
    }

    @Test
    void eachDelayBeforeTheCapIsLongerThanTheOneBefore() {
        for (int i = 0; i < 200; i++) {
            UUID delivery = UUID.randomUUID();
            Duration previous = Duration.ZERO;
            for (int failures = 1; failures <= 7; failures++) {
                Duration delay = schedule.delayAfter(failures, delivery);
                assertThat(delay).isGreaterThan(previous);
                previous = delay;
            }
        }
    }

    @Test
    void theJitterDiffersBetweenDeliveriesButIsTheSameForOneDelivery() {
        Set<Duration> firstDelays = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            firstDelays.add(schedule.delayAfter(1, UUID.randomUUID()));
        }
        UUID delivery = UUID.randomUUID();

        assertThat(firstDelays).hasSizeGreaterThan(40);
        assertThat(schedule.delayAfter(3, delivery)).isEqualTo(schedule.delayAfter(3, delivery));
    }

    @Test
    void aScheduleWhoseJitterCouldReorderDelaysIsRefused() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofHours(1),
                0.4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.delayAfter(0, UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
    }
}
