package dev.scheduling.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.webhook.DeliveryAttempt;
import dev.scheduling.domain.webhook.EventFilter;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.domain.webhook.WebhookId;
import dev.scheduling.events.json.EventJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Deliveries to real receivers on 127.0.0.1, reached through names of a fixed table (no DNS). */
class JettyWebhookSenderTest {
    private static final String SECRET = "whsec_test_5f2a9c";
    private static final Instant AT = Instant.parse("2026-12-07T11:00:05Z");
    /** The total timeout where a receiver hangs: short, yet long enough for a busy 2-core machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final FakeHosts hosts = new FakeHosts()
            .with("hooks.test", "127.0.0.1")
            .with("other.test", "127.0.0.1")
            .with("loopback.test", "127.0.0.1")
            .with("private.test", "10.0.0.5")
            .with("metadata.test", "169.254.169.254")
            .with("v6-loopback.test", "::1")
            .with("127.0.0.1", "127.0.0.1");
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void a_delivery_arrives_signed_with_its_headers_and_the_event_as_body() throws Exception {
        Receiver receiver = receiver().answering("/hooks", 204);
        JettyWebhookSender sender = sender(true, Duration.ofSeconds(5));
        EventEnvelope event = slotLocked();
        WebhookDelivery delivery = delivery(event);

        DeliveryAttempt attempt = sender.send(webhook(receiver.url("hooks.test", "/hooks/in?source=scheduling")),
                delivery, AT);

        assertThat(attempt.succeeded()).isTrue();
        assertThat(attempt.responseCode()).contains(204);
        assertThat(attempt.attemptedAt()).isEqualTo(AT);
        assertThat(attempt.error()).isEmpty();
        assertThat(attempt.duration()).isPositive().isLessThan(Duration.ofSeconds(5));

        Receiver.Received request = receiver.received.poll(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        byte[] expectedBody = EventJson.encode(event).getBytes(StandardCharsets.UTF_8);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasPath("/hooks/in").hasQuery("source=scheduling");
        assertThat(request.body()).isEqualTo(expectedBody);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Scheduling-Event")).isEqualTo("slot.locked");
        assertThat(request.header("Scheduling-Delivery")).isEqualTo(delivery.id().toString());
        assertThat(request.header("User-Agent")).isEqualTo("scheduling-webhooks/1");
        assertThat(request.header("Host")).isEqualTo("hooks.test:" + receiver.port());
        assertThat(request.header("Cookie")).isNull();
        assertThat(request.header("Accept-Encoding")).as("no compressed answer to inflate").isNull();

        String signature = request.header("Scheduling-Signature");
        assertThat(WebhookSignature.verify(SECRET, signature, request.body(), AT.plusSeconds(3),
                Duration.ofMinutes(5))).isTrue();
        // As a receiver would check it with nothing but the JDK.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hex = HexFormat.of().formatHex(mac.doFinal(
                (AT.getEpochSecond() + "." + new String(request.body(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).isEqualTo("t=" + AT.getEpochSecond() + ",v1=" + hex);
    }

    @Test
    void a_server_error_is_an_answered_failure_with_its_code() throws Exception {
        Receiver receiver = receiver().answering("/hooks", 500);

        DeliveryAttempt attempt = sender(true, Duration.ofSeconds(5))
                .send(webhook(receiver.url("hooks.test", "/hooks")), delivery(slotLocked()), AT);

        assertThat(attempt.succeeded()).isFalse();
        assertThat(attempt.responseCode()).contains(500);
        assertThat(attempt.error()).isEmpty();
    }

    @Test
    void a_hanging_receiver_times_out_while_another_receiver_gets_its_delivery_at_once() throws Exception {
        Receiver hanging = receiver().hanging("/hooks");
        Receiver prompt = receiver().answering("/hooks", 200);
        JettyWebhookSender sender = sender(true, TIMEOUT);
        ExecutorService caller = executor(1);

        Future<DeliveryAttempt> stuck = caller.submit(() ->
                sender.send(webhook(hanging.url("hooks.test", "/hooks")), delivery(slotLocked()), AT));
        assertThat(hanging.received.poll(5, TimeUnit.SECONDS)).as("the hanging receiver took the request").isNotNull();

        long started = System.nanoTime();
        DeliveryAttempt delivered = sender.send(webhook(prompt.url("other.test", "/hooks")), delivery(slotLocked()), AT);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(delivered.succeeded()).isTrue();
        assertThat(took).isLessThan(TIMEOUT.dividedBy(2));
        assertThat(stuck.isDone()).as("the hanging attempt is still waiting").isFalse();

        DeliveryAttempt timedOut = stuck.get(10, TimeUnit.SECONDS);
        assertThat(timedOut.responseCode()).isEmpty();
        assertThat(timedOut.error()).contains("timed out");
        assertThat(timedOut.duration()).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.plusSeconds(2));
    }

    @Test
    void sixteen_concurrent_senders_are_not_held_up_by_the_hanging_receivers_among_them() throws Exception {
        Receiver hanging = receiver().hanging("/hooks");
        List<Receiver> prompt = List.of(receiver().answering("/hooks", 200), receiver().answering("/hooks", 200));
        JettyWebhookSender sender = sender(true, TIMEOUT);
        for (Receiver receiver : prompt) { // the first send of a JVM loads classes for a while: not measured
            assertThat(sender.send(webhook(receiver.url("other.test", "/hooks")), delivery(slotLocked()), AT)
                    .succeeded()).isTrue();
        }
        ExecutorService callers = executor(16);
        CountDownLatch go = new CountDownLatch(1);

        List<Future<DeliveryAttempt>> stuck = new ArrayList<>();
        List<Future<Duration>> delivered = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            stuck.add(callers.submit(() -> {
                go.await();
                return sender.send(webhook(hanging.url("hooks.test", "/hooks")), delivery(slotLocked()), AT);
            }));
            Receiver receiver = prompt.get(i % 2);
            delivered.add(callers.submit(() -> {
                go.await();
                long started = System.nanoTime();
                DeliveryAttempt attempt = sender.send(webhook(receiver.url("other.test", "/hooks")),
                        delivery(slotLocked()), AT);
                assertThat(attempt.succeeded()).isTrue();
                return Duration.ofNanos(System.nanoTime() - started);
            }));
        }
        go.countDown();

        List<Duration> durations = new ArrayList<>();
        for (Future<Duration> each : delivered) {
            durations.add(each.get(10, TimeUnit.SECONDS));
        }
        assertThat(stuck).as("every delivery came while the hanging receiver still held its requests")
                .noneMatch(Future::isDone);
        assertThat(durations).allSatisfy(took -> assertThat(took).isLessThan(TIMEOUT.dividedBy(2)));
        for (Future<DeliveryAttempt> each : stuck) {
            assertThat(each.get(10, TimeUnit.SECONDS).error()).contains("timed out");
        }
        assertThat(prompt.get(0).hits("/hooks") + prompt.get(1).hits("/hooks")).isEqualTo(2 + 8);
    }

    @Test
    void a_redirect_is_not_followed_and_is_a_failure_with_its_code() throws Exception {
        Receiver receiver = receiver().answering("/moved", 200);
        receiver.on("/hooks", exchange -> {
            exchange.getResponseHeaders().add("Location", receiver.url("hooks.test", "/moved").toString());
            exchange.sendResponseHeaders(302, -1);
        });

        DeliveryAttempt attempt = sender(true, Duration.ofSeconds(5))
                .send(webhook(receiver.url("hooks.test", "/hooks")), delivery(slotLocked()), AT);

        assertThat(attempt.responseCode()).contains(302);
        assertThat(attempt.succeeded()).isFalse();
        Thread.sleep(200);
        assertThat(receiver.hits("/hooks")).isEqualTo(1);
        assertThat(receiver.hits("/moved")).isZero();
    }

    @Test
    void a_huge_answer_is_not_read_in_full() throws Exception {
        long tenMegabytes = 10L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        AtomicBoolean writeFailed = new AtomicBoolean();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Receiver receiver = receiver().on("/hooks", exchange -> {
            byte[] chunk = new byte[64 * 1024];
            exchange.sendResponseHeaders(200, tenMegabytes);
            try (OutputStream out = exchange.getResponseBody()) {
                while (written.get() < tenMegabytes) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                writeFailed.set(true);
            } finally {
                answered.complete(null);
            }
        });
        JettyWebhookSender sender = sender(true, Duration.ofSeconds(5));

        DeliveryAttempt attempt = sender.send(webhook(receiver.url("hooks.test", "/hooks")), delivery(slotLocked()), AT);

        assertThat(attempt.responseCode()).contains(200);
        assertThat(attempt.duration()).isLessThan(Duration.ofSeconds(3));
        assertThat(sender.responseBytesRead()).as("body bytes read")
                .isGreaterThan(0).isLessThan(2L * JettyWebhookSender.MAX_RESPONSE_BYTES);
        answered.get(10, TimeUnit.SECONDS);
        assertThat(writeFailed).as("the receiver could not write it all: the sender hung up").isTrue();
        assertThat(written.get()).isLessThan(tenMegabytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"loopback.test", "private.test", "metadata.test", "v6-loopback.test"})
    void an_internal_address_is_refused_and_the_receiver_never_hit(String host) throws Exception {
        // First the policy alone, without a connection: if it let this host through, the send below would
        // connect to an address (10.x, 169.254.x) that a test must never reach.
        assertThat(ReceiverAddressResolverTest.resolve(new ReceiverAddressResolver(hosts, false, Runnable::run), host))
                .isCompletedExceptionally();
        Receiver receiver = receiver().answering("/hooks", 200);

        DeliveryAttempt attempt = sender(false, Duration.ofSeconds(5))
                .send(webhook(receiver.url(host, "/hooks")), delivery(slotLocked()), AT);

        assertThat(attempt.responseCode()).isEmpty();
        assertThat(attempt.error()).contains("receiver address is internal (not allowed)");
        assertThat(receiver.hits("/hooks")).isZero();
    }

    @Test
    void a_literal_internal_address_in_the_url_is_refused_too() throws Exception {
        Receiver receiver = receiver().answering("/hooks", 200);

        DeliveryAttempt attempt = sender(false, Duration.ofSeconds(5))
                .send(webhook(receiver.url("127.0.0.1", "/hooks")), delivery(slotLocked()), AT);

        assertThat(attempt.error()).contains("receiver address is internal (not allowed)");
        assertThat(receiver.hits("/hooks")).isZero();
    }

    @Test
    void with_private_receivers_allowed_an_internal_address_is_delivered_to() throws Exception {
        Receiver receiver = receiver().answering("/hooks", 200);

        DeliveryAttempt attempt = sender(true, Duration.ofSeconds(5))
                .send(webhook(receiver.url("loopback.test", "/hooks")), delivery(slotLocked()), AT);

        assertThat(attempt.succeeded()).isTrue();
        assertThat(receiver.hits("/hooks")).isEqualTo(1);
    }

    @Test
    void an_unknown_host_is_an_unanswered_attempt() throws Exception {
        DeliveryAttempt attempt = sender(true, Duration.ofSeconds(5))
                .send(webhook(URI.create("https://unknown.test/hooks")), delivery(slotLocked()), AT);

        assertThat(attempt.responseCode()).isEmpty();
        assertThat(attempt.error()).contains("unknown host");
        assertThat(attempt.duration()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_port_where_nothing_listens_is_a_refused_connection() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        DeliveryAttempt attempt = sender(true, Duration.ofSeconds(5))
                .send(webhook(URI.create("http://hooks.test:" + closedPort + "/hooks")), delivery(slotLocked()), AT);

        assertThat(attempt.responseCode()).isEmpty();
        assertThat(attempt.error()).contains("connection refused");
    }

    @Test
    void errors_name_the_failure_and_nothing_of_the_request() {
        assertThat(JettyWebhookSender.describe(new java.util.concurrent.TimeoutException("Total timeout 1000 ms")))
                .isEqualTo("timed out");
        assertThat(JettyWebhookSender.describe(new RuntimeException("x", new java.net.ConnectException(SECRET))))
                .isEqualTo("connection refused");
        assertThat(JettyWebhookSender.describe(new IllegalStateException(SECRET)))
                .isEqualTo("request failed (IllegalStateException)");
    }

    @Test
    void a_sender_sends_only_between_start_and_close() throws Exception {
        JettyWebhookSender sender = new JettyWebhookSender(hosts, true, TIMEOUT, TIMEOUT);
        Webhook webhook = webhook(URI.create("http://hooks.test:1/hooks"));

        assertThatThrownBy(() -> sender.send(webhook, delivery(slotLocked()), AT))
                .isInstanceOf(IllegalStateException.class);
        sender.start();
        sender.close();
        assertThatThrownBy(() -> sender.send(webhook, delivery(slotLocked()), AT))
                .isInstanceOf(IllegalStateException.class);
    }

    private Receiver receiver() throws IOException {
        Receiver receiver = new Receiver();
        toClose.add(receiver);
        return receiver;
    }

    private JettyWebhookSender sender(boolean allowPrivate, Duration totalTimeout) {
        JettyWebhookSender sender = new JettyWebhookSender(hosts, allowPrivate, Duration.ofSeconds(1), totalTimeout);
        sender.start();
        toClose.add(0, sender);
        return sender;
    }

    private ExecutorService executor(int threads) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        toClose.add(executor::shutdownNow);
        return executor;
    }

    private static Webhook webhook(URI url) {
        return Webhook.register(new WebhookId("wh-1"), url, EventFilter.of(List.of("*")), "test receiver", SECRET,
                AT.minusSeconds(3600));
    }

    private static WebhookDelivery delivery(EventEnvelope event) {
        return WebhookDelivery.of(new WebhookId("wh-1"), event, AT);
    }

    private static EventEnvelope slotLocked() {
        Instant occurredAt = Instant.parse("2026-12-07T11:00:00Z");
        return new EventEnvelope(UUID.randomUUID(), occurredAt, new SlotLocked(
                new ReservationToken(UUID.randomUUID().toString().replace("-", "")), new UnitId("unit-1"),
                new ServiceId("service-1"), LocalDate.parse("2026-12-07"), LocalTime.parse("09:00"),
                LocalTime.parse("09:30"), 1, 4, 3, occurredAt.plusSeconds(300)));
    }

}
