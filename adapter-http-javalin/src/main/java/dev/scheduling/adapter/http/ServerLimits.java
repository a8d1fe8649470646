package dev.scheduling.adapter.http;

import java.time.Duration;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;

/**
 * What one client may cost the server, beside the body limit of {@link RequestBodies} and the JSON limits
 * of {@link Json} (ADR 0004, "Limits of a request"):
 * <ul>
 *   <li>request line and headers together up to {@value #MAX_HEADER_BYTES} bytes (414 or 431 beyond);</li>
 *   <li>a connection silent for {@link #IDLE_TIMEOUT} is closed, between requests and within one
 *       (Jetty's default is 30 s);</li>
 *   <li>a body is read by Jetty without a thread until it is complete (or past twice the body limit), so
 *       that a client sending its body slowly, or stopping half-way, holds a connection but no thread;</li>
 *   <li>a body that a handler still has to wait for, arriving slower than {@value #MIN_REQUEST_BYTES_PER_SECOND}
 *       bytes a second on average once {@link #SLOW_BODY_GRACE} has passed, is cut with a 408
 *       ({@link MinimumRateInput}: Jetty's own minimum rate is left off, see there why).</li>
 * </ul>
 * Request lines and headers are parsed by Jetty as they arrive, without a thread.
 */
final class ServerLimits {
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;
    static final Duration SLOW_BODY_GRACE = Duration.ofSeconds(1);
    /** A body read ahead may be split in many small chunks: each is counted as at least this many bytes. */
    private static final int CHUNK_OVERHEAD_BYTES = 1024;

    private ServerLimits() {
    }

    static void apply(HttpConfiguration http) {
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    }

    /**
     * Reads each body ahead, asynchronously, before a thread handles the request. A client that trickles
     * its body in tiny chunks reaches the read-ahead limit (each chunk counts at least
     * {@value #CHUNK_OVERHEAD_BYTES} bytes) after about 128 chunks and then meets the minimum data rate.
     */
    static void apply(Server server) {
        server.insertHandler(new EagerContentHandler(new EagerContentHandler.RetainedContentLoaderFactory(
                2L * RequestBodies.MAX_BYTES, CHUNK_OVERHEAD_BYTES, false)));
    }

    /** The idle timeout of the connections themselves, once the connectors exist. */
    static void applyToConnectors(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector network) {
                network.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            }
        }
    }
}
