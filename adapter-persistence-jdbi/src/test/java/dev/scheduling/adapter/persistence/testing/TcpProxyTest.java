package dev.scheduling.adapter.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TcpProxyTest {
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private EchoServer echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() {
        echo = new EchoServer();
        proxy = TcpProxy.to("127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        echo.close();
    }

    @Test
    void bytesPassThroughBothWaysUnchanged() throws IOException {
        byte[] chunk = new byte[8 * 1024];
        Random random = new Random(42);
        try (Socket socket = connect()) {
            for (int i = 0; i < 32; i++) {
                random.nextBytes(chunk);
                socket.getOutputStream().write(chunk);
                assertThat(socket.getInputStream().readNBytes(chunk.length)).isEqualTo(chunk);
            }
        }
    }

    @Test
    void aCutClosesEveryOpenConnectionAtOnce() throws IOException {
        try (Socket first = connect(); Socket second = connect()) {
            assertEchoes(first);
            assertEchoes(second);
            assertThat(proxy.openConnections()).isEqualTo(2);

            proxy.cut();

            assertThat(proxy.openConnections()).isZero();
            assertClosedByTheProxy(first);
            assertClosedByTheProxy(second);
        }
    }

    @Test
    void whileCutNewConnectionsAreDroppedAndARestoreForwardsAgain() throws IOException {
        try (Socket before = connect()) {
            assertEchoes(before);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);
        int reachedTheTarget = echo.accepted();

        proxy.cut();
        try (Socket dropped = connect()) {
            assertClosedByTheProxy(dropped);
        }
        assertThat(echo.accepted()).as("connections that reached the target while cut").isEqualTo(reachedTheTarget);

        proxy.restore();
        try (Socket after = connect()) {
            assertEchoes(after);
        }
        assertThat(echo.accepted()).isEqualTo(reachedTheTarget + 1);
    }

    @Test
    void forwardsOnlyToThisMachine() {
        assertThatThrownBy(() -> TcpProxy.to("192.0.2.1", 5432))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only to this machine");
    }

    @Test
    void closingStopsListening() {
        int port = proxy.port();

        proxy.close();

        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static void assertEchoes(Socket socket) throws IOException {
        byte[] hello = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        socket.getOutputStream().write(hello);
        assertThat(socket.getInputStream().readNBytes(hello.length)).isEqualTo(hello);
    }

    /** The connection ends (end of stream or reset) promptly; it never stays open answering nothing. */
    private static void assertClosedByTheProxy(Socket socket) {
        try {
            socket.getOutputStream().write('x');
            assertThat(socket.getInputStream().read()).as("what a cut connection reads").isEqualTo(-1);
        } catch (SocketTimeoutException stillOpen) {
            fail("the connection is still open " + READ_TIMEOUT_MILLIS + " ms after the cut");
        } catch (IOException reset) {
            // closed: a reset is as good as an end of stream
        }
    }

    /** Echoes every byte back, one thread per connection; counts the connections it accepted. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();

        EchoServer() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
            daemon(this::acceptConnections);
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private void acceptConnections() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    daemon(() -> echo(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void echo(Socket socket) {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // the peer went away
            }
        }

        private static void daemon(Runnable task) {
            Thread thread = new Thread(task, "echo-server");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
