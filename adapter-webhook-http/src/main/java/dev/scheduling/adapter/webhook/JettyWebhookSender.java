package dev.scheduling.adapter.webhook;

import dev.scheduling.application.port.out.HostResolver;
import dev.scheduling.application.port.out.WebhookSender;
import dev.scheduling.domain.webhook.DeliveryAttempt;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.events.json.EventJson;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@link WebhookSender} on Jetty's {@link HttpClient}: one signed POST per attempt.
 *
 * <ul>
 *   <li>Bounded: a connect timeout, and a total timeout for the whole exchange (name resolution, connect,
 *   request, response headers); a 2xx answered within it is success. Redirects are never followed: a 3xx
 *   is a failed attempt with its code. At most {@link #MAX_RESPONSE_BYTES} of the response body are read
 *   (and discarded); past that the response is aborted, so a receiver streaming without end costs nothing.</li>
 *   <li>Safe: every connection's addresses come from {@link ReceiverAddressResolver}, which refuses
 *   internal addresses unless private receivers are allowed. No cookies, no content decoding, no proxy.</li>
 *   <li>Concurrent: each receiver is its own destination with its own connections, and the client's
 *   threads only run callbacks, so a hanging receiver holds up no other.</li>
 *   <li>Quiet: it logs nothing. The secret and the signature appear only in the request's header.</li>
 * </ul>
 *
 * Call {@link #start()} before the first send and {@link #close()} at shutdown.
 */
public final class JettyWebhookSender implements WebhookSender, AutoCloseable {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** API.md: a 2xx within 10 s is success. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(10);
    /** What is read of an answer's body before the response is aborted: the body itself is never used. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;
    public static final String USER_AGENT = "scheduling-webhooks/1";
    /** Concurrent connections to one receiver; further attempts to it wait (within their total timeout). */
    static final int MAX_CONNECTIONS_PER_RECEIVER = 16;
    /** Past the total timeout, how long to wait for the client to report the aborted exchange. */
    private static final Duration COMPLETION_GRACE = Duration.ofSeconds(2);

    private final Duration totalTimeout;
    private final HttpClient client;
    private final LongAdder responseBytesRead = new LongAdder();

    /** Deliveries with the contract's timeouts: 5 s to connect, 10 s in all. */
    public JettyWebhookSender(HostResolver hosts, boolean allowPrivateReceivers) {
        this(hosts, allowPrivateReceivers, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT);
    }

    public JettyWebhookSender(HostResolver hosts, boolean allowPrivateReceivers, Duration connectTimeout,
                              Duration totalTimeout) {
        Objects.requireNonNull(hosts, "hosts");
        requirePositive(connectTimeout, "connectTimeout");
        this.totalTimeout = requirePositive(totalTimeout, "totalTimeout");
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("webhook-sender");
        threads.setDaemon(true);
        this.client = new HttpClient();
        client.setName("webhook-sender");
        client.setExecutor(threads);
        client.setSocketAddressResolver(new ReceiverAddressResolver(hosts, allowPrivateReceivers, threads));
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setIdleTimeout(Duration.ofSeconds(30).toMillis());
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_RECEIVER);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, USER_AGENT));
    }

    public void start() {
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the webhook sender's HTTP client did not start", e);
        }
        // Loaded at start: without decoders the client asks for no compressed answers and inflates none.
        client.getContentDecoderFactories().clear();
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the webhook sender's HTTP client did not stop", e);
        }
    }

    @Override
    public DeliveryAttempt send(Webhook webhook, WebhookDelivery delivery, Instant at) {
        if (!client.isStarted()) {
            throw new IllegalStateException("the webhook sender is not started");
        }
        long started = System.nanoTime();
        byte[] body = EventJson.encode(delivery.event()).getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(webhook.secret(), at.getEpochSecond(), body);
        BoundedResponse response = new BoundedResponse(MAX_RESPONSE_BYTES, responseBytesRead);
        Request request;
        try {
            request = client.newRequest(webhook.url())
                    .method(HttpMethod.POST)
                    .followRedirects(false)
                    .timeout(totalTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(headers -> headers
                            .put("Scheduling-Event", delivery.event().type())
                            .put("Scheduling-Delivery", delivery.id().toString())
                            .put("Scheduling-Signature", signature))
                    .body(new BytesRequestContent("application/json", body));
        } catch (IllegalArgumentException e) {
            return DeliveryAttempt.unanswered(at, since(started), "invalid receiver URL");
        }
        request.send(response);
        Result result;
        try {
            result = response.completion.get(totalTimeout.plus(COMPLETION_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            return DeliveryAttempt.unanswered(at, since(started), "interrupted");
        } catch (TimeoutException e) {
            // The client's own total timeout should have ended the exchange: make sure it ends.
            request.abort(e);
            return DeliveryAttempt.unanswered(at, since(started), "timed out");
        } catch (ExecutionException impossible) {
            return DeliveryAttempt.unanswered(at, since(started), describe(impossible.getCause()));
        }
        Duration duration = since(started);
        if (response.status > 0) {
            // The receiver answered: its code is the outcome, whatever then happened to the body.
            return DeliveryAttempt.answered(at, response.status, duration);
        }
        return DeliveryAttempt.unanswered(at, duration, describe(result.getFailure()));
    }

    /** Response body bytes read so far, over all attempts: at most {@link #MAX_RESPONSE_BYTES} and a buffer each. */
    long responseBytesRead() {
        return responseBytesRead.sum();
    }

    /** Why an attempt got no answer, briefly: no URL, no header, no secret. */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReceiverAddressResolver.InternalAddressRefused) {
                return "receiver address is internal (not allowed)";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (cause instanceof SSLException) {
                return "TLS failed";
            }
            if (cause instanceof EOFException || cause instanceof ClosedChannelException) {
                return "connection closed without an answer";
            }
        }
        return failure == null ? "no answer" : "request failed (" + failure.getClass().getSimpleName() + ")";
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return duration;
    }

    /**
     * Keeps the final status, reads and drops up to {@code limit} bytes of body, then aborts the response:
     * the body is never held, so its size costs no memory.
     */
    private static final class BoundedResponse implements Response.Listener {
        private final long limit;
        private final LongAdder totalRead;
        private final CompletableFuture<Result> completion = new CompletableFuture<>();
        private volatile int status;
        private long read;

        BoundedResponse(long limit, LongAdder totalRead) {
            this.limit = limit;
            this.totalRead = totalRead;
        }

        @Override
        public void onHeaders(Response response) {
            if (response.getStatus() >= 200) {
                status = response.getStatus();
            }
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            int length = content.remaining();
            content.position(content.limit());
            read += length;
            totalRead.add(length);
            if (read > limit) {
                response.abort(new ResponseBodyTooLarge());
            }
        }

        @Override
        public void onComplete(Result result) {
            completion.complete(result);
        }
    }

    private static final class ResponseBodyTooLarge extends Exception {
        ResponseBodyTooLarge() {
            super("response body over " + MAX_RESPONSE_BYTES + " bytes", null, false, false);
        }
    }
}
