import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak suite's invariant checks, after the load and the faults: in SQL on the run's database, at the
 * run's tap queue (every event by eventId), in the workers' logs (every notice by its id) and through the
 * HTTP API of every instance, against what the load's clients were told (its ledger). First it waits, a
 * bounded time, for the system to settle: the outbox relayed, every hold ended (expired by the sweeper at the
 * latest), every appointment event handled by the workers.
 *
 * <p>Writes OUT_DIR/invariants.md (a Markdown table and the first violations of each invariant) and exits 1
 * if any invariant fails.
 *
 * <p>Usage: java -cp scheduling-service.jar reliability/SoakCheck.java OUT_DIR JDBC_URL AMQP_URI
 * WORKER_KILLS SETTLE_SECONDS WORKER_LOGS(comma-separated) BASE_URL...
 */
public class SoakCheck {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    static final Pattern NOTICE = Pattern.compile("dev sender: notice ([0-9a-f-]{36}) (appointment_[a-z]+)");

    static final Map<String, Check> checks = new LinkedHashMap<>();
    static java.sql.Connection db;

    /** One invariant: how many things it looked at, and what broke it. */
    static final class Check {
        final String title;
        long checked;
        final List<String> violations = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Check(String title) {
            this.title = title;
        }

        void ok() {
            checked++;
        }

        void expect(boolean holds, String violation) {
            checked++;
            if (!holds) {
                violations.add(violation);
            }
        }
    }

    static Check check(String key, String title) {
        return checks.computeIfAbsent(key, k -> new Check(title));
    }

    record Lock(String token, String service, String date, String start, String status, int quantity) {}

    record Appointment(String id, String client, String service, String date, String start, String status, String token) {}

    record Event(long id, String eventId, String type, JsonNode payload) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String jdbc = args[1];
        String amqp = args[2];
        int workerKills = Integer.parseInt(args[3]);
        int settleSeconds = Integer.parseInt(args[4]);
        List<Path> workerLogs = new ArrayList<>();
        for (String log : args[5].split(",")) {
            workerLogs.add(Path.of(log));
        }
        List<String> bases = List.of(args).subList(6, args.length);
        db = DriverManager.getConnection(jdbc, "postgres", "");

        settle(settleSeconds);

