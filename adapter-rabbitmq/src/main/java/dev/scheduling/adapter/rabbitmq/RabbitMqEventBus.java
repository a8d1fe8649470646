package dev.scheduling.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;
import dev.scheduling.application.port.out.DependencyUnavailableException;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.events.json.EventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to the exchange {@code scheduling.events}, routing key = type, as persistent JSON
 * messages with the properties of EVENTS.md. A batch returns only once the broker has confirmed every
 * message in it (publisher confirms); otherwise it throws and the caller (the outbox relay) keeps the
 * events to publish again. Messages are published {@code mandatory}: one that no queue takes comes
 * back, is logged and counted as {@code events.unroutable}.
 */
public final class RabbitMqEventBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqEventBus.class);
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final RabbitMqConnection connection;
    private final String exchange;
    private final Counter published;
    private final Counter failures;
    private final Counter unroutable;
    private Channel channel;

    public RabbitMqEventBus(RabbitMqConnection connection, MeterRegistry meters) {
        this(connection, meters, EventTopology.EXCHANGE);
    }

    /** On another topic exchange than the contract's: for tests that need an exchange of their own. */
    RabbitMqEventBus(RabbitMqConnection connection, MeterRegistry meters, String exchange) {
        this.connection = connection;
        this.exchange = exchange;
        this.published = Counter.builder("events.published").description("Events confirmed by the broker")
                .register(meters);
        this.failures = Counter.builder("events.publish.failures")
                .description("Batches of events the broker did not confirm (they are published again)")
                .register(meters);
        this.unroutable = Counter.builder("events.unroutable").description("Events no queue was bound to take")
                .register(meters);
    }

    /** Declares the exchange (idempotently). */
    public void declareTopology() {
        try {
            channel().exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        } catch (IOException failure) {
            throw new DependencyUnavailableException(RabbitMqConnection.COMPONENT, failure);
        }
    }

    /**
     * Publishes the events in order and waits for the broker's confirms. Throws
     * {@link DependencyUnavailableException} if the broker is away or does not confirm in time.
     */
    public synchronized void publish(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            Channel publishing = channel();
            for (EventEnvelope event : events) {
                publishing.basicPublish(exchange, event.type(), true, properties(event),
                        EventJson.encode(event).getBytes(StandardCharsets.UTF_8));
            }
            publishing.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
            published.increment(events.size());
        } catch (IOException | TimeoutException | RuntimeException failure) {
            failures.increment();
            discardChannel();
            throw new DependencyUnavailableException(RabbitMqConnection.COMPONENT, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            failures.increment();
            throw new DependencyUnavailableException(RabbitMqConnection.COMPONENT, interrupted);
        }
    }

    /** The AMQP properties of EVENTS.md; the contract version travels as a header too. */
    static AMQP.BasicProperties properties(EventEnvelope event) {
        return MessageProperties.PERSISTENT_BASIC.builder()
                .contentType("application/json")
                .messageId(event.eventId().toString())
                .type(event.type())
                .timestamp(Date.from(event.occurredAt()))
                .headers(headers(event))
                .build();
    }

    /** The contract's {@code version}, and the trace context of the command that caused the event. */
    private static Map<String, Object> headers(EventEnvelope event) {
        Map<String, Object> headers = new HashMap<>(event.traceContext());
        headers.put("version", event.version());
        return headers;
    }

    @Override
    public synchronized void close() {
        discardChannel();
    }

    /** A channel in confirm mode, opened again after a failure (a channel closed by an error stays closed). */
    private Channel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = connection.openChannel();
            channel.confirmSelect();
            channel.addReturnListener(returned -> {
                unroutable.increment();
                LOG.error("event {} of type {} was routed to no queue", returned.getProperties().getMessageId(),
                        returned.getRoutingKey());
            });
        }
        return channel;
    }

    private void discardChannel() {
        if (channel != null) {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | TimeoutException | RuntimeException ignored) {
                // the channel is dropped either way
            }
            channel = null;
        }
    }
}
