package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.adapter.persistence.testing.TcpProxy;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.bootstrap.http.ApiClient.Reply;
import dev.scheduling.bootstrap.testing.TestBroker;
import dev.scheduling.bootstrap.testing.TestBroker.Message;
import dev.scheduling.bootstrap.testing.TestBroker.Tap;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker goes away while clients keep locking and releasing slots, and comes back. The service
 * (PostgreSQL, reached directly) talks to RabbitMQ through a {@link TcpProxy} that the test cuts: every
 * command still succeeds, quickly; the outbox grows (on {@code /metrics} and in SQL) and nothing of it
 * reaches the exchange or the in-process bus meanwhile; {@code /ready} answers 503 naming the broker.
 * Once the proxy is restored the same running service reconnects by itself: {@code /ready} is 200
 * again, the outbox drains, and a consumer of the test's own (bound to the exchange, straight to the
 * broker) receives every event of the outbox table, none missing, the events of each lock in order;
 * the notifications consumer is back at work too.
 */
class BrokerOutageTest {
    /** The clock stands still: no lock expires during the test. */
    private static final MutableClock CLOCK = MutableClock.at("2026-03-02T12:00:00Z");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-03-03");
    private static final int DAYS = 14;
    private static final List<String> STARTS = startTimes("08:00", "17:30", 30);

    private static final int CLIENTS = 6;
    /** Commands (locks and releases) that must succeed while the broker is away. */
    private static final int COMMANDS_DURING_THE_OUTAGE = 400;
    private static final int COMMANDS_AFTER_THE_OUTAGE = 100;
    /** Bounds the load, whatever happens. */
    private static final int MAX_COMMANDS_PER_CLIENT = 1_000;
    private static final Duration MAX_LOAD_TIME = Duration.ofSeconds(60);
    /** A command never waits for the broker: with PostgreSQL at hand it answers quickly. */
    private static final Duration MAX_ANSWER_TIME = Duration.ofSeconds(3);

    private static final String ADMIN_TOKEN = "test-admin-" + UUID.randomUUID();
    /** The notifications queue of this test's service: its own, deleted at the end. */
    private static final String NOTIFICATIONS_QUEUE = "test.notifications." + UUID.randomUUID();

    private static PostgresTestDatabase database;
    private static TcpProxy proxy;
    private static TestBroker broker;
    private static Tap tap;
    private static ServiceRuntime runtime;
    private static ApiClient api;
    private static final Set<String> inProcess = ConcurrentHashMap.newKeySet();
    private static AutoCloseable inProcessSubscription;

    @BeforeAll
    static void startTheServiceBehindAProxy() throws Exception {
        database = PostgresTestDatabase.create(2);
        proxy = TcpProxy.to(TestBroker.host(), TestBroker.port());
        broker = TestBroker.connect();
        tap = broker.tap("slot.*", "appointment.*");
        Map<String, String> env = new HashMap<>();
        env.put(Configuration.DB_URL, PostgresTestDatabase.url() + "?currentSchema=" + database.schema());
        env.put(Configuration.DB_USER, database.settings().user());
        env.put(Configuration.DB_PASSWORD, database.settings().password());
        env.put(Configuration.DB_POOL_SIZE, "8");
        env.put(Configuration.AMQP_URL, TestBroker.urlVia("127.0.0.1", proxy.port()).toString());
        env.put(Configuration.WEBHOOKS, "off");
        env.put(Configuration.NOTIFICATIONS_QUEUE, NOTIFICATIONS_QUEUE);
        env.put(Configuration.ADMIN_TOKEN, ADMIN_TOKEN);
        runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(env), CLOCK, 0);
        inProcessSubscription = runtime.eventBus().subscribe("#", event -> inProcess.add(event.eventId().toString()));
        api = new ApiClient("http://127.0.0.1:" + runtime.port(), ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (inProcessSubscription != null) {
            inProcessSubscription.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (tap != null) {
            tap.close();
        }
        if (broker != null) {
            broker.deleteConsumerQueue(NOTIFICATIONS_QUEUE);
            broker.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void commandsSucceedWhileTheBrokerIsAwayAndEveryEventArrivesOnceItIsBack() {
        assertReady(200, "UP");
        Place place = createPlace();
        Load load = Load.start(place);
        Map<String, Long> pendingDuringTheOutage;
        double handledBeforeTheReturn;
        try {
            await("commands before the outage").atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() >= 40);

            proxy.cut();
            int atCut = load.completed();
            // Rows written from now on cannot have left before the cut. (A batch on its way at the cut may
            // have reached the exchange unconfirmed: it is published again later, a legitimate duplicate.)
            long lastIdAtTheCut = lastOutboxId();

            await("readiness names the broker").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertReady(503, "DOWN"));
            assertThat(api.get("/health").status()).as("liveness during the outage").isEqualTo(200);
            await("commands during the outage").atMost(Duration.ofSeconds(30))
                    .until(() -> load.completed() - atCut >= COMMANDS_DURING_THE_OUTAGE);
            await("the outbox grows").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> pendingInSql() >= COMMANDS_DURING_THE_OUTAGE - CLIENTS);
            assertThat(metric("events_outbox_pending", null)).as("events.outbox.pending on /metrics")
                    .isGreaterThanOrEqualTo(COMMANDS_DURING_THE_OUTAGE - CLIENTS);
            assertThat(metric("events_outbox_oldest_age_seconds", null)).as("events.outbox.oldest.age")
                    .isGreaterThan(0);
            assertReady(503, "DOWN");

            // Written during the outage, so delivered to nobody yet: neither the broker nor in-process.
            pendingDuringTheOutage = pendingEventIds();
            assertThat(pendingDuringTheOutage).hasSizeGreaterThanOrEqualTo(COMMANDS_DURING_THE_OUTAGE - CLIENTS);
            Set<String> writtenDuringTheOutage = pendingDuringTheOutage.entrySet().stream()
                    .filter(entry -> entry.getValue() > lastIdAtTheCut).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(writtenDuringTheOutage).hasSizeGreaterThanOrEqualTo(COMMANDS_DURING_THE_OUTAGE - 2 * CLIENTS);
            assertThat(tap.countsById().keySet()).as("events at the exchange during the outage")
                    .doesNotContainAnyElementsOf(writtenDuringTheOutage);
            assertThat(inProcess).as("events on the in-process bus before the broker confirmed them")
                    .doesNotContainAnyElementsOf(writtenDuringTheOutage);
            handledBeforeTheReturn = metric("events_consumed_total", "outcome=\"processed\"");

            proxy.restore();
            int atRestore = load.completed();

            await("readiness once the broker is back").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertReady(200, "UP"));
            await("commands after the outage").atMost(Duration.ofSeconds(30))
                    .until(() -> load.completed() - atRestore >= COMMANDS_AFTER_THE_OUTAGE);
        } finally {
            load.stop();
        }

