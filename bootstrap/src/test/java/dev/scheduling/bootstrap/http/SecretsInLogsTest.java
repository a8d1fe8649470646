package dev.scheduling.bootstrap.http;

import static dev.scheduling.bootstrap.http.HttpContractTest.assertProblem;
import static dev.scheduling.bootstrap.http.HttpContractTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.bootstrap.http.ApiClient.Reply;
import dev.scheduling.bootstrap.testing.TestBroker;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Secrets never reach the logs (issue #10, docs/security.md): a full run of a real service, the client's
 * journey (codes asked, guessed wrong, verified; a booking moved and cancelled), admin work with right and
 * wrong tokens, forged client tokens, and webhooks registered, failing, retried and delivered, all while
 * every log line of the process is captured on the root logger. Then the lines are scanned for the
 * one-time codes and the recipients (outside the development sender's own {@code dev sender:} lines,
 * which exist to show them), the access tokens and their signatures, the admin token, the token secret,
 * the webhook secrets and signatures, and the database and broker credentials. Once in memory, once with
 * PostgreSQL and RabbitMQ (with a database password in the JDBC URL as well as in its variable).
 */
class SecretsInLogsTest {
    private static final String DEV_SENDER_LOGGER = "dev.scheduling.adapter.inmemory.DevMailboxNotifier";
    private static final Pattern SIX_DIGITS = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");

    private final MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");
    private final String adminToken = "admin-" + UUID.randomUUID();
    private final String tokenSecret = "token-secret-" + UUID.randomUUID() + "-" + UUID.randomUUID();

    @Test
    void nothing_secret_is_logged_in_memory() {
        scan(Map.of(), List.of());
    }

    @Test
    void nothing_secret_is_logged_with_postgresql_and_rabbitmq() {
        String dbPassword = "db-password-" + UUID.randomUUID();
        String webhooksQueue = "test.webhooks." + UUID.randomUUID();
        String notificationsQueue = "test.notifications." + UUID.randomUUID();
        try (PostgresTestDatabase database = PostgresTestDatabase.create(2)) {
            Map<String, String> env = Map.of(
                    // The test server trusts local connections, so the password is carried, never checked.
                    Configuration.DB_URL, PostgresTestDatabase.url() + "?currentSchema=" + database.schema()
                            + "&password=" + dbPassword,
                    Configuration.DB_USER, database.settings().user(),
                    Configuration.DB_PASSWORD, dbPassword,
                    Configuration.AMQP_URL, TestBroker.url().toString(),
                    Configuration.WEBHOOKS_QUEUE, webhooksQueue,
                    Configuration.NOTIFICATIONS_QUEUE, notificationsQueue);
            List<String> secrets = new ArrayList<>(List.of(dbPassword));
            String userInfo = TestBroker.url().getRawUserInfo();
            if (userInfo != null && userInfo.contains(":")) {
                secrets.add(userInfo + "@"); // the broker's user and password as a URL carries them
            }
            scan(env, secrets);
        } finally {
            try (TestBroker broker = TestBroker.connect()) {
                broker.deleteConsumerQueue(webhooksQueue);
                broker.deleteConsumerQueue(notificationsQueue);
            }
        }
    }

    /** Runs the journey on a service of the given mode, and checks every captured line. */
    private void scan(Map<String, String> modeEnvironment, List<String> modeSecrets) {
        CapturingAppender captured = new CapturingAppender();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.setContext(root.getLoggerContext());
        captured.start();
        root.addAppender(captured);
        Journey journey;
        try {
            Map<String, String> env = new HashMap<>(modeEnvironment);
            env.put(Configuration.ADMIN_TOKEN, adminToken);
            env.put(Configuration.TOKEN_SECRET, tokenSecret);
            env.put(Configuration.DEV_MAILBOX, "true");
            env.put(Configuration.WEBHOOK_ALLOW_PRIVATE, "true");
            try (WebhookReceiver receiver = new WebhookReceiver();
                 ServiceRuntime runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(env), clock, 0)) {
                journey = new Journey(new ApiClient("http://127.0.0.1:" + runtime.port(), adminToken), receiver);
                journey.run();
            }
        } finally {
            root.detachAppender(captured);
            captured.stop();
        }

        List<Line> lines = List.copyOf(captured.lines);
        assertThat(lines).as("the run logged something, so the scan scans something").isNotEmpty();
        assertThat(lines).as("the dev sender's lines, which show codes by design, were captured too")
                .anyMatch(Line::fromDevSender);

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("the admin token", adminToken);
        secrets.put("the token secret", tokenSecret);
        journey.accessTokens.forEach(token -> {
            secrets.put("an access token", token);
            secrets.put("an access token's signature", token.substring(token.lastIndexOf('.') + 1));
        });
        journey.webhookSecrets.forEach(secret -> secrets.put("a webhook secret", secret));
        journey.signatures.forEach(signature -> secrets.put("a webhook signature", signature));
        modeSecrets.forEach(secret -> secrets.put("a database or broker credential", secret));
        assertThat(journey.accessTokens).isNotEmpty();
        assertThat(journey.webhookSecrets).isNotEmpty();
        assertThat(journey.signatures).as("deliveries were signed and received").isNotEmpty();
        assertThat(journey.codes).hasSizeGreaterThan(1);

        for (Line line : lines) {
            secrets.forEach((what, secret) -> assertThat(line.text()).as("%s in the log line %s", what, line)
                    .doesNotContain(secret));
            assertThat(line.text()).as("a bearer credential in %s", line).doesNotContainIgnoringCase("Bearer ey");
            if (line.fromDevSender()) {
                continue;
            }
            Matcher digits = SIX_DIGITS.matcher(line.text());
            while (digits.find()) {
                assertThat(journey.codes).as("a one-time code in the log line %s", line).doesNotContain(digits.group(1));
            }
            for (String recipient : journey.recipients) {
                assertThat(line.text()).as("a recipient in the log line %s", line).doesNotContain(recipient);
            }
        }
    }

    /** One log event as text: logger, level, thread, message, MDC and the whole failure with its causes. */
    record Line(String logger, String text) {
        boolean fromDevSender() {
            return logger.equals(DEV_SENDER_LOGGER) && text.contains("dev sender:");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
        private final List<Line> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder text = new StringBuilder()
                    .append(event.getLevel()).append(' ').append(event.getThreadName()).append(' ')
                    .append(event.getLoggerName()).append(' ').append(event.getFormattedMessage())
                    .append(' ').append(event.getMDCPropertyMap());
            if (event.getThrowableProxy() != null) {
                text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            lines.add(new Line(event.getLoggerName(), text.toString()));
        }
    }

    /** What a client, an operator, an intruder and a business's receiver do, and the secrets they saw. */
    private final class Journey {
        private final ApiClient api;
        private final WebhookReceiver receiver;
        final List<String> codes = new ArrayList<>();
        final List<String> recipients = new ArrayList<>();
        final List<String> accessTokens = new ArrayList<>();
        final List<String> webhookSecrets = new ArrayList<>();
        final List<String> signatures = new ArrayList<>();

        Journey(ApiClient api, WebhookReceiver receiver) {
            this.api = api;
            this.receiver = receiver;
        }

        void run() {
            // An operator: a unit, a service, two webhooks (one that fails twice before it answers).
            receiver.respond("/flaky", 500, 503);
            String unitId = ok(api.admin().post("/units", Map.of("name", "Centro", "timeZone", "America/Sao_Paulo",
                    "openingHours", everyDay())), 201).path("id").asText();
            String serviceId = ok(api.admin().post("/units/" + unitId + "/services",
                    Map.of("name", "Consulta", "durationMinutes", 30, "capacity", 2)), 201).path("id").asText();
            for (String path : List.of("/hook", "/flaky")) {
                JsonNode webhook = ok(api.admin().post("/webhooks", Map.of("url", receiver.url(path),
                        "events", List.of("appointment.*", "slot.*"), "description", "CRM")), 201);
                webhookSecrets.add(webhook.path("secret").asText());
            }
            // An intruder: wrong admin tokens, forged and stolen-looking client tokens.
            assertProblem(api.withHeader("Authorization", "Bearer " + adminToken + "x").get("/units"), 401,
                    "unauthorized");
            assertProblem(api.withHeader("Authorization", "Bearer " + adminToken.substring(1)).get("/webhooks"), 401,
                    "unauthorized");

            // A client: a code asked for by phone, a wrong guess, the right one; then by e-mail.
            String phone = "+551198" + String.format("%07d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000_000));
            String email = "secret-" + UUID.randomUUID() + "@example.com";
            recipients.add(phone.substring(1));
            recipients.add(email);
            ok(api.post("/auth/login-client/request", Map.of("phone", phone)), 202);
            String code = latestCode(phone);
            assertProblem(api.post("/auth/login-client/verify", Map.of("phone", phone, "code", wrong(code))), 401,
                    "invalid_code");
            assertProblem(api.post("/auth/login-client/request", Map.of("phone", phone)), 429, "otp_cooldown");
            String access = ok(api.post("/auth/login-client/verify", Map.of("phone", phone, "code", code)), 200)
                    .path("accessToken").asText();
            accessTokens.add(access);
            assertProblem(api.post("/auth/login-client/verify", Map.of("phone", phone, "code", code)), 401,
                    "invalid_code");
            ok(api.post("/auth/login-client/request", Map.of("email", email)), 202);
            String other = ok(api.post("/auth/login-client/verify", Map.of("email", email,
                    "code", latestCode(email))), 200).path("accessToken").asText();
            accessTokens.add(other);

            ApiClient client = api.withHeader("Authorization", "Bearer " + access);
            assertProblem(api.withHeader("Authorization", "Bearer " + access.substring(0, access.length() - 2) + "xx")
                    .get("/clients/me/appointments"), 401, "unauthorized");

            // The client books, moves and cancels; the other client tries to read it.
            LocalDate date = LocalDate.of(2026, 3, 9);
            String first = lock(unitId, serviceId, date, "10:00");
            JsonNode appointment = ok(client.post("/appointments", Map.of("reservationToken", first,
                    "notes", "first visit")), 201);
            String id = appointment.path("id").asText();
            assertProblem(api.withHeader("Authorization", "Bearer " + other).get("/appointments/" + id), 404,
                    "appointment_not_found");
            ok(client.post("/appointments/" + id + "/reschedule",
                    Map.of("reservationToken", lock(unitId, serviceId, date, "11:00"))), 200);
            ok(client.post("/appointments/" + id + "/cancel", Map.of()), 200);
            ok(client.get("/clients/me/appointments"), 200);
            ok(api.admin().get("/units/" + unitId + "/appointments?date=" + date), 200);

            // The receivers: /hook gets every event; /flaky fails twice, then gets them on its retries.
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/hook").size() >= 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.requests("/flaky").isEmpty());
            for (int round = 0; round < 20; round++) {
                clock.advance(Duration.ofMinutes(3));
                sleep(400);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/flaky").size() >= 3);
            for (String path : List.of("/hook", "/flaky")) {
                for (WebhookReceiver.Received delivery : receiver.requests(path)) {
                    String header = delivery.header("Scheduling-Signature");
                    signatures.add(header.substring(header.indexOf("v1=") + 3));
                }
            }
            JsonNode hooks = ok(api.admin().get("/webhooks"), 200).path("webhooks");
            for (JsonNode hook : hooks) {
                ok(api.admin().get("/webhooks/" + hook.path("id").asText() + "/deliveries"), 200);
            }
        }

        private String lock(String unitId, String serviceId, LocalDate date, String time) {
            return ok(api.post("/slots/lock", Map.of("unitId", unitId, "serviceId", serviceId,
                    "date", date.toString(), "startTime", time)), 201).path("reservationToken").asText();
        }

        private String latestCode(String recipient) {
            String query = recipient.startsWith("+") ? "%2B" + recipient.substring(1) : recipient;
            List<JsonNode> sent = HttpContractTest.elements(
                    ok(api.get("/dev/notifications?recipient=" + query), 200).path("notifications"));
            Matcher matcher = SIX_DIGITS.matcher(sent.get(sent.size() - 1).path("body").asText());
            assertThat(matcher.find()).isTrue();
            codes.add(matcher.group(1));
            return matcher.group(1);
        }
    }

    private static Map<String, Object> everyDay() {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.put(day, List.of(Map.of("start", "09:00", "end", "18:00")));
        }
        return hours;
    }

    private static String wrong(String code) {
        return ClientJourneyContractTest.wrong(code);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
