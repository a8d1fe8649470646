package dev.scheduling.adapter.persistence.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy for fault tests: it listens on {@code 127.0.0.1} on a free port and forwards each
 * connection to a target on this machine, so that a test can take a dependency (PostgreSQL, a broker)
 * away from the code under test and give it back, without touching the dependency itself.
 *
 * <p>{@link #cut()} closes every open connection at once, in both directions, and from then on drops
 * each new connection as soon as it is accepted, as a server that went away would: clients see their
 * connections end and new ones fail at once, never a hang. {@link #restore()} forwards new connections
 * again; connections closed by the cut stay closed. Each connection uses two threads, one per
 * direction; the proxy adds no delay and keeps half-closes ({@code shutdownOutput}) as they are.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432)) {
 *     String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test";
 *     ...
 *     proxy.cut();
 *     ...
 *     proxy.restore();
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {
    private static final InetAddress LOOPBACK = loopback();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final int BUFFER_BYTES = 16 * 1024;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Link> links = new HashSet<>();
    private boolean cut;
    private boolean closed;

    private TcpProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "tcp-proxy-" + server.getLocalPort() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a proxy to {@code host:port}, which must be an address of this machine (a test must not
     * send traffic elsewhere).
     */
    public static TcpProxy to(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException unknown) {
            throw new IllegalArgumentException("cannot resolve " + host, unknown);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("a test proxy forwards only to this machine, not to " + host);
        }
        ServerSocket server;
        try {
            server = new ServerSocket(0, 50, LOOPBACK);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot listen on " + LOOPBACK.getHostAddress(), failed);
        }
        TcpProxy proxy = new TcpProxy(new InetSocketAddress(address, port), server);
        proxy.threads.execute(proxy::acceptConnections);
        return proxy;
    }

    /** The port it listens on, on {@code 127.0.0.1}. */
    public int port() {
        return server.getLocalPort();
    }

    /** Closes every open connection now and drops new ones until {@link #restore()}. */
    public void cut() {
        List<Link> open;
        synchronized (this) {
            cut = true;
            open = List.copyOf(links);
        }
        open.forEach(Link::close);
    }

    /** Forwards new connections again. */
    public synchronized void restore() {
        cut = false;
    }

    public synchronized boolean isCut() {
        return cut;
    }

    /** Connections being forwarded right now. */
    public synchronized int openConnections() {
        return links.size();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        List<Link> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(links);
        }
        closeQuietly(server);
        open.forEach(Link::close);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TcpProxy[127.0.0.1:" + port() + " -> " + target + (isCut() ? ", cut" : "") + "]";
    }

    private void acceptConnections() {
        try {
            while (true) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException stopped) {
                    return; // the server socket was closed
                }
                if (isCut()) {
                    closeQuietly(client);
                    continue;
                }
                try {
                    threads.execute(() -> forward(client));
                } catch (RejectedExecutionException closing) {
                    closeQuietly(client);
                }
            }
        } finally {
            // Whatever ends this loop, clients are refused from now on rather than left waiting unanswered.
            closeQuietly(server);
        }
    }

    /**
     * Connects the accepted client to the target and pumps both ways until either side ends. A fault of
     * the proxy itself closes the client's connection: it must never look like a silent network.
     */
    private void forward(Socket client) {
        try {
            connectAndPump(client);
        } catch (RuntimeException | Error fault) {
            closeQuietly(client);
            throw fault;
        }
    }

    private void connectAndPump(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException unreachable) {
            // The target itself is down: the client sees its connection end, as it would without us.
            closeQuietly(upstream);
            closeQuietly(client);
            return;
        }
        Link link = new Link(client, upstream);
        synchronized (this) {
            if (cut || closed) {
                link.close();
                return;
            }
            links.add(link);
        }
        try {
            threads.execute(() -> link.pump(upstream, client));
        } catch (RejectedExecutionException closing) {
            link.close();
            return;
        }
        link.pump(client, upstream);
    }

    private synchronized void forget(Link link) {
        links.remove(link);
    }

    /** One forwarded connection: the client's socket and ours to the target. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger directionsEnded = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /** Copies {@code from} to {@code to} until {@code from} ends; a failure on either side ends the link. */
        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[BUFFER_BYTES];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
                to.shutdownOutput();
                if (directionsEnded.incrementAndGet() == 2) {
                    close();
                }
            } catch (IOException broken) {
                close();
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                closeQuietly(client);
                closeQuietly(upstream);
                forget(this);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is all that is left to do
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
