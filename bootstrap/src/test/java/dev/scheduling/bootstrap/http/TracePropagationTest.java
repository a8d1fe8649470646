package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scheduling.adapter.inmemory.SecureRandomIdentifiers;
import dev.scheduling.adapter.persistence.PostgresAdapters;
import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.bootstrap.WorkerRuntime;
import dev.scheduling.bootstrap.http.ApiClient.Reply;
import dev.scheduling.bootstrap.testing.TestBroker;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.testing.CatalogFixtures;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One trace from the HTTP request to the notifications worker: the caller's {@code traceparent} is the
 * parent of the server span, the use case's span is its child, the event carries the use case's context
 * through the outbox and RabbitMQ's message headers, and the worker's span for the event is a child of the
 * use case's span. The service (PostgreSQL, RabbitMQ, notifications off) and the worker run here with one
 * SDK and an in-memory exporter; the context crosses between them only through the database and the broker.
 */
class TracePropagationTest {
    private static final AttributeKey<String> TOKEN = AttributeKey.stringKey("reservationToken");
    private static final AttributeKey<String> UNIT = AttributeKey.stringKey("unitId");
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("serviceId");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("eventType");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b\\d{6}\\b");
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final List<Notifier.Notification> sent = new CopyOnWriteArrayList<>();
    private PostgresTestDatabase database;
    private TestBroker broker;
    private String queue;
    private ServiceRuntime service;
    private WorkerRuntime worker;
    private ApiClient api;
    private Unit unit;
    private BookableService bookable;

    @BeforeEach
    void start() {
        database = PostgresTestDatabase.create(4);
        broker = TestBroker.connect();
        queue = "test.tracing." + UUID.randomUUID();
        MutableClock clock = MutableClock.at(NOW.toString());
        SchedulingPorts ports = new PostgresAdapters(database.database(), new SecureRandomIdentifiers(), clock).ports();
        unit = CatalogFixtures.aUnit().openEveryDay("09:00-12:00").build();
        ports.units().save(unit);
        bookable = CatalogFixtures.aServiceOf(unit).build();
        ports.services().save(bookable);
        Map<String, String> common = Map.of(
                Configuration.DB_URL, PostgresTestDatabase.url() + "?currentSchema=" + database.schema(),
                Configuration.DB_POOL_SIZE, "4",
                Configuration.AMQP_URL, TestBroker.url().toString(),
                Configuration.NOTIFICATIONS_QUEUE, queue,
                Configuration.WEBHOOKS_QUEUE, queue + ".webhooks");
        Map<String, String> serviceEnvironment = new java.util.HashMap<>(common);
        serviceEnvironment.putAll(Map.of(Configuration.NOTIFICATIONS, "off", Configuration.WEBHOOKS, "off",
                Configuration.DEV_MAILBOX, "true",
                Configuration.ADMIN_TOKEN, "test-admin-" + UUID.randomUUID()));
        service = ServiceRuntime.startForTest(Configuration.fromEnvironment(serviceEnvironment), clock, 0, sdk);
        worker = WorkerRuntime.startForTest(Configuration.fromEnvironment(common), clock, 0, sent::add, sdk);
        api = new ApiClient("http://127.0.0.1:" + service.port(), service.adminToken());
    }

