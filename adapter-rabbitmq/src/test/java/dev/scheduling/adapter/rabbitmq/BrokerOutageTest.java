package dev.scheduling.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.scheduling.adapter.persistence.testing.TcpProxy;
import dev.scheduling.application.port.out.DependencyUnavailableException;
import dev.scheduling.application.port.out.HealthCheck;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotReleased;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The broker taken away and given back through a TCP proxy: the connection of the code under test goes
 * through the proxy, the test's own connection does not.
 */
@DisplayName("The broker goes away and comes back: publish fails fast, health follows, the connection recovers alone")
class BrokerOutageTest {
    /** Longer than the confirm timeout (10 s) plus a margin: beyond it, a publish is hanging. */
    private static final Duration NO_HANG = Duration.ofSeconds(15);
    private static final List<Duration> DELAYS = List.of(Duration.ofMillis(200));

    private TestBroker broker;
    private TcpProxy proxy;
    private RabbitMqConnection connection;
    private SimpleMeterRegistry meters;
    private RabbitMqEventBus bus;
    private RabbitMqEventConsumer consumer;
    private final Set<UUID> handled = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Integer> calls = new ConcurrentHashMap<>();
    /** Events whose handling waits until their latch opens. */
    private final Map<UUID, CountDownLatch> blocked = new ConcurrentHashMap<>();
    private HealthCheck health;
    private String queue;

    @BeforeEach
    void connectThroughProxy() throws Exception {
        URI url = TestBroker.url();
        assumeTrue(InetAddress.getByName(url.getHost()).isLoopbackAddress(),
                "the fault proxy forwards only to a broker on this machine");
        broker = TestBroker.connect();
        proxy = TcpProxy.to(url.getHost(), url.getPort() < 0 ? 5672 : url.getPort());
        connection = RabbitMqConnection.open(
                new RabbitMqSettings(TestBroker.urlVia("127.0.0.1", proxy.port()), DELAYS, 8), "outage-test");
        health = connection.healthCheck();
        meters = new SimpleMeterRegistry();
        bus = new RabbitMqEventBus(connection, meters);
        bus.declareTopology();
        queue = broker.newQueue(DELAYS);
        consumer = new RabbitMqEventConsumer(connection, queue, List.of("slot.*"), this::handle, meters);
        consumer.start();
    }

    @AfterEach
    void close() {
        if (broker == null) {
            return;
        }
        consumer.close();
        bus.close();
        connection.close();
        proxy.close();
        broker.close();
    }

    @Test
    @DisplayName("while cut: publish throws DependencyUnavailableException at once and health is false; after: both recover")
    void publishFailsWhileCutAndSucceedsAfterRecovery() throws Exception {
        EventEnvelope before = TestEvents.slotLocked();
        EventEnvelope during = TestEvents.slotReleased(SlotReleased.Reason.RELEASED);
        EventEnvelope after = TestEvents.slotReleased(SlotReleased.Reason.EXPIRED);
        bus.publish(List.of(before));
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains(before.eventId()));
        assertThat(health.isHealthy()).isTrue();

        proxy.cut();

        await().atMost(Duration.ofSeconds(5)).until(() -> !health.isHealthy());
        long start = System.nanoTime();
        assertThatThrownBy(() -> bus.publish(List.of(during)))
                .isInstanceOfSatisfying(DependencyUnavailableException.class,
                        unavailable -> assertThat(unavailable.component()).isEqualTo("broker"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(NO_HANG);
        assertThat(meters.counter("events.publish.failures").count()).isEqualTo(1);
        // Longer than the recovery interval (2 s): recovery attempts fail meanwhile, and health stays false.
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(4)).until(() -> !health.isHealthy());
        assertThatThrownBy(() -> bus.publish(List.of(during))).isInstanceOf(DependencyUnavailableException.class);
        assertThat(meters.counter("events.publish.failures").count()).isEqualTo(2);

        proxy.restore();

        await().atMost(NO_HANG).until(health::isHealthy);
        bus.publish(List.of(after));
        assertThat(meters.counter("events.published").count()).isEqualTo(2);
        assertThat(meters.counter("events.publish.failures").count()).isEqualTo(2);
        // The consumer came back with the connection, without a restart.
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains(after.eventId()));
        assertThat(handled).contains(before.eventId(), after.eventId()).doesNotContain(during.eventId());
        assertThat(broker.drain(EventTopology.deadLetterQueue(queue))).isEmpty();
    }

    @Test
    @DisplayName("an event handled while the broker went away is delivered again, never taken for a handler failure")
    void handledButNotAcknowledgedIsDeliveredAgain() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger consumerLog = (Logger) LoggerFactory.getLogger(RabbitMqEventConsumer.class);
        consumerLog.addAppender(log);
        try {
            EventEnvelope event = TestEvents.slotLocked();
            blocked.put(event.eventId(), new CountDownLatch(1));
            bus.publish(List.of(event));
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.getOrDefault(event.eventId(), 0) == 1);

            proxy.cut();
            await().atMost(Duration.ofSeconds(5)).until(() -> !health.isHealthy());
            blocked.remove(event.eventId()).countDown(); // the handler returns; its acknowledgement cannot reach the broker
            proxy.restore();

            await().atMost(NO_HANG).until(() -> handled.contains(event.eventId()) && calls.get(event.eventId()) == 2);
            assertThat(log.list).as("log lines of the consumer").noneSatisfy(line ->
                    assertThat(line.getFormattedMessage()).contains(event.eventId().toString()).contains("failed"));
            assertThat(meters.find("events.consumed").tags("queue", queue, "outcome", "retried").counters()).isEmpty();
            assertThat(broker.drain(EventTopology.deadLetterQueue(queue))).isEmpty();
        } finally {
            consumerLog.detachAppender(log);
        }
    }

    @Test
    @DisplayName("a publish in flight when the broker goes away ends with DependencyUnavailableException, never hangs")
    void publishInFlightEndsWithinTheConfirmTimeout() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger succeeded = new AtomicInteger();
        List<EventEnvelope> batch = IntStream.range(0, 200).mapToObj(i -> TestEvents.slotLocked()).toList();
        CompletableFuture<Throwable> publishing = CompletableFuture.supplyAsync(() -> {
            while (!stop.get()) {
                try {
                    bus.publish(batch);
                    succeeded.incrementAndGet();
                } catch (RuntimeException failure) {
                    return failure;
                }
            }
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> succeeded.get() >= 2);

        proxy.cut();

        Throwable failure;
        try {
            failure = publishing.get(NO_HANG.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            stop.set(true);
        }
        assertThat(failure).isInstanceOf(DependencyUnavailableException.class);
        assertThat(meters.counter("events.publish.failures").count()).isEqualTo(1);
        assertThat(meters.counter("events.published").count()).isEqualTo(200.0 * succeeded.get());

        proxy.restore();
        await().atMost(NO_HANG).until(health::isHealthy);
        EventEnvelope after = TestEvents.slotLocked();
        bus.publish(List.of(after));
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(after.eventId()));
    }

    private void handle(EventEnvelope event) {
        calls.merge(event.eventId(), 1, Integer::sum);
        CountDownLatch latch = blocked.get(event.eventId());
        if (latch != null) {
            try {
                latch.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        handled.add(event.eventId());
    }
}
