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
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The database goes away in the middle of a run and comes back. The service reaches PostgreSQL through
 * a {@link TcpProxy} that the test cuts while clients keep locking slots and reading availability:
 * every answer meanwhile is a normal one or a 503 {@code dependency_unavailable} problem, and comes
 * quickly; readiness says the database is down while liveness stays up; once the proxy is restored the
 * same running service serves again; and the stored data, read straight from the database, holds
 * nothing half-written.
 */
class DatabaseOutageTest {
    /** Monday 2026-03-02, noon UTC; the clock stands still, so no lock expires during the test. */
    private static final MutableClock CLOCK = MutableClock.at("2026-03-02T12:00:00Z");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-03-03");
    private static final int DAYS = 28;
    /** The recovery probe's own day, apart from the clients' days, so that it always finds room. */
    private static final LocalDate PROBE_DAY = FIRST_DAY.plusDays(40);
    /** Slots of 60 minutes every 30 minutes, 08:00 to 17:00: neighbours overlap and share capacity. */
    private static final List<String> STARTS = startTimes("08:00", "17:00", 30);
    private static final int CAPACITY = 3;

    private static final int CLIENTS = 6;
    /** Bounds the load, whatever happens: each client stops after this many requests or this long. */
    private static final int MAX_REQUESTS_PER_CLIENT = 2_000;
    private static final Duration MAX_LOAD_TIME = Duration.ofSeconds(45);
    /** A request may wait for the pool's connection timeout (3 s), never much longer. */
    private static final Duration MAX_ANSWER_TIME = Duration.ofSeconds(5);

    private static final String ADMIN_TOKEN = "test-admin-" + UUID.randomUUID();

    private static PostgresTestDatabase database;
    private static TcpProxy proxy;
    private static ServiceRuntime runtime;
    private static ApiClient api;

    @BeforeAll
    static void startTheServiceBehindAProxy() {
        database = PostgresTestDatabase.create(2);
        URI server = URI.create(PostgresTestDatabase.url().substring("jdbc:".length()));
        proxy = TcpProxy.to(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
        String query = (server.getRawQuery() == null ? "" : server.getRawQuery() + "&")
                + "currentSchema=" + database.schema();
        Map<String, String> env = new HashMap<>();
        env.put(Configuration.DB_URL,
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getRawPath() + "?" + query);
        env.put(Configuration.DB_USER, database.settings().user());
        env.put(Configuration.DB_PASSWORD, database.settings().password());
        env.put(Configuration.DB_POOL_SIZE, "4");
        env.put(Configuration.ADMIN_TOKEN, ADMIN_TOKEN);
        runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(env), CLOCK, 0);
        api = new ApiClient("http://127.0.0.1:" + runtime.port(), ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void commandsAnswer503DuringAnOutageAndTheServiceRecoversByItselfWithNothingHalfWritten() {
        Place place = createPlace();
        List<String> probeTokens = new ArrayList<>();
        Load load = Load.start(place);
        try {
            await("locks before the outage").atMost(Duration.ofSeconds(10))
                    .until(() -> load.count(Exchange::isLocked) >= 20);

            proxy.cut();
            long cutAt = System.nanoTime();

            Reply health = api.get("/health");
            assertThat(health.status()).as(health.describe()).isEqualTo(200);
            long askedAt = System.nanoTime();
            Reply ready = api.get("/ready");
            assertThat(Duration.ofNanos(System.nanoTime() - askedAt)).as("time to answer /ready")
                    .isLessThan(MAX_ANSWER_TIME);
            assertThat(ready.status()).as(ready.describe()).isEqualTo(503);
            assertThat(ready.json().path("components").path("database").asText()).as(ready.describe())
                    .isEqualTo("DOWN");
            await("clients told the database is unavailable").atMost(Duration.ofSeconds(15))
                    .until(() -> load.count(exchange -> exchange.startedAfter(cutAt) && exchange.isUnavailable())
                            >= CLIENTS);
            assertThat(api.get("/health").status()).as("liveness during the outage").isEqualTo(200);

            proxy.restore();
            long restoredAt = System.nanoTime();

            await("readiness after the database came back").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        Reply again = api.get("/ready");
                        assertThat(again.status()).as(again.describe()).isEqualTo(200);
                    });
            await("a lock after the database came back").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> probe(place, probeTokens));
            await("every client served again").atMost(Duration.ofSeconds(15))
                    .until(() -> load.clientsServedSince(restoredAt) == CLIENTS);
        } finally {
            load.stop();
        }