    @AfterEach
    void stop() throws Exception {
        worker.close();
        service.close();
        broker.deleteConsumerQueue(queue);
        broker.deleteConsumerQueue(queue + ".webhooks");
        broker.close();
        database.close();
        sdk.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void one_trace_runs_from_the_http_request_through_the_event_to_the_notice() {
        String email = "trace." + UUID.randomUUID() + "@example.com";
        ApiClient client = logIn(email);
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";

        Reply locked = api.withHeader("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
                .post("/slots/lock", Map.of("unitId", unit.id().value(), "serviceId", bookable.id().value(),
                        "date", "2026-12-07", "startTime", "09:00"));
        assertThat(locked.status()).as(locked.body()).isEqualTo(201);
        String token = locked.text("reservationToken");
        String bookingTrace = "5bf92f3577b34da6a3ce929d0e0e4737";
        Reply booked = client.withHeader("traceparent", "00-" + bookingTrace + "-" + callerSpan + "-01")
                .post("/appointments", Map.of("reservationToken", token));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 1
                && handled("slot.locked", callerTrace).isPresent()
                && handled("appointment.created", bookingTrace).isPresent());

        // The lock: caller → POST /slots/lock → AvailabilityService.lockSlot → (outbox, RabbitMQ) → worker.
        SpanData server = only(callerTrace, "POST /slots/lock");
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
        assertThat(server.getAttributes().get(ROUTE)).isEqualTo("/slots/lock");
        assertThat(server.getAttributes().get(STATUS)).isEqualTo(201L);
        SpanData lockSlot = only(callerTrace, "AvailabilityService.lockSlot");
        assertThat(lockSlot.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(lockSlot.getAttributes().get(TOKEN)).isEqualTo(token);
        assertThat(lockSlot.getAttributes().get(UNIT)).isEqualTo(unit.id().value());
        assertThat(lockSlot.getAttributes().get(SERVICE)).isEqualTo(bookable.id().value());
        SpanData lockNotice = handled("slot.locked", callerTrace).orElseThrow();
        assertThat(lockNotice.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(lockNotice.getParentSpanId()).isEqualTo(lockSlot.getSpanId());

        // The booking: its own trace, down to the notice the worker sent.
        SpanData bookServer = only(bookingTrace, "POST /appointments");
        SpanData book = only(bookingTrace, "Booking.book");
        assertThat(book.getParentSpanId()).isEqualTo(bookServer.getSpanId());
        SpanData notice = handled("appointment.created", bookingTrace).orElseThrow();
        assertThat(notice.getParentSpanId()).isEqualTo(book.getSpanId());
        assertThat(notice.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("SENT");
        assertThat(sent).singleElement().satisfies(n -> assertThat(n.template()).isEqualTo("appointment_created"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void no_span_carries_a_one_time_code_or_an_access_token() {
        String email = "secret." + UUID.randomUUID() + "@example.com";
        api.post("/auth/login-client/request", Map.of("email", email));
        String code = lastCode(email);
        Reply verified = api.post("/auth/login-client/verify", Map.of("email", email, "code", code));
        String accessToken = verified.text("accessToken");
        api.withHeader("Authorization", "Bearer " + accessToken).get("/clients/me/appointments");

        List<SpanData> all = spans.getFinishedSpanItems();
        assertThat(all).extracting(SpanData::getName).contains("POST /auth/login-client/verify",
                "GET /clients/me/appointments");
        assertThat(all).allSatisfy(span -> span.getAttributes().forEach((key, value) ->
                assertThat(String.valueOf(value)).as("%s of %s", key, span.getName())
                        .doesNotContain(code).doesNotContain(accessToken)));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_log_line_is_one_json_object_with_the_trace_and_span_of_its_request() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        root.addAppender(lines);
        String email = "logs." + UUID.randomUUID() + "@example.com";
        try {
            api.withHeader("traceparent", "00-6bf92f3577b34da6a3ce929d0e0e4738-00f067aa0ba902b7-01")
                    .post("/auth/login-client/request", Map.of("email", email));
        } finally {
            root.detachAppender(lines);
        }

        ch.qos.logback.classic.spi.ILoggingEvent sent = lines.list.stream()
                .filter(line -> line.getFormattedMessage().startsWith("dev sender:")
                        && line.getFormattedMessage().contains(email))
                .findFirst().orElseThrow();
        SpanData request = only("6bf92f3577b34da6a3ce929d0e0e4738", "ClientLogin.requestCode");
        // Encoded as the service's logback.xml configures it: one line, one JSON object.
        ch.qos.logback.classic.encoder.JsonEncoder encoder = new ch.qos.logback.classic.encoder.JsonEncoder();
        encoder.setContext(root.getLoggerContext());
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        String line = new String(encoder.encode(sent), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(line.strip()).doesNotContain("\n").startsWith("{").endsWith("}");
        com.fasterxml.jackson.databind.JsonNode json = ApiClient.JSON.readTree(line);
        assertThat(json.path("mdc").path("trace_id").asText()).isEqualTo("6bf92f3577b34da6a3ce929d0e0e4738");
        assertThat(json.path("mdc").path("span_id").asText()).isEqualTo(request.getSpanId());
        assertThat(json.path("level").asText()).isEqualTo("INFO");
    }

    private ApiClient logIn(String email) {
        api.post("/auth/login-client/request", Map.of("email", email));
        Reply verified = api.post("/auth/login-client/verify", Map.of("email", email, "code", lastCode(email)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return api.withHeader("Authorization", "Bearer " + verified.text("accessToken"));
    }

    private String lastCode(String email) {
        List<Notifier.Notification> codes = service.devNotifier().sent(Optional.of(email)).stream()
                .filter(notice -> notice.template().equals("login_code")).toList();
        Matcher digits = SIX_DIGITS.matcher(codes.get(codes.size() - 1).body());
        assertThat(digits.find()).isTrue();
        return digits.group();
    }

    private SpanData only(String traceId, String name) {
        List<SpanData> named = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getName().equals(name)).toList();
        assertThat(named).as("spans %s in trace %s among %s", name, traceId, spans.getFinishedSpanItems())
                .hasSize(1);
        return named.get(0);
    }

    private Optional<SpanData> handled(String eventType, String traceId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("NotifyClients.handle") && span.getTraceId().equals(traceId)
                        && eventType.equals(span.getAttributes().get(EVENT_TYPE)))
                .findFirst();
    }
}
