package dev.scheduling.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.events.json.EventJson;
import dev.scheduling.events.json.MalformedEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes a queue of events with manual acknowledgement and a bounded prefetch. A delivery is
 * acknowledged only after the handler has returned, or after a copy has been confirmed in the retry or
 * dead-letter queue: nothing is lost between them, at worst something is delivered again (handlers are
 * idempotent by {@code eventId}). A failed delivery waits in the retry queue of its attempt (a fixed TTL)
 * and comes back; after the last attempt, or at once when it is not an event of the contract, it goes to
 * the dead-letter queue. The attempt travels in the {@code x-attempt} header. Nothing is redelivered in
 * a busy loop: every retry waits its delay, and a message that keeps failing waits in a retry queue
 * while those behind it are handled, so no poison message blocks the queue.
 *
 * <p>Metrics, by queue and event type: {@code events.consumed} (outcome {@code processed}, {@code retried}
 * or {@code dead_lettered}), {@code events.consumer.failures}, {@code events.processing} (time in the
 * handler), {@code events.consumer.lag} (occurrence to delivery); and {@code events.queue.depth} of the
 * queue and of its dead-letter queue.
 */
public final class RabbitMqEventConsumer implements AutoCloseable {
    public static final String ATTEMPT_HEADER = "x-attempt";
    public static final String ERROR_HEADER = "x-last-error";
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqEventConsumer.class);
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ERROR_LENGTH = 500;
    private static final String UNKNOWN_TYPE = "unknown";
    private static final List<String> TRACE_CONTEXT_HEADERS = List.of("traceparent", "tracestate");
    private static final String PROCESSED = "processed";
    private static final String RETRIED = "retried";
    private static final String DEAD_LETTERED = "dead_lettered";

    private final RabbitMqConnection connection;
    private final String queue;
    private final List<String> bindings;
    private final Consumer<EventEnvelope> handler;
    private final List<Duration> retryDelays;
    private final MeterRegistry meters;
    private Channel consuming;
    private Channel publishing;
    private Channel inspecting;

    public RabbitMqEventConsumer(RabbitMqConnection connection, String queue, List<String> bindings,
                                 Consumer<EventEnvelope> handler, MeterRegistry meters) {
        this.connection = connection;
        this.queue = queue;
        this.bindings = List.copyOf(bindings);
        this.handler = handler;
        this.retryDelays = connection.settings().retryDelays();
        this.meters = meters;
    }

    /** Declares the queue with its retry and dead-letter queues, and starts consuming. */
    public synchronized void start() {
        try {
            consuming = connection.openChannel();
            EventTopology.declareConsumerQueue(consuming, queue, bindings, retryDelays);
            consuming.basicQos(connection.settings().prefetch());
            publishingChannel();
            for (String name : List.of(queue, EventTopology.deadLetterQueue(queue))) {
                Gauge.builder("events.queue.depth", this, consumer -> consumer.depth(name))
                        .description("Messages waiting in the queue").tags("queue", name).register(meters);
            }
            consuming.basicConsume(queue, false, "scheduling-" + queue,
                    (tag, delivery) -> handle(delivery), tag -> LOG.warn("consumer of {} was cancelled", queue));
        } catch (IOException failure) {
            throw new BrokerUnavailableException("cannot consume " + queue + ": " + failure.getMessage(), failure);
        }
    }

    private void handle(Delivery delivery) throws IOException {
        long tag = delivery.getEnvelope().getDeliveryTag();
        int attempt = attemptOf(delivery.getProperties());
        EventEnvelope event;
        try {
            event = EventJson.decode(new String(delivery.getBody(), StandardCharsets.UTF_8))
                    .withTraceContext(traceContext(delivery.getProperties()));
        } catch (MalformedEventException malformed) {
            failures(UNKNOWN_TYPE).increment();
            forward(delivery, EventTopology.deadLetterQueue(queue), attempt, malformed.getMessage(), tag, UNKNOWN_TYPE,
                    DEAD_LETTERED);
            return;
        }
        String type = event.type();
        // How long the event waited for this delivery: with a backlog, the age of the oldest message.
        Duration waited = Duration.between(event.occurredAt(), Instant.now());
        lag(type).record(waited.isNegative() ? Duration.ZERO : waited);
        long started = System.nanoTime();
        try {
            handler.accept(event);
        } catch (RuntimeException failure) {
            failures(type).increment();
            String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            if (attempt <= retryDelays.size()) {
                LOG.warn("event {} failed on attempt {} of {}; retrying in {}: {}", event.eventId(), attempt,
                        retryDelays.size() + 1, retryDelays.get(attempt - 1), error);
                forward(delivery, EventTopology.retryQueue(queue, retryDelays.get(attempt - 1)), attempt + 1, error,
                        tag, type, RETRIED);
            } else {
                LOG.error("event {} failed on its last attempt ({}); dead-lettered: {}", event.eventId(), attempt, error);
                forward(delivery, EventTopology.deadLetterQueue(queue), attempt, error, tag, type, DEAD_LETTERED);
            }
            return;
        } finally {
            processing(type).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        // Outside the handler's try: an acknowledgement that cannot reach the broker is no failure of the
        // handler (no retry copy); the delivery comes again once the connection recovers.
        consuming.basicAck(tag, false);
        consumed(type, PROCESSED).increment();
    }

    /** Publishes a copy to {@code target} and, once the broker confirms it, acknowledges the original. */
    private void forward(Delivery delivery, String target, int attempt, String error, long tag, String type,
                         String outcome) throws IOException {
        Map<String, Object> headers = new HashMap<>();
        if (delivery.getProperties().getHeaders() != null) {
            headers.putAll(delivery.getProperties().getHeaders());
        }
        headers.put(ATTEMPT_HEADER, attempt);
        headers.put(ERROR_HEADER, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
        AMQP.BasicProperties properties = delivery.getProperties().builder().headers(headers).build();
        try {
            synchronized (this) {
                Channel channel = publishingChannel();
                channel.basicPublish("", target, true, properties, delivery.getBody());
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        } catch (TimeoutException | IOException | RuntimeException unconfirmed) {
            // Not acknowledged: the broker delivers the original again (at once if the channel lives on,
            // or once the connection recovers). The publishing channel is opened anew for the next copy.
            LOG.warn("could not move a delivery to {}; it will be delivered again", target, unconfirmed);
            return;
        }
        consuming.basicAck(tag, false);
        consumed(type, outcome).increment();
    }

    /** The channel for retry and dead-letter copies, in confirm mode; a channel closed by an error is replaced. */
    private Channel publishingChannel() throws IOException {
        if (publishing == null || !publishing.isOpen()) {
            publishing = connection.openChannel();
            publishing.confirmSelect();
        }
        return publishing;
    }

    private Counter consumed(String type, String outcome) {
        return Counter.builder("events.consumed").description("Deliveries by event type and how they ended")
                .tags("queue", queue, "type", type, "outcome", outcome).register(meters);
    }

    private Counter failures(String type) {
        return Counter.builder("events.consumer.failures")
                .description("Deliveries whose handler failed, or that were no event of the contract")
                .tags("queue", queue, "type", type).register(meters);
    }

    private Timer processing(String type) {
        return Timer.builder("events.processing").description("Time in the handler, by event type")
                .tags("queue", queue, "type", type).publishPercentileHistogram().register(meters);
    }

    private Timer lag(String type) {
        return Timer.builder("events.consumer.lag")
                .description("From the event's occurrence to its delivery here: with a backlog, the oldest message's age")
                .tags("queue", queue, "type", type).publishPercentileHistogram().register(meters);
    }

    /**
     * The messages ready in {@code queueName} now (a passive declare on a channel of its own), or NaN when
     * the broker cannot tell: for the depth gauges, read at each scrape.
     */
    private synchronized double depth(String queueName) {
        try {
            if (inspecting == null || !inspecting.isOpen()) {
                inspecting = connection.openChannel();
            }
            return inspecting.messageCount(queueName);
        } catch (IOException | RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    /** The W3C trace-context headers the publisher set, as text. */
    static Map<String, String> traceContext(AMQP.BasicProperties properties) {
        Map<String, String> context = new HashMap<>();
        if (properties.getHeaders() != null) {
            for (String field : TRACE_CONTEXT_HEADERS) {
                Object value = properties.getHeaders().get(field);
                if (value != null) {
                    context.put(field, value.toString());
                }
            }
        }
        return context;
    }

    static int attemptOf(AMQP.BasicProperties properties) {
        Object attempt = properties.getHeaders() == null ? null : properties.getHeaders().get(ATTEMPT_HEADER);
        return attempt instanceof Number number && number.intValue() > 0 ? number.intValue() : 1;
    }

    @Override
    public synchronized void close() {
        for (Channel channel : new Channel[] {consuming, publishing, inspecting}) {
            try {
                if (channel != null && channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | TimeoutException | RuntimeException ignored) {
                // closing anyway
            }
        }
    }
}
