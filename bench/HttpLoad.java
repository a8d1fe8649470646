import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark suite's HTTP load generator, in a JVM of its own: closed-loop clients (HTTP/1.1, one
 * keep-alive connection per client, one request at a time), each scenario run at one or more client
 * counts in the same process, after a warm-up. The clients speak HTTP/1.1 over plain sockets
 * ({@link Connection}), as {@code wrk} does, because the generator shares the cores with what it
 * measures, and java.net.http cost it five times the CPU per request (docs/performance.md). The catalog
 * set-up, which is not measured, uses java.net.http.
 *
 * <pre>
 * java bench/HttpLoad.java BASE setup TOKEN
 *     creates the bench catalog (a UTC unit open 09:00-18:00 Monday to Friday, a 30-minute service of
 *     capacity 1000 and a 30-minute "hot" service of capacity HOT_CAPACITY, default 5) and prints
 *     "UNIT SERVICE HOT_SERVICE"
 * java bench/HttpLoad.java BASE SCENARIO SECONDS CLIENTS[,CLIENTS...] [key=value...]
 *     get            path=/health             GET, 200 expected
 *     post           path=/echo               POST of a lock request's body, 2xx expected
 *     availability   unit= service= days=1|31  GET /units/{unit}/availability?serviceId=&from=&to=
 *     lock           unit= service=            POST /slots/lock on a random slot (low contention)
 *     lock-release   unit= service=            POST /slots/lock then POST /slots/release of its token;
 *                                              one operation is the pair, its latency the two requests'
 *     hot-lock       unit= service= capacity=  every client locks the same slot (a new one for each
 *                                              client count, never released): 201 until the capacity is
 *                                              taken, then 409 slot_full; then checks, through the
 *                                              availability of that date, that what is used equals the
 *                                              201s and never exceeds the capacity
 *     options: warmup=SECONDS (default 3, before the first client count), label=TEXT,
 *              warmup-only=true (the warm-up alone, at max(8, CLIENTS) connections; SECONDS unused)
 * </pre>
 *
 * Prints one line per client count: label, clients, operations, operations/s, p50, p99, p99.9 (ms), ok
 * (2xx), conflicts (409), errors (anything else), for hot-lock the capacity and "ok" or
 * "OVERBOOKED", and on the first line {@code warmup-errors=N} when the warm-up met errors. With
 * warmup-only, one line: the number of errors in the warm-up. (The warm-up's hot slot is one of its own.)
 */
public class HttpLoad {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"reservationToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final int FIRST_SLOT_MINUTE = 9 * 60;
    private static final int SLOTS_PER_DAY = 18;   // 09:00 to 17:30, every 30 minutes

    private static HttpClient http;
    private static String base;
    /** The first answer other than 2xx or 409 (or failure) of the process is printed on stderr. */
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    public static void main(String[] args) throws Exception {
        base = args[0];
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        if (args[1].equals("setup")) {
            setup(args[2], args.length > 3 ? Integer.parseInt(args[3]) : 5);
            return;
        }
        String scenario = args[1];
        long seconds = Long.parseLong(args[2]);
        int[] clientCounts = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        Map<String, String> options = new HashMap<>();
        for (int i = 4; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            options.put(pair[0], pair[1]);
        }
        Scenario work = scenario(scenario, options);
        String label = options.getOrDefault("label", scenario);
        long warmup = Long.parseLong(options.getOrDefault("warmup", "3"));
        // Errors during the warm-up are errors too: shown in the first row's check column.
        long warmupErrors = 0;
        if (warmup > 0) {
            work.prepare(-1);
            warmupErrors = run(work, Math.max(8, clientCounts[0]), warmup).errors;
        }
        if (Boolean.parseBoolean(options.get("warmup-only"))) {
            System.out.println(warmupErrors);
            return;
        }
        for (int step = 0; step < clientCounts.length; step++) {
            int clients = clientCounts[step];
            work.prepare(step);
            Result result = run(work, clients, seconds);
            System.out.printf(Locale.ROOT, "%s %d %d %.0f %.2f %.2f %.2f %d %d %d%s%n", label, clients,
                    result.latencies.length, result.latencies.length / (double) seconds,
                    percentile(result.latencies, 0.50), percentile(result.latencies, 0.99),
                    percentile(result.latencies, 0.999), result.ok, result.conflicts, result.errors,
                    work.check(result) + (step == 0 && warmupErrors > 0 ? " warmup-errors=" + warmupErrors : ""));
        }
    }

    /** One kind of operation; {@code prepare} is called before each client count (-1: the warm-up). */
    private interface Scenario {
        default void prepare(int step) throws Exception {
        }

        /** Runs one operation; returns its status class: 2 for success, 4 for 409, anything else an error. */
        int once(ThreadLocalRandom random) throws Exception;

        default String check(Result result) throws Exception {
            return "";
        }
    }

    private record Result(long[] latencies, long ok, long conflicts, long errors) {
    }

    private static Scenario scenario(String name, Map<String, String> options) {
        String unit = options.get("unit");
        String service = options.get("service");
        List<LocalDate> dates = weekdays(LocalDate.now().plusDays(2), 60);
        return switch (name) {
            case "get" -> {
                URI uri = URI.create(base + options.getOrDefault("path", "/health"));
                yield random -> status(get(uri).status());
            }
            case "post" -> {
                String path = options.getOrDefault("path", "/echo");
                String body = slotBody("bench-unit", "bench-service", dates.get(0), "09:00");
                yield random -> status(post(path, body).status());
            }
            case "availability" -> {
                int days = Integer.parseInt(options.getOrDefault("days", "1"));
                LocalDate from = dates.get(0);
                URI uri = URI.create(base + "/units/" + unit + "/availability?serviceId=" + service + "&from=" + from
                        + "&to=" + from.plusDays(days - 1));
                yield random -> status(get(uri).status());
            }
            case "lock" -> random -> status(lock(unit, service, randomSlot(dates, random)).status());
            case "lock-release" -> random -> {
                Reply locked = lock(unit, service, randomSlot(dates, random));
                if (locked.status() != 201) {
                    return status(locked.status());
                }
                Matcher token = TOKEN.matcher(locked.body());
                if (!token.find()) {
                    return 5;
                }
                return status(post("/slots/release", "{\"reservationToken\":\"" + token.group(1) + "\"}").status());
            };
            case "hot-lock" -> new HotLock(unit, service, Integer.parseInt(options.getOrDefault("capacity", "5")),
                    dates);
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    /** All clients on one slot of the last weekdays of the list, a new one for each client count. */
    private static final class HotLock implements Scenario {
        private final String unit;
        private final String service;
        private final int capacity;
        private final List<LocalDate> dates;
        private volatile String slot;
        private LocalDate date;

        HotLock(String unit, String service, int capacity, List<LocalDate> dates) {
            this.unit = unit;
            this.service = service;
            this.capacity = capacity;
            this.dates = dates;
        }

        @Override
        public void prepare(int step) {
            date = dates.get(dates.size() - 2 - step);
            slot = slotBody(unit, service, date, "12:00");
        }

        @Override
        public int once(ThreadLocalRandom random) throws Exception {
            return status(post("/slots/lock", slot).status());
        }

        @Override
        public String check(Result result) throws Exception {
            URI uri = URI.create(base + "/units/" + unit + "/availability?serviceId=" + service + "&date=" + date);
            Matcher used = Pattern.compile("\"startTime\"\\s*:\\s*\"12:00\"[^}]*\"capacityUsed\"\\s*:\\s*(\\d+)")
                    .matcher(get(uri).body());
            long taken = used.find() ? Long.parseLong(used.group(1)) : -1;
            boolean fine = result.ok <= capacity && taken == result.ok;
            return " " + capacity + " " + taken + " " + (fine ? "ok" : "OVERBOOKED");
        }
    }

    private static Result run(Scenario work, int clients, long seconds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(threads.submit(() -> {
                long[] latencies = new long[1 << 14];
                int count = 0;
                long ok = 0;
                long conflicts = 0;
                long errors = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = work.once(random);
                    } catch (IOException failed) {
                        if (REPORTED.compareAndSet(false, true)) {
                            System.err.println("first failed request: " + failed);
                        }
                        status = 5;
                    }
                    long took = System.nanoTime() - start;
                    switch (status) {
                        case 2 -> ok++;
                        case 4 -> conflicts++;
                        default -> errors++;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
                Connection.closeCurrent();
                long[] out = Arrays.copyOf(latencies, count + 3);
                out[count] = ok;
                out[count + 1] = conflicts;
                out[count + 2] = errors;
                return out;
            }));
        }
        long[][] parts = new long[clients][];
        long ok = 0;
        long conflicts = 0;
        long errors = 0;
        int total = 0;
        for (int c = 0; c < clients; c++) {
            long[] part = futures.get(c).get();
            int n = part.length - 3;
            ok += part[n];
            conflicts += part[n + 1];
            errors += part[n + 2];
            parts[c] = Arrays.copyOf(part, n);
            total += n;
        }
        threads.shutdown();
        long[] all = new long[total];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        Arrays.sort(all);
        return new Result(all, ok, conflicts, errors);
    }

    private static void setup(String token, int hotCapacity) throws Exception {
        StringBuilder hours = new StringBuilder();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.append(hours.length() == 0 ? "" : ",")
                    .append('"').append(day).append("\":[{\"start\":\"09:00\",\"end\":\"18:00\"}]");
        }
        String unit = created(admin("/units", "{\"name\":\"Bench\",\"timeZone\":\"UTC\",\"openingHours\":{" + hours
                + "}}", token));
        String service = created(admin("/units/" + unit + "/services",
                "{\"name\":\"Bench\",\"durationMinutes\":30,\"capacity\":1000}", token));
        String hot = created(admin("/units/" + unit + "/services",
                "{\"name\":\"Bench hot\",\"durationMinutes\":30,\"capacity\":" + hotCapacity + "}", token));
        System.out.println(unit + " " + service + " " + hot);
    }

    private static String created(HttpResponse<String> response) {
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("creation refused: " + response.statusCode() + " " + response.body());
        }
        return id.group(1);
    }

    private static HttpResponse<String> admin(String path, String json, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<LocalDate> weekdays(LocalDate from, int days) {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate date = from; date.isBefore(from.plusDays(days)); date = date.plusDays(1)) {
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                dates.add(date);
            }
        }
        return dates;
    }

    /** A random slot of the weekdays, leaving the last few dates to the hot-slot scenario. */
    private static String randomSlot(List<LocalDate> dates, ThreadLocalRandom random) {
        int minute = FIRST_SLOT_MINUTE + 30 * random.nextInt(SLOTS_PER_DAY);
        return dates.get(random.nextInt(dates.size() - 8)) + " " + String.format("%02d:%02d", minute / 60, minute % 60);
    }

    private static Reply lock(String unit, String service, String slot) throws IOException {
        String[] dateTime = slot.split(" ");
        return post("/slots/lock", slotBody(unit, service, LocalDate.parse(dateTime[0]), dateTime[1]));
    }

    private static String slotBody(String unit, String service, LocalDate date, String time) {
        return "{\"unitId\":\"" + unit + "\",\"serviceId\":\"" + service + "\",\"date\":\"" + date
                + "\",\"startTime\":\"" + time + "\"}";
    }

    private static Reply get(URI uri) throws IOException {
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return reported("GET", target, Connection.current().exchange("GET", target, null));
    }

    private static Reply post(String path, String json) throws IOException {
        return reported("POST", path, Connection.current().exchange("POST", path, json));
    }

    private static Reply reported(String method, String target, Reply reply) {
        if (reply.status() / 100 != 2 && reply.status() != 409 && REPORTED.compareAndSet(false, true)) {
            System.err.println("first unexpected answer: " + method + " " + target + " -> " + reply.status() + " "
                    + reply.body());
        }
        return reply;
    }

    private record Reply(int status, String body) {
    }

    /**
     * One client's keep-alive HTTP/1.1 connection to {@link #base}, opened on first use by each thread and
     * again after the server closed it. Reads answers with a Content-Length or chunked bodies.
     */
    private static final class Connection {
        private static final ThreadLocal<Connection> OF_THREAD = new ThreadLocal<>();
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String host;
        private boolean closeAfter;

        private Connection(URI server) throws IOException {
            socket = new Socket(server.getHost(), server.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
            host = server.getHost() + ":" + server.getPort();
        }

        static Connection current() throws IOException {
            Connection connection = OF_THREAD.get();
            if (connection == null || connection.closeAfter) {
                closeCurrent();
                connection = new Connection(URI.create(base));
                OF_THREAD.set(connection);
            }
            return connection;
        }

        static void closeCurrent() {
            Connection connection = OF_THREAD.get();
            OF_THREAD.remove();
            if (connection != null) {
                try {
                    connection.socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        Reply exchange(String method, String target, String json) throws IOException {
            try {
                StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target)
                        .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
                byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
                if (body != null) {
                    head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
                }
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                return read();
            } catch (IOException failed) {
                closeAfter = true;
                throw failed;
            }
        }

        private Reply read() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    closeAfter = value.equalsIgnoreCase("close");
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 256);
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                byte[] bytes = in.readNBytes((int) length);
                if (bytes.length < length) {
                    throw new EOFException("answer cut after " + bytes.length + " of " + length + " bytes");
                }
                body.write(bytes);
            } else {
                body.write(in.readAllBytes());
                closeAfter = true;
            }
            return new Reply(status, body.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int next = in.read(); next != '\n'; next = in.read()) {
                if (next < 0) {
                    throw new EOFException("connection closed by the server");
                }
                if (next != '\r') {
                    line.append((char) next);
                }
            }
            return line.toString();
        }
    }

    private static int status(int code) {
        return code / 100 == 2 ? 2 : code == 409 ? 4 : 5;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
