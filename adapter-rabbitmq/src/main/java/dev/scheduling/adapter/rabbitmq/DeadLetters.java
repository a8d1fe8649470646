package dev.scheduling.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * An operator's view of a dead-letter queue: list what is there, replay messages (back to the exchange
 * under their event type, with the attempt count reset) or drop them. Messages are taken one at a time
 * without acknowledgement and put back unless replayed or dropped.
 */
public final class DeadLetters {
    private final RabbitMqConnection connection;
    private final String queue;

    /** A dead-lettered message: its event id and type, how many deliveries it had, and the last error. */
    public record DeadLetter(String messageId, String type, int attempts, String lastError, String body) {
    }

    public DeadLetters(RabbitMqConnection connection, String consumerQueue) {
        this.connection = connection;
        this.queue = EventTopology.deadLetterQueue(consumerQueue);
    }

    public List<DeadLetter> list() throws IOException, TimeoutException {
        List<DeadLetter> letters = new ArrayList<>();
        visit(message -> {
            letters.add(message);
            return Action.KEEP;
        });
        return letters;
    }

    /** Publishes the matching messages (all when {@code messageId} is empty) to the exchange again. */
    public int replay(Optional<String> messageId) throws IOException, TimeoutException {
        return visit(message -> messageId.map(message.messageId()::equals).orElse(true) ? Action.REPLAY : Action.KEEP);
    }

    /** Removes the matching messages (all when {@code messageId} is empty) for good. */
    public int drop(Optional<String> messageId) throws IOException, TimeoutException {
        return visit(message -> messageId.map(message.messageId()::equals).orElse(true) ? Action.DROP : Action.KEEP);
    }

    private enum Action { KEEP, REPLAY, DROP }

    private interface Visitor {
        Action decide(DeadLetter message);
    }

    /** Takes every message once (those put back are not seen again), applies the decision; returns how many changed. */
    private int visit(Visitor visitor) throws IOException, TimeoutException {
        try (Channel channel = connection.openChannel()) {
            channel.confirmSelect();
            long count = channel.messageCount(queue);
            List<Long> keep = new ArrayList<>();
            int changed = 0;
            for (long i = 0; i < count; i++) {
                GetResponse response = channel.basicGet(queue, false);
                if (response == null) {
                    break;
                }
                AMQP.BasicProperties properties = response.getProps();
                DeadLetter letter = new DeadLetter(properties.getMessageId(), properties.getType(),
                        RabbitMqEventConsumer.attemptOf(properties), header(properties, RabbitMqEventConsumer.ERROR_HEADER),
                        new String(response.getBody(), StandardCharsets.UTF_8));
                long tag = response.getEnvelope().getDeliveryTag();
                switch (visitor.decide(letter)) {
                    case KEEP -> keep.add(tag);
                    case DROP -> {
                        channel.basicAck(tag, false);
                        changed++;
                    }
                    case REPLAY -> {
                        Map<String, Object> headers = new HashMap<>(properties.getHeaders() == null ? Map.of()
                                : properties.getHeaders());
                        headers.remove(RabbitMqEventConsumer.ATTEMPT_HEADER);
                        headers.remove(RabbitMqEventConsumer.ERROR_HEADER);
                        channel.basicPublish(EventTopology.EXCHANGE, properties.getType() == null ? "" : properties.getType(),
                                true, properties.builder().headers(headers).build(), response.getBody());
                        channel.waitForConfirmsOrDie(10_000);
                        channel.basicAck(tag, false);
                        changed++;
                    }
                }
            }
            for (long tag : keep) {
                channel.basicNack(tag, false, true);
            }
            return changed;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", interrupted);
        }
    }

    private static String header(AMQP.BasicProperties properties, String name) {
        Object value = properties.getHeaders() == null ? null : properties.getHeaders().get(name);
        return value == null ? null : value.toString();
    }
}
