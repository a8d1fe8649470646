package dev.scheduling.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.Inbox;
import dev.scheduling.application.port.out.UnitOfWork;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Inbox}: an event is recorded once per consumer; a record made in a unit of work
 * that rolls back is forgotten; deliveries of one event racing on many threads have one effect between
 * them, and a second delivery waits for the first one's outcome. Event ids are random, so the store may
 * hold other tests' records.
 */
public abstract class InboxContract {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    private static final String CONSUMER = "notifications";
    /** Long enough for a waiting record to have returned if it were not waiting. */
    private static final Duration SETTLE = Duration.ofMillis(300);

    /** Fresh ports of the adapter under test, over a store that may hold other tests' data. */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private Inbox inbox;
    private UnitOfWork unitOfWork;

    @BeforeEach
    void createPorts() {
        SchedulingPorts ports = newPorts(new MutableClock(NOW));
        inbox = ports.inbox();
        unitOfWork = ports.unitOfWork();
    }

    @Test
    void theFirstRecordOfAnEventIsNewAndEveryLaterOneIsNot() {
        UUID eventId = UUID.randomUUID();

        assertThat(inbox.record(CONSUMER, eventId, NOW)).isTrue();
        assertThat(inbox.record(CONSUMER, eventId, NOW.plusSeconds(1))).isFalse();
        assertThat(inbox.record(CONSUMER, eventId, NOW.plusSeconds(2))).isFalse();
    }

    @Test
    void eachConsumerHasItsOwnRecords() {
        UUID eventId = UUID.randomUUID();

        assertThat(inbox.record(CONSUMER, eventId, NOW)).isTrue();
        assertThat(inbox.record("webhooks", eventId, NOW)).isTrue();
        assertThat(inbox.record(CONSUMER, UUID.randomUUID(), NOW)).isTrue();
    }

    @Test
    void aRecordCommitsWithItsUnitOfWork() {
        UUID eventId = UUID.randomUUID();

        boolean recorded = unitOfWork.execute(() -> inbox.record(CONSUMER, eventId, NOW));

        assertThat(recorded).isTrue();
        assertThat(inbox.record(CONSUMER, eventId, NOW)).isFalse();
    }

    @Test
    void aUnitOfWorkThatRecordsAnEventTwiceFindsItsOwnRecord() {
        UUID eventId = UUID.randomUUID();

        List<Boolean> recorded = unitOfWork.execute(() -> List.of(inbox.record(CONSUMER, eventId, NOW),
                inbox.record(CONSUMER, eventId, NOW)));

        assertThat(recorded).containsExactly(true, false);
    }

    @Test
    void aRecordIsForgottenWhenItsUnitOfWorkRollsBack() {
        UUID eventId = UUID.randomUUID();

        assertThatThrownBy(() -> unitOfWork.execute(() -> {
            assertThat(inbox.record(CONSUMER, eventId, NOW)).isTrue();
            throw new IllegalStateException("the effect failed");
        })).hasMessage("the effect failed");

        assertThat(inbox.record(CONSUMER, eventId, NOW)).isTrue();
    }

    @Test
    void deliveriesOfOneEventRacingOnManyThreadsHaveOneEffect() {
        UUID eventId = UUID.randomUUID();
        AtomicInteger effects = new AtomicInteger();

        List<Race.Outcome<Boolean>> outcomes = Race.run(16, i -> unitOfWork.execute(() -> {
            boolean first = inbox.record(CONSUMER, eventId, NOW);
            if (first) {
                effects.incrementAndGet();
            }
            return first;
        }));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(Race.count(outcomes, Race.Outcome::value)).isEqualTo(1);
        assertThat(effects).hasValue(1);
    }

    @Test
    void aSecondDeliveryWaitsForTheFirstAndIsSkippedWhenItCommits() throws Exception {
        UUID eventId = UUID.randomUUID();
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> unitOfWork.execute(() -> {
            boolean isNew = inbox.record(CONSUMER, eventId, NOW);
            recorded.countDown();
            await(finish);
            return isNew;
        }));
        assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(
                () -> unitOfWork.execute(() -> inbox.record(CONSUMER, eventId, NOW)));
        Thread.sleep(SETTLE.toMillis());
        assertThat(second).as("the second delivery waits while the first runs").isNotDone();

        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aSecondDeliveryWaitingForTheFirstTakesOverWhenItRollsBack() throws Exception {
        UUID eventId = UUID.randomUUID();
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> unitOfWork.execute(() -> {
            inbox.record(CONSUMER, eventId, NOW);
            recorded.countDown();
            await(finish);
            throw new IllegalStateException("the notifier failed");
        }));
        assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(
                () -> unitOfWork.execute(() -> inbox.record(CONSUMER, eventId, NOW)));
        Thread.sleep(SETTLE.toMillis());
        assertThat(second).isNotDone();

        finish.countDown();
        assertThat(first).failsWithin(Duration.ofSeconds(10));
        assertThat(second.get(10, TimeUnit.SECONDS)).as("the retry is the one that takes effect").isTrue();
    }

    @Test
    void purgingForgetsOnlyRecordsOlderThanTheCutoff() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        inbox.record(CONSUMER, old, NOW.minus(Duration.ofDays(8)));
        inbox.record(CONSUMER, recent, NOW.minus(Duration.ofDays(6)));

        int purged = inbox.purgeHandledBefore(NOW.minus(Duration.ofDays(7)));

        assertThat(purged).isPositive();
        assertThat(inbox.record(CONSUMER, old, NOW)).as("a purged record is new again").isTrue();
        assertThat(inbox.record(CONSUMER, recent, NOW)).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never told to finish");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
