package dev.scheduling.bootstrap.http;

import static dev.scheduling.bootstrap.http.HttpContractTest.assertProblem;
import static dev.scheduling.bootstrap.http.HttpContractTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.bootstrap.http.ApiClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * NIST SP 800-63B over HTTP, with the documented defaults of the login limits: an attacker who asks for
 * new codes whenever one is void or expired and waits out every delay still gets no more than 100 guesses
 * judged, and then not even the right code logs in. A service of its own, whose clock may travel months.
 */
class LoginLockoutHttpTest {
    private static final String ADMIN_TOKEN = "lockout-test-admin";
    private static final int DEFAULT_MAX_ATTEMPTS = 5;
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    private static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b\\d{6}\\b");

    private final MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");
    private ApiClient api;

    @Test
    void no_more_than_100_guesses_are_ever_judged_without_a_success() {
        Map<String, String> env = Map.of(Configuration.ADMIN_TOKEN, ADMIN_TOKEN, Configuration.DEV_MAILBOX, "true");
        try (ServiceRuntime runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(env), clock, 0)) {
            api = new ApiClient("http://127.0.0.1:" + runtime.port(), ADMIN_TOKEN);
            String phone = "+5511987654321";
            int judged = 0;
            int refusedInARow = 0;
            String code = null;
            Instant issuedAt = null;
            int wrongOnThisCode = 0;

            for (int round = 0; round < 2_000 && judged <= 100 && refusedInARow < 3; round++) {
                if (code == null || wrongOnThisCode == DEFAULT_MAX_ATTEMPTS
                        || !clock.instant().isBefore(issuedAt.plus(DEFAULT_TTL))) {
                    Instant resendAt = issuedAt == null ? clock.instant() : issuedAt.plus(DEFAULT_COOLDOWN);
                    if (clock.instant().isBefore(resendAt)) {
                        clock.advance(Duration.between(clock.instant(), resendAt));
                    }
                    ok(request(phone), 202);
                    code = latestCode(phone);
                    issuedAt = clock.instant();
                    wrongOnThisCode = 0;
                }
                Reply guess = verify(phone, ClientJourneyContractTest.wrong(code));
                if (guess.status() == 401) {
                    assertProblem(guess, 401, "invalid_code");
                    judged++;
                    wrongOnThisCode++;
                    refusedInARow = 0;
                } else {
                    assertProblem(guess, 429, "too_many_attempts");
                    refusedInARow++;
                    // A throttle says when to come back; the lockout does not, since waiting does not lift it.
                    guess.header("Retry-After").ifPresent(wait -> clock.advance(Duration.ofSeconds(Long.parseLong(wait))));
                }
            }

            assertThat(judged).as("guesses judged before the lockout").isEqualTo(100);
            clock.advance(Duration.ofDays(30));
            ok(request(phone), 202);
            Reply right = verify(phone, latestCode(phone));
            assertProblem(right, 429, "too_many_attempts");
            assertThat(right.header("Retry-After")).as("a lockout does not lift by waiting").isEmpty();
        }
    }

    private Reply request(String phone) {
        return api.post("/auth/login-client/request", Map.of("phone", phone));
    }

    private Reply verify(String phone, String code) {
        return api.post("/auth/login-client/verify", Map.of("phone", phone, "code", code));
    }

    private String latestCode(String phone) {
        List<JsonNode> sent = HttpContractTest.elements(
                ok(api.get("/dev/notifications?recipient=%2B" + phone.substring(1)), 200).path("notifications"));
        Matcher code = SIX_DIGITS.matcher(sent.get(sent.size() - 1).path("body").asText());
        assertThat(code.find()).isTrue();
        return code.group();
    }
}
