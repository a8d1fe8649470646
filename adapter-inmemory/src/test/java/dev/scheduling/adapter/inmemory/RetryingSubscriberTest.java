package dev.scheduling.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.event.AppointmentCancelled;
import dev.scheduling.domain.event.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RetryingSubscriberTest {
    private static final List<Duration> DELAYS = List.of(Duration.ofMillis(100), Duration.ofMillis(200));
    private final EventEnvelope event = new EventEnvelope(UUID.randomUUID(), Instant.parse("2026-12-07T10:00:00Z"),
            new AppointmentCancelled(new AppointmentId("a-1"), new ClientId("c-1"), new UnitId("u-1"),
                    new ServiceId("s-1"), LocalDate.parse("2026-12-08"), LocalTime.parse("09:00"),
                    LocalTime.parse("09:30"), 1, 0));

    @Test
    void aSubscriberThatFailsTwiceIsCalledAgainAfterEachDelayAndSucceedsTheThirdTime() {
        List<Long> calls = new CopyOnWriteArrayList<>();
        try (RetryingSubscriber retrying = new RetryingSubscriber(received -> {
            calls.add(System.nanoTime());
            if (calls.size() <= 2) {
                throw new IllegalStateException("the provider is down");
            }
        }, DELAYS)) {
            retrying.accept(event);

            await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 3);
            assertThat(Duration.ofNanos(calls.get(1) - calls.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(Duration.ofNanos(calls.get(2) - calls.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> calls.size() == 3);
        }
    }

    @Test
    void aSubscriberThatAlwaysFailsIsGivenUpAfterTheLastDelay() {
        List<EventEnvelope> calls = new CopyOnWriteArrayList<>();
        try (RetryingSubscriber retrying = new RetryingSubscriber(received -> {
            calls.add(received);
            throw new IllegalStateException("never");
        }, DELAYS)) {
            retrying.accept(event);

            await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 3);
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> calls.size() == 3);
            assertThat(calls).containsOnly(event);
        }
    }
}
