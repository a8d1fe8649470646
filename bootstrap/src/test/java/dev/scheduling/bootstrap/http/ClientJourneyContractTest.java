package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.bootstrap.http.ApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's journey of {@code API.md} over real HTTP: the one-time-code login, access tokens, and
 * booking, reading, cancelling and rescheduling appointments, with their events and notices. Codes are
 * read where a client would read them, in the dev mailbox ({@code SCHEDULING_DEV_MAILBOX=true}); the
 * service runs with the login limits and token secret below. Every test uses recipients of its own.
 */
public abstract class ClientJourneyContractTest extends HttpContractTest {
    /** The login limits the service under test runs with (deliberately not the defaults). */
    protected static final Duration OTP_TTL = Duration.ofMinutes(3);
    protected static final int OTP_MAX_ATTEMPTS = 3;
    protected static final Duration OTP_RESEND_COOLDOWN = Duration.ofSeconds(20);
    protected static final int OTP_THROTTLE_AFTER = 5;
    /** The key that signs access tokens; long enough to sign HS512 too, for the forged tokens below. */
    protected static final String TOKEN_SECRET =
            "client-journey-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ";
    protected static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

    private static final Set<String> APPOINTMENT_FIELDS = Set.of("id", "status", "clientId", "unitId", "serviceId",
            "date", "startTime", "endTime", "quantity", "createdAt");
    private static final Set<String> CREATED_FIELDS = Set.of("appointmentId", "reservationToken", "clientId",
            "unitId", "serviceId", "date", "startTime", "endTime", "quantity");
    private static final Set<String> RESCHEDULED_FIELDS = Set.of("appointmentId", "clientId", "unitId", "serviceId",
            "quantity", "previous", "date", "startTime", "endTime");
    private static final Set<String> CANCELLED_FIELDS = Set.of("appointmentId", "clientId", "unitId", "serviceId",
            "date", "startTime", "endTime", "quantity", "capacityUsed");
    private static final Set<String> NOTIFICATION_FIELDS = Set.of("id", "recipient", "channel", "template", "body",
            "createdAt");

    // ------------------------------------------------------------------------------------------------
    // Asking for a code

