package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Slow and stuck clients (slowloris) against an in-memory service: 200 connections that send their request
 * line, headers or body a byte at a time, or stop half-way through the body, hold no server thread, and
 * other clients' requests are answered promptly meanwhile; clients that never read their (large) answers
 * hold a thread at most for the idle timeout (10 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsTest {
    private static final String POOL = "JettyServerThreadPool";
    private static final Duration PROMPT = Duration.ofSeconds(2);
    private HostileService service;
    private ApiClient api;

    @BeforeAll
    void start() {
        service = new HostileService(Map.of(), List.of());
        api = new ApiClient("http://127.0.0.1:" + service.port(), service.adminToken());
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
    }

    @Test
    void two_hundred_slow_clients_hold_no_thread_and_others_are_answered_promptly() throws Exception {
        int threadsBefore = serverThreads();
        String body = "{\"name\": \"Slowly renamed\"}";
        String unit = "/units/" + service.real("unitId");
        String head = "PATCH " + unit + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + service.adminToken()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n";
        List<SlowClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String request = head + body;
                clients.add(switch (i % 4) {
                    case 0 -> new SlowClient(service.port(), "", request); // the request line byte by byte
                    case 1 -> new SlowClient(service.port(), request.substring(0, 30), request.substring(30)); // headers
                    case 2 -> new SlowClient(service.port(), head, body); // the body byte by byte
                    default -> new SlowClient(service.port(), head + body.substring(0, 3), ""); // stops in the body
                });
            }
            int maxThreads = 0;
            long maxWaiting = 0;
            long slowest = 0;
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                for (SlowClient client : clients) {
                    client.sendNextByte();
                }
                long started = System.nanoTime();
                ApiClient.Reply reply = api.get(unit);
                slowest = Math.max(slowest, System.nanoTime() - started);
                assertThat(reply.status()).as(reply.describe()).isEqualTo(200);
                maxThreads = Math.max(maxThreads, serverThreads());
                maxWaiting = Math.max(maxWaiting, threadsWaitingForABody());
                Thread.sleep(100);
            }

            assertThat(Duration.ofNanos(slowest)).as("the slowest normal request meanwhile").isLessThan(PROMPT);
            // Threads that handle the requests that did complete (50 bodies end in the same round) are not
            // counted: only those waiting for a client's bytes are held by it.
            assertThat(maxWaiting).as("threads waiting for a slow client's body: %s", busyThreads()).isZero();
            assertThat(maxThreads).as("the server's threads (before: %d; at most 250)", threadsBefore)
                    .isLessThan(150);
            assertThat(clients.stream().filter(SlowClient::open).count()).as("the slow clients are still connected")
                    .isGreaterThan(150);
        } finally {
            for (SlowClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void a_body_trickled_past_the_read_ahead_is_cut_with_a_408_problem() throws Exception {
        String body = "{\"name\": \"" + "t".repeat(1_000) + "\"}";
        String head = "PATCH /units/" + service.real("unitId") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + service.adminToken() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            try {
                for (byte next : body.getBytes(StandardCharsets.US_ASCII)) {
                    out.write(next);
                    out.flush();
                    Thread.sleep(15);
                }
            } catch (IOException cut) {
                // the server answered and closed before the body's end
            }
            RawHttp.Reply reply = RawHttp.parse(socket.getInputStream().readAllBytes());

            assertThat(reply.status()).as(reply.toString()).isEqualTo(408);
            assertThat(reply.header("content-type")).startsWith("application/problem+json");
            assertThat(reply.bodyText()).contains("\"code\":\"request_timeout\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(12));
        }
    }

    @Test
    void clients_that_never_read_their_answers_hold_threads_no_longer_than_the_idle_timeout() throws Exception {
        List<Socket> readers = new ArrayList<>();
        try {
            String requests = ("GET /docs/swagger-ui-bundle.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").repeat(3);
            for (int i = 0; i < 30; i++) {
                Socket socket = new Socket("127.0.0.1", service.port());
                socket.setReceiveBufferSize(1024);
                socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
                readers.add(socket);
            }
            Thread.sleep(1_000);
            long started = System.nanoTime();
            ApiClient.Reply reply = api.get("/units/" + service.real("unitId"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);

            long blocked = threadsIn("JavalinServlet");
            Thread.sleep(12_000);
            assertThat(threadsIn("JavalinServlet")).as("threads still writing to clients that never read, after "
                    + "the idle timeout (%d before it): %s", blocked, busyThreads()).isZero();
        } finally {
            for (Socket socket : readers) {
                socket.close();
            }
        }
    }

    private static int serverThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(POOL)).count();
    }

    /** What the server's threads are doing, by the first frames of the application or of a blocking read. */
    private static Map<String, Long> busyThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getName().startsWith(POOL))
                .filter(entry -> List.of(entry.getValue()).stream()
                        .anyMatch(frame -> frame.getClassName().contains("JavalinServlet")))
                .collect(java.util.stream.Collectors.groupingBy(entry -> java.util.Arrays.stream(entry.getValue())
                        .limit(20).map(frame -> frame.getClassName().replaceAll(".*\\.", "") + "." + frame.getMethodName())
                        .collect(java.util.stream.Collectors.joining(" < ")), java.util.stream.Collectors.counting()));
    }

    /** The server's threads parked in the servlet input stream, that is waiting for more of a request's body. */
    private static long threadsWaitingForABody() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getName().startsWith(POOL))
                .filter(entry -> entry.getKey().getState() == Thread.State.WAITING
                        || entry.getKey().getState() == Thread.State.TIMED_WAITING)
                .filter(entry -> List.of(entry.getValue()).stream()
                        .anyMatch(frame -> frame.getClassName().equals("org.eclipse.jetty.ee10.servlet.HttpInput")))
                .count();
    }

    /** The server's threads with a frame of that class on their stack. */
    private static long threadsIn(String className) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getName().startsWith(POOL))
                .filter(entry -> List.of(entry.getValue()).stream()
                        .anyMatch(frame -> frame.getClassName().contains(className)))
                .count();
    }

    /** A client that sends its request one byte per call after an optional first part. */
    private static final class SlowClient implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final byte[] rest;
        private int sent;
        private boolean open = true;

        SlowClient(int port, String first, String rest) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            this.out = socket.getOutputStream();
            this.rest = rest.getBytes(StandardCharsets.US_ASCII);
            if (!first.isEmpty()) {
                out.write(first.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }

        void sendNextByte() {
            if (!open || sent >= rest.length) {
                return;
            }
            try {
                out.write(rest[sent++]);
                out.flush();
            } catch (IOException cut) {
                open = false;
            }
        }

        boolean open() {
            return open && !socket.isClosed();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
