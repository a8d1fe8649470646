package dev.scheduling.bootstrap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.scheduling.adapter.rabbitmq.EventTopology;
import dev.scheduling.adapter.rabbitmq.RabbitMqSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The real broker seen from a service-level test: the URL the service under test gets (straight, or
 * through a proxy), and a connection of the test's own (no automatic recovery, never through a proxy)
 * to watch the exchange, publish raw messages and look into the shared notifications queues.
 *
 * <p>The broker is the project machine's ({@code amqp://guest:guest@127.0.0.1:5672/%2f});
 * {@code SCHEDULING_TEST_AMQP_URL} points elsewhere. The exchange {@code scheduling.events} is shared by
 * every service a test starts (and by earlier runs): a test watches it through a {@link Tap} of its own
 * (an exclusive, auto-delete queue) and only ever looks at the messages whose ids it knows. Consumer
 * queues are each test's own ({@code test.…}, deleted at its end): a queue left bound to the exchange
 * would collect every later run's events.
 */
public final class TestBroker implements AutoCloseable {
    public static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2f";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;

    private TestBroker(Connection connection) {
        this.connection = connection;
    }

    public static TestBroker connect() {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(url());
            factory.setAutomaticRecoveryEnabled(false);
            factory.setConnectionTimeout(5_000);
            return new TestBroker(factory.newConnection("bootstrap-tests"));
        } catch (Exception unreachable) {
            throw new IllegalStateException("These tests need RabbitMQ at " + url().getHost() + ":" + url().getPort()
                    + " (" + unreachable.getMessage() + "). Start it, or point SCHEDULING_TEST_AMQP_URL at another"
                    + " broker.", unreachable);
        }
    }

    /** The test broker's URL, credentials included. */
    public static URI url() {
        String value = System.getenv("SCHEDULING_TEST_AMQP_URL");
        return URI.create(value == null || value.isBlank() ? DEFAULT_URL : value);
    }

    public static String host() {
        return url().getHost();
    }

    public static int port() {
        return url().getPort() < 0 ? 5672 : url().getPort();
    }

    /** The test broker's URL with another host and port (a proxy's): same credentials and virtual host. */
    public static URI urlVia(String host, int port) {
        URI url = url();
        return URI.create(url.getScheme() + "://" + (url.getRawUserInfo() == null ? "" : url.getRawUserInfo() + "@")
                + host + ":" + port + (url.getRawPath() == null ? "" : url.getRawPath()));
    }

    /**
     * Declares a notifications queue named {@code queue} as the service does (with the default retry
     * delays), before any service does; idempotent. Delete it with {@link #deleteConsumerQueue(String)}.
     */
    public void declareNotificationsTopology(String queue) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            EventTopology.declareConsumerQueue(channel, queue, EventTopology.NOTIFICATION_BINDINGS,
                    RabbitMqSettings.DEFAULT_RETRY_DELAYS);
        }
    }

    /** A channel on the test's own connection; an error closes it, so open one per step that may fail. */
    public Channel channelForTest() throws IOException {
        return connection.createChannel();
    }

    /** A queue of the test's own bound to the exchange with these patterns, receiving from now on. */
    public Tap tap(String... patterns) throws IOException {
        Channel channel = connection.createChannel();
        EventTopology.declareExchange(channel);
        String queue = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
        for (String pattern : patterns) {
            channel.queueBind(queue, EventTopology.EXCHANGE, pattern);
        }
        Tap tap = new Tap(channel, queue);
        channel.basicConsume(queue, true, (tag, delivery) -> tap.messages.add(new Message(
                delivery.getEnvelope().getRoutingKey(), delivery.getProperties(), delivery.getBody(), Instant.now())),
                tag -> { });
        return tap;
    }

    /** Publishes one message as it is to the exchange, with publisher confirms. */
    public void publish(String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException, TimeoutException, InterruptedException {
        publish(EventTopology.EXCHANGE, routingKey, properties, body);
    }

    /** Publishes one message as it is straight into a queue (through the default exchange), with confirms. */
    public void publishToQueue(String queue, AMQP.BasicProperties properties, byte[] body)
            throws IOException, TimeoutException, InterruptedException {
        publish("", queue, properties, body);
    }

    private void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException, TimeoutException, InterruptedException {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(exchange, routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    /**
     * The ready messages of a queue, in order, left where they were: each is taken without acknowledgement
     * and every one is put back at the end. Empty when the queue does not exist.
     */
    public List<Message> peek(String queue) throws IOException, TimeoutException {
        return visit(queue, message -> false);
    }

    /** Removes the messages of a queue that have one of these ids for good; returns them. */
    public List<Message> remove(String queue, Collection<String> messageIds) throws IOException, TimeoutException {
        Set<String> ids = Set.copyOf(messageIds);
        List<Message> removed = new ArrayList<>();
        for (Message message : visit(queue, message -> ids.contains(message.messageId()))) {
            if (ids.contains(message.messageId())) {
                removed.add(message);
            }
        }
        return removed;
    }

    /** Empties a queue if it exists. */
    public void purge(String queue) throws IOException, TimeoutException {
        if (exists(queue)) {
            try (Channel channel = connection.createChannel()) {
                channel.queuePurge(queue);
            }
        }
    }

    /**
     * Deletes a consumer queue of a test's own with its dead-letter queue and the retry queues of the
     * default delays, so that nothing stays bound to the exchange collecting the next runs' events.
     */
    public void deleteConsumerQueue(String queue) {
        deleteConsumerQueue(queue, List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5)));
    }

    /** The same, for a consumer configured with these retry delays. */
    public void deleteConsumerQueue(String queue, List<Duration> retryDelays) {
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
            channel.queueDelete(EventTopology.deadLetterQueue(queue));
            for (Duration delay : retryDelays) {
                channel.queueDelete(EventTopology.retryQueue(queue, delay));
            }
        } catch (IOException | TimeoutException failure) {
            throw new IllegalStateException("could not delete the queues of " + queue, failure);
        }
    }

    public boolean exists(String queue) throws TimeoutException {
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclarePassive(queue);
            return true;
        } catch (IOException notFound) {
            return false;
        }
    }

    /** Takes every ready message once; acknowledges those {@code remove} accepts, puts the others back. */
    private List<Message> visit(String queue, Function<Message, Boolean> remove) throws IOException, TimeoutException {
        if (!exists(queue)) {
            return List.of();
        }
        List<Message> seen = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            List<Long> keep = new ArrayList<>();
            GetResponse response;
            while ((response = channel.basicGet(queue, false)) != null) {
                Message message = new Message(response.getEnvelope().getRoutingKey(), response.getProps(),
                        response.getBody(), Instant.now());
                seen.add(message);
                long tag = response.getEnvelope().getDeliveryTag();
                if (remove.apply(message)) {
                    channel.basicAck(tag, false);
                } else {
                    keep.add(tag);
                }
            }
            for (long tag : keep) {
                channel.basicNack(tag, false, true);
            }
        }
        return seen;
    }

    @Override
    public void close() {
        try {
            connection.close(5_000);
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
    }

    /** A message as a consumer of the contract receives it. */
    public record Message(String routingKey, AMQP.BasicProperties properties, byte[] body, Instant receivedAt) {

        public String messageId() {
            return properties.getMessageId();
        }

        public String type() {
            return properties.getType();
        }

        public Object header(String name) {
            return properties.getHeaders() == null ? null : properties.getHeaders().get(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON; fails the test when it is not. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON: " + text(), notJson);
            }
        }

        /** The body's {@code eventId}, or null when it is no JSON object with one. */
        public String eventId() {
            return field(jsonOrNull(), "eventId");
        }

        /** A text field of the body's payload, or null when there is none (or the body is not JSON). */
        public String payloadText(String name) {
            JsonNode json = jsonOrNull();
            return json == null ? null : field(json.get("payload"), name);
        }

        private JsonNode jsonOrNull() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                return null;
            }
        }

        private static String field(JsonNode object, String name) {
            JsonNode value = object == null ? null : object.get(name);
            return value == null || !value.isValueNode() ? null : value.asText();
        }

        @Override
        public String toString() {
            return "Message[" + routingKey + ", id=" + messageId() + ", type=" + type() + ", headers="
                    + properties.getHeaders() + ", body=" + text() + "]";
        }
    }

    /** An exclusive, auto-delete queue bound to the exchange, consumed by the test; deleted at close. */
    public static final class Tap implements AutoCloseable {
        private final Channel channel;
        private final String queue;
        private final List<Message> messages = new CopyOnWriteArrayList<>();

        private Tap(Channel channel, String queue) {
            this.channel = channel;
            this.queue = queue;
        }

        public String queue() {
            return queue;
        }

        /** Everything received so far, in order of arrival. */
        public List<Message> received() {
            return List.copyOf(messages);
        }

        /** How many times each message id arrived. */
        public Map<String, Long> countsById() {
            return messages.stream().filter(message -> message.messageId() != null)
                    .collect(Collectors.groupingBy(Message::messageId, Collectors.counting()));
        }

        /** The messages of one type whose JSON payload has that field with that value, in order of arrival. */
        public List<Message> withPayload(String type, String field, String value) {
            return messages.stream()
                    .filter(message -> type.equals(message.routingKey()))
                    .filter(message -> value.equals(message.payloadText(field)))
                    .toList();
        }

        @Override
        public void close() {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | TimeoutException | RuntimeException ignored) {
                // the queue goes with its consumer either way
            }
        }
    }

    /** Unchecked, for lambdas. */
    public static <T> T unchecked(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (TimeoutException | InterruptedException failure) {
            throw new IllegalStateException(failure);
        }
    }

    @FunctionalInterface
    public interface IoCall<T> {
        T call() throws IOException, TimeoutException, InterruptedException;
    }
}
