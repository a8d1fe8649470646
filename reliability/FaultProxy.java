import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The soak suite's TCP proxy with a fault switch, in its own process (JDK only): each route listens on
 * 127.0.0.1 and forwards to a target on this machine (PostgreSQL, RabbitMQ), and a control port takes one
 * command per connection, one line, answered with one line:
 *
 * <pre>
 *   cut ROUTE           close every open connection of the route now, drop new ones (a dependency gone)
 *   restore ROUTE       forward new connections again
 *   latency ROUTE MS    delay every chunk of bytes by MS milliseconds, each direction (a slow dependency); 0 ends it
 *   status              routes with their state and open connections
 * </pre>
 *
 * A delay is pure latency: bytes are stamped when read and written once due, by a writer thread per
 * direction, so throughput is not throttled by it. Learnt from the tests' TcpProxy (adapter-persistence-jdbi
 * test sources), written again here since test code is not shipped.
 *
 * <p>Usage: java reliability/FaultProxy.java CONTROL_PORT NAME=LISTEN_PORT:TARGET_HOST:TARGET_PORT...
 * (e.g. {@code 7390 pg=7391:127.0.0.1:5432 amqp=7392:127.0.0.1:5672}); targets must be loopback.
 */
public class FaultProxy {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] END = new byte[0];

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FaultProxy CONTROL_PORT NAME=LISTEN_PORT:TARGET_HOST:TARGET_PORT...");
            System.exit(2);
        }
        Map<String, Route> routes = new LinkedHashMap<>();
        for (String spec : Arrays.copyOfRange(args, 1, args.length)) {
            String[] nameRest = spec.split("=", 2);
            String[] parts = nameRest[1].split(":");
            InetAddress target = InetAddress.getByName(parts[1]);
            if (!target.isLoopbackAddress()) {
                throw new IllegalArgumentException("targets must be on this machine: " + parts[1]);
            }
            Route route = new Route(nameRest[0], Integer.parseInt(parts[0]),
                    new InetSocketAddress(target, Integer.parseInt(parts[2])));
            routes.put(route.name, route);
            route.start();
        }
        ServerSocket control = new ServerSocket(Integer.parseInt(args[0]), 50, LOOPBACK);
        log("control on 127.0.0.1:" + control.getLocalPort() + ", routes " + routes.values());
        while (true) {
            try (Socket client = control.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
                String line = in.readLine();
                String answer = command(routes, line == null ? "" : line.trim());
                log(line + " -> " + answer);
                out.println(answer);
            } catch (IOException | RuntimeException failure) {
                log("control: " + failure);
            }
        }
    }

    private static String command(Map<String, Route> routes, String line) {
        String[] words = line.split("\\s+");
        if (words[0].equals("status")) {
            return "ok " + routes.values();
        }
        Route route = words.length > 1 ? routes.get(words[1]) : null;
        if (route == null) {
            return "error unknown route in '" + line + "'";
        }
        switch (words[0]) {
            case "cut" -> route.cut();
            case "restore" -> route.cut = false;
            case "latency" -> route.latencyMillis = Long.parseLong(words[2]);
            default -> {
                return "error unknown command '" + line + "'";
            }
        }
        return "ok " + route;
    }

    static void log(String message) {
        System.out.println(Instant.now() + " " + message);
        System.out.flush();
    }

    static final class Route {
        final String name;
        final int listenPort;
        final InetSocketAddress target;
        final Set<Link> links = ConcurrentHashMap.newKeySet();
        volatile boolean cut;
        volatile long latencyMillis;

        Route(String name, int listenPort, InetSocketAddress target) {
            this.name = name;
            this.listenPort = listenPort;
            this.target = target;
        }

        void start() throws IOException {
            ServerSocket server = new ServerSocket(listenPort, 200, LOOPBACK);
            Thread accept = new Thread(() -> {
                while (true) {
                    Socket client;
                    try {
                        client = server.accept();
                    } catch (IOException stopped) {
                        return;
                    }
                    if (cut) {
                        close(client);
                        continue;
                    }
                    daemon(() -> connect(client));
                }
            }, "accept-" + name);
            accept.start();
        }

        void connect(Socket client) {
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 2_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException unreachable) {
                close(upstream);
                close(client); // the target is down: the client sees its connection end, as without us
                return;
            }
            Link link = new Link(this, client, upstream);
            links.add(link);
            if (cut) {
                link.close();
                return;
            }
            link.start();
        }

        void cut() {
            cut = true;
            List.copyOf(links).forEach(Link::close);
        }

        @Override
        public String toString() {
            return name + "[:" + listenPort + "->" + target.getPort() + (cut ? " CUT" : "")
                    + (latencyMillis > 0 ? " +" + latencyMillis + "ms" : "") + ", " + links.size() + " open]";
        }
    }

    /** One forwarded connection; per direction a reader that stamps chunks and a writer that sends them when due. */
    static final class Link {
        private final Route route;
        private final Socket client;
        private final Socket upstream;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicInteger directionsEnded = new java.util.concurrent.atomic.AtomicInteger();

        Link(Route route, Socket client, Socket upstream) {
            this.route = route;
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            direction(client, upstream);
            direction(upstream, client);
        }

        private void direction(Socket from, Socket to) {
            LinkedBlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
            daemon(() -> {
                byte[] buffer = new byte[32 * 1024];
                try {
                    InputStream in = from.getInputStream();
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        queue.put(new Object[] {System.nanoTime() + route.latencyMillis * 1_000_000, Arrays.copyOf(buffer, read)});
                    }
                    queue.put(new Object[] {System.nanoTime(), END});
                } catch (IOException | InterruptedException broken) {
                    close();
                    queue.offer(new Object[] {0L, END});
                }
            });
            daemon(() -> {
                try {
                    OutputStream out = to.getOutputStream();
                    while (true) {
                        Object[] chunk = queue.take();
                        long wait = (long) chunk[0] - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        byte[] bytes = (byte[]) chunk[1];
                        if (bytes == END) {
                            to.shutdownOutput();
                            if (directionsEnded.incrementAndGet() == 2) {
                                close();
                            }
                            return;
                        }
                        out.write(bytes);
                        out.flush();
                    }
                } catch (IOException | InterruptedException broken) {
                    close();
                }
            });
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                FaultProxy.close(client);
                FaultProxy.close(upstream);
                route.links.remove(this);
            }
        }
    }

    static void daemon(Runnable body) {
        Thread thread = new Thread(body);
        thread.setDaemon(true);
        thread.start();
    }

    static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all there is to do
        }
    }
}
