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
import java.util.concurrent.atomic.AtomicBoolean;

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

    /**
     * Publishes the matching messages (all when {@code messageId} is empty) to the exchange again; one that
     * no queue would take (no type, or no queue bound to it) stays here and is not counted.
     */
    public int replay(Optional<String> messageId) throws IOException, TimeoutException {
        return visit(message -> matches(messageId, message) ? Action.REPLAY : Action.KEEP);
    }

    /** Removes the matching messages (all when {@code messageId} is empty) for good. */
    public int drop(Optional<String> messageId) throws IOException, TimeoutException {
        return visit(message -> matches(messageId, message) ? Action.DROP : Action.KEEP);
    }

    /** All when no id is given; a message without an id (malformed ones may have none) matches only then. */
    private static boolean matches(Optional<String> messageId, DeadLetter message) {
        return messageId.map(id -> id.equals(message.messageId())).orElse(true);
    }

    private enum Action { KEEP, REPLAY, DROP }

    private interface Visitor {
        Action decide(DeadLetter message);
    }

    /** Takes every message once (those put back are not seen again), applies the decision; returns how many changed. */
    private int visit(Visitor visitor) throws IOException, TimeoutException {
        try (Channel channel = connection.openChannel()) {
            channel.confirmSelect();
            // A replayed message that no queue takes comes back (mandatory) before its confirm: it stays here.
            AtomicBoolean returned = new AtomicBoolean();
            channel.addReturnListener(message -> returned.set(true));
            List<Long> keep = new ArrayList<>();
            int changed = 0;
            // As many as there were at the first take, counted by basic.get-ok itself: a replayed message that
            // comes straight back is not taken again. (Not queue.declare's count: a quorum queue reports it
            // late, right after an earlier visit put its messages back, and they would be missed.)
            long toTake = -1;
            for (long taken = 0; toTake < 0 || taken < toTake; taken++) {
                GetResponse response = channel.basicGet(queue, false);
                if (response == null) {
                    break;
                }
                if (toTake < 0) {
                    toTake = response.getMessageCount() + 1L;
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
                        returned.set(false);
                        channel.basicPublish(EventTopology.EXCHANGE, properties.getType() == null ? "" : properties.getType(),
                                true, properties.builder().headers(headers).build(), response.getBody());
                        channel.waitForConfirmsOrDie(10_000);
                        if (returned.get()) {
                            keep.add(tag);
                        } else {
                            channel.basicAck(tag, false);
                            changed++;
                        }
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
