package dev.scheduling.adapter.inmemory;

import dev.scheduling.domain.event.EventEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A subscriber of the in-process bus that retries: when the wrapped subscriber fails, the event is
 * handed to it again after each delay in turn, on a thread of its own, and given up (logged as an
 * error) after the last one. The in-process counterpart of the broker's retry queues, for the embedded
 * mode; like the rest of that mode it keeps nothing across a restart.
 */
public final class RetryingSubscriber implements Consumer<EventEnvelope>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RetryingSubscriber.class.getName());

    private final Consumer<EventEnvelope> subscriber;
    private final List<Duration> delays;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "in-process-retries");
        thread.setDaemon(true);
        return thread;
    });

    public RetryingSubscriber(Consumer<EventEnvelope> subscriber, List<Duration> delays) {
        this.subscriber = subscriber;
        this.delays = List.copyOf(delays);
    }

    @Override
    public void accept(EventEnvelope event) {
        attempt(event, 1);
    }

    private void attempt(EventEnvelope event, int attempt) {
        try {
            subscriber.accept(event);
        } catch (RuntimeException failure) {
            if (attempt > delays.size()) {
                LOG.log(System.Logger.Level.ERROR, "event " + event.eventId() + " failed on its last attempt ("
                        + attempt + "); given up", failure);
                return;
            }
            Duration delay = delays.get(attempt - 1);
            LOG.log(System.Logger.Level.WARNING, "event {0} failed on attempt {1} of {2}; retrying in {3}: {4}",
                    event.eventId(), attempt, delays.size() + 1, delay, failure.toString());
            retries.schedule(() -> attempt(event, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Drops the retries still waiting. */
    @Override
    public void close() {
        retries.shutdownNow();
    }
}
