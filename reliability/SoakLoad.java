import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak suite's load: virtual clients that hold, release, book, reschedule and cancel, log in by code,
 * and ask for availability, against several service instances at once, with a few hot slots (capacity 1 to
 * 3, overlapping slots on one service) that every client fights for. Run with the service jar on the class
 * path (Jackson, amqp-client): {@code java -cp scheduling-service.jar reliability/SoakLoad.java ...}.
 *
 * <p>Before any traffic it declares the run's tap, a durable queue bound to {@code scheduling.events} with
 * {@code #} in the run's vhost, which {@code SoakCheck} reads at the end to count the events by eventId.
 *
 * <p>Every request goes to a random instance. A request that finds no answer (the instance killed, a
 * timeout) or 503 is retried on another instance for up to {@value #RETRY_SECONDS} s when that is safe: reads,
 * holds and bookings under their {@code Idempotency-Key}, releases and cancels (idempotent by contract),
 * reschedules (resolved by reading the appointment). What a client was told is written to the ledger, which
 * {@code SoakCheck} compares with the database: what was acknowledged must be there, in the state answered.
 * Answers nobody expects (a 500, a 404 for an acknowledged hold, ...) are "surprises", listed in the summary;
 * the check fails on any.
 *
 * <p>Usage: SoakLoad OUT_DIR ADMIN_TOKEN AMQP_URI SECONDS USERS BASE_URL...
 * Writes OUT_DIR/catalog.properties once the catalog exists, OUT_DIR/started when the load starts, and at the
 * end OUT_DIR/ledger.tsv, OUT_DIR/sessions.tsv (client ids and access tokens, for the API checks),
 * OUT_DIR/load-summary.properties, OUT_DIR/surprises.txt and OUT_DIR/timeline.tsv (per second).
 */
public class SoakLoad {
    static final String TAP_QUEUE = "reliability.tap";
    static final int RETRY_SECONDS = 30;
    static final int COLD_DAYS = 14;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    static Path out;
    static String admin;
    static List<String> bases;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    // Catalog
    static String unit;
    static final List<Svc> hot = new ArrayList<>();
    static Svc cold;
    static final List<Slot> hotSlots = new ArrayList<>();
    static final List<Slot> coldSlots = new ArrayList<>();
    static LocalDate firstDay;

    // Results
    static final List<String> ledger = Collections.synchronizedList(new ArrayList<>());
    static final List<String> surprises = Collections.synchronizedList(new ArrayList<>());
    static final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    static final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    static final Map<Long, long[]> perSecond = new ConcurrentHashMap<>(); // second -> {answers, failures}
    static final Map<String, String[]> sessions = new ConcurrentHashMap<>();
    static volatile long deadlineNanos;
    static volatile long startNanos;

    record Svc(String id, String name, int capacity, int duration, int interval) {}

    record Slot(Svc service, LocalDate date, String start) {}

    record Reply(int status, JsonNode json) {
        String code() {
            return json == null ? "" : json.path("code").asText("");
        }

        String text(String field) {
            return json == null ? "" : json.path(field).asText("");
        }
    }

    public static void main(String[] args) throws Exception {
        out = Path.of(args[0]);
        admin = args[1];
        String amqp = args[2];
        int seconds = Integer.parseInt(args[3]);
        int users = Integer.parseInt(args[4]);
        bases = List.of(args).subList(5, args.length);
        Files.createDirectories(out);

        declareTap(amqp);
        createCatalog();
        Instant start = Instant.now();
        Files.writeString(out.resolve("started"), start.toString() + "\n");
        log("load: " + users + " clients for " + seconds + " s on " + bases);
        startNanos = System.nanoTime();
        deadlineNanos = startNanos + Duration.ofSeconds(seconds).toNanos();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            Thread thread = new Thread(() -> client(user), "client-" + u);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Instant end = Instant.now();
        log("load done after " + String.format("%.1f", elapsed) + " s");
        writeResults(start, end, elapsed);
    }

    // ------------------------------------------------------------------------------------------------
    // Setup

    static void declareTap(String amqp) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqp);
        try (Connection connection = factory.newConnection("reliability-tap-setup")) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare("scheduling.events", BuiltinExchangeType.TOPIC, true);
            channel.queueDeclare(TAP_QUEUE, true, false, false, null);
            channel.queueBind(TAP_QUEUE, "scheduling.events", "#");
        }
    }

    static void createCatalog() throws Exception {
        ObjectNode hours = JSON.createObjectNode();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.putArray(day).addObject().put("start", "00:00").put("end", "23:59");
        }
        ObjectNode unitBody = JSON.createObjectNode().put("name", "Soak").put("timeZone", "UTC");
        unitBody.set("openingHours", hours);
        unit = setupCall("POST", "/units", unitBody).text("id");
        hot.add(service("hot-1", 30, 1, 30));
        hot.add(service("hot-2", 30, 2, 30));
        hot.add(service("hot-3-overlapping", 30, 3, 15));
        cold = service("cold", 30, 4, 30);
        firstDay = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        for (Svc service : hot) {
            hotSlots.add(new Slot(service, firstDay, "09:00"));
            hotSlots.add(new Slot(service, firstDay, service.interval() == 15 ? "09:15" : "09:30"));
        }
        for (int day = 0; day < COLD_DAYS; day++) {
            for (int minute = 0; minute < 24 * 60 - 30; minute += 30) {
                coldSlots.add(new Slot(cold, firstDay.plusDays(day), LocalTime.MIN.plusMinutes(minute).toString()));
            }
        }
        StringBuilder catalog = new StringBuilder("unit=" + unit + "\n");
        for (Svc service : hot) {
            catalog.append("service.").append(service.name()).append("=").append(service.id()).append("\n");
        }
        catalog.append("service.cold=").append(cold.id()).append("\nfirstDay=").append(firstDay).append("\n");
        StringBuilder slots = new StringBuilder();
        for (Slot slot : hotSlots) {
            slots.append(slot.service().id()).append(' ').append(slot.date()).append(' ').append(slot.start()).append(',');
        }
        catalog.append("hotSlots=").append(slots).append("\n");
        Files.writeString(out.resolve("catalog.properties"), catalog);
    }

    static Svc service(String name, int duration, int capacity, int interval) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("durationMinutes", duration)
                .put("capacity", capacity).put("slotIntervalMinutes", interval);
        return new Svc(setupCall("POST", "/units/" + unit + "/services", body).text("id"), name, capacity, duration, interval);
    }

    static Reply setupCall(String method, String path, JsonNode body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bases.get(0) + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }

    // ------------------------------------------------------------------------------------------------
    // A virtual client

    static final class Session {
        final String email;
        String token;
        String clientId;
        long loggedInAt;

        Session(String email) {
            this.email = email;
        }
    }

    static void client(int user) {
        Random random = ThreadLocalRandom.current();
        Session session = new Session("soak-" + user + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        while (System.nanoTime() < deadlineNanos) {
            try {
                if (session.token == null || System.nanoTime() - session.loggedInAt > 20_000_000_000L) {
                    login(session); // a client logs in again every 20 s or so
                }
                double r = random.nextDouble();
                if (r < 0.25) {
                    availability(random);
                } else if (r < 0.60) {
                    hotContention(session, random);
                } else {
                    coldJourney(session, random);
                }
            } catch (Exception unexpected) {
                surprise("client " + user + " stopped a journey: " + unexpected);
                sleep(200);
            }
        }
        if (session.token != null) {
            sessions.put(session.clientId, new String[] {session.email, session.token});
        }
    }

    static void login(Session session) throws Exception {
        String base = bases.get(ThreadLocalRandom.current().nextInt(bases.size()));
        ObjectNode who = JSON.createObjectNode().put("email", session.email);
        Reply requested = once("login.request", base, "POST", "/auth/login-client/request", who, null);
        session.loggedInAt = System.nanoTime(); // whatever the outcome, not again before 20 s unless logged out
        if (requested == null || requested.status() == 429 || requested.status() == 503) {
            return; // throttled or the instance is away: the client keeps its old session, if any, and tries later
        }
        if (requested.status() != 202) {
            surprise("login request: " + requested);
            return;
        }
        // The code is in the development mailbox of the instance that sent it.
        String code = null;
        for (int attempt = 0; attempt < 10 && code == null; attempt++) {
            Reply mailbox = once("login.mailbox", base, "GET", "/dev/notifications?recipient=" + session.email, null, null);
            if (mailbox != null && mailbox.status() == 200) {
                JsonNode notices = mailbox.json().path("notifications");
                if (notices.size() > 0) {
                    Matcher matcher = CODE.matcher(notices.get(notices.size() - 1).path("body").asText());
                    code = matcher.find() ? matcher.group(1) : null;
                }
            } else if (mailbox == null) {
                return; // the instance died with its mailbox: try again later
            }
            if (code == null) {
                sleep(100);
            }
        }
        if (code == null) {
            surprise("login: no code in the mailbox of " + base + " for " + session.email);
            return;
        }
        // Verified on any instance: they share the token secret and the database.
        Reply verified = call("login.verify", "POST", "/auth/login-client/verify",
                who.deepCopy().put("code", code), null, false);
        if (verified == null) {
            return;
        }
        if (verified.status() == 200) {
            session.token = verified.text("accessToken");
            session.clientId = verified.text("clientId");
            session.loggedInAt = System.nanoTime();
            sessions.put(session.clientId, new String[] {session.email, session.token});
        } else if (verified.status() != 429 && verified.status() != 503) {
            surprise("login verify: " + verified);
        }
    }

    static void availability(Random random) throws Exception {
        Slot slot = random.nextBoolean() ? hotSlot(random)
                : coldSlots.get(random.nextInt(coldSlots.size()));
        String query = random.nextInt(5) == 0
                ? "from=" + firstDay + "&to=" + firstDay.plusDays(6) : "date=" + slot.date();
        Reply reply = call("availability", "GET", "/units/" + unit + "/availability?serviceId=" + slot.service().id()
                + "&" + query, null, null, true);
        if (reply != null && reply.status() != 200) {
            surprise("availability: " + reply);
        } else if (reply != null) {
            for (JsonNode shown : reply.json().path("slots")) {
                if (shown.path("capacityUsed").asInt() > shown.path("capacityTotal").asInt()) {
                    surprise("availability shows a slot over capacity: " + shown);
                }
            }
        }
    }

    /** Many clients on few slots: hold, then release, book (and mostly cancel again), or walk away. */
    static void hotContention(Session session, Random random) throws Exception {
        Slot slot = hotSlot(random);
        String token = lock(slot);
        if (token == null) {
            return;
        }
        double r = random.nextDouble();
        if (r < 0.35 || session.token == null) {
            release(token);
        } else if (r < 0.85) {
            String appointment = book(session, token);
            if (appointment != null && random.nextDouble() < 0.75) {
                cancel(session, appointment);
            }
        } else {
            ledger("ABANDON", token); // left to expire
        }
    }

    /**
     * One of the hot slots of the current phase: every 30 s the fight moves an hour later (the slots of the
     * last phase stay as they were left, mostly full), so that bookings that are kept do not end the contest.
     */
    static Slot hotSlot(Random random) {
        Slot base = hotSlots.get(random.nextInt(hotSlots.size()));
        long phase = (System.nanoTime() - startNanos) / 30_000_000_000L;
        return new Slot(base.service(), base.date(), LocalTime.parse(base.start()).plusHours(phase % 12).toString());
    }

    /** Book a quiet slot, then perhaps move it and perhaps cancel it. */
    static void coldJourney(Session session, Random random) throws Exception {
        if (session.token == null) {
            return;
        }
        Slot slot = freeColdSlot(random);
        if (slot == null) {
            return;
        }
        String token = lock(slot);
        if (token == null) {
            return;
        }
        String appointment = book(session, token);
        if (appointment == null) {
            return;
        }
        if (random.nextDouble() < 0.35) {
            Slot other = freeColdSlot(random);
            if (other != null && !other.equals(slot)) {
                String newToken = lock(other);
                if (newToken != null) {
                    reschedule(session, appointment, newToken, other);
                }
            }
        }
        if (random.nextDouble() < 0.35) {
            cancel(session, appointment);
        }
    }

    /** What a client does first: a day's availability, and one of its free slots; null if none. */
    static Slot freeColdSlot(Random random) throws Exception {
        LocalDate day = firstDay.plusDays(random.nextInt(COLD_DAYS));
        Reply reply = call("availability", "GET", "/units/" + unit + "/availability?serviceId=" + cold.id() + "&date=" + day,
                null, null, true);
        if (reply == null || reply.status() != 200) {
            return null;
        }
        List<String> free = new ArrayList<>();
        for (JsonNode shown : reply.json().path("slots")) {
            if (shown.path("available").asBoolean()) {
                free.add(shown.path("startTime").asText());
            }
        }
        return free.isEmpty() ? null : new Slot(cold, day, free.get(random.nextInt(free.size())));
    }

    static String lock(Slot slot) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("unitId", unit).put("serviceId", slot.service().id())
                .put("date", slot.date().toString()).put("startTime", slot.start()).put("quantity", 1);
        String key = UUID.randomUUID().toString();
        Reply reply = call("lock", "POST", "/slots/lock", body, Map.of("Idempotency-Key", key), true);
        if (reply == null) {
            ledger("LOCK_UNKNOWN", key, slot.service().id(), slot.date().toString(), slot.start());
            return null;
        }
        if (reply.status() == 201) {
            String token = reply.text("reservationToken");
            ledger("LOCK", token, slot.service().id(), slot.date().toString(), slot.start(), key);
            if (reply.json().path("capacityUsed").asInt() > reply.json().path("capacityTotal").asInt()) {
                surprise("a hold answered over capacity: " + reply);
            }
            return token;
        }
        if (reply.status() == 409 && reply.code().equals("slot_full")) {
            sleep(50 + ThreadLocalRandom.current().nextInt(100)); // a client that lost the slot looks again
        } else {
            surprise("lock: " + reply);
        }
        return null;
    }

    static void release(String token) throws Exception {
        Reply reply = call("release", "POST", "/slots/release", JSON.createObjectNode().put("reservationToken", token),
                null, true);
        if (reply == null) {
            ledger("RELEASE_UNKNOWN", token);
        } else if (reply.status() == 200) {
            ledger("RELEASE", token, reply.text("status"));
        } else {
            surprise("release of " + token + ": " + reply);
        }
    }

    static String book(Session session, String token) throws Exception {
        String key = UUID.randomUUID().toString();
        Reply reply = call("book", "POST", "/appointments",
                JSON.createObjectNode().put("reservationToken", token).put("notes", "soak"),
                Map.of("Idempotency-Key", key, "Authorization", "Bearer " + session.token), true);
        if (reply == null) {
            ledger("BOOK_UNKNOWN", token);
            return null;
        }
        if (reply.status() == 201) {
            String id = reply.text("id");
            ledger("BOOK", id, token, session.clientId, reply.text("date"), reply.text("startTime"));
            return id;
        }
        if (reply.status() == 410 && reply.code().equals("lock_expired")) {
            ledger("BOOK_EXPIRED", token);
            return null;
        }
        if (reply.status() == 401) {
            session.token = null; // a new login next
        }
        surprise("book with " + token + ": " + reply);
        release(token);
        return null;
    }

    static void reschedule(Session session, String appointment, String newToken, Slot to) throws Exception {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + session.token);
        String path = "/appointments/" + appointment + "/reschedule";
        ObjectNode body = JSON.createObjectNode().put("reservationToken", newToken);
        boolean ambiguous = false;
        Reply reply = null;
        long until = System.nanoTime() + Duration.ofSeconds(RETRY_SECONDS).toNanos();
        while (System.nanoTime() < until) {
            reply = call("reschedule", "POST", path, body, auth, false);
            if (reply != null && reply.status() != 503) {
                break;
            }
            ambiguous = true;
            sleep(500);
        }
        if (reply != null && reply.status() == 200) {
            ledger("RESCHEDULE", appointment, newToken, reply.text("date"), reply.text("startTime"));
            return;
        }
        if (ambiguous) {
            // Did an attempt without an answer move it? The appointment says.
            Reply now = call("appointment", "GET", "/appointments/" + appointment, null, auth, true);
            if (now != null && now.status() == 200) {
                if (now.text("date").equals(to.date().toString()) && now.text("startTime").equals(to.start())) {
                    ledger("RESCHEDULE", appointment, newToken, to.date().toString(), to.start());
                } else {
                    ledger("RESCHEDULE_NOT_DONE", appointment, newToken);
                    release(newToken);
                }
                return;
            }
            ledger("RESCHEDULE_UNKNOWN", appointment, newToken);
            return;
        }
        if (reply != null && reply.status() == 410) {
            ledger("RESCHEDULE_EXPIRED", appointment, newToken);
            return;
        }
        surprise("reschedule of " + appointment + " to " + newToken + ": " + reply);
        release(newToken);
    }

    static void cancel(Session session, String appointment) throws Exception {
        Reply reply = call("cancel", "POST", "/appointments/" + appointment + "/cancel", null,
                Map.of("Authorization", "Bearer " + session.token), true);
        if (reply == null) {
            ledger("CANCEL_UNKNOWN", appointment);
        } else if (reply.status() == 200 && reply.text("status").equals("CANCELLED")) {
            ledger("CANCEL", appointment);
        } else {
            surprise("cancel of " + appointment + ": " + reply);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // HTTP with retries on other instances

    /**
     * Sends to a random instance; with {@code retry}, an attempt without an answer, a 503, or a 409
     * {@code idempotency_key_in_progress} is tried again on the next instance for up to RETRY_SECONDS.
     * Returns null when no attempt got an answer worth keeping.
     */
    static Reply call(String op, String method, String path, JsonNode body, Map<String, String> headers, boolean retry)
            throws Exception {
        int index = ThreadLocalRandom.current().nextInt(bases.size());
        long until = System.nanoTime() + Duration.ofSeconds(RETRY_SECONDS).toNanos();
        long backoff = 100;
        Reply last = null;
        while (true) {
            String base = bases.get(index % bases.size());
            Reply reply = once(op, base, method, path, body, headers);
            boolean again = reply == null || reply.status() == 503
                    || (reply.status() == 409 && reply.code().equals("idempotency_key_in_progress"));
            if (!again) {
                return reply;
            }
            last = reply;
            if (!retry || System.nanoTime() > until) {
                return last != null && last.status() != 503 && last.status() != 409 ? last : null;
            }
            index++;
            sleep(backoff);
            backoff = Math.min(backoff * 2, 1_000);
        }
    }

    static Reply once(String op, String base, String method, String path, JsonNode body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (headers != null) {
            headers.forEach(request::header);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(""));
        }
        long t0 = System.nanoTime();
        long second = Instant.now().getEpochSecond();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - t0) / 1_000;
            String status = String.valueOf(response.statusCode());
            count(op + " " + status);
            latencies.computeIfAbsent(op, k -> Collections.synchronizedList(new ArrayList<>())).add(micros);
            tick(second, response.statusCode() == 503 || response.statusCode() >= 500);
            JsonNode json = null;
            String text = response.body();
            if (text != null && !text.isEmpty() && (text.startsWith("{") || text.startsWith("["))) {
                json = JSON.readTree(text);
            }
            if (response.statusCode() >= 500 && response.statusCode() != 503) {
                surprise(method + " " + path + " on " + base + ": " + response.statusCode() + " " + text);
            }
            if (text != null && (text.contains("Exception") || text.contains("\tat "))) {
                surprise("a stack trace in the answer to " + method + " " + path + ": " + text);
            }
            return new Reply(response.statusCode(), json);
        } catch (IOException noAnswer) {
            count(op + " no-answer");
            tick(second, true);
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Bookkeeping

    static void ledger(String... fields) {
        ledger.add(System.currentTimeMillis() + "\t" + String.join("\t", fields));
    }

    static void surprise(String what) {
        String line = Instant.now() + " " + what;
        if (surprises.size() < 500) {
            surprises.add(line);
        }
        count("surprises");
        log("SURPRISE " + what);
    }

    static void count(String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    static void tick(long second, boolean failed) {
        long[] cell = perSecond.computeIfAbsent(second, k -> new long[2]);
        synchronized (cell) {
            cell[0]++;
            if (failed) {
                cell[1]++;
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static void log(String message) {
        System.out.println(Instant.now() + " " + message);
        System.out.flush();
    }

    static void writeResults(Instant start, Instant end, double elapsed) throws IOException {
        Files.write(out.resolve("ledger.tsv"), ledger);
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("sessions.tsv")))) {
            sessions.forEach((client, emailToken) -> writer.println(client + "\t" + emailToken[0] + "\t" + emailToken[1]));
        }
        Files.write(out.resolve("surprises.txt"), surprises);
        long requests = counts.entrySet().stream().filter(e -> !e.getKey().equals("surprises"))
                .mapToLong(e -> e.getValue().get()).sum();
        TreeMap<String, String> summary = new TreeMap<>();
        summary.put("start", start.toString());
        summary.put("end", end.toString());
        summary.put("seconds", String.format("%.1f", elapsed));
        summary.put("requests", String.valueOf(requests));
        summary.put("requestsPerSecond", String.format("%.1f", requests / elapsed));
        summary.put("surprises", String.valueOf(counts.getOrDefault("surprises", new AtomicLong()).get()));
        counts.forEach((key, value) -> summary.put("count." + key.replace(' ', '.'), String.valueOf(value.get())));
        latencies.forEach((op, list) -> {
            long[] sorted;
            synchronized (list) {
                sorted = list.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            if (sorted.length > 0) {
                summary.put("latency." + op + ".p50ms", String.format("%.1f", sorted[sorted.length / 2] / 1000.0));
                summary.put("latency." + op + ".p99ms",
                        String.format("%.1f", sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1000.0));
                summary.put("latency." + op + ".maxms", String.format("%.1f", sorted[sorted.length - 1] / 1000.0));
            }
        });
        long ledgerLocks = ledger.stream().filter(line -> line.contains("\tLOCK\t")).count();
        summary.put("ledger.locks", String.valueOf(ledgerLocks));
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("load-summary.properties")))) {
            summary.forEach((key, value) -> writer.println(key + "=" + value));
        }
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("timeline.tsv")))) {
            new TreeMap<>(perSecond).forEach((second, cell) -> writer.println(second + "\t" + cell[0] + "\t" + cell[1]));
        }
    }
}