        assertThat(load.violations()).as("commands that did not succeed quickly, among %s", load.summary()).isEmpty();
        assertThat(load.completed()).isGreaterThanOrEqualTo(COMMANDS_DURING_THE_OUTAGE + COMMANDS_AFTER_THE_OUTAGE);

        await("the outbox drains").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> pendingInSql() == 0 && metric("events_outbox_pending", null) == 0);
        Map<String, Long> outbox = allEventIds();
        assertThat(outbox).as("one event per command").hasSize(load.succeeded());
        await("every event of the outbox at the test's consumer").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(tap.countsById().keySet()).as("missing at the consumer")
                        .containsAll(outbox.keySet()));
        await("every event on the in-process bus").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(inProcess).containsAll(outbox.keySet()));

        assertEventsOfEachLockInOrder(outbox.keySet());
        await("the notifications consumer handles again").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> metric("events_consumed_total", "outcome=\"processed\"")
                        >= handledBeforeTheReturn + pendingDuringTheOutage.size());
    }

    // ------------------------------------------------------------------------------------------------
    // Readiness and metrics

    private static void assertReady(int status, String broker) {
        Reply ready = api.get("/ready");
        assertThat(ready.status()).as(ready.describe()).isEqualTo(status);
        JsonNode components = ready.json().path("components");
        assertThat(components.path("broker").asText()).as(ready.describe()).isEqualTo(broker);
        assertThat(components.path("database").asText()).as(ready.describe()).isEqualTo("UP");
    }

    /** The sum of a metric's samples (those whose labels contain {@code label}, when given). */
    private static double metric(String name, String label) {
        Reply scrape = api.get("/metrics");
        assertThat(scrape.status()).as(scrape.describe()).isEqualTo(200);
        double sum = 0;
        boolean found = false;
        for (String line : scrape.body().split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            if ((rest.startsWith(" ") || rest.startsWith("{")) && (label == null || rest.contains(label))) {
                String[] parts = line.trim().split(" ");
                sum += Double.parseDouble(parts[parts.length - 1]);
                found = true;
            }
        }
        assertThat(found).as("metric %s%s on /metrics", name, label == null ? "" : "{" + label + "}").isTrue();
        return sum;
    }

    // ------------------------------------------------------------------------------------------------
    // The outbox, read straight from PostgreSQL

    private static Jdbi jdbi() {
        return database.database().jdbi();
    }

    private static long lastOutboxId() {
        return jdbi().withHandle(handle -> handle.createQuery("SELECT coalesce(max(id), 0) FROM outbox_events")
                .mapTo(Long.class).one());
    }

    private static int pendingInSql() {
        return jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM outbox_events WHERE sent_at IS NULL")
                .mapTo(Integer.class).one());
    }

    /** Event id to outbox id, of the events not delivered yet. */
    private static Map<String, Long> pendingEventIds() {
        return eventIds("WHERE sent_at IS NULL");
    }

    private static Map<String, Long> allEventIds() {
        return eventIds("");
    }

    private static Map<String, Long> eventIds(String where) {
        return jdbi().withHandle(handle -> handle.createQuery("SELECT event_id::text AS event_id, id FROM outbox_events "
                        + where)
                .map((rs, ctx) -> Map.entry(rs.getString("event_id"), rs.getLong("id")))
                .list())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The first arrival of each lock's slot.locked comes before the first of its slot.released. */
    private static void assertEventsOfEachLockInOrder(Set<String> outbox) {
        Map<String, List<String>> byToken = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Message message : tap.received()) {
            if (outbox.contains(message.messageId()) && seen.add(message.messageId())) {
                byToken.computeIfAbsent(message.payloadText("reservationToken"), token -> new ArrayList<>())
                        .add(message.routingKey());
            }
        }
        List<String> outOfOrder = byToken.entrySet().stream()
                .filter(entry -> !entry.getValue().equals(List.of("slot.locked", "slot.released"))
                        && !entry.getValue().equals(List.of("slot.locked")))
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .limit(10)
                .toList();
        assertThat(outOfOrder).as("locks whose events arrived out of order").isEmpty();
    }

    // ------------------------------------------------------------------------------------------------
    // Setup and the clients

    private record Place(String unitId, String serviceId) {
    }

    private static Place createPlace() {
        Map<String, Object> unit = new LinkedHashMap<>(HttpContractTest.unitBody(HttpContractTest.everyDay("08:00-18:00")));
        unit.put("timeZone", "UTC");
        Reply createdUnit = api.admin().post("/units", unit);
        assertThat(createdUnit.status()).as(createdUnit.describe()).isEqualTo(201);
        String unitId = createdUnit.text("id");
        Reply createdService = api.admin().post("/units/" + unitId + "/services", Map.of("name", "Consulta",
                "durationMinutes", 30, "capacity", 50));
        assertThat(createdService.status()).as(createdService.describe()).isEqualTo(201);
        return new Place(unitId, createdService.text("id"));
    }

    private static List<String> startTimes(String first, String last, int everyMinutes) {
        List<String> starts = new ArrayList<>();
        for (LocalTime time = LocalTime.parse(first); !time.isAfter(LocalTime.parse(last));
             time = time.plusMinutes(everyMinutes)) {
            starts.add(time.toString());
        }
        return List.copyOf(starts);
    }

    /** One command and what came of it. */
    private record Command(String kind, Duration took, Reply reply, Exception failure) {

        String violation() {
            if (failure != null) {
                return kind + " got no answer after " + took.toMillis() + " ms: " + failure;
            }
            if (took.compareTo(MAX_ANSWER_TIME) > 0) {
                return reply.request() + " took " + took.toMillis() + " ms";
            }
            int expected = kind.equals("lock") ? 201 : 200;
            return reply.status() == expected ? null : "unexpected: " + reply.describe();
        }

        boolean succeeded() {
            return violation() == null;
        }
    }

    /** Clients on threads of their own, each locking a random slot and releasing it, until stopped. */
    private static final class Load {
        private final Place place;
        private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
        private final AtomicInteger completed = new AtomicInteger();
        private volatile boolean stopped;

        private Load(Place place) {
            this.place = place;
        }

        static Load start(Place place) {
            Load load = new Load(place);
            long deadline = System.nanoTime() + MAX_LOAD_TIME.toNanos();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                load.threads.execute(() -> load.run(client, deadline));
            }
            return load;
        }

        private void run(int client, long deadline) {
            Random random = new Random(client);
            for (int i = 0; i < MAX_COMMANDS_PER_CLIENT / 2 && !stopped && System.nanoTime() - deadline < 0; i++) {
                LocalDate date = FIRST_DAY.plusDays(random.nextInt(DAYS));
                String start = STARTS.get(random.nextInt(STARTS.size()));
                Command lock = send("lock", () -> api.post("/slots/lock", Map.of("unitId", place.unitId(),
                        "serviceId", place.serviceId(), "date", date.toString(), "startTime", start)));
                if (lock.succeeded()) {
                    String token = lock.reply().text("reservationToken");
                    send("release", () -> api.post("/slots/release", Map.of("reservationToken", token)));
                }
            }
        }

        private Command send(String kind, java.util.function.Supplier<Reply> request) {
            long started = System.nanoTime();
            Reply reply = null;
            Exception failure = null;
            try {
                reply = request.get();
            } catch (RuntimeException noAnswer) {
                failure = noAnswer;
            }
            Command command = new Command(kind, Duration.ofNanos(System.nanoTime() - started), reply, failure);
            commands.add(command);
            completed.incrementAndGet();
            return command;
        }

        int completed() {
            return completed.get();
        }

        int succeeded() {
            return (int) commands.stream().filter(Command::succeeded).count();
        }

        void stop() {
            stopped = true;
            threads.shutdown();
            try {
                assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).as("clients stopped").isTrue();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }

        Map<String, Long> summary() {
            return commands.stream().collect(Collectors.groupingBy(command -> command.kind() + " "
                    + (command.reply() == null ? "no answer" : command.reply().status()), TreeMap::new,
                    Collectors.counting()));
        }

        List<String> violations() {
            return commands.stream().map(Command::violation).filter(violation -> violation != null).limit(20)
                    .toList();
        }
    }
}