        Properties catalog = new Properties();
        catalog.load(Files.newBufferedReader(out.resolve("catalog.properties")));
        Map<String, Integer> capacity = new HashMap<>();
        query("SELECT id, capacity FROM services", rs -> capacity.put(rs.getString(1), rs.getInt(2)));
        Map<String, Lock> locks = new HashMap<>();
        query("SELECT token, service_id, slot_date, to_char(start_time, 'HH24:MI'), status, quantity FROM slot_locks",
                rs -> locks.put(rs.getString(1), new Lock(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6))));
        Map<String, Appointment> appointments = new HashMap<>();
        query("SELECT id, client_id, service_id, slot_date, to_char(start_time, 'HH24:MI'), status, reservation_token"
                + " FROM appointments", rs -> appointments.put(rs.getString(1), new Appointment(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))));
        List<Event> outbox = new ArrayList<>();
        query("SELECT id, event_id, type, envelope FROM outbox_events ORDER BY id", rs -> outbox.add(new Event(
                rs.getLong(1), rs.getString(2), rs.getString(3), JSON.readTree(rs.getString(4)).path("payload"))));

        capacityInSql();
        eventsOfEachChange(locks, appointments, outbox, capacity);
        eventsAtTheTap(amqp, outbox);
        notifications(outbox, workerLogs, workerKills);
        ledger(out, locks, appointments);
        throughTheApi(out, bases, catalog, locks, appointments);

        boolean failed = checks.values().stream().anyMatch(check -> !check.violations.isEmpty());
        Files.writeString(out.resolve("invariants.md"), report());
        Files.writeString(out.resolve("figures.properties"), "events=" + outbox.size() + "\nlocks=" + locks.size()
                + "\nappointments=" + appointments.size() + "\n");
        System.out.println(report());
        System.exit(failed ? 1 : 0);
    }

    // ------------------------------------------------------------------------------------------------
    // Settling

    static void settle(int seconds) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        String last = "";
        while (System.nanoTime() < until) {
            long pending = single("SELECT count(*) FROM outbox_events WHERE sent_at IS NULL");
            long holding = single("SELECT count(*) FROM slot_locks WHERE status = 'LOCKED'");
            long notices = single("SELECT count(*) FROM outbox_events WHERE type LIKE 'appointment.%'");
            long handled = single("SELECT count(*) FROM inbox_events WHERE consumer = 'notifications'");
            last = "outbox pending " + pending + ", holds still LOCKED " + holding + ", appointment events "
                    + notices + ", handled by the workers " + handled;
            if (pending == 0 && holding == 0 && handled >= notices) {
                System.out.println("settled: " + last);
                Thread.sleep(2_000); // duplicates, if any, still on their way to the tap or a worker
                return;
            }
            Thread.sleep(1_000);
        }
        System.out.println("not settled after " + seconds + " s: " + last);
    }

    // ------------------------------------------------------------------------------------------------
    // Capacity

    static void capacityInSql() throws Exception {
        Check exact = check("capacity", "Every service and minute: stored used = active holds + confirmed appointments");
        Check bounded = check("capacity-bound", "Every service and minute: used <= capacity (stored and recomputed)");
        query("""
                WITH held AS (
                    SELECT service_id, quantity, starts_at, ends_at FROM slot_locks WHERE status = 'LOCKED'
                    UNION ALL
                    SELECT service_id, quantity, starts_at, ends_at FROM appointments WHERE status = 'CONFIRMED'),
                expected AS (
                    SELECT service_id, minute, sum(quantity) AS quantity
                    FROM held, generate_series(CAST(extract(epoch FROM starts_at) / 60 AS bigint),
                                               CAST(extract(epoch FROM ends_at) / 60 AS bigint) - 1) AS minute
                    GROUP BY service_id, minute)
                SELECT service_id, minute, coalesce(c.used, 0), coalesce(e.quantity, 0), s.capacity
                FROM slot_capacity c FULL JOIN expected e USING (service_id, minute)
                JOIN services s ON s.id = service_id""", rs -> {
            long used = rs.getLong(3);
            long expected = rs.getLong(4);
            int total = rs.getInt(5);
            String where = "service " + rs.getString(1) + " minute " + rs.getLong(2);
            exact.expect(used == expected, where + ": stored " + used + ", holds + appointments " + expected);
            bounded.expect(used <= total && expected <= total, where + ": used " + Math.max(used, expected)
                    + " over capacity " + total);
        });
    }

    // ------------------------------------------------------------------------------------------------
    // Events in the outbox against the tables

    static void eventsOfEachChange(Map<String, Lock> locks, Map<String, Appointment> appointments, List<Event> outbox,
                                   Map<String, Integer> capacity) {
        Check lockEvents = check("events-locks", "Every hold: one slot.locked; one slot.released with the reason of its end state");
        Check appointmentEvents = check("events-appointments",
                "Every appointment: one appointment.created, one appointment.cancelled if cancelled; its last created/rescheduled event names its slot");
        Check converted = check("events-converted", "Converted holds = appointment.created + appointment.rescheduled");
        Check bounds = check("events-capacity", "Every event: capacityUsed <= capacityTotal (the service's capacity)");
        Check unknown = check("events-known", "Every event names a hold or an appointment that exists; no eventId twice in the outbox");

        Map<String, Integer> locked = new HashMap<>();
        Map<String, List<String>> released = new HashMap<>();
        Map<String, List<Event>> ofAppointment = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        int created = 0;
        int rescheduled = 0;
        for (Event event : outbox) {
            unknown.expect(eventIds.add(event.eventId()), "eventId " + event.eventId() + " twice in the outbox");
            JsonNode p = event.payload();
            switch (event.type()) {
                case "slot.locked" -> locked.merge(p.path("reservationToken").asText(), 1, Integer::sum);
                case "slot.released" -> released.computeIfAbsent(p.path("reservationToken").asText(), k -> new ArrayList<>())
                        .add(p.path("reason").asText());
                default -> ofAppointment.computeIfAbsent(p.path("appointmentId").asText(), k -> new ArrayList<>()).add(event);
            }
            if (event.type().equals("appointment.created")) {
                created++;
            } else if (event.type().equals("appointment.rescheduled")) {
                rescheduled++;
            }
            if (event.type().startsWith("slot.")) {
                String token = p.path("reservationToken").asText();
                unknown.expect(locks.containsKey(token), event.type() + " " + event.eventId() + " names an unknown hold " + token);
                bounds.expect(p.path("capacityUsed").asInt() <= p.path("capacityTotal").asInt(),
                        event.type() + " " + event.eventId() + ": capacityUsed " + p.path("capacityUsed") + " > "
                                + p.path("capacityTotal"));
            } else {
                String id = p.path("appointmentId").asText();
                unknown.expect(appointments.containsKey(id), event.type() + " " + event.eventId() + " names an unknown appointment " + id);
                if (event.type().equals("appointment.cancelled")) {
                    int total = capacity.getOrDefault(p.path("serviceId").asText(), 0);
                    bounds.expect(p.path("capacityUsed").asInt() <= total, "appointment.cancelled " + event.eventId()
                            + ": capacityUsed " + p.path("capacityUsed") + " > " + total);
                }
            }
        }
        long convertedLocks = 0;
        for (Lock lock : locks.values()) {
            lockEvents.expect(locked.getOrDefault(lock.token(), 0) == 1,
                    "hold " + lock.token() + ": " + locked.getOrDefault(lock.token(), 0) + " slot.locked events");
            List<String> reasons = released.getOrDefault(lock.token(), List.of());
            List<String> expected = switch (lock.status()) {
                case "LOCKED" -> List.of();
                case "RELEASED" -> List.of("released");
                case "EXPIRED" -> List.of("expired");
                default -> List.of("converted");
            };
            lockEvents.expect(reasons.equals(expected), "hold " + lock.token() + " " + lock.status()
                    + ": slot.released reasons " + reasons + ", expected " + expected);
            if (lock.status().equals("CONVERTED")) {
                convertedLocks++;
            }
        }
        converted.expect(convertedLocks == created + rescheduled, convertedLocks + " converted holds, " + created
                + " appointment.created + " + rescheduled + " appointment.rescheduled");
        for (Appointment appointment : appointments.values()) {
            List<Event> events = ofAppointment.getOrDefault(appointment.id(), List.of());
            long creates = events.stream().filter(e -> e.type().equals("appointment.created")).count();
            long cancels = events.stream().filter(e -> e.type().equals("appointment.cancelled")).count();
            appointmentEvents.expect(creates == 1, "appointment " + appointment.id() + ": " + creates + " appointment.created");
            appointmentEvents.expect(cancels == (appointment.status().equals("CANCELLED") ? 1 : 0),
                    "appointment " + appointment.id() + " " + appointment.status() + ": " + cancels + " appointment.cancelled");
            Event lastMove = null;
            for (Event event : events) {
                if (!event.type().equals("appointment.cancelled")) {
                    lastMove = event;
                }
            }
            appointmentEvents.expect(lastMove != null && lastMove.payload().path("date").asText().equals(appointment.date())
                            && lastMove.payload().path("startTime").asText().equals(appointment.start()),
                    "appointment " + appointment.id() + " at " + appointment.date() + " " + appointment.start()
                            + ", its last event says " + (lastMove == null ? "nothing" : lastMove.payload()));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The tap: every event of the outbox reached the exchange, counted by eventId

    static void eventsAtTheTap(String amqp, List<Event> outbox) throws Exception {
        Check tap = check("tap", "Every outbox event reached the exchange (counted by eventId at the run's tap queue); nothing else did");
        Map<String, Integer> seen = new HashMap<>();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqp);
        try (Connection connection = factory.newConnection("reliability-tap-check")) {
            Channel channel = connection.createChannel();
            GetResponse message;
            while ((message = channel.basicGet(SoakLoadTap.QUEUE, true)) != null) {
                JsonNode envelope = JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
                seen.merge(envelope.path("eventId").asText(), 1, Integer::sum);
            }
        }
        Set<String> inOutbox = new HashSet<>();
        for (Event event : outbox) {
            inOutbox.add(event.eventId());
            tap.expect(seen.containsKey(event.eventId()), "missing at the tap: " + event.type() + " " + event.eventId());
        }
        for (String id : seen.keySet()) {
            tap.expect(inOutbox.contains(id), "at the tap but not in the outbox: " + id);
        }
        long duplicates = seen.values().stream().filter(n -> n > 1).count();
        long extra = seen.values().stream().mapToLong(n -> n - 1).sum();
        tap.notes.add(seen.size() + " distinct events at the tap; " + duplicates + " of them delivered more than once ("
                + extra + " extra deliveries: at-least-once publication, e.g. a batch unconfirmed when the broker"
                + " connection was cut; consumers deduplicate by eventId)");
    }

    // ------------------------------------------------------------------------------------------------
    // Notifications: the workers' inbox and the notices in their logs

    static void notifications(List<Event> outbox, List<Path> workerLogs, int workerKills) throws Exception {
        Check inbox = check("inbox", "Every appointment event handled once by the notification workers (inbox), nothing else");
        Check notices = check("notices", "Every appointment event's notice sent (worker logs, by notice id), none twice");
        Set<String> handled = new HashSet<>();
        query("SELECT event_id FROM inbox_events WHERE consumer = 'notifications'", rs -> handled.add(rs.getString(1)));
        Map<String, Integer> sent = new HashMap<>();
        for (Path log : workerLogs) {
            if (!Files.exists(log)) {
                continue;
            }
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher matcher = NOTICE.matcher(line);
                if (matcher.find()) {
                    sent.merge(matcher.group(1), 1, Integer::sum);
                }
            }
        }
        Set<String> expectedNotices = new HashSet<>();
        Set<String> appointmentEvents = new HashSet<>();
        for (Event event : outbox) {
            if (!event.type().startsWith("appointment.")) {
                continue;
            }
            appointmentEvents.add(event.eventId());
            inbox.expect(handled.contains(event.eventId()), "not handled by a worker: " + event.type() + " " + event.eventId());
            String template = event.type().replace('.', '_');
            String notice = UUID.nameUUIDFromBytes((event.eventId() + "/" + template).getBytes(StandardCharsets.UTF_8)).toString();
            expectedNotices.add(notice);
            notices.expect(sent.containsKey(notice), "no notice " + notice + " for " + event.type() + " " + event.eventId());
        }
        for (String id : handled) {
            inbox.expect(appointmentEvents.contains(id), "handled but not an appointment event of the outbox: " + id);
        }
        long twice = 0;
        for (Map.Entry<String, Integer> entry : sent.entrySet()) {
            notices.expect(expectedNotices.contains(entry.getKey()), "a notice for no event: " + entry.getKey());
            if (entry.getValue() > 1) {
                twice++;
            }
        }
        if (twice > 0) {
            String note = twice + " notices were written twice by the dev sender";
            if (twice <= workerKills) {
                notices.notes.add(note + ": at most one per worker killed, the documented gap (sent, then killed"
                        + " before the inbox commit; the same notice id lets a provider drop the repeat)");
            } else {
                notices.violations.add(note + ", more than the " + workerKills + " worker kills can explain");
            }
        }
        notices.notes.add(sent.size() + " distinct notices in " + workerLogs.size() + " worker logs");
    }

    // ------------------------------------------------------------------------------------------------
    // The ledger: what clients were told is what the database holds

    static void ledger(Path out, Map<String, Lock> locks, Map<String, Appointment> appointments) throws Exception {
        Check acknowledged = check("ledger-locks", "Every acknowledged hold, release and walk-away is in the database in the state answered");
        Check booked = check("ledger-appointments",
                "Every acknowledged booking, reschedule and cancel is in the database (final state as last answered)");
        Check orphans = check("ledger-orphans",
                "Nothing duplicated: every hold and appointment in the database was acknowledged, or its request had no answer");
        Check ended = check("holds-ended", "Every hold ended (no LOCKED hold after the TTL: the sweeper expired the rest)");
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("ledger.tsv"))) {
            lines.add(line.split("\t"));
        }
        Set<String> knownLocks = new HashSet<>();
        Map<String, Integer> unknownLockSlots = new HashMap<>();
        Set<String> unknownBookTokens = new HashSet<>();
        Map<String, String[]> finalState = new HashMap<>(); // appointment -> {status, date, start}
        Set<String> uncertain = new HashSet<>();
        for (String[] f : lines) {
            String what = f[1];
            switch (what) {
                case "LOCK" -> {
                    knownLocks.add(f[2]);
                    Lock lock = locks.get(f[2]);
                    acknowledged.expect(lock != null && lock.service().equals(f[3]) && lock.date().equals(f[4])
                            && lock.start().equals(f[5]), "acknowledged hold " + f[2] + " on " + f[4] + " " + f[5] + ": " + lock);
                }
                case "LOCK_UNKNOWN" -> unknownLockSlots.merge(f[3] + " " + f[4] + " " + f[5], 1, Integer::sum);
                case "RELEASE" -> expectStatus(acknowledged, locks, f[2], f[3], "released");
                case "ABANDON", "BOOK_EXPIRED", "RESCHEDULE_EXPIRED" ->
                        expectStatus(acknowledged, locks, what.equals("ABANDON") ? f[2] : f[what.equals("BOOK_EXPIRED") ? 2 : 3],
                                "EXPIRED", what.toLowerCase());
                case "BOOK" -> {
                    Appointment appointment = appointments.get(f[2]);
                    booked.expect(appointment != null && appointment.client().equals(f[4]),
                            "acknowledged appointment " + f[2] + " of client " + f[4] + ": " + appointment);
                    expectStatus(acknowledged, locks, f[3], "CONVERTED", "booked");
                    finalState.put(f[2], new String[] {"CONFIRMED", f[5], f[6]});
                }
                case "BOOK_UNKNOWN" -> unknownBookTokens.add(f[2]);
                case "RESCHEDULE" -> {
                    expectStatus(acknowledged, locks, f[3], "CONVERTED", "rescheduled to");
                    finalState.put(f[2], new String[] {"CONFIRMED", f[4], f[5]});
                }
                case "RESCHEDULE_NOT_DONE" -> { }
                case "RESCHEDULE_UNKNOWN", "CANCEL_UNKNOWN" -> uncertain.add(f[2]);
                case "CANCEL" -> {
                    String[] before = finalState.get(f[2]);
                    finalState.put(f[2], new String[] {"CANCELLED", before == null ? null : before[1],
                            before == null ? null : before[2]});
                }
                case "RELEASE_UNKNOWN" -> { }
                default -> booked.violations.add("unknown ledger line " + String.join(" ", f));
            }
        }
        for (Map.Entry<String, String[]> entry : finalState.entrySet()) {
            if (uncertain.contains(entry.getKey())) {
                continue;
            }
            Appointment appointment = appointments.get(entry.getKey());
            String[] state = entry.getValue();
            booked.expect(appointment != null && appointment.status().equals(state[0])
                            && (state[1] == null || (appointment.date().equals(state[1]) && appointment.start().equals(state[2]))),
                    "appointment " + entry.getKey() + " last answered " + String.join(" ", state) + ", stored " + appointment);
        }
        int orphanLocks = 0;
        for (Lock lock : locks.values()) {
            ended.expect(!lock.status().equals("LOCKED"), "hold " + lock.token() + " still LOCKED");
            if (!knownLocks.contains(lock.token())) {
                String slot = lock.service() + " " + lock.date() + " " + lock.start();
                int left = unknownLockSlots.getOrDefault(slot, 0);
                orphans.expect(left > 0, "hold " + lock.token() + " (" + slot + ", " + lock.status()
                        + ") was never acknowledged, and no unanswered request asked for that slot");
                if (left > 0) {
                    unknownLockSlots.put(slot, left - 1);
                    orphanLocks++;
                }
            } else {
                orphans.ok();
            }
        }
        int orphanAppointments = 0;
        for (Appointment appointment : appointments.values()) {
            if (finalState.containsKey(appointment.id())) {
                orphans.ok();
                continue;
            }
            boolean explained = unknownBookTokens.contains(appointment.token());
            orphans.expect(explained, "appointment " + appointment.id() + " was never acknowledged, and no unanswered"
                    + " booking used its hold " + appointment.token());
            orphanAppointments++;
        }
        orphans.notes.add(orphanLocks + " holds and " + orphanAppointments + " appointments whose request got no answer"
                + " (every retry failed) but which committed");
    }

    static void expectStatus(Check check, Map<String, Lock> locks, String token, String status, String what) {
        Lock lock = locks.get(token);
        check.expect(lock != null && lock.status().equals(status), what + " hold " + token + ": expected " + status
                + ", stored " + (lock == null ? "nothing" : lock.status()));
    }

    // ------------------------------------------------------------------------------------------------
    // Through the API of every instance

    static void throughTheApi(Path out, List<String> bases, Properties catalog, Map<String, Lock> locks,
                              Map<String, Appointment> appointments) throws Exception {
        Check availability = check("api-availability",
                "Availability on every instance: each slot's capacityUsed = the database's, <= capacityTotal");
        Check mine = check("api-mine", "Each client's /clients/me/appointments (on every instance) = its rows in the database");
        Check lockStatus = check("api-locks", "GET /slots/locks/{token} (a sample, every instance) = the database's status");
        Map<String, Long> usedAt = new HashMap<>(); // service minute -> used
        query("SELECT service_id, minute, used FROM slot_capacity", rs -> usedAt.put(rs.getString(1) + " " + rs.getLong(2), rs.getLong(3)));
        Map<String, Integer> duration = new HashMap<>();
        query("SELECT id, duration_minutes FROM services", rs -> duration.put(rs.getString(1), rs.getInt(2)));
        LocalDate first = LocalDate.parse(catalog.getProperty("firstDay"));
        String unit = catalog.getProperty("unit");
        for (String base : bases) {
            for (String service : duration.keySet()) {
                JsonNode reply = get(base, "/units/" + unit + "/availability?serviceId=" + service + "&from=" + first
                        + "&to=" + first.plusDays(13), null);
                if (reply == null) {
                    availability.violations.add(base + ": no availability for " + service);
                    continue;
                }
                for (JsonNode slot : reply.path("slots")) {
                    long start = LocalDate.parse(slot.path("date").asText()).atTime(LocalTime.parse(slot.path("startTime").asText()))
                            .toEpochSecond(ZoneOffset.UTC) / 60;
                    long max = 0;
                    for (long minute = start; minute < start + duration.get(service); minute++) {
                        max = Math.max(max, usedAt.getOrDefault(service + " " + minute, 0L));
                    }
                    int shown = slot.path("capacityUsed").asInt();
                    availability.expect(shown == max && shown <= slot.path("capacityTotal").asInt(), base + " " + service + " "
                            + slot.path("date").asText() + " " + slot.path("startTime").asText() + ": capacityUsed " + shown
                            + " (total " + slot.path("capacityTotal") + "), database " + max);
                }
            }
        }
        Map<String, List<Appointment>> byClient = new HashMap<>();
        for (Appointment appointment : appointments.values()) {
            byClient.computeIfAbsent(appointment.client(), k -> new ArrayList<>()).add(appointment);
        }
        int i = 0;
        for (String line : Files.readAllLines(out.resolve("sessions.tsv"))) {
            String[] f = line.split("\t");
            String base = bases.get(i++ % bases.size());
            JsonNode reply = get(base, "/clients/me/appointments", f[2]);
            if (reply == null) {
                mine.violations.add(base + ": no answer for client " + f[0]);
                continue;
            }
            Map<String, String> shown = new TreeMap<>();
            for (JsonNode appointment : reply.path("appointments")) {
                shown.put(appointment.path("id").asText(), appointment.path("status").asText() + " "
                        + appointment.path("date").asText() + " " + appointment.path("startTime").asText());
            }
            Map<String, String> stored = new TreeMap<>();
            for (Appointment appointment : byClient.getOrDefault(f[0], List.of())) {
                stored.put(appointment.id(), appointment.status() + " " + appointment.date() + " " + appointment.start());
            }
            mine.expect(shown.equals(stored), "client " + f[0] + " on " + base + ": API " + shown + ", database " + stored);
        }
        List<Lock> sample = new ArrayList<>(locks.values());
        Collections.shuffle(sample);
        for (Lock lock : sample.subList(0, Math.min(60, sample.size()))) {
            String base = bases.get(i++ % bases.size());
            JsonNode reply = get(base, "/slots/locks/" + lock.token(), null);
            lockStatus.expect(reply != null && reply.path("status").asText().equals(lock.status()),
                    base + " hold " + lock.token() + ": API " + (reply == null ? "no answer" : reply.path("status"))
                            + ", database " + lock.status());
        }
    }

    static JsonNode get(String base, String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    // ------------------------------------------------------------------------------------------------

    interface Row {
        void accept(ResultSet rs) throws Exception;
    }

    static void query(String sql, Row row) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }

    static long single(String sql) throws Exception {
        long[] value = new long[1];
        query(sql, rs -> value[0] = rs.getLong(1));
        return value[0];
    }

    static String report() {
        StringBuilder report = new StringBuilder("| invariant | checked | violations | result |\n| --- | ---: | ---: | --- |\n");
        for (Check check : checks.values()) {
            report.append("| ").append(check.title).append(" | ").append(check.checked).append(" | ")
                    .append(check.violations.size()).append(" | ").append(check.violations.isEmpty() ? "pass" : "**FAIL**")
                    .append(" |\n");
        }
        for (Check check : checks.values()) {
            if (check.violations.isEmpty() && check.notes.isEmpty()) {
                continue;
            }
            report.append("\n").append(check.title).append(":\n\n");
            check.notes.forEach(note -> report.append("- ").append(note).append("\n"));
            check.violations.stream().limit(10).forEach(v -> report.append("- violation: ").append(v).append("\n"));
            if (check.violations.size() > 10) {
                report.append("- … and ").append(check.violations.size() - 10).append(" more\n");
            }
        }
        return report.toString();
    }

    /** The tap queue's name, as SoakLoad declares it. */
    static final class SoakLoadTap {
        static final String QUEUE = "reliability.tap";
    }
}
