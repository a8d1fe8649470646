package dev.scheduling.bootstrap.http;

import static dev.scheduling.bootstrap.http.HttpContractTest.assertProblem;
import static dev.scheduling.bootstrap.http.HttpContractTest.elements;
import static dev.scheduling.bootstrap.http.HttpContractTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.bootstrap.http.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The security review's tests over real HTTP (docs/security.md), beside the contract suites: enumeration of
 * recipients by the answers and their timing, guesses sprayed over many recipients from many connections,
 * every admin operation of the contract refusing every kind of wrong credential, a client token forged
 * with the admin token, and every appointment route refusing another client's appointment. The
 * operations come from {@code docs/openapi.yaml}, so a route added later is covered without a change here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHttpTest {
    /** Long enough to serve as an HS256 key, so that a token signed with it can be tried. */
    private static final String ADMIN_TOKEN = "security-test-admin-token-" + UUID.randomUUID();
    private static final String TOKEN_SECRET = "security-test-token-secret-" + UUID.randomUUID();
    private static final int THROTTLE_AFTER = 3;
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b\\d{6}\\b");
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private final MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");
    private ServiceRuntime runtime;
    private ApiClient api;

    @BeforeAll
    void start() {
        runtime = start(Map.of());
        api = new ApiClient("http://127.0.0.1:" + runtime.port(), ADMIN_TOKEN);
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private ServiceRuntime start(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put(Configuration.ADMIN_TOKEN, ADMIN_TOKEN);
        env.put(Configuration.TOKEN_SECRET, TOKEN_SECRET);
        env.put(Configuration.DEV_MAILBOX, "true");
        env.put(Configuration.WEBHOOK_ALLOW_PRIVATE, "true");
        env.put(Configuration.OTP_THROTTLE_AFTER, Integer.toString(THROTTLE_AFTER));
        return ServiceRuntime.startForTest(Configuration.fromEnvironment(env), clock, 0);
    }

    // ------------------------------------------------------------------------------------------------
    // Enumeration

    @Test
    void wrong_guesses_get_the_same_answers_for_a_client_and_for_a_recipient_nobody_ever_asked_for() {
        String client = phone();
        login(client);
        String stranger = phone();

        List<String> forClient = new ArrayList<>();
        List<String> forStranger = new ArrayList<>();
        for (int i = 0; i < THROTTLE_AFTER + 3; i++) {
            forClient.add(outcome(verify(client, "000000")));
            forStranger.add(outcome(verify(stranger, "000000")));
        }

        assertThat(forClient).as("the throttle shows, so the comparison means something")
                .contains("429 too_many_attempts Retry-After");
        assertThat(forStranger).isEqualTo(forClient);
    }

    @Test
    void asking_for_a_code_answers_alike_and_about_as_fast_for_clients_and_strangers() {
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String phone = phone();
            login(phone);
            clients.add(phone);
        }
        clock.advance(java.time.Duration.ofMinutes(1)); // past every cooldown
        long[] known = new long[clients.size()];
        long[] unknown = new long[clients.size()];
        for (int i = 0; i < clients.size(); i++) {
            // Interleaved, so that whatever the machine does meanwhile weighs on both alike.
            long started = System.nanoTime();
            Reply forClient = requestCode(clients.get(i));
            known[i] = System.nanoTime() - started;
            started = System.nanoTime();
            Reply forStranger = requestCode(phone());
            unknown[i] = System.nanoTime() - started;

            assertThat(shape(forClient)).isEqualTo(shape(forStranger));
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        // No client is looked up before a success, so there is nothing to time; the bound only catches a
        // lookup or a send that one side would make and the other not (several milliseconds at least).
        assertThat(Math.abs(knownMedian - unknownMedian))
                .as("median %d µs for clients, %d µs for strangers", knownMedian / 1_000, unknownMedian / 1_000)
                .isLessThan(Math.max(5_000_000L, Math.max(knownMedian, unknownMedian) / 2));
    }

    // ------------------------------------------------------------------------------------------------
    // Brute force from many connections and over many recipients

    @Test
    void guesses_sprayed_over_many_recipients_from_many_connections_are_capped_by_the_address_limit()
            throws Exception {
        try (ServiceRuntime limited = start(Map.of(Configuration.LOGIN_RATE_LIMIT, "5/s,30"))) {
            ApiClient attacker = new ApiClient("http://127.0.0.1:" + limited.port(), ADMIN_TOKEN);
            List<String> victims = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                victims.add(phone());
            }
            ExecutorService connections = Executors.newFixedThreadPool(32);
            long started = System.nanoTime();
            List<Future<Reply>> guesses = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    String victim = victims.get(i % victims.size());
                    String guess = String.format("%06d", i);
                    guesses.add(connections.submit(() -> attacker.post("/auth/login-client/verify",
                            Map.of("phone", victim, "code", guess))));
                }
                List<Reply> replies = new ArrayList<>();
                for (Future<Reply> guess : guesses) {
                    replies.add(guess.get());
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                long judged = replies.stream().filter(reply -> reply.status() != 429
                        || !reply.body().contains("rate_limited")).count();
                long limitedReplies = replies.size() - judged;

                assertThat(judged).as("burst 30 + 5/s over %.1f s", seconds).isLessThanOrEqualTo(30 + (long) Math.ceil(5 * seconds) + 1);
                assertThat(limitedReplies).isPositive();
                for (Reply reply : replies) {
                    if (reply.status() == 429 && reply.body().contains("rate_limited")) {
                        assertProblem(reply, 429, "rate_limited");
                        assertThat(reply.header("Retry-After")).isPresent();
                    } else {
                        assertThat(reply.status()).as(reply.describe()).isIn(401, 429);
                    }
                }
            } finally {
                connections.shutdownNow();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Admin operations

    @Test
    void every_admin_operation_refuses_missing_wrong_and_client_credentials_and_changes_nothing() throws Exception {
        String unitId = ok(api.admin().post("/units", Map.of("name", "Centro", "timeZone", "America/Sao_Paulo",
                "openingHours", everyDay())), 201).path("id").asText();
        String serviceId = ok(api.admin().post("/units/" + unitId + "/services",
                Map.of("name", "Consulta", "durationMinutes", 30, "capacity", 1)), 201).path("id").asText();
        String webhookId = ok(api.admin().post("/webhooks", Map.of("url", "http://127.0.0.1:9/hook",
                "events", List.of("slot.*"))), 201).path("id").asText();
        String client = login(phone());

        List<String> operations = OpenApiContract.operationsSecuredBy("adminToken");
        assertThat(operations).as("the units', services', agenda's and webhooks' admin routes").hasSizeGreaterThan(10)
                .contains("GET /units/{unitId}/appointments", "DELETE /webhooks/{webhookId}");

        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("no Authorization", null);
        credentials.put("a wrong token", "Bearer wrong-token");
        credentials.put("the token and one more character", "Bearer " + ADMIN_TOKEN + "x");
        credentials.put("the token less its last character", "Bearer " + ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1));
        credentials.put("the token in upper case", "Bearer " + ADMIN_TOKEN.toUpperCase(java.util.Locale.ROOT));
        credentials.put("the token as Basic", "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8)));
        credentials.put("the token without a scheme", ADMIN_TOKEN);
        credentials.put("a client's access token", "Bearer " + client);
        credentials.put("a JWT signed with the admin token", "Bearer " + jwtSignedWith(ADMIN_TOKEN, "admin"));
        credentials.put("a JWT signed with the token secret", "Bearer " + jwtSignedWith(TOKEN_SECRET, "admin"));

        for (String operation : operations) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1)
                    .replace("{unitId}", unitId).replace("{serviceId}", serviceId)
                    .replace("{webhookId}", webhookId).replace("{deliveryId}", UUID.randomUUID().toString())
                    + (operation.endsWith("/appointments") ? "?date=2026-03-09" : "");
            String before = state(unitId);
            for (Map.Entry<String, String> credential : credentials.entrySet()) {
                ApiClient intruder = credential.getValue() == null ? api
                        : api.withHeader("Authorization", credential.getValue());
                Reply reply = send(intruder, method, path);
                assertThat(reply.status()).as("%s with %s: %s", operation, credential.getKey(), reply.describe())
                        .isEqualTo(401);
                assertProblem(reply, 401, "unauthorized");
                assertThat(reply.body()).as("%s with %s", operation, credential.getKey()).doesNotContain(ADMIN_TOKEN);
            }
            Reply inQuery = send(api, method, path + (path.contains("?") ? "&" : "?") + "access_token=" + ADMIN_TOKEN);
            assertThat(inQuery.status()).as("%s with the token in the query", operation).isIn(400, 401);
            assertThat(state(unitId)).as("%s: a refused request changes nothing", operation).isEqualTo(before);
            assertThat(send(api.admin(), method, path).status()).as("%s with the token itself", operation)
                    .isNotEqualTo(401);
            if (method.equals("DELETE")) {
                webhookId = ok(api.admin().post("/webhooks", Map.of("url", "http://127.0.0.1:9/hook",
                        "events", List.of("slot.*"))), 201).path("id").asText();
            }
        }
    }

    /** What the admin operations could change: the units, the unit's services, the webhooks. */
    private String state(String unitId) {
        return ok(api.admin().get("/units"), 200) + " " + ok(api.get("/units/" + unitId + "/services"), 200)
                + " " + ok(api.admin().get("/webhooks"), 200);
    }

    @Test
    void a_token_that_differs_only_in_case_from_one_sent_before_on_the_same_connection_is_refused() throws Exception {
        String client = login(phone());
        String[] upper = {ADMIN_TOKEN.toUpperCase(java.util.Locale.ROOT), swapCase(client)};
        String[] right = {ADMIN_TOKEN, client};
        String[] paths = {"/units", "/clients/me/appointments"};
        for (int i = 0; i < 2; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", runtime.port())) {
                socket.setSoTimeout(10_000);
                java.io.OutputStream out = socket.getOutputStream();
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        socket.getInputStream(), StandardCharsets.ISO_8859_1));
                for (String token : List.of(right[i], upper[i], right[i], upper[i])) {
                    out.write(("GET " + paths[i] + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    String status = in.readLine();
                    long length = 0;
                    for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                            length = Long.parseLong(line.substring(15).trim());
                        }
                    }
                    in.skip(length);
                    assertThat(status).as("%s with %s on one connection", paths[i], token.equals(right[i]) ? "the token"
                            : "the token in another case").startsWith(token.equals(right[i]) ? "HTTP/1.1 200" : "HTTP/1.1 401");
                }
            }
        }
    }

    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder();
        for (char c : text.toCharArray()) {
            swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return swapped.toString();
    }

    // ------------------------------------------------------------------------------------------------
    // Client tokens

    @Test
    void a_client_token_signed_with_the_admin_token_is_refused() throws Exception {
        String genuine = login(phone());
        String clientId = SignedJWT.parse(genuine).getJWTClaimsSet().getSubject();

        assertProblem(api.withHeader("Authorization", "Bearer " + jwtSignedWith(ADMIN_TOKEN, clientId))
                .get("/clients/me/appointments"), 401, "unauthorized");
        assertThat(api.withHeader("Authorization", "Bearer " + jwtSignedWith(TOKEN_SECRET, clientId))
                .get("/clients/me/appointments").status()).as("the same claims under the secret pass").isEqualTo(200);
    }

    @Test
    void every_appointment_route_refuses_another_client_s_appointment_and_changes_nothing() {
        String unitId = ok(api.admin().post("/units", Map.of("name", "Norte", "timeZone", "America/Sao_Paulo",
                "openingHours", everyDay())), 201).path("id").asText();
        String serviceId = ok(api.admin().post("/units/" + unitId + "/services",
                Map.of("name", "Consulta", "durationMinutes", 30, "capacity", 3)), 201).path("id").asText();
        LocalDate date = LocalDate.of(2026, 3, 10);
        ApiClient owner = api.withHeader("Authorization", "Bearer " + login(phone()));
        ApiClient stranger = api.withHeader("Authorization", "Bearer " + login(phone()));
        JsonNode appointment = ok(owner.post("/appointments", Map.of("reservationToken",
                lock(unitId, serviceId, date, "09:00"))), 201);
        String id = appointment.path("id").asText();
        String strangersLock = lock(unitId, serviceId, date, "10:00");

        List<String> routes = OpenApiContract.operationsSecuredBy("clientToken").stream()
                .filter(operation -> operation.contains("{appointmentId}")).toList();
        assertThat(routes).contains("GET /appointments/{appointmentId}", "POST /appointments/{appointmentId}/cancel",
                "POST /appointments/{appointmentId}/reschedule");
        for (String operation : routes) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replace("{appointmentId}", id);
            Reply reply = method.equals("GET") ? stranger.get(path)
                    : stranger.post(path, Map.of("reservationToken", strangersLock));
            assertProblem(reply, 404, "appointment_not_found");
            assertThat(reply.body()).doesNotContain(appointment.path("clientId").asText());
        }

        assertThat(ok(owner.get("/appointments/" + id), 200)).as("unchanged").isEqualTo(appointment);
        assertThat(ok(api.get("/slots/locks/" + strangersLock), 200).path("status").asText()).isEqualTo("LOCKED");
        assertThat(elements(ok(stranger.get("/clients/me/appointments"), 200).path("appointments"))).isEmpty();
        assertThat(elements(ok(owner.get("/clients/me/appointments"), 200).path("appointments")))
                .containsExactly(appointment);
    }

    // ------------------------------------------------------------------------------------------------

    private static Reply send(ApiClient client, String method, String path) {
        byte[] body = "{\"name\": \"Hijacked\", \"url\": \"http://127.0.0.1:9/x\", \"events\": [\"slot.*\"]}"
                .getBytes(StandardCharsets.UTF_8);
        return switch (method) {
            case "GET" -> client.get(path);
            case "DELETE" -> client.send("DELETE", path, new byte[0], null);
            default -> client.send(method, path, body, "application/json");
        };
    }

    private static String jwtSignedWith(String key, String subject) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("scheduling-service")
                .audience("scheduling-clients").issueTime(new java.util.Date())
                .expirationTime(java.util.Date.from(java.time.Instant.parse("2026-03-02T13:00:00Z")))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** Logs a recipient in; its access token. */
    private String login(String phone) {
        ok(requestCode(phone), 202);
        return ok(verify(phone, latestCode(phone)), 200).path("accessToken").asText();
    }

    private Reply requestCode(String phone) {
        return api.post("/auth/login-client/request", Map.of("phone", phone));
    }

    private Reply verify(String phone, String code) {
        return api.post("/auth/login-client/verify", Map.of("phone", phone, "code", code));
    }

    private String latestCode(String phone) {
        List<JsonNode> sent = elements(ok(api.get("/dev/notifications?recipient=%2B" + phone.substring(1)), 200)
                .path("notifications"));
        Matcher code = SIX_DIGITS.matcher(sent.get(sent.size() - 1).path("body").asText());
        assertThat(code.find()).isTrue();
        return code.group();
    }

    private String lock(String unitId, String serviceId, LocalDate date, String time) {
        return ok(api.post("/slots/lock", Map.of("unitId", unitId, "serviceId", serviceId, "date", date.toString(),
                "startTime", time)), 201).path("reservationToken").asText();
    }

    /** Status, code and whether a Retry-After came: what a guesser can tell one answer from another by. */
    private static String outcome(Reply reply) {
        return reply.status() + " " + reply.json().path("code").asText()
                + (reply.header("Retry-After").isPresent() ? " Retry-After" : "");
    }

    /** Status, header names (less Date) and the body's field names: what may not differ between recipients. */
    private static String shape(Reply reply) {
        List<String> names = new ArrayList<>(reply.headers().map().keySet());
        names.remove("date");
        names.sort(String::compareTo);
        List<String> fields = new ArrayList<>();
        reply.json().fieldNames().forEachRemaining(fields::add);
        return reply.status() + " " + names + " " + fields;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String phone() {
        return String.format("+55119%08d", 30_000_000 + NUMBERS.incrementAndGet());
    }

    private static Map<String, Object> everyDay() {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.put(day, List.of(Map.of("start", "09:00", "end", "18:00")));
        }
        return hours;
    }
}