        assertThat(load.violations()).as("answers that are neither normal nor 503 dependency_unavailable, or slow,"
                + " among %s", load.summary()).isEmpty();
        assertNothingHalfWritten(place, load.lockedTokens(), probeTokens);
    }

    // ------------------------------------------------------------------------------------------------
    // Setup and the recovery probe

    private record Place(String unitId, String serviceId) {
    }

    private static Place createPlace() {
        Map<String, Object> unit = new LinkedHashMap<>(
                HttpContractTest.unitBody(HttpContractTest.everyDay("08:00-18:00")));
        unit.put("timeZone", "UTC");
        Reply createdUnit = api.admin().post("/units", unit);
        assertThat(createdUnit.status()).as(createdUnit.describe()).isEqualTo(201);
        String unitId = createdUnit.text("id");
        Reply createdService = api.admin().post("/units/" + unitId + "/services", Map.of("name", "Consulta",
                "durationMinutes", 60, "slotIntervalMinutes", 30, "capacity", CAPACITY));
        assertThat(createdService.status()).as(createdService.describe()).isEqualTo(201);
        return new Place(unitId, createdService.text("id"));
    }

    /** One lock on the probe day; true when it was granted. Anything but 201 or 503 fails the test. */
    private static boolean probe(Place place, List<String> tokens) {
        String start = STARTS.get(tokens.size() % STARTS.size());
        Reply reply = api.post("/slots/lock", lockBody(place, PROBE_DAY, start));
        if (reply.status() == 201) {
            tokens.add(reply.text("reservationToken"));
            return true;
        }
        HttpContractTest.assertProblem(reply, 503, "dependency_unavailable");
        return false;
    }

    private static Map<String, Object> lockBody(Place place, LocalDate date, String start) {
        return Map.of("unitId", place.unitId(), "serviceId", place.serviceId(), "date", date.toString(),
                "startTime", start);
    }

    private static List<String> startTimes(String first, String last, int everyMinutes) {
        List<String> starts = new ArrayList<>();
        for (LocalTime time = LocalTime.parse(first); !time.isAfter(LocalTime.parse(last));
             time = time.plusMinutes(everyMinutes)) {
            starts.add(time.toString());
        }
        return List.copyOf(starts);
    }

    // ------------------------------------------------------------------------------------------------
    // The clients

    /** One request and what came of it: a reply, or the exception that took its place. */
    private record Exchange(int client, String kind, long startedAt, Duration took, Reply reply, Exception failure) {
        static final String LOCK = "lock";
        static final String AVAILABILITY = "availability";

        boolean startedAfter(long nanoTime) {
            return startedAt - nanoTime > 0;
        }

        boolean isLocked() {
            return reply != null && kind.equals(LOCK) && reply.status() == 201;
        }

        boolean isUnavailable() {
            return reply != null && reply.status() == 503;
        }

        boolean isServed() {
            return reply != null && reply.status() < 500;
        }

        /** Why this exchange breaks the contract under an outage, or null when it does not. */
        String violation() {
            if (failure != null) {
                return kind + " got no answer after " + took.toMillis() + " ms: " + failure;
            }
            if (took.compareTo(MAX_ANSWER_TIME) > 0) {
                return reply.request() + " took " + took.toMillis() + " ms";
            }
            if (reply.body().contains("Exception") || reply.body().contains("\tat ")) {
                return "a stack trace in " + reply.describe();
            }
            int status = reply.status();
            if (status == 503) {
                return problemCode(reply).equals("dependency_unavailable") ? null : "another 503: " + reply.describe();
            }
            if (kind.equals(LOCK)) {
                if (status == 201 && reply.json().path("reservationToken").isTextual()) {
                    return null;
                }
                return status == 409 && problemCode(reply).equals("slot_full") ? null
                        : "an unexpected lock answer: " + reply.describe();
            }
            return status == 200 && reply.json().path("slots").isArray() ? null
                    : "an unexpected availability answer: " + reply.describe();
        }

        private static String problemCode(Reply reply) {
            if (!reply.contentType().startsWith("application/problem+json")) {
                return "(not a problem: " + reply.contentType() + ")";
            }
            JsonNode problem = reply.json();
            return problem.path("status").asInt() == reply.status() ? problem.path("code").asText()
                    : "(status " + problem.path("status") + " in the body)";
        }
    }

    /**
     * Clients on threads of their own, each alternating a lock on a random slot of the clients' days and
     * a read of that day's availability, until stopped or past their bound.
     */
    private static final class Load {
        private final Place place;
        private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
        private final AtomicInteger running = new AtomicInteger(CLIENTS);
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
            try {
                for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && !stopped && System.nanoTime() - deadline < 0; i++) {
                    LocalDate date = FIRST_DAY.plusDays(random.nextInt(DAYS));
                    if (i % 2 == 0) {
                        String start = STARTS.get(random.nextInt(STARTS.size()));
                        send(client, Exchange.LOCK, () -> api.post("/slots/lock", lockBody(place, date, start)));
                    } else {
                        send(client, Exchange.AVAILABILITY, () -> api.get("/units/" + place.unitId()
                                + "/availability?serviceId=" + place.serviceId() + "&date=" + date));
                    }
                }
            } finally {
                running.decrementAndGet();
            }
        }

        private void send(int client, String kind, Supplier<Reply> request) {
            long started = System.nanoTime();
            Reply reply = null;
            Exception failure = null;
            try {
                reply = request.get();
            } catch (RuntimeException noAnswer) {
                failure = noAnswer;
            }
            exchanges.add(new Exchange(client, kind, started, Duration.ofNanos(System.nanoTime() - started), reply,
                    failure));
        }

        long count(Predicate<Exchange> which) {
            return exchanges.stream().filter(which).count();
        }

        /** How many clients got a normal answer to a request they sent after {@code nanoTime}. */
        long clientsServedSince(long nanoTime) {
            assertThat(running.get()).as("clients still running (they stop at their bound)").isEqualTo(CLIENTS);
            return exchanges.stream()
                    .filter(exchange -> exchange.startedAfter(nanoTime) && exchange.isServed())
                    .map(Exchange::client)
                    .distinct()
                    .count();
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

        /** What the clients got, such as {@code {availability 200=130, availability 503=18, lock 201=120, ...}}. */
        Map<String, Long> summary() {
            return exchanges.stream().collect(Collectors.groupingBy(exchange -> exchange.kind() + " "
                    + (exchange.reply() == null ? "no answer" : exchange.reply().status()), TreeMap::new,
                    Collectors.counting()));
        }

        List<String> violations() {
            return exchanges.stream().map(Exchange::violation).filter(violation -> violation != null).limit(20)
                    .toList();
        }

        Set<String> lockedTokens() {
            return exchanges.stream().filter(Exchange::isLocked)
                    .map(exchange -> exchange.reply().text("reservationToken"))
                    .collect(Collectors.toSet());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The stored data, read straight from PostgreSQL (not through the proxy)

    private static void assertNothingHalfWritten(Place place, Set<String> clientTokens, List<String> probeTokens) {
        Jdbi jdbi = database.database().jdbi();
        String serviceId = place.serviceId();

        List<String> minutesOff = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT c.minute, c.used, coalesce(sum(l.quantity), 0) AS held
                        FROM slot_capacity c
                        LEFT JOIN slot_locks l ON l.service_id = c.service_id AND l.status = 'LOCKED'
                             AND l.starts_at <= to_timestamp(c.minute * 60) AND l.ends_at > to_timestamp(c.minute * 60)
                        WHERE c.service_id = :serviceId
                        GROUP BY c.minute, c.used
                        HAVING c.used <> coalesce(sum(l.quantity), 0) OR c.used > :capacity""")
                .bind("serviceId", serviceId)
                .bind("capacity", CAPACITY)
                .map((rs, ctx) -> "minute " + rs.getLong("minute") + ": used " + rs.getInt("used") + ", held "
                        + rs.getInt("held"))
                .list());
        assertThat(minutesOff).as("minutes whose stored usage disagrees with the locks").isEmpty();

        // With every stored minute right, equal totals mean no locked minute lacks its capacity row.
        Map<String, Object> totals = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT (SELECT coalesce(sum(used), 0) FROM slot_capacity WHERE service_id = :serviceId)
                                   AS used_minutes,
                               (SELECT coalesce(sum(quantity * extract(epoch FROM ends_at - starts_at) / 60), 0)
                                FROM slot_locks WHERE service_id = :serviceId AND status = 'LOCKED')::bigint
                                   AS held_minutes""")
                .bind("serviceId", serviceId)
                .mapToMap()
                .one());
        assertThat(((Number) totals.get("used_minutes")).longValue()).as("capacity-minutes stored vs held by locks")
                .isEqualTo(((Number) totals.get("held_minutes")).longValue());

        List<String> seen = new ArrayList<>(clientTokens);
        seen.addAll(probeTokens);
        List<String> locked = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT token FROM slot_locks WHERE service_id = :serviceId AND status = 'LOCKED'")
                .bind("serviceId", serviceId)
                .mapTo(String.class)
                .list());
        assertThat(locked).as("locks in the database").containsAll(seen);

        List<String> withoutOneEvent = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT l.token, count(e.id) AS events
                        FROM slot_locks l
                        LEFT JOIN outbox_events e ON e.type = 'slot.locked'
                             AND e.envelope::jsonb -> 'payload' ->> 'reservationToken' = l.token
                        WHERE l.service_id = :serviceId
                        GROUP BY l.token
                        HAVING count(e.id) <> 1""")
                .bind("serviceId", serviceId)
                .map((rs, ctx) -> rs.getString("token") + ": " + rs.getInt("events") + " slot.locked events")
                .list());
        assertThat(withoutOneEvent).as("locks without exactly one slot.locked event").isEmpty();

        List<String> eventsWithoutLock = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT e.envelope::jsonb -> 'payload' ->> 'reservationToken' AS token
                        FROM outbox_events e
                        WHERE e.type = 'slot.locked' AND e.envelope::jsonb -> 'payload' ->> 'serviceId' = :serviceId
                          AND NOT EXISTS (SELECT 1 FROM slot_locks l
                                          WHERE l.token = e.envelope::jsonb -> 'payload' ->> 'reservationToken')""")
                .bind("serviceId", serviceId)
                .mapTo(String.class)
                .list());
        assertThat(eventsWithoutLock).as("slot.locked events whose lock was not stored").isEmpty();
    }
}
