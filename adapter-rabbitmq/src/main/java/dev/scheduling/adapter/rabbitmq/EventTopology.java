package dev.scheduling.adapter.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The topology of EVENTS.md, declared idempotently at start so that a fresh broker works:
 * <ul>
 *   <li>topic exchange {@code scheduling.events}, durable; routing key = event type;</li>
 *   <li>for each consumer queue (such as {@code notifications.events}): the queue itself, a quorum queue
 *       whose rejected messages are dead-lettered at least once to {@code <queue>.dlq}; one retry queue
 *       per delay, {@code <queue>.retry.<millis>ms}, whose messages wait for that fixed TTL and then
 *       dead-letter back to the queue (named by its delay, so a new delay gets a new queue instead of
 *       clashing with the old one's arguments); and the dead-letter queue, where messages stay until an
 *       operator replays or drops them.</li>
 * </ul>
 * Messages reach retry and dead-letter queues through the default exchange, by queue name.
 */
public final class EventTopology {
    public static final String EXCHANGE = "scheduling.events";
    public static final String NOTIFICATIONS_QUEUE = "notifications.events";
    public static final List<String> NOTIFICATION_BINDINGS = List.of("slot.*", "appointment.*");
    /** The webhooks consumer's queue: every event, which it matches against each webhook's filter. */
    public static final String WEBHOOKS_QUEUE = "webhooks.events";
    public static final List<String> WEBHOOK_BINDINGS = List.of("#");
    private static final String DEFAULT_EXCHANGE = "";

    private EventTopology() {
    }

    public static void declareExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true);
    }

    /** Declares a consumer queue with its retry queues and dead-letter queue, bound to the patterns. */
    public static void declareConsumerQueue(Channel channel, String queue, List<String> bindings,
                                            List<Duration> retryDelays) throws IOException {
        declareExchange(channel);
        channel.queueDeclare(deadLetterQueue(queue), true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueDeclare(queue, true, false, false, Map.of(
                "x-queue-type", "quorum",
                "x-dead-letter-exchange", DEFAULT_EXCHANGE,
                "x-dead-letter-routing-key", deadLetterQueue(queue),
                // At-least-once dead-lettering needs the queue to refuse new messages when full.
                "x-dead-letter-strategy", "at-least-once",
                "x-overflow", "reject-publish"));
        for (Duration delay : retryDelays) {
            channel.queueDeclare(retryQueue(queue, delay), true, false, false, Map.of(
                    "x-message-ttl", delay.toMillis(),
                    "x-dead-letter-exchange", DEFAULT_EXCHANGE,
                    "x-dead-letter-routing-key", queue));
        }
        for (String pattern : bindings) {
            channel.queueBind(queue, EXCHANGE, pattern);
        }
    }

    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }

    /** The retry queue where messages wait {@code delay} before their next delivery. */
    public static String retryQueue(String queue, Duration delay) {
        return queue + ".retry." + delay.toMillis() + "ms";
    }
}
