package dev.scheduling.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The real broker, seen from the side of a test: settings for the code under test, and a connection of
 * its own (no automatic recovery) to look into queues, publish raw messages and delete what a test
 * declared. The broker is the project machine's ({@code amqp://guest:guest@127.0.0.1:5672/%2f});
 * {@code SCHEDULING_TEST_AMQP_URL} points elsewhere.
 *
 * <p>The exchange {@code scheduling.events} is shared by every test (and by anything else using the
 * broker), so each test works on queues of its own, named {@code test.<uuid>}, deletes them afterwards
 * and only looks at the messages it published (by message id).
 */
final class TestBroker implements AutoCloseable {
    static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2f";

    private final Connection connection;
    private final List<String> declaredQueues = new ArrayList<>();

    private TestBroker(Connection connection) {
        this.connection = connection;
    }

    static TestBroker connect() {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(url());
            factory.setAutomaticRecoveryEnabled(false);
            factory.setConnectionTimeout(5_000);
            return new TestBroker(factory.newConnection("adapter-rabbitmq-tests"));
        } catch (Exception unreachable) {
            throw new IllegalStateException("These tests need RabbitMQ at " + printable(url()) + " ("
                    + unreachable.getMessage() + "). Start it, or point SCHEDULING_TEST_AMQP_URL at another broker.",
                    unreachable);
        }
    }

    static URI url() {
        String value = System.getenv("SCHEDULING_TEST_AMQP_URL");
        return URI.create(value == null || value.isBlank() ? DEFAULT_URL : value);
    }

    /** The test broker's URL with another host and port (a proxy's), same credentials and virtual host. */
    static URI urlVia(String host, int port) {
        URI url = url();
        return URI.create(url.getScheme() + "://" + (url.getRawUserInfo() == null ? "" : url.getRawUserInfo() + "@")
                + host + ":" + port + (url.getRawPath() == null ? "" : url.getRawPath()));
    }

    static RabbitMqSettings settings(List<Duration> retryDelays, int prefetch) {
        return new RabbitMqSettings(url(), retryDelays, prefetch);
    }

    /** Deletes an exchange a test declared for itself. */
    void deleteExchange(String exchange) {
        try (Channel channel = connection.createChannel()) {
            channel.exchangeDelete(exchange);
        } catch (Exception gone) {
            // nothing left to delete
        }
    }

    /** A consumer queue name no other test uses; its queues are deleted at {@link #close()}. */
    String newQueue(List<Duration> retryDelays) {
        String queue = "test." + UUID.randomUUID();
        declaredQueues.add(queue);
        declaredQueues.add(EventTopology.deadLetterQueue(queue));
        retryDelays.forEach(delay -> declaredQueues.add(EventTopology.retryQueue(queue, delay)));
        return queue;
    }

    /** A channel of the test's own; an error closes it, so open one per step that may fail. */
    Channel channel() throws IOException {
        return connection.createChannel();
    }

    /**
     * Messages ready in a queue (not those delivered and not yet acknowledged), as the broker reports them:
     * a quorum queue reports late (just after messages were put back it may still count them as taken),
     * so only wait for a count with this; to see that a queue is empty, {@link #drain} it.
     */
    long ready(String queue) throws IOException, TimeoutException {
        try (Channel channel = channel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    boolean exists(String queue) throws TimeoutException {
        try (Channel channel = channel()) {
            channel.queueDeclarePassive(queue);
            return true;
        } catch (IOException notFound) {
            return false;
        }
    }

    /** Takes every ready message out of a queue, in order, acknowledging each. */
    List<GetResponse> drain(String queue) throws IOException, TimeoutException {
        List<GetResponse> messages = new ArrayList<>();
        try (Channel channel = channel()) {
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                messages.add(response);
            }
        }
        return messages;
    }

    /** Publishes one message as it is, with publisher confirms. */
    void publish(String exchange, String routingKey, AMQP.BasicProperties properties, String body)
            throws IOException, TimeoutException, InterruptedException {
        try (Channel channel = channel()) {
            channel.confirmSelect();
            channel.basicPublish(exchange, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    /** Publishes straight into a queue, through the default exchange. */
    void publishToQueue(String queue, AMQP.BasicProperties properties, String body)
            throws IOException, TimeoutException, InterruptedException {
        publish("", queue, properties, body);
    }

    /** Something done on a channel that the broker is expected to refuse. */
    interface ChannelAction {
        void run(Channel channel) throws Exception;
    }

    /**
     * Runs {@code action} on a channel of its own and returns what the broker answered with; a refusal
     * closes the channel, so the channel is not used again.
     */
    Throwable refusal(ChannelAction action) throws IOException, TimeoutException {
        Channel channel = channel();
        try {
            action.run(channel);
        } catch (Exception refused) {
            return refused;
        }
        channel.close();
        throw new AssertionError("the broker accepted what it should have refused");
    }

    static AMQP.BasicProperties properties(String messageId, String type, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json")
                .messageId(messageId).type(type).headers(headers).build();
    }

    static String body(GetResponse response) {
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }

    /** Deletes the queues this test declared, whatever state they are in. */
    @Override
    public void close() {
        for (String queue : declaredQueues) {
            try (Channel channel = channel()) {
                channel.queueDelete(queue);
            } catch (IOException | TimeoutException | RuntimeException ignored) {
                // already gone, or the broker is away: a durable leftover costs only space
            }
        }
        declaredQueues.clear();
        try {
            connection.close(5_000);
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
    }

    private static String printable(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