    @Test
    void asking_for_a_code_answers_202_with_its_expiry_and_when_to_ask_again() {
        String phone = uniquePhone();
        Instant now = now().truncatedTo(ChronoUnit.MILLIS);

        Reply reply = requestCode(phone);

        JsonNode sent = ok(reply, 202);
        assertThat(fieldNames(sent)).containsExactlyInAnyOrder("expiresAt", "resendAvailableAt");
        assertThat(sent.path("expiresAt").asText()).as("UTC ISO-8601").endsWith("Z");
        assertThat(sent.path("resendAvailableAt").asText()).endsWith("Z");
        if (clock() != null) {
            assertThat(Instant.parse(sent.path("expiresAt").asText())).isEqualTo(now.plus(OTP_TTL));
            assertThat(Instant.parse(sent.path("resendAvailableAt").asText())).isEqualTo(now.plus(OTP_RESEND_COOLDOWN));
        }
        List<JsonNode> notifications = mailbox(phone);
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).path("template").asText()).isEqualTo("login_code");
        assertThat(notifications.get(0).path("channel").asText()).isEqualTo("SMS");
        assertThat(notifications.get(0).path("recipient").asText()).isEqualTo(phone);
        assertThat(codesSentTo(phone)).singleElement().asString().matches("\\d{6}");
    }

    @Test
    void an_e_mail_recipient_gets_the_code_by_e_mail() {
        String email = uniqueEmail();

        ok(requestCode(email), 202);

        JsonNode notification = mailbox(email).get(0);
        assertThat(notification.path("channel").asText()).isEqualTo("EMAIL");
        assertThat(notification.path("recipient").asText()).isEqualTo(email);
        assertThat(codesSentTo(email)).hasSize(1);
    }

    @Test
    void the_answer_is_the_same_for_known_and_unknown_recipients() {
        MutableClock clock = requireClock();
        for (String known : List.of(uniquePhone(), uniqueEmail())) {
            login(known);
            clock.advance(OTP_RESEND_COOLDOWN);
            String unknown = known.startsWith("+") ? uniquePhone() : uniqueEmail();

            Reply forKnown = requestCode(known);
            Reply forUnknown = requestCode(unknown);

            assertThat(forKnown.status()).as(forKnown.describe()).isEqualTo(202);
            assertThat(forUnknown.status()).as(forUnknown.describe()).isEqualTo(forKnown.status());
            assertThat(forUnknown.contentType()).isEqualTo(forKnown.contentType());
            assertThat(forUnknown.body()).as("the same instant gives the very same answer").isEqualTo(forKnown.body());
            assertThat(headerNames(forUnknown)).isEqualTo(headerNames(forKnown));
            assertThat(codesSentTo(unknown)).hasSize(1);
        }
    }

    @Test
    void a_bad_phone_or_e_mail_is_400_and_sends_nothing() {
        for (String phone : List.of("5511999990000", "+55 11 99999-0000", "+55119999ABCD", "+1234567", "")) {
            assertValidationFailed(api.post("/auth/login-client/request", Map.of("phone", phone)), "phone");
            if (!phone.isEmpty()) {
                assertThat(mailbox(phone)).as(phone).isEmpty();
            }
        }
        for (String email : List.of("ana.example.com", "ana@example", "ana@@example.com", "ana maria@example.com")) {
            assertValidationFailed(api.post("/auth/login-client/request", Map.of("email", email)), "email");
            assertThat(mailbox(email)).as(email).isEmpty();
        }
    }

    @Test
    void both_phone_and_e_mail_or_neither_is_400() {
        String phone = uniquePhone();
        String email = uniqueEmail();
        Map<String, Object> both = Map.of("phone", phone, "email", email);

        for (String route : List.of("/auth/login-client/request", "/auth/login-client/verify")) {
            List<Map<String, Object>> bodies = List.of(both, Map.of(), Map.of("phone", "", "email", email),
                    Map.of("foo", "bar"));
            for (Map<String, Object> body : bodies) {
                Map<String, Object> sent = new LinkedHashMap<>(body);
                if (route.endsWith("verify")) {
                    sent.put("code", "123456");
                }
                assertRecipientRefused(api.post(route, sent));
            }
        }
        assertThat(mailbox(phone)).isEmpty();
        assertThat(mailbox(email)).isEmpty();
    }

    /** A 400 naming the recipient: {@code phone}, {@code email} or both. */
    private static void assertRecipientRefused(Reply reply) {
        JsonNode problem = assertProblem(reply, 400, "validation_failed");
        List<String> fields = elements(problem.path("errors")).stream().map(error -> error.path("field").asText())
                .toList();
        assertThat(fields).as(reply.describe()).isNotEmpty().isSubsetOf("phone", "email");
    }

    @Test
    void asking_again_before_the_cooldown_is_429_otp_cooldown_with_retry_after() {
        MutableClock clock = requireClock();
        String email = uniqueEmail();
        ok(requestCode(email), 202);
        String first = latestCode(email);

        Reply atOnce = requestCode(email);
        assertProblem(atOnce, 429, "otp_cooldown");
        assertThat(atOnce.header("Retry-After")).contains(Long.toString(OTP_RESEND_COOLDOWN.toSeconds()));

        clock.advance(OTP_RESEND_COOLDOWN.minusSeconds(1));
        Reply almost = requestCode(email);
        assertProblem(almost, 429, "otp_cooldown");
        assertThat(almost.header("Retry-After")).contains("1");
        assertThat(codesSentTo(email)).as("a refused request sends nothing").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        ok(requestCode(email), 202);
        assertThat(codesSentTo(email)).hasSize(2);
        String second = latestCode(email);
        if (!second.equals(first)) {
            assertProblem(verifyCode(email, first), 401, "invalid_code");
        }
        assertThat(ok(verifyCode(email, second), 200).path("accessToken").asText()).isNotBlank();
    }

    @Test
    void concurrent_requests_for_one_recipient_send_one_code() {
        String phone = uniquePhone();

        List<Reply> replies = replies(Race.run(6, i -> requestCode(phone)));

        assertThat(replies.stream().filter(reply -> reply.status() == 202)).hasSize(1);
        replies.stream().filter(reply -> reply.status() != 202)
                .forEach(reply -> assertProblem(reply, 429, "otp_cooldown"));
        assertThat(codesSentTo(phone)).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------
    // Verifying a code

    @Test
    void the_right_code_answers_200_with_a_bearer_access_token() throws ParseException {
        offTheWholeSecond();
        String phone = uniquePhone();
        ok(requestCode(phone), 202);
        Instant now = now();

        Reply reply = verifyCode(phone, latestCode(phone));

        JsonNode loggedIn = ok(reply, 200);
        assertThat(fieldNames(loggedIn)).containsExactlyInAnyOrder("accessToken", "tokenType", "expiresAt", "clientId");
        assertThat(loggedIn.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(loggedIn.path("clientId").asText()).isNotBlank();
        String accessToken = loggedIn.path("accessToken").asText();
        assertThat(accessToken).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        Instant expiresAt = Instant.parse(loggedIn.path("expiresAt").asText());
        assertThat(loggedIn.path("expiresAt").asText()).endsWith("Z");
        assertThat(expiresAt).isBetween(now.plus(ACCESS_TOKEN_LIFETIME).minusSeconds(1),
                now.plus(ACCESS_TOKEN_LIFETIME).plusSeconds(clock() == null ? 5 : 0));
        SignedJWT jwt = SignedJWT.parse(accessToken);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).as("the expiry the token carries")
                .isEqualTo(expiresAt);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(loggedIn.path("clientId").asText());

        Reply mine = bearer(accessToken).get("/clients/me/appointments");
        assertThat(ok(mine, 200)).isEqualTo(json("{\"appointments\": []}"));
    }

    @Test
    void the_same_phone_always_maps_to_the_same_client() {
        MutableClock clock = requireClock();
        String phone = uniquePhone();
        Session first = login(phone);
        clock.advance(OTP_RESEND_COOLDOWN);

        Session again = login(phone);
        Session someoneElse = login(uniquePhone());

        assertThat(again.clientId()).isEqualTo(first.clientId());
        assertThat(again.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(someoneElse.clientId()).isNotEqualTo(first.clientId());
        assertThat(ok(as(first).get("/clients/me/appointments"), 200)).isEqualTo(json("{\"appointments\": []}"));
    }

    @Test
    void e_mail_addresses_are_case_insensitive() {
        MutableClock clock = requireClock();
        String local = "ana." + UUID.randomUUID();
        String lower = local + "@example.com";
        String mixed = local.toUpperCase(java.util.Locale.ROOT) + "@Example.COM";

        Session first = login(mixed);
        clock.advance(OTP_RESEND_COOLDOWN);
        Session second = login(lower);
        clock.advance(OTP_RESEND_COOLDOWN);
        ok(api.post("/auth/login-client/request", Map.of("email", "  " + mixed + " ")), 202);
        String thirdId = ok(verifyCode(mixed, latestCode(lower)), 200).path("clientId").asText();

        assertThat(second.clientId()).isEqualTo(first.clientId());
        assertThat(thirdId).isEqualTo(first.clientId());
        List<JsonNode> sent = mailbox(lower);
        assertThat(sent).hasSize(3);
        assertThat(sent).allSatisfy(notice -> assertThat(notice.path("recipient").asText()).isEqualTo(lower));
        assertThat(mailbox(mixed)).as("the mailbox is asked in any case").isEqualTo(sent);
    }

    @Test
    void a_wrong_code_is_401_invalid_code_and_the_right_one_still_works() {
        String phone = uniquePhone();
        ok(requestCode(phone), 202);
        String code = latestCode(phone);

        assertProblem(verifyCode(phone, wrong(code)), 401, "invalid_code");
        assertProblem(verifyCode(phone, "abcdef"), 401, "invalid_code");

        assertThat(ok(verifyCode(phone, code), 200).path("clientId").asText()).isNotBlank();
    }

    @Test
    void a_code_is_used_once() {
        String phone = uniquePhone();
        ok(requestCode(phone), 202);
        String code = latestCode(phone);
        ok(verifyCode(phone, code), 200);

        assertProblem(verifyCode(phone, code), 401, "invalid_code");
    }

    @Test
    void the_right_code_sent_twice_at_once_logs_in_once() {
        String phone = uniquePhone();
        ok(requestCode(phone), 202);
        String code = latestCode(phone);

        List<Reply> replies = replies(Race.run(4, i -> verifyCode(phone, code)));

        assertThat(replies.stream().filter(reply -> reply.status() == 200)).hasSize(1);
        replies.stream().filter(reply -> reply.status() != 200)
                .forEach(reply -> assertProblem(reply, 401, "invalid_code"));
    }

    @Test
    void a_code_is_valid_until_its_time_to_live_and_401_invalid_code_from_then_on() {
        MutableClock clock = requireClock();
        String inTime = uniquePhone();
        String late = uniquePhone();
        ok(requestCode(inTime), 202);
        ok(requestCode(late), 202);

        clock.advance(OTP_TTL.minusMillis(1));
        ok(verifyCode(inTime, latestCode(inTime)), 200);

        clock.advance(Duration.ofMillis(1));
        assertProblem(verifyCode(late, latestCode(late)), 401, "invalid_code");
    }

    @Test
    void a_code_is_only_good_for_the_recipient_it_was_sent_to() {
        String asked = uniquePhone();
        ok(requestCode(asked), 202);
        String code = latestCode(asked);

        assertProblem(verifyCode(uniquePhone(), code), 401, "invalid_code");
        assertProblem(verifyCode(uniqueEmail(), code), 401, "invalid_code");
        String alsoAsked = uniquePhone();
        ok(requestCode(alsoAsked), 202);
        if (!latestCode(alsoAsked).equals(code)) {
            assertProblem(verifyCode(alsoAsked, code), 401, "invalid_code");
        }
        ok(verifyCode(asked, code), 200);
    }

    @Test
    void after_the_maximum_of_wrong_tries_even_the_right_code_is_429_too_many_attempts() {
        MutableClock clock = requireClock();
        String phone = uniquePhone();
        ok(requestCode(phone), 202);
        String code = latestCode(phone);

        for (int attempt = 1; attempt <= OTP_MAX_ATTEMPTS; attempt++) {
            assertProblem(verifyCode(phone, wrong(code)), 401, "invalid_code");
        }

        assertProblem(verifyCode(phone, code), 429, "too_many_attempts");
        assertProblem(verifyCode(phone, code), 429, "too_many_attempts");
        assertProblem(verifyCode(phone, wrong(code)), 429, "too_many_attempts");

        clock.advance(OTP_RESEND_COOLDOWN);
        ok(requestCode(phone), 202);
        assertThat(ok(verifyCode(phone, latestCode(phone)), 200).path("accessToken").asText())
                .as("a new code ends the void one").isNotBlank();
    }

    @Test
    void concurrent_wrong_guesses_all_count() {
        String phone = uniquePhone();
        ok(requestCode(phone), 202);
        String code = latestCode(phone);

        List<Reply> replies = replies(Race.run(8, i -> verifyCode(phone, wrong(code))));

        assertThat(replies.stream().filter(reply -> reply.status() == 401))
                .as("exactly the allowed number of guesses is judged").hasSize(OTP_MAX_ATTEMPTS);
        replies.stream().filter(reply -> reply.status() != 401)
                .forEach(reply -> assertProblem(reply, 429, "too_many_attempts"));
        assertProblem(verifyCode(phone, code), 429, "too_many_attempts");
    }

    @Test
    void new_codes_do_not_reset_the_count_of_wrong_tries_and_past_the_threshold_tries_wait_longer_and_longer() {
        MutableClock clock = requireClock();
        assumeTrue(OTP_MAX_ATTEMPTS == 3 && OTP_THROTTLE_AFTER == 5, "the scenario counts with these limits");
        String phone = uniquePhone();

        ok(requestCode(phone), 202);
        String a = latestCode(phone);
        for (int i = 0; i < 3; i++) {
            assertProblem(verifyCode(phone, wrong(a)), 401, "invalid_code");
        }
        clock.advance(OTP_RESEND_COOLDOWN);
        ok(requestCode(phone), 202);
        String b = latestCode(phone);
        assertProblem(verifyCode(phone, wrong(b)), 401, "invalid_code");
        assertProblem(verifyCode(phone, wrong(b)), 401, "invalid_code");

        // Five wrong tries in a row across two codes: the right code of the second (tried only twice) waits.
        Reply throttled = verifyCode(phone, b);
        assertProblem(throttled, 429, "too_many_attempts");
        assertThat(throttled.header("Retry-After")).contains("1");
        Reply stillThrottled = verifyCode(phone, b);
        assertProblem(stillThrottled, 429, "too_many_attempts");
        assertThat(stillThrottled.header("Retry-After")).contains("1");

        clock.advance(Duration.ofSeconds(1));
        assertProblem(verifyCode(phone, wrong(b)), 401, "invalid_code");
        Reply longer = verifyCode(phone, wrong(b));
        assertProblem(longer, 429, "too_many_attempts");
        assertThat(longer.header("Retry-After")).as("the delay doubles").contains("2");

        clock.advance(OTP_RESEND_COOLDOWN);
        ok(requestCode(phone), 202);
        String c = latestCode(phone);
        assertProblem(verifyCode(phone, wrong(c)), 401, "invalid_code");
        Reply longerStill = verifyCode(phone, c);
        assertProblem(longerStill, 429, "too_many_attempts");
        assertThat(longerStill.header("Retry-After")).as("a new code waits too").contains("4");

        clock.advance(Duration.ofSeconds(4));
        ok(verifyCode(phone, c), 200);

        // A success resets the count: two wrong tries in a row are judged again.
        clock.advance(OTP_RESEND_COOLDOWN);
        ok(requestCode(phone), 202);
        String d = latestCode(phone);
        assertProblem(verifyCode(phone, wrong(d)), 401, "invalid_code");
        assertProblem(verifyCode(phone, wrong(d)), 401, "invalid_code");
        ok(verifyCode(phone, d), 200);
    }

    @Test
    void verifying_for_a_recipient_that_never_asked_is_401_invalid_code() {
        assertProblem(verifyCode(uniquePhone(), "123456"), 401, "invalid_code");
        assertProblem(verifyCode(uniqueEmail(), "000000"), 401, "invalid_code");
    }

    @Test
    void codes_appear_nowhere_but_in_the_dev_mailbox() {
        MutableClock clock = requireClock();
        String phone = uniquePhone();
        List<Reply> replies = new ArrayList<>();
        replies.add(requestCode(phone));
        String code = latestCode(phone);
        replies.add(requestCode(phone));
        replies.add(verifyCode(phone, wrong(code)));
        replies.add(verifyCode(phone, code));
        String accessToken = replies.get(replies.size() - 1).text("accessToken");
        replies.add(bearer(accessToken).get("/clients/me/appointments"));
        clock.advance(OTP_RESEND_COOLDOWN);
        replies.add(requestCode(phone));
        String second = latestCode(phone);
        replies.add(verifyCode(phone, second));
        replies.add(verifyCode(phone, second));

        Pattern codes = Pattern.compile("(?<![A-Za-z0-9])(" + code + "|" + second + ")(?![A-Za-z0-9])");
        for (Reply reply : replies) {
            assertThat(codes.matcher(reply.body()).find()).as("a code in %s", reply.describe()).isFalse();
            reply.headers().map().forEach((name, values) -> values.forEach(value ->
                    assertThat(codes.matcher(value).find()).as("a code in header %s of %s", name, reply.describe())
                            .isFalse()));
        }
        for (String line : ok200Text("/metrics").split("\n")) {
            String labels = metricLabels(line);
            assertThat(codes.matcher(labels).find()).as("a code in the metric %s", line).isFalse();
            assertThat(labels).as("a recipient in the metric %s", line).doesNotContain(phone.substring(1));
            assertThat(labels).doesNotContain(accessToken);
        }
        if (events() != null) {
            for (ObservedEvent event : events().received()) {
                assertThat(codes.matcher(event.payload().toString()).find()).as("a code in %s", event).isFalse();
            }
        }
        assertThat(codesSentTo(phone)).as("the dev mailbox has them").containsExactly(code, second);
    }

    /** A metric line without its sample value and histogram bucket bounds: its name and labels. */
    private static String metricLabels(String line) {
        if (line.startsWith("#")) {
            return line;
        }
        String withoutValue = line.contains(" ") ? line.substring(0, line.lastIndexOf(' ')) : line;
        return withoutValue.replaceAll("(le|quantile)=\"[^\"]*\"", "");
    }

    // ------------------------------------------------------------------------------------------------
    // The dev mailbox

    @Test
    void the_dev_mailbox_lists_what_was_sent_to_a_recipient_newest_last() {
        MutableClock clock = requireClock();
        String phone = uniquePhone();
        ok(requestCode(phone), 202);
        clock.advance(OTP_RESEND_COOLDOWN);
        ok(requestCode(phone), 202);
        ok(requestCode(uniquePhone()), 202);

        List<JsonNode> sent = mailbox(phone);

        assertThat(sent).hasSize(2);
        for (JsonNode notification : sent) {
            assertThat(fieldNames(notification)).containsExactlyInAnyOrderElementsOf(NOTIFICATION_FIELDS);
            assertThat(notification.path("recipient").asText()).isEqualTo(phone);
            assertThat(notification.path("channel").asText()).isEqualTo("SMS");
            assertThat(notification.path("template").asText()).isEqualTo("login_code");
            assertThat(notification.path("createdAt").asText()).endsWith("Z");
        }
        assertThat(sent.get(0).path("id")).isNotEqualTo(sent.get(1).path("id"));
        assertThat(Instant.parse(sent.get(1).path("createdAt").asText()))
                .isAfter(Instant.parse(sent.get(0).path("createdAt").asText()));
        ok(verifyCode(phone, latestCode(phone)), 200);

        Reply unencoded = api.get("/dev/notifications?recipient=" + phone);
        assertThat(elements(ok(unencoded, 200).path("notifications")))
                .as("a + that arrives as a space is put back").isEqualTo(sent);
    }

    // ------------------------------------------------------------------------------------------------
    // Access tokens

    /** Credentials a client route must refuse. */
    enum BadCredential {
        MISSING, BEARER_WITHOUT_TOKEN, NOT_A_JWT, BASIC, ADMIN_TOKEN, WRONG_SCHEME, TRAILING_GARBAGE,
        FLIPPED_SIGNATURE, NO_SIGNATURE, PAYLOAD_OF_ANOTHER_CLIENT, ALG_NONE, SIGNED_WITH_ANOTHER_SECRET,
        EXPIRED, WRONG_ISSUER, WRONG_AUDIENCE, HS512_WITH_THE_SECRET, VERY_LONG
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadCredential.class)
    void client_routes_refuse_a_missing_or_invalid_access_token_with_401(BadCredential kind) throws Exception {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        Session owner = login();
        Session other = login();
        JsonNode appointment = book(owner, lockOk(place, date, "09:00", 1).path("reservationToken").asText());
        String id = appointment.path("id").asText();
        String lock = lockOk(place, date, "10:00", 1).path("reservationToken").asText();
        String credential = credential(kind, owner, other);
        ApiClient intruder = credential == null ? api : api.withHeader("Authorization", credential);

        List<Reply> replies = List.of(
                intruder.post("/appointments", Map.of("reservationToken", lock)),
                intruder.get("/appointments/" + id),
                intruder.post("/appointments/" + id + "/cancel", Map.of()),
                intruder.post("/appointments/" + id + "/reschedule", Map.of("reservationToken", lock)),
                intruder.get("/clients/me/appointments"));

        for (Reply reply : replies) {
            assertUnauthorized(reply);
            assertThat(reply.body()).doesNotContain(owner.accessToken()).doesNotContain(id);
        }
        assertThat(ok(api.get("/slots/locks/" + lock), 200).path("status").asText()).isEqualTo("LOCKED");
        assertThat(ok(as(owner).get("/appointments/" + id), 200)).isEqualTo(appointment);
        assertThat(ok(as(other).get("/clients/me/appointments"), 200).path("appointments")).isEmpty();
    }

    @Test
    void a_token_signed_with_the_service_secret_is_accepted_so_the_refusals_above_are_about_the_change() throws Exception {
        Session client = login();
        JWTClaimsSet claims = SignedJWT.parse(client.accessToken()).getJWTClaimsSet();

        String resigned = signed(new JWTClaimsSet.Builder(claims).jwtID(UUID.randomUUID().toString()).build(),
                JWSAlgorithm.HS256, TOKEN_SECRET);

        assertThat(ok(bearer(resigned).get("/clients/me/appointments"), 200).path("appointments")).isEmpty();
        assertThat(ok(api.withHeader("Authorization", "bearer " + client.accessToken())
                .get("/clients/me/appointments"), 200).path("appointments")).as("the scheme is case-insensitive")
                .isEmpty();
    }

    @Test
    void an_access_token_works_until_its_expiry_and_is_401_from_then_on() {
        MutableClock clock = requireClock();
        offTheWholeSecond();
        Session client = login();
        Instant expiresAt = Instant.parse(client.login().path("expiresAt").asText());

        clock.advance(Duration.between(clock.instant(), expiresAt).minusMillis(1));
        assertThat(ok(as(client).get("/clients/me/appointments"), 200).path("appointments")).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertUnauthorized(as(client).get("/clients/me/appointments"));
        assertUnauthorized(as(client).get("/appointments/" + UUID.randomUUID()));
    }

    @Test
    void a_client_token_is_no_admin_token_and_the_admin_token_is_no_client_token() {
        Bookable place = bookable(1);
        Session client = login();

        assertUnauthorized(as(client).get("/units/" + place.unitId() + "/appointments?date=" + inDays(7)));
        assertUnauthorized(as(client).get("/units"));
        assertUnauthorized(api.admin().get("/clients/me/appointments"));
    }

    private String credential(BadCredential kind, Session owner, Session other) throws Exception {
        String token = owner.accessToken();
        String[] parts = token.split("\\.");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        Instant now = now();
        return switch (kind) {
            case MISSING -> null;
            case BEARER_WITHOUT_TOKEN -> "Bearer";
            case NOT_A_JWT -> "Bearer not-a-token";
            case BASIC -> "Basic " + Base64.getEncoder().encodeToString(
                    (owner.clientId() + ":" + token).getBytes(StandardCharsets.UTF_8));
            case ADMIN_TOKEN -> "Bearer " + adminToken();
            case WRONG_SCHEME -> "Token " + token;
            case TRAILING_GARBAGE -> "Bearer " + token + "x";
            case FLIPPED_SIGNATURE -> {
                byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
                signature[signature.length / 2] ^= 0x10;
                yield "Bearer " + parts[0] + "." + parts[1] + "." + base64Url(signature);
            }
            case NO_SIGNATURE -> "Bearer " + parts[0] + "." + parts[1] + ".";
            case PAYLOAD_OF_ANOTHER_CLIENT -> {
                String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                String tampered = payload.replace(owner.clientId(), other.clientId());
                assertThat(tampered).isNotEqualTo(payload);
                yield "Bearer " + parts[0] + "." + base64Url(tampered.getBytes(StandardCharsets.UTF_8)) + "."
                        + parts[2];
            }
            case ALG_NONE -> "Bearer " + base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + parts[1] + ".";
            case SIGNED_WITH_ANOTHER_SECRET -> "Bearer " + signed(claims, JWSAlgorithm.HS256,
                    "another-secret-that-is-long-enough-0123456789-abcdefghijklmnopqrstuvwxyz");
            case EXPIRED -> "Bearer " + signed(new JWTClaimsSet.Builder(claims)
                    .issueTime(Date.from(now.minus(ACCESS_TOKEN_LIFETIME).minusSeconds(2)))
                    .expirationTime(Date.from(now.minusSeconds(1))).build(), JWSAlgorithm.HS256, TOKEN_SECRET);
            case WRONG_ISSUER -> "Bearer " + signed(new JWTClaimsSet.Builder(claims).issuer("someone-else").build(),
                    JWSAlgorithm.HS256, TOKEN_SECRET);
            case WRONG_AUDIENCE -> "Bearer " + signed(new JWTClaimsSet.Builder(claims).audience("admins").build(),
                    JWSAlgorithm.HS256, TOKEN_SECRET);
            case HS512_WITH_THE_SECRET -> "Bearer " + signed(claims, JWSAlgorithm.HS512, TOKEN_SECRET);
            case VERY_LONG -> "Bearer " + token + "." + "A".repeat(6_000);
        };
    }

    private static String signed(JWTClaimsSet claims, JWSAlgorithm algorithm, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void assertUnauthorized(Reply reply) {
        assertProblem(reply, 401, "unauthorized");
        assertThat(reply.header("WWW-Authenticate")).as("RFC 9110: a 401 names the scheme; " + reply.describe())
                .hasValueSatisfying(scheme -> assertThat(scheme).startsWithIgnoringCase("Bearer"));
    }

    // ------------------------------------------------------------------------------------------------
    // Booking

    @Test
    void booking_a_lock_answers_201_with_the_appointment_and_converts_the_lock() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        Session client = login();
        JsonNode lock = lockOk(place, date, "09:00", 1);
        String token = lock.path("reservationToken").asText();

        Reply reply = as(client).post("/appointments", Map.of("reservationToken", token, "notes", "First visit"));

        JsonNode appointment = ok(reply, 201);
        assertThat(fieldNames(appointment)).containsAll(APPOINTMENT_FIELDS);
        assertThat(appointment.path("id").asText()).isNotBlank();
        assertThat(appointment.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(appointment.path("clientId").asText()).isEqualTo(client.clientId());
        assertThat(appointment.path("unitId").asText()).isEqualTo(place.unitId());
        assertThat(appointment.path("serviceId").asText()).isEqualTo(place.serviceId());
        assertThat(appointment.path("date").asText()).isEqualTo(date.toString());
        assertThat(appointment.path("startTime").asText()).isEqualTo("09:00");
        assertThat(appointment.path("endTime").asText()).isEqualTo("09:30");
        assertThat(appointment.path("quantity").asInt()).isEqualTo(1);
        assertThat(appointment.path("createdAt").asText()).endsWith("Z");
        if (clock() != null) {
            assertThat(Instant.parse(appointment.path("createdAt").asText()))
                    .isEqualTo(clock().instant().truncatedTo(ChronoUnit.MILLIS));
        }
        if (appointment.has("notes")) {
            assertThat(appointment.path("notes").asText()).isEqualTo("First visit");
        }

        JsonNode converted = ok(api.get("/slots/locks/" + token), 200);
        assertThat(converted.path("status").asText()).isEqualTo("CONVERTED");
        assertThat(converted.path("capacityUsed").asInt()).as("the appointment keeps the capacity").isEqualTo(1);
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(1);
        assertThat(ok(as(client).get("/appointments/" + appointment.path("id").asText()), 200)).isEqualTo(appointment);
        assertThat(elements(ok(as(client).get("/clients/me/appointments"), 200).path("appointments")))
                .containsExactly(appointment);

        if (events() != null) {
            ObservedEvent released = awaitEvent("slot.released", token);
            assertThat(released.payload().path("reason").asText()).isEqualTo("converted");
            assertThat(released.payload().path("capacityUsed").asInt()).isEqualTo(1);
            ObservedEvent created = awaitAppointmentEvent("appointment.created", appointment.path("id").asText());
            assertThat(fieldNames(created.payload())).containsExactlyInAnyOrderElementsOf(CREATED_FIELDS);
            assertThat(created.payload().path("appointmentId").asText()).isEqualTo(appointment.path("id").asText());
            assertThat(created.payload().path("reservationToken").asText()).isEqualTo(token);
            for (String field : List.of("clientId", "unitId", "serviceId", "date", "startTime", "endTime", "quantity")) {
                assertThat(created.payload().path(field)).as(field).isEqualTo(appointment.path(field));
            }
            assertThat(created.version()).isEqualTo(1);
        }
    }

    @Test
    void a_converted_lock_keeps_its_capacity_after_its_lock_time_has_passed() {
        MutableClock clock = requireClock();
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        Session client = login();
        String token = lockOk(place, date, "09:00", 1).path("reservationToken").asText();
        book(client, token);

        clock.advance(LOCK_TTL.plusSeconds(1));

        await("the sweeper has had its turns").pollDelay(Duration.ofMillis(1_200)).atMost(Duration.ofSeconds(3))
                .until(() -> true);
        assertThat(ok(api.get("/slots/locks/" + token), 200).path("status").asText()).isEqualTo("CONVERTED");
        JsonNode slot = slotAt(availability(place, date), date, "09:00");
        assertThat(slot.path("capacityUsed").asInt()).isEqualTo(1);
        assertThat(slot.path("available").asBoolean()).isFalse();
        assertProblem(lock(place, date, "09:00"), 409, "slot_full");
        if (events() != null) {
            awaitEvent("slot.released", token);
            assertThat(eventsFor("slot.released", token)).as("released once, as converted")
                    .singleElement().satisfies(event ->
                            assertThat(event.payload().path("reason").asText()).isEqualTo("converted"));
        }
    }

    @Test
    void a_lock_that_runs_out_before_booking_is_410_lock_expired() {
        MutableClock clock = requireClock();
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        Session client = login();
        String inTime = lockOk(place, date, "09:00", 1).path("reservationToken").asText();
        String late = lockOk(place, date, "09:30", 1).path("reservationToken").asText();

        clock.advance(LOCK_TTL.minusMillis(1));
        JsonNode booked = book(client, inTime);
        clock.advance(Duration.ofMillis(1));

        assertProblem(as(client).post("/appointments", Map.of("reservationToken", late)), 410, "lock_expired");
        assertThat(ok(api.get("/slots/locks/" + late), 200).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(slotAt(availability(place, date), date, "09:30").path("capacityUsed").asInt()).isZero();
        assertThat(elements(ok(as(client).get("/clients/me/appointments"), 200).path("appointments")))
                .containsExactly(booked);
        if (events() != null) {
            awaitEvent("slot.released", late);
            assertProblem(as(client).post("/appointments", Map.of("reservationToken", late)), 410, "lock_expired");
        }
    }

    @Test
    void a_released_lock_is_409_lock_not_active() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        Session client = login();
        String token = lockOk(place, date, "09:00", 1).path("reservationToken").asText();
        ok(release(token), 200);

        assertProblem(as(client).post("/appointments", Map.of("reservationToken", token)), 409, "lock_not_active");

        assertThat(ok(api.get("/slots/locks/" + token), 200).path("status").asText()).isEqualTo("RELEASED");
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isZero();
        assertThat(ok(as(client).get("/clients/me/appointments"), 200).path("appointments")).isEmpty();
    }

    @Test
    void one_lock_books_one_appointment_even_when_requests_race() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        Session first = login();
        Session second = login();

        String token = lockOk(place, date, "09:00", 1).path("reservationToken").asText();
        book(first, token);
        assertProblem(as(first).post("/appointments", Map.of("reservationToken", token)), 409, "lock_not_active");
        assertProblem(as(second).post("/appointments", Map.of("reservationToken", token)), 409, "lock_not_active");

        for (String time : List.of("10:00", "10:30", "11:00")) {
            String raced = lockOk(place, date, time, 1).path("reservationToken").asText();
            List<Reply> replies = replies(Race.run(2, i -> as(i == 0 ? first : second)
                    .post("/appointments", Map.of("reservationToken", raced))));
            assertOneBooked(replies);
            assertThat(slotAt(availability(place, date), date, time).path("capacityUsed").asInt()).isEqualTo(1);
        }

        String contested = lockOk(place, date, "13:00", 1).path("reservationToken").asText();
        List<Reply> replies = replies(Race.run(8, i -> as(i % 2 == 0 ? first : second)
                .post("/appointments", Map.of("reservationToken", contested))));
        assertOneBooked(replies);
        long booked = List.of(first, second).stream()
                .flatMap(client -> elements(ok(as(client).get("/clients/me/appointments"), 200).path("appointments"))
                        .stream())
                .filter(appointment -> appointment.path("startTime").asText().equals("13:00"))
                .count();
        assertThat(booked).isEqualTo(1);
        assertThat(slotAt(availability(place, date), date, "13:00").path("capacityUsed").asInt()).isEqualTo(1);
    }

    private static void assertOneBooked(List<Reply> replies) {
        assertThat(replies.stream().filter(reply -> reply.status() == 201)).as("%s", replies).hasSize(1);
        replies.stream().filter(reply -> reply.status() != 201)
                .forEach(reply -> assertProblem(reply, 409, "lock_not_active"));
    }

    @Test
    void an_unknown_token_is_404_lock_not_found() {
        Session client = login();

        assertProblem(as(client).post("/appointments", Map.of("reservationToken", randomToken())), 404,
                "lock_not_found");
        assertProblem(as(client).post("/appointments", Map.of("reservationToken", "not a token")), 404,
                "lock_not_found");
        assertThat(ok(as(client).get("/clients/me/appointments"), 200).path("appointments")).isEmpty();
    }

    @Test
    void notes_are_at_most_500_characters() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        Session client = login();
        String token = lockOk(place, date, "09:00", 1).path("reservationToken").asText();

        assertValidationFailed(as(client).post("/appointments",
                Map.of("reservationToken", token, "notes", "n".repeat(501))), "notes");
        assertThat(ok(api.get("/slots/locks/" + token), 200).path("status").asText()).isEqualTo("LOCKED");

        JsonNode booked = ok(as(client).post("/appointments",
                Map.of("reservationToken", token, "notes", "n".repeat(500))), 201);
        assertThat(booked.path("status").asText()).isEqualTo("CONFIRMED");
    }

    // ------------------------------------------------------------------------------------------------
    // Idempotency-Key on bookings

    @Test
    void a_retried_booking_with_the_same_idempotency_key_gets_the_first_response_and_books_once() {
        Bookable place = bookable(3);
        LocalDate date = inDays(7);
        Session client = login();
        ApiClient withKey = as(client).withHeader("Idempotency-Key", UUID.randomUUID().toString());
        String token = lockOk(place, date, "09:00", 1).path("reservationToken").asText();
        Map<String, Object> body = Map.of("reservationToken", token, "notes", "retry me");

        Reply first = withKey.post("/appointments", body);
        Reply retry = withKey.post("/appointments", body);

        assertThat(first.status()).as(first.describe()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.contentType()).isEqualTo(first.contentType());
        assertThat(elements(ok(as(client).get("/clients/me/appointments"), 200).path("appointments"))).hasSize(1);
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(1);

        String other = lockOk(place, date, "09:30", 1).path("reservationToken").asText();
        assertProblem(withKey.post("/appointments", Map.of("reservationToken", other)), 422,
                "idempotency_key_reused");
        assertThat(ok(api.get("/slots/locks/" + other), 200).path("status").asText()).isEqualTo("LOCKED");
        assertThat(elements(ok(as(client).get("/clients/me/appointments"), 200).path("appointments"))).hasSize(1);
    }

    @Test
    void idempotency_keys_of_bookings_belong_to_their_client() {
        Bookable place = bookable(3);
        LocalDate date = inDays(7);
        String key = UUID.randomUUID().toString();
        Session first = login();
        Session second = login();
        Session third = login();
        Map<String, Object> firstBody = Map.of("reservationToken",
                lockOk(place, date, "09:00", 1).path("reservationToken").asText());
        JsonNode firstBooked = ok(as(first).withHeader("Idempotency-Key", key).post("/appointments", firstBody), 201);

        JsonNode secondBooked = ok(as(second).withHeader("Idempotency-Key", key).post("/appointments",
                Map.of("reservationToken", lockOk(place, date, "09:00", 1).path("reservationToken").asText())), 201);
        Reply thirdReply = as(third).withHeader("Idempotency-Key", key).post("/appointments", firstBody);

        assertThat(secondBooked.path("id")).isNotEqualTo(firstBooked.path("id"));
        assertThat(secondBooked.path("clientId").asText()).isEqualTo(second.clientId());
        assertProblem(thirdReply, 409, "lock_not_active");
        assertThat(ok(as(third).get("/clients/me/appointments"), 200).path("appointments")).isEmpty();
        assertThat(elements(ok(as(first).get("/clients/me/appointments"), 200).path("appointments")))
                .containsExactly(firstBooked);
    }

    // ------------------------------------------------------------------------------------------------
    // Reading appointments

    @Test
    void a_client_reads_its_own_appointment_and_no_one_else_s() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        Session owner = login();
        Session stranger = login();
        JsonNode appointment = book(owner, lockOk(place, date, "09:00", 1).path("reservationToken").asText());
        String id = appointment.path("id").asText();
        String strangersLock = lockOk(place, date, "10:00", 1).path("reservationToken").asText();

        assertThat(ok(as(owner).get("/appointments/" + id), 200)).isEqualTo(appointment);
        assertProblem(as(stranger).get("/appointments/" + id), 404, "appointment_not_found");
        assertProblem(as(stranger).post("/appointments/" + id + "/cancel", Map.of()), 404, "appointment_not_found");
        assertProblem(as(stranger).post("/appointments/" + id + "/reschedule",
                Map.of("reservationToken", strangersLock)), 404, "appointment_not_found");
        assertProblem(as(owner).get("/appointments/" + UUID.randomUUID()), 404, "appointment_not_found");

        assertThat(ok(as(owner).get("/appointments/" + id), 200)).as("a refused request changes nothing")
                .isEqualTo(appointment);
        assertThat(ok(api.get("/slots/locks/" + strangersLock), 200).path("status").asText()).isEqualTo("LOCKED");
        assertThat(ok(as(stranger).get("/clients/me/appointments"), 200).path("appointments")).isEmpty();
    }

    @Test
    void a_client_lists_its_own_appointments_soonest_first() {
        Bookable place = bookable(2);
        Session client = login();
        Session other = login();
        JsonNode later = book(client, lockOk(place, inDays(9), "10:00", 1).path("reservationToken").asText());
        JsonNode afternoon = book(client, lockOk(place, inDays(7), "14:00", 1).path("reservationToken").asText());
        JsonNode morning = book(client, lockOk(place, inDays(7), "09:00", 1).path("reservationToken").asText());
        JsonNode between = book(client, lockOk(place, inDays(8), "17:30", 1).path("reservationToken").asText());
        JsonNode others = book(other, lockOk(place, inDays(7), "09:00", 1).path("reservationToken").asText());

        Reply reply = as(client).get("/clients/me/appointments");

        List<JsonNode> appointments = elements(ok(reply, 200).path("appointments"));
        assertThat(appointments).containsExactly(morning, afternoon, between, later);
        assertThat(elements(ok(as(other).get("/clients/me/appointments"), 200).path("appointments")))
                .containsExactly(others);
    }

    // ------------------------------------------------------------------------------------------------
    // Cancelling

    @Test
    void cancelling_frees_the_capacity_once_and_cancelling_again_answers_the_same() {
        Bookable place = bookable(4);
        LocalDate date = inDays(7);
        Session first = login();
        Session second = login();
        JsonNode appointment = book(first, lockOk(place, date, "09:00", 1).path("reservationToken").asText());
        JsonNode neighbour = book(second, lockOk(place, date, "09:00", 2).path("reservationToken").asText());
        lockOk(place, date, "09:00", 1);
        String id = appointment.path("id").asText();
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(4);

        Reply reply = as(first).post("/appointments/" + id + "/cancel", Map.of());

        JsonNode cancelled = ok(reply, 200);
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        for (String same : List.of("id", "clientId", "unitId", "serviceId", "date", "startTime", "endTime", "quantity",
                "createdAt")) {
            assertThat(cancelled.path(same)).as(same).isEqualTo(appointment.path(same));
        }
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(3);

        Reply again = as(first).post("/appointments/" + id + "/cancel", Map.of());
        assertThat(again.status()).as(again.describe()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(cancelled);
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt())
                .as("freed once").isEqualTo(3);
        assertThat(ok(as(first).get("/appointments/" + id), 200)).isEqualTo(cancelled);

        String neighbourId = neighbour.path("id").asText();
        List<Reply> racing = replies(Race.run(8, i -> as(second).post("/appointments/" + neighbourId + "/cancel",
                Map.of())));
        for (Reply raced : racing) {
            assertThat(raced.status()).as(raced.describe()).isEqualTo(200);
            assertThat(raced.json().path("status").asText()).isEqualTo("CANCELLED");
        }
        assertThat(racing.stream().map(Reply::body).distinct()).hasSize(1);
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt())
                .as("eight cancels free the two places once; the plain lock still holds its place").isEqualTo(1);

        if (events() != null) {
            ObservedEvent event = awaitAppointmentEvent("appointment.cancelled", id);
            assertThat(fieldNames(event.payload())).containsExactlyInAnyOrderElementsOf(CANCELLED_FIELDS);
            assertThat(event.payload().path("capacityUsed").asInt()).as("after the cancellation").isEqualTo(3);
            for (String field : List.of("clientId", "unitId", "serviceId", "date", "startTime", "endTime", "quantity")) {
                assertThat(event.payload().path(field)).as(field).isEqualTo(appointment.path(field));
            }
            ObservedEvent neighbourEvent = awaitAppointmentEvent("appointment.cancelled", neighbourId);
            assertThat(neighbourEvent.payload().path("capacityUsed").asInt()).isEqualTo(1);
            await("no second announcement").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> appointmentEvents("appointment.cancelled", id).size() == 1
                            && appointmentEvents("appointment.cancelled", neighbourId).size() == 1);
        }
        assertThat(lockOk(place, date, "09:00", 3).path("capacityUsed").asInt()).isEqualTo(4);
    }

    // ------------------------------------------------------------------------------------------------
    // Rescheduling

    @Test
    void rescheduling_moves_the_appointment_frees_the_old_slot_and_keeps_the_new_one() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        LocalDate newDate = inDays(8);
        Session client = login();
        JsonNode appointment = book(client, lockOk(place, date, "09:00", 1).path("reservationToken").asText());
        String id = appointment.path("id").asText();
        String newLock = lockOk(place, newDate, "11:00", 1).path("reservationToken").asText();

        Reply reply = as(client).post("/appointments/" + id + "/reschedule", Map.of("reservationToken", newLock));

        JsonNode moved = ok(reply, 200);
        assertThat(moved.path("id").asText()).isEqualTo(id);
        assertThat(moved.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(moved.path("date").asText()).isEqualTo(newDate.toString());
        assertThat(moved.path("startTime").asText()).isEqualTo("11:00");
        assertThat(moved.path("endTime").asText()).isEqualTo("11:30");
        for (String same : List.of("clientId", "unitId", "serviceId", "quantity", "createdAt")) {
            assertThat(moved.path(same)).as(same).isEqualTo(appointment.path(same));
        }
        assertThat(ok(as(client).get("/appointments/" + id), 200)).isEqualTo(moved);
        assertThat(ok(api.get("/slots/locks/" + newLock), 200).path("status").asText()).isEqualTo("CONVERTED");
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt())
                .as("the old slot is free").isZero();
        assertThat(slotAt(availability(place, newDate), newDate, "11:00").path("capacityUsed").asInt())
                .as("the new slot is taken").isEqualTo(1);
        assertThat(lock(place, date, "09:00").status()).isEqualTo(201);
        assertProblem(lock(place, newDate, "11:00"), 409, "slot_full");

        if (events() != null) {
            ObservedEvent event = awaitAppointmentEvent("appointment.rescheduled", id);
            assertThat(fieldNames(event.payload())).containsExactlyInAnyOrderElementsOf(RESCHEDULED_FIELDS);
            assertThat(event.payload().path("previous")).isEqualTo(json("{\"date\": \"" + date
                    + "\", \"startTime\": \"09:00\", \"endTime\": \"09:30\"}"));
            for (String field : List.of("clientId", "unitId", "serviceId", "quantity", "date", "startTime", "endTime")) {
                assertThat(event.payload().path(field)).as(field).isEqualTo(moved.path(field));
            }
            ObservedEvent converted = awaitEvent("slot.released", newLock);
            assertThat(converted.payload().path("reason").asText()).isEqualTo("converted");
        }
    }

    @Test
    void a_cancelled_appointment_cannot_be_rescheduled() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        Session client = login();
        String id = book(client, lockOk(place, date, "09:00", 1).path("reservationToken").asText()).path("id").asText();
        JsonNode cancelled = ok(as(client).post("/appointments/" + id + "/cancel", Map.of()), 200);
        String newLock = lockOk(place, date, "10:00", 1).path("reservationToken").asText();

        assertProblem(as(client).post("/appointments/" + id + "/reschedule", Map.of("reservationToken", newLock)),
                409, "appointment_cancelled");

        assertThat(ok(api.get("/slots/locks/" + newLock), 200).path("status").asText()).isEqualTo("LOCKED");
        assertThat(slotAt(availability(place, date), date, "10:00").path("capacityUsed").asInt()).isEqualTo(1);
        assertThat(ok(as(client).get("/appointments/" + id), 200)).isEqualTo(cancelled);
    }

    @Test
    void an_appointment_moves_only_to_a_lock_of_its_own_unit_and_service() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        String otherService = createService(place.unitId(), serviceBody(30, 1)).path("id").asText();
        Bookable otherUnit = bookable(1);
        Session client = login();
        JsonNode appointment = book(client, lockOk(place, date, "09:00", 1).path("reservationToken").asText());
        String id = appointment.path("id").asText();

        for (Bookable elsewhere : List.of(new Bookable(place.unitId(), otherService), otherUnit)) {
            String token = lockOk(elsewhere, date, "10:00", 1).path("reservationToken").asText();

            assertProblem(as(client).post("/appointments/" + id + "/reschedule", Map.of("reservationToken", token)),
                    422, "lock_of_another_service");

            assertThat(ok(api.get("/slots/locks/" + token), 200).path("status").asText()).isEqualTo("LOCKED");
        }
        assertThat(ok(as(client).get("/appointments/" + id), 200)).isEqualTo(appointment);
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(1);
    }

    @Test
    void rescheduling_needs_an_active_lock() {
        MutableClock clock = requireClock();
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        Session client = login();
        JsonNode appointment = book(client, lockOk(place, date, "09:00", 1).path("reservationToken").asText());
        String path = "/appointments/" + appointment.path("id").asText() + "/reschedule";
        String released = lockOk(place, date, "10:00", 1).path("reservationToken").asText();
        ok(release(released), 200);
        String used = lockOk(place, date, "10:30", 1).path("reservationToken").asText();
        book(client, used);
        String expiring = lockOk(place, date, "11:00", 1).path("reservationToken").asText();

        assertProblem(as(client).post(path, Map.of("reservationToken", released)), 409, "lock_not_active");
        assertProblem(as(client).post(path, Map.of("reservationToken", used)), 409, "lock_not_active");
        assertProblem(as(client).post(path, Map.of("reservationToken", randomToken())), 404, "lock_not_found");
        clock.advance(LOCK_TTL);
        assertProblem(as(client).post(path, Map.of("reservationToken", expiring)), 410, "lock_expired");

        assertThat(ok(as(client).get("/appointments/" + appointment.path("id").asText()), 200)).isEqualTo(appointment);
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(1);
    }

    @Test
    void releasing_a_converted_lock_is_409_lock_consumed() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        Session client = login();
        String token = lockOk(place, date, "09:00", 1).path("reservationToken").asText();
        book(client, token);

        assertProblem(release(token), 409, "lock_consumed");

        assertThat(ok(api.get("/slots/locks/" + token), 200).path("status").asText()).isEqualTo("CONVERTED");
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(1);
    }

    @Test
    void racing_cancels_and_reschedules_of_one_appointment_keep_capacity_exact() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        Session client = login();
        for (List<String> times : List.of(List.of("09:00", "09:30", "10:00"), List.of("10:30", "11:00", "11:30"),
                List.of("13:00", "13:30", "14:00"), List.of("14:30", "15:00", "15:30"))) {
            String id = book(client, lockOk(place, date, times.get(0), 1).path("reservationToken").asText())
                    .path("id").asText();
            List<String> newLocks = List.of(lockOk(place, date, times.get(1), 1).path("reservationToken").asText(),
                    lockOk(place, date, times.get(2), 1).path("reservationToken").asText());

            List<Reply> replies = replies(Race.run(3, i -> i == 0
                    ? as(client).post("/appointments/" + id + "/cancel", Map.of())
                    : as(client).post("/appointments/" + id + "/reschedule",
                            Map.of("reservationToken", newLocks.get(i - 1)))));

            for (Reply reply : replies) {
                if (reply.status() != 200) {
                    assertProblem(reply, 409, "appointment_cancelled");
                }
            }
            JsonNode outcome = ok(as(client).get("/appointments/" + id), 200);
            JsonNode availability = availability(place, date);
            int used = times.stream().mapToInt(time -> slotAt(availability, date, time).path("capacityUsed").asInt())
                    .sum();
            long stillLocked = newLocks.stream()
                    .filter(token -> ok(api.get("/slots/locks/" + token), 200).path("status").asText().equals("LOCKED"))
                    .count();
            boolean confirmed = outcome.path("status").asText().equals("CONFIRMED");
            assertThat(used).as("%s after %s", outcome, replies).isEqualTo((confirmed ? 1 : 0) + stillLocked);
            if (confirmed) {
                assertThat(slotAt(availability, date, outcome.path("startTime").asText()).path("capacityUsed").asInt())
                        .isEqualTo(1);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // A unit's agenda (admin)

    @Test
    void the_agenda_lists_a_unit_s_appointments_by_date_and_time_with_each_client_s_contact() {
        Bookable place = bookable(2);
        Bookable secondService = new Bookable(place.unitId(),
                createService(place.unitId(), serviceBody(30, 1)).path("id").asText());
        Bookable elsewhere = bookable(1);
        LocalDate date = inDays(7);
        LocalDate next = inDays(8);
        Session byPhone = login(uniquePhone());
        Session byEmail = login(uniqueEmail());
        JsonNode nextDay = book(byEmail, lockOk(place, next, "10:00", 1).path("reservationToken").asText());
        JsonNode afternoon = book(byPhone, lockOk(place, date, "14:00", 1).path("reservationToken").asText());
        JsonNode halfPast = book(byEmail, lockOk(secondService, date, "09:30", 1).path("reservationToken").asText());
        JsonNode morning = book(byPhone, lockOk(place, date, "09:00", 1).path("reservationToken").asText());
        book(byPhone, lockOk(elsewhere, date, "09:00", 1).path("reservationToken").asText());

        Reply day = api.admin().get("/units/" + place.unitId() + "/appointments?date=" + date);
        Reply range = api.admin().get("/units/" + place.unitId() + "/appointments?from=" + date + "&to=" + next);

        List<JsonNode> ofDay = elements(ok(day, 200).path("appointments"));
        assertThat(ofDay.stream().map(entry -> entry.path("id").asText()))
                .containsExactly(ids(morning, halfPast, afternoon));
        List<JsonNode> ofRange = elements(ok(range, 200).path("appointments"));
        assertThat(ofRange.stream().map(entry -> entry.path("id").asText()))
                .containsExactly(ids(morning, halfPast, afternoon, nextDay));
        Map<String, Session> clients = Map.of(byPhone.clientId(), byPhone, byEmail.clientId(), byEmail);
        for (JsonNode entry : ofRange) {
            Session client = clients.get(entry.path("clientId").asText());
            assertThat(client).as("%s", entry).isNotNull();
            String contactField = client.recipient().startsWith("+") ? "phone" : "email";
            assertThat(entry.path("client").path("id").asText()).isEqualTo(client.clientId());
            assertThat(entry.path("client").path(contactField).asText()).isEqualTo(client.recipient());
            assertThat(entry.path("unitId").asText()).isEqualTo(place.unitId());
            assertThat(entry.path("status").asText()).isEqualTo("CONFIRMED");
            assertThat(fieldNames(entry)).containsAll(APPOINTMENT_FIELDS);
        }
    }

    @Test
    void the_agenda_is_for_admins_and_covers_at_most_31_days() {
        Bookable place = bookable(1);
        LocalDate from = inDays(7);
        String path = "/units/" + place.unitId() + "/appointments?";

        assertUnauthorized(api.get(path + "date=" + from));
        assertUnauthorized(api.withHeader("Authorization", "Bearer wrong").get(path + "date=" + from));
        assertThat(ok(api.admin().get(path + "from=" + from + "&to=" + from.plusDays(30)), 200)
                .path("appointments")).isEmpty();
        assertValidationFailed(api.admin().get(path + "from=" + from + "&to=" + from.plusDays(31)), "to");
        assertValidationFailed(api.admin().get(path + "from=" + from + "&to=" + from.minusDays(1)), "to");
        assertValidationFailed(api.admin().get(path.substring(0, path.length() - 1)), "from", "to");
        assertProblem(api.admin().get("/units/" + UUID.randomUUID() + "/appointments?date=" + from), 404,
                "unit_not_found");
    }

    // ------------------------------------------------------------------------------------------------
    // Notices

    @Test
    void creating_rescheduling_and_cancelling_notify_the_client_in_the_dev_mailbox() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        Session byPhone = login(uniquePhone());
        Session byEmail = login(uniqueEmail());
        String id = book(byPhone, lockOk(place, date, "09:00", 1).path("reservationToken").asText())
                .path("id").asText();

        JsonNode created = awaitNotice(byPhone.recipient(), "appointment_created", id);
        assertThat(created.path("channel").asText()).isEqualTo("SMS");
        assertThat(created.path("body").asText()).contains("09:00");

        ok(as(byPhone).post("/appointments/" + id + "/reschedule",
                Map.of("reservationToken", lockOk(place, date, "15:30", 1).path("reservationToken").asText())), 200);
        JsonNode moved = awaitNotice(byPhone.recipient(), "appointment_rescheduled", id);
        assertThat(moved.path("body").asText()).contains("09:00").contains("15:30");

        ok(as(byPhone).post("/appointments/" + id + "/cancel", Map.of()), 200);
        JsonNode cancelled = awaitNotice(byPhone.recipient(), "appointment_cancelled", id);
        assertThat(cancelled.path("body").asText()).contains("15:30");

        String other = book(byEmail, lockOk(place, date, "10:00", 1).path("reservationToken").asText())
                .path("id").asText();
        JsonNode byMail = awaitNotice(byEmail.recipient(), "appointment_created", other);
        assertThat(byMail.path("channel").asText()).isEqualTo("EMAIL");
        assertThat(byMail.path("recipient").asText()).isEqualTo(byEmail.recipient());
        assertThat(mailbox(byPhone.recipient()).stream().map(notice -> notice.path("body").asText()))
                .noneMatch(body -> body.contains(other));
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers

    /** Moves the clock off a whole second, where JWT times (whole seconds) and the service's (milliseconds) differ. */
    private void offTheWholeSecond() {
        MutableClock clock = clock();
        if (clock != null && clock.instant().getNano() == 0) {
            clock.advance(Duration.ofMillis(250));
        }
    }

    /** Another 6-digit code than the one given. */
    static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    static List<Reply> replies(List<Race.Outcome<Reply>> outcomes) {
        return outcomes.stream().map(outcome -> {
            assertThat(outcome.failure()).as("a request failed").isNull();
            return outcome.value();
        }).toList();
    }

    private static Set<String> headerNames(Reply reply) {
        Set<String> names = new HashSet<>(reply.headers().map().keySet());
        names.remove("date");
        return names;
    }

    private static String[] ids(JsonNode... appointments) {
        return java.util.Arrays.stream(appointments).map(appointment -> appointment.path("id").asText())
                .toArray(String[]::new);
    }

    List<ObservedEvent> appointmentEvents(String type, String appointmentId) {
        return events().received().stream()
                .filter(event -> event.type().equals(type)
                        && appointmentId.equals(event.payload().path("appointmentId").asText()))
                .toList();
    }

    ObservedEvent awaitAppointmentEvent(String type, String appointmentId) {
        return await(type + " of " + appointmentId).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> appointmentEvents(type, appointmentId), found -> !found.isEmpty())
                .get(0);
    }

    /** The notice of that template about that appointment, once it has reached the dev mailbox. */
    JsonNode awaitNotice(String recipient, String template, String appointmentId) {
        Predicate<JsonNode> wanted = notice -> notice.path("template").asText().equals(template)
                && notice.path("body").asText().contains(appointmentId);
        JsonNode notice = await(template + " to " + recipient).atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> mailbox(recipient).stream().filter(wanted).toList(), found -> !found.isEmpty())
                .get(0);
        assertThat(fieldNames(notice)).containsExactlyInAnyOrderElementsOf(NOTIFICATION_FIELDS);
        assertThat(notice.path("recipient").asText()).isEqualTo(recipient);
        return notice;
    }
}
