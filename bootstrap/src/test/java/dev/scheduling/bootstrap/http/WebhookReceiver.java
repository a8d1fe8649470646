package dev.scheduling.bootstrap.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A business's webhook receiver on 127.0.0.1 (the JDK's HTTP server): it records every POST by path and
 * answers from a script per path (200 once the script runs out), or hangs until released.
 */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> hangs = new ConcurrentHashMap<>();

    /** One request as the receiver got it. */
    record Received(Map<String, List<String>> headers, byte[] body, Instant receivedAt) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return ApiClient.JSON.readTree(body);
            } catch (IOException notJson) {
                throw new UncheckedIOException(notJson);
            }
        }
    }

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The statuses to answer at {@code path}, in order; 200 after them. */
    void respond(String path, Integer... statuses) {
        scripts.put(path, Collections.synchronizedList(new ArrayList<>(List.of(statuses))));
    }

    /** Requests at {@code path} hang until the returned latch is counted down. */
    CountDownLatch hang(String path) {
        CountDownLatch release = new CountDownLatch(1);
        hangs.put(path, release);
        return release;
    }

    List<Received> requests(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    /** {@code v1} of the contract: hex HMAC-SHA256 of {@code "<t>.<body>"} with the secret, recomputed here. */
    static String expectedSignature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.computeIfAbsent(path, key -> new CopyOnWriteArrayList<>())
                    .add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
            CountDownLatch hang = hangs.get(path);
            if (hang != null) {
                try {
                    hang.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            List<Integer> script = scripts.getOrDefault(path, List.of());
            int status = script.isEmpty() ? 200 : script.remove(0);
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        hangs.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        threads.shutdownNow();
    }
}
