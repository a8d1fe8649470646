package dev.scheduling.adapter.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP receiver on 127.0.0.1 (the JDK's server) that records what reaches it. */
final class Receiver implements AutoCloseable {
    /** One request as it arrived. */
    record Received(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }
    }

    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    /** Released at close: whatever a hanging answer waits for. */
    final CountDownLatch released = new CountDownLatch(1);
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.start();
    }

    /** Requests to {@code path} get {@code answer}, after the request's body has been read and recorded. */
    Receiver on(String path, Answer answer) {
        server.createContext(path, exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
                answer.answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return this;
    }

    Receiver answering(String path, int status) {
        return on(path, exchange -> exchange.sendResponseHeaders(status, -1));
    }

    /** Takes the request and never answers (until the receiver is closed). */
    Receiver hanging(String path) {
        return on(path, exchange -> released.await(60, TimeUnit.SECONDS));
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI url(String host, String pathAndQuery) {
        return URI.create("http://" + host + ":" + port() + pathAndQuery);
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
