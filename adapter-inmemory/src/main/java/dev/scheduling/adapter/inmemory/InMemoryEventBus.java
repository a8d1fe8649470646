package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.EventPublisher;
import dev.scheduling.domain.event.EventEnvelope;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The event bus of the embedded mode: an event published inside a unit of work is handed to every
 * subscriber whose pattern matches its type once that unit of work commits, on the committing thread.
 * Patterns follow AMQP topic rules: {@code *} matches one word, {@code #} any number of words
 * ({@code slot.*}, {@code #}). A crash loses what was not dispatched yet: the embedded mode promises no
 * durability.
 */
public final class InMemoryEventBus implements EventPublisher {
    private static final System.Logger LOG = System.getLogger(InMemoryEventBus.class.getName());

    private final InMemoryTransactions transactions;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    public InMemoryEventBus(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void publish(EventEnvelope event) {
        Objects.requireNonNull(event, "event");
        transactions.afterCommit(() -> dispatch(event));
    }

    /** Delivers every later event whose type matches {@code typePattern}; returns a handle to stop it. */
    public AutoCloseable subscribe(String typePattern, Consumer<EventEnvelope> subscriber) {
        Subscription subscription = new Subscription(topicPattern(typePattern), subscriber);
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    private void dispatch(EventEnvelope event) {
        for (Subscription subscription : subscriptions) {
            if (subscription.pattern.matcher(event.type()).matches()) {
                try {
                    subscription.subscriber.accept(event);
                } catch (RuntimeException failure) {
                    // One failing subscriber must neither stop the others nor fail the command.
                    LOG.log(System.Logger.Level.ERROR, "subscriber failed on event " + event.eventId(), failure);
                }
            }
        }
    }

    static Pattern topicPattern(String typePattern) {
        if (typePattern == null || typePattern.isBlank()) {
            throw new IllegalArgumentException("a subscription needs a type pattern");
        }
        if (typePattern.equals("#")) {
            return Pattern.compile(".*");
        }
        StringBuilder regex = new StringBuilder();
        String[] words = typePattern.split("\\.", -1);
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.equals("#")) {
                // zero or more words, with their dots: a leading '#' carries the dot after each word
                regex.append(i == 0 ? "(?:[^.]+\\.)*" : "(?:\\.[^.]+)*");
                continue;
            }
            boolean afterLeadingHash = i == 1 && words[0].equals("#");
            if (i > 0 && !afterLeadingHash) {
                regex.append("\\.");
            }
            regex.append(word.equals("*") ? "[^.]+" : Pattern.quote(word));
        }
        return Pattern.compile(regex.toString());
    }

    private record Subscription(Pattern pattern, Consumer<EventEnvelope> subscriber) {
    }
}
