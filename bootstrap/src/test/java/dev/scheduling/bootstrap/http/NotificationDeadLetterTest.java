package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.rabbitmq.client.AMQP;
import dev.scheduling.adapter.rabbitmq.EventTopology;
import dev.scheduling.adapter.rabbitmq.RabbitMqEventConsumer;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.bootstrap.testing.TestBroker;
import dev.scheduling.bootstrap.testing.TestBroker.Message;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.event.AppointmentCreated;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.events.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The notifications consumer of a running service (in memory, on the real broker) with short retry
 * delays: a message whose handling always fails is delivered exactly three times, each retry after its
 * delay, and then waits in the dead-letter queue; a message that is not an event of the contract goes
 * there at once, without a retry. The queues are this test's own, deleted at the end; the exchange is
 * shared, so only messages with this test's ids are looked at.
 */
class NotificationDeadLetterTest {
    private static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMillis(200), Duration.ofMillis(400));
    private static final String QUEUE = "test.notifications." + UUID.randomUUID();
    private static final String DLQ = EventTopology.deadLetterQueue(QUEUE);
    private static final Duration ARRIVAL = Duration.ofSeconds(15);

    private static TestBroker broker;
    private static ServiceRuntime runtime;
    private static ListAppender<ILoggingEvent> consumerLog;
    private final List<String> ours = new ArrayList<>();

    @BeforeAll
    static void startTheService() {
        broker = TestBroker.connect();
        consumerLog = new ListAppender<>();
        consumerLog.start();
        consumerLogger().addAppender(consumerLog);
        Map<String, String> env = Map.of(
                Configuration.AMQP_URL, TestBroker.url().toString(),
                Configuration.WEBHOOKS, "off",
                Configuration.NOTIFICATIONS_QUEUE, QUEUE,
                Configuration.EVENTS_RETRY_DELAYS, "PT0.2S,PT0.4S",
                Configuration.ADMIN_TOKEN, "test-admin-" + UUID.randomUUID());
        runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(env),
                MutableClock.at("2026-03-02T12:00:00Z"), 0);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        consumerLogger().detachAppender(consumerLog);
        if (broker != null) {
            broker.deleteConsumerQueue(QUEUE, RETRY_DELAYS);
            broker.close();
        }
    }

    @AfterEach
    void removeOurDeadLetters() throws Exception {
        broker.remove(DLQ, ours);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void an_event_whose_notice_always_fails_is_delivered_three_times_then_waits_in_the_dead_letter_queue()
            throws Exception {
        // A booking whose client the service does not know: the notice can never be sent.
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), Instant.parse("2026-03-02T12:00:00Z"),
                new AppointmentCreated(new AppointmentId(UUID.randomUUID().toString()),
                        new ReservationToken(UUID.randomUUID().toString().replace("-", "")),
                        new ClientId(UUID.randomUUID().toString()), new UnitId(UUID.randomUUID().toString()),
                        new ServiceId(UUID.randomUUID().toString()), LocalDate.parse("2026-03-09"),
                        LocalTime.parse("09:00"), LocalTime.parse("09:30"), 1));
        String id = event.eventId().toString();
        ours.add(id);
        byte[] body = EventJson.encode(event).getBytes(StandardCharsets.UTF_8);

        broker.publish(event.type(), properties(id, event.type()), body);

        Message dead = awaitDeadLetter(id);
        await("nothing more happens to " + id).during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> failuresLogged(id).size() == 3 && copiesInTheDeadLetterQueue(id) == 1);

        List<ILoggingEvent> failures = failuresLogged(id);
        assertThat(failures).as("one failure logged per delivery").hasSize(3);
        assertThat(failures.get(0).getFormattedMessage()).contains("failed on attempt 1 of 3");
        assertThat(failures.get(1).getFormattedMessage()).contains("failed on attempt 2 of 3");
        assertThat(failures.get(2).getFormattedMessage()).contains("failed on its last attempt (3)")
                .contains("dead-lettered");
        // Each retry waits its delay (the broker's TTL); a little slack for two clocks' resolution.
        assertThat(failures.get(1).getTimeStamp() - failures.get(0).getTimeStamp())
                .as("ms before the second delivery").isGreaterThanOrEqualTo(RETRY_DELAYS.get(0).toMillis() - 20);
        assertThat(failures.get(2).getTimeStamp() - failures.get(1).getTimeStamp())
                .as("ms before the third delivery").isGreaterThanOrEqualTo(RETRY_DELAYS.get(1).toMillis() - 20);

        assertThat(dead.header(RabbitMqEventConsumer.ATTEMPT_HEADER)).as("attempts").isEqualTo(3);
        assertThat(String.valueOf(dead.header(RabbitMqEventConsumer.ERROR_HEADER))).contains("missing client");
        assertThat(dead.body()).isEqualTo(body);
        assertThat(dead.messageId()).isEqualTo(id);
        assertThat(dead.type()).isEqualTo(event.type());
        assertThat(dead.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(deaths(dead)).as("it went through each retry queue once, by its TTL").containsExactlyInAnyOrder(
                EventTopology.retryQueue(QUEUE, RETRY_DELAYS.get(0)) + " expired 1",
                EventTopology.retryQueue(QUEUE, RETRY_DELAYS.get(1)) + " expired 1");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void a_message_that_is_no_event_of_the_contract_goes_straight_to_the_dead_letter_queue() throws Exception {
        String notJson = UUID.randomUUID().toString();
        String noPayload = UUID.randomUUID().toString();
        String unknownType = UUID.randomUUID().toString();
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put(notJson, "appointment.created|this is not JSON " + notJson);
        malformed.put(noPayload, "slot.locked|{\"eventId\": \"" + noPayload + "\", \"type\": \"slot.locked\","
                + " \"version\": 1, \"occurredAt\": \"2026-03-02T12:00:00Z\"}");
        malformed.put(unknownType, "appointment.deleted|{\"eventId\": \"" + unknownType + "\", \"type\":"
                + " \"appointment.deleted\", \"version\": 1, \"occurredAt\": \"2026-03-02T12:00:00Z\","
                + " \"payload\": {}}");
        ours.addAll(malformed.keySet());

        for (Map.Entry<String, String> message : malformed.entrySet()) {
            String[] parts = message.getValue().split("\\|", 2);
            broker.publish(parts[0], properties(message.getKey(), parts[0]), parts[1].getBytes(StandardCharsets.UTF_8));
        }

        for (Map.Entry<String, String> message : malformed.entrySet()) {
            String id = message.getKey();
            Message dead = awaitDeadLetter(id);
            assertThat(dead.text()).isEqualTo(message.getValue().split("\\|", 2)[1]);
            assertThat(dead.header(RabbitMqEventConsumer.ATTEMPT_HEADER)).as("attempts of %s", dead).isEqualTo(1);
            assertThat(String.valueOf(dead.header(RabbitMqEventConsumer.ERROR_HEADER))).as("error of %s", dead)
                    .isNotBlank().isNotEqualTo("null");
            assertThat(deaths(dead)).as("no retry queue on its way: %s", dead).isEmpty();
            assertThat(failuresLogged(id)).as("no handler ran for %s", id).isEmpty();
        }
        await("nothing more happens").during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> malformed.keySet().stream().allMatch(id -> copiesInTheDeadLetterQueue(id) == 1));
    }

    private static AMQP.BasicProperties properties(String messageId, String type) {
        return new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json")
                .messageId(messageId).type(type).timestamp(new Date()).build();
    }

    private static Message awaitDeadLetter(String messageId) {
        return await(messageId + " in " + DLQ).atMost(ARRIVAL).pollInterval(Duration.ofMillis(100))
                .until(() -> TestBroker.unchecked(() -> broker.peek(DLQ)).stream()
                        .filter(message -> messageId.equals(message.messageId())).toList(), found -> !found.isEmpty())
                .get(0);
    }

    private static long copiesInTheDeadLetterQueue(String messageId) {
        return TestBroker.unchecked(() -> broker.peek(DLQ)).stream()
                .filter(message -> messageId.equals(message.messageId())).count();
    }

    /** The consumer's failure lines about one event, in order. */
    private static List<ILoggingEvent> failuresLogged(String eventId) {
        List<ILoggingEvent> lines;
        synchronized (consumerLog) {
            lines = new ArrayList<>(consumerLog.list);
        }
        return lines.stream().filter(line -> line.getFormattedMessage().contains(eventId)
                && line.getFormattedMessage().contains(" failed on ")).toList();
    }

    /** The broker's {@code x-death} record: each queue that dead-lettered the message, why, and how often. */
    private static List<String> deaths(Message message) {
        Object header = message.header("x-death");
        if (header == null) {
            return List.of();
        }
        List<String> deaths = new ArrayList<>();
        for (Object entry : (List<?>) header) {
            Map<?, ?> death = (Map<?, ?>) entry;
            deaths.add(death.get("queue") + " " + death.get("reason") + " " + death.get("count"));
        }
        return deaths;
    }

    private static Logger consumerLogger() {
        return (Logger) LoggerFactory.getLogger(RabbitMqEventConsumer.class);
    }
}
