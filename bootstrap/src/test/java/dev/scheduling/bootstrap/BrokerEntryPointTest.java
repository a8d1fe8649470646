package dev.scheduling.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import dev.scheduling.adapter.rabbitmq.EventTopology;
import dev.scheduling.adapter.rabbitmq.RabbitMqEventConsumer;
import dev.scheduling.bootstrap.testing.TestBroker;
import dev.scheduling.bootstrap.testing.TestBroker.Message;
import dev.scheduling.bootstrap.testing.TestBroker.Tap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The entry point with a broker: a broker that cannot be reached at start stops the process with exit
 * code 2 and one line naming {@code SCHEDULING_AMQP_URL}, never its password; and the operator's
 * {@code dead-letters list | replay | drop} against a real notifications dead-letter queue, of this
 * test's own (deleted at the end).
 */
class BrokerEntryPointTest {
    private static final String PASSWORD = "S3cret-" + UUID.randomUUID();
    private static final String QUEUE = "test.notifications." + UUID.randomUUID();
    private static final String DLQ = EventTopology.deadLetterQueue(QUEUE);

    private static TestBroker broker;
    private final List<String> ours = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        broker = TestBroker.connect();
        broker.declareNotificationsTopology(QUEUE);
    }

    @AfterAll
    static void disconnect() {
        if (broker != null) {
            broker.deleteConsumerQueue(QUEUE);
            broker.close();
        }
    }

    @AfterEach
    void leaveNoLetterBehind() throws Exception {
        broker.remove(DLQ, ours);
    }

    // ------------------------------------------------------------------------------------------------
    // java -jar scheduling-service.jar

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_broker_that_cannot_be_reached_at_start_stops_the_service_with_exit_code_2_and_one_line()
            throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        List<String> stderr = runMainExpectingExit2("amqp://scheduler:" + PASSWORD + "@127.0.0.1:" + closed + "/%2f");

        assertThat(stderr.get(0)).startsWith("scheduling-service: " + Configuration.AMQP_URL)
                .contains("127.0.0.1:" + closed);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_broker_that_refuses_the_credentials_stops_the_service_with_exit_code_2_and_one_line() throws Exception {
        URI real = TestBroker.url();
        String url = real.getScheme() + "://nobody-" + UUID.randomUUID() + ":" + PASSWORD + "@" + TestBroker.host()
                + ":" + TestBroker.port() + (real.getRawPath() == null ? "" : real.getRawPath());

        List<String> stderr = runMainExpectingExit2(url);

        assertThat(stderr.get(0)).startsWith("scheduling-service: " + Configuration.AMQP_URL);
    }

    private static List<String> runMainExpectingExit2(String amqpUrl) throws IOException, InterruptedException {
        Process process = ConfigurationTest.startMain(Map.of(Configuration.AMQP_URL, amqpUrl));
        boolean exited = process.waitFor(45, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("the service exits by itself").isTrue();
        assertThat(process.exitValue()).as("exit code; stderr: %s", stderr).isEqualTo(Main.BAD_CONFIGURATION);
        List<String> lines = stderr.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("stderr").hasSize(1);
        assertThat(lines.get(0)).contains(Configuration.AMQP_URL);
        assertThat(stderr + stdout).as("what the process wrote").doesNotContain(PASSWORD);
        return lines;
    }

    // ------------------------------------------------------------------------------------------------
    // dead-letters list | replay | drop

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void dead_letters_are_listed_replayed_to_the_exchange_and_dropped_one_at_a_time() throws Exception {
        String replayed = deadLetter("slot.locked");
        String dropped = deadLetter("slot.released");
        String kept = deadLetter("slot.locked");

        Run list = run("list");
        assertThat(list.exit()).as(list.toString()).isZero();
        for (String id : List.of(replayed, dropped, kept)) {
            assertThat(list.outLines()).as(list.toString()).anySatisfy(line -> assertThat(line)
                    .startsWith(id + " ").contains("attempts=3").contains("error=IllegalStateException: boom " + id));
        }
        assertThat(list.outLines()).as(list.toString()).anySatisfy(line -> assertThat(line)
                .startsWith(dropped + " slot.released "));
        assertThat(idsInTheDeadLetterQueue()).as("listing takes nothing away").contains(replayed, dropped, kept);

        try (Tap tap = broker.tap("#")) {
            Run replay = run("replay", replayed);
            assertThat(replay.exit()).as(replay.toString()).isZero();
            assertThat(replay.out()).isEqualTo("replayed 1" + System.lineSeparator());
            Message again = Awaitility.await("the replayed letter at the exchange").atMost(Duration.ofSeconds(10))
                    .until(() -> tap.received().stream().filter(message -> replayed.equals(message.messageId()))
                            .toList(), found -> !found.isEmpty())
                    .get(0);
            assertThat(again.routingKey()).as("routed by its type").isEqualTo("slot.locked");
            assertThat(again.header(RabbitMqEventConsumer.ATTEMPT_HEADER)).as("attempts start again").isNull();
            assertThat(again.header(RabbitMqEventConsumer.ERROR_HEADER)).isNull();
            assertThat(again.text()).isEqualTo(body(replayed, "slot.locked"));
            assertThat(again.properties().getContentType()).isEqualTo("application/json");
        }
        assertThat(idsInTheDeadLetterQueue()).doesNotContain(replayed).contains(dropped, kept);

        Run drop = run("drop", dropped);
        assertThat(drop.exit()).as(drop.toString()).isZero();
        assertThat(drop.out()).isEqualTo("dropped 1" + System.lineSeparator());
        assertThat(idsInTheDeadLetterQueue()).doesNotContain(replayed, dropped).contains(kept);

        Run unknown = run("drop", UUID.randomUUID().toString());
        assertThat(unknown.out()).isEqualTo("dropped 0" + System.lineSeparator());
        Run unknownReplay = run("replay", UUID.randomUUID().toString());
        assertThat(unknownReplay.out()).isEqualTo("replayed 0" + System.lineSeparator());
        Run after = run("list");
        assertThat(after.outLines()).anySatisfy(line -> assertThat(line).startsWith(kept + " "));
        assertThat(after.outLines()).noneSatisfy(line -> assertThat(line).startsWith(replayed + " "));
        assertThat(after.outLines()).noneSatisfy(line -> assertThat(line).startsWith(dropped + " "));
    }

    @Test
    void dead_letters_need_a_broker_and_a_known_subcommand() {
        Run withoutBroker = run(Configuration.fromEnvironment(Map.of()), "dead-letters", "list");
        assertThat(withoutBroker.exit()).isEqualTo(Main.BAD_CONFIGURATION);
        assertThat(withoutBroker.err()).contains(Configuration.AMQP_URL);
        assertThat(withoutBroker.out()).isEmpty();

        Run unknown = run("purge");
        assertThat(unknown.exit()).isEqualTo(Main.BAD_CONFIGURATION);
        assertThat(unknown.err()).contains(DeadLetterCommand.USAGE);
        Run none = run(configuration(), "dead-letters");
        assertThat(none.exit()).isEqualTo(Main.BAD_CONFIGURATION);
        assertThat(none.err()).contains(DeadLetterCommand.USAGE);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void dead_letters_report_a_broker_that_cannot_be_reached_without_its_password() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Configuration unreachable = Configuration.fromEnvironment(Map.of(Configuration.AMQP_URL,
                "amqp://scheduler:" + PASSWORD + "@127.0.0.1:" + closed + "/%2f"));

        Run list = run(unreachable, "dead-letters", "list");

        assertThat(list.exit()).isNotZero();
        assertThat(list.err()).isNotBlank().doesNotContain(PASSWORD);
        assertThat(list.out()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------

    /** A letter as the consumer leaves it after its last attempt, straight into the dead-letter queue. */
    private String deadLetter(String type) throws Exception {
        String id = UUID.randomUUID().toString();
        ours.add(id);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(2)
                .contentType("application/json").messageId(id).type(type)
                .headers(Map.of(RabbitMqEventConsumer.ATTEMPT_HEADER, 3, RabbitMqEventConsumer.ERROR_HEADER,
                        "IllegalStateException: boom " + id, "version", 1))
                .build();
        broker.publishToQueue(DLQ, properties, body(id, type).getBytes(StandardCharsets.UTF_8));
        return id;
    }

    private static String body(String id, String type) {
        return "{\"eventId\":\"" + id + "\",\"type\":\"" + type + "\",\"version\":1,"
                + "\"occurredAt\":\"2026-03-02T12:00:00Z\",\"payload\":{\"reservationToken\":\""
                + id.replace("-", "") + "\",\"unitId\":\"u\",\"serviceId\":\"s\",\"date\":\"2026-03-09\","
                + "\"startTime\":\"09:00\",\"endTime\":\"09:30\",\"quantity\":1,\"capacityTotal\":2,"
                + "\"capacityUsed\":1,\"expiresAt\":\"2026-03-02T12:05:00Z\""
                + (type.equals("slot.released") ? ",\"reason\":\"released\"" : "") + "}}";
    }

    private static List<String> idsInTheDeadLetterQueue() throws Exception {
        return broker.peek(DLQ).stream().map(Message::messageId).toList();
    }

    private static Configuration configuration() {
        return Configuration.fromEnvironment(Map.of(Configuration.AMQP_URL, TestBroker.url().toString(),
                Configuration.NOTIFICATIONS_QUEUE, QUEUE));
    }

    private static Run run(String... subcommand) {
        String[] args = new String[subcommand.length + 1];
        args[0] = DeadLetterCommand.NAME;
        System.arraycopy(subcommand, 0, args, 1, subcommand.length);
        return run(configuration(), args);
    }

    private static Run run(Configuration configuration, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DeadLetterCommand.run(args, configuration, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }
}
