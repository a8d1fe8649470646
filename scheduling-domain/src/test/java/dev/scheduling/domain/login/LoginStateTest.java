package dev.scheduling.domain.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.client.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("LoginState: one recipient's code and its count of consecutive wrong tries")
class LoginStateTest {
    private static final Recipient ANA = Recipient.phone("+5511999990000");
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration COOLDOWN = Duration.ofSeconds(30);
    /** 3 wrong tries a code, throttled from 5 consecutive failures (1 s, doubling), locked out at 8. */
    static final LoginPolicy POLICY = new LoginPolicy(TTL, 3, COOLDOWN, 5, Duration.ofSeconds(1), 8);
    private static final String RIGHT = "123456";
    private static final String WRONG = "654321";

    /** What a keyed hash does in the product: here the hash of a code is plainly recognisable. */
    static String hash(String code) {
        return "hash:" + code;
    }

    /** A guess of a code; counts how often the state compared it with the stored hash. */
    static final class Guess implements Predicate<String> {
        private final String code;
        int comparisons;

        Guess(String code) {
            this.code = code;
        }

        @Override
        public boolean test(String storedHash) {
            comparisons++;
            return storedHash.equals(hash(code));
        }
    }

    private static LoginState withCodeIssuedAt(Instant at) {
        return LoginState.fresh(ANA).issue(hash(RIGHT), at, POLICY);
    }

    private static LoginState.Attempt verify(LoginState state, String code, Instant at) {
        return state.verify(new Guess(code), at, POLICY);
    }

    private static void assertRefused(LoginState.Attempt attempt, Refusal refusal) {
        assertThat(attempt.succeeded()).isFalse();
        assertThat(attempt.refusal()).get().extracting(RefusedException::refusal).isEqualTo(refusal);
    }

    @Nested
    @DisplayName("issue")
    class Issue {
        @Test
        @DisplayName("a fresh recipient has no code, no failures, version 0 and may ask at once")
        void fresh() {
            LoginState fresh = LoginState.fresh(ANA);

            assertThat(fresh.code()).isEmpty();
            assertThat(fresh.consecutiveFailures()).isZero();
            assertThat(fresh.lastFailureAt()).isEmpty();
            assertThat(fresh.version()).isZero();
            assertThat(fresh.resendAvailableAt(POLICY)).isEmpty();
        }

        @Test
        @DisplayName("a code is stored as its hash, valid for the ttl, unused, with no wrong tries; resend after the cooldown")
        void issues() {
            LoginState issued = withCodeIssuedAt(T0);

            LoginCode code = issued.code().orElseThrow();
            assertThat(code.hash()).isEqualTo(hash(RIGHT));
            assertThat(code.issuedAt()).isEqualTo(T0);
            assertThat(code.expiresAt()).isEqualTo(T0.plus(TTL));
            assertThat(code.wrongAttempts()).isZero();
            assertThat(code.used()).isFalse();
            assertThat(issued.resendAvailableAt(POLICY)).contains(T0.plus(COOLDOWN));
            assertThat(issued.version()).as("the store bumps the version, not the state").isZero();
        }

        @Test
        @DisplayName("asking again within the cooldown is refused with otp_cooldown and the time left as retryAfter")
        void cooldown() {
            LoginState issued = withCodeIssuedAt(T0);

            assertThatThrownBy(() -> issued.issue(hash("111111"), T0.plusSeconds(10), POLICY))
                    .isInstanceOfSatisfying(RefusedException.class, refused -> {
                        assertThat(refused.refusal()).isEqualTo(Refusal.OTP_COOLDOWN);
                        assertThat(refused.refusal().code()).isEqualTo("otp_cooldown");
                        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(20));
                    });
            assertThatThrownBy(() -> issued.issue(hash("111111"), T0.plus(COOLDOWN).minusMillis(1), POLICY))
                    .isInstanceOfSatisfying(RefusedException.class, refused ->
                            assertThat(refused.retryAfter()).contains(Duration.ofMillis(1)));
        }

        @Test
        @DisplayName("at the end of the cooldown a new code is issued")
        void afterCooldown() {
            LoginState again = withCodeIssuedAt(T0).issue(hash("111111"), T0.plus(COOLDOWN), POLICY);

            assertThat(again.code().orElseThrow().hash()).isEqualTo(hash("111111"));
            assertThat(again.code().orElseThrow().issuedAt()).isEqualTo(T0.plus(COOLDOWN));
        }

        @Test
        @DisplayName("a new code voids the previous one, gets its own tries, and keeps the recipient's failures")
        void newCodeVoidsPreviousAndKeepsFailures() {
            LoginState state = withCodeIssuedAt(T0);
            state = verify(state, WRONG, T0.plusSeconds(1)).next();
            state = verify(state, WRONG, T0.plusSeconds(2)).next();
            Instant secondCodeAt = T0.plus(COOLDOWN);

            LoginState renewed = state.issue(hash("222222"), secondCodeAt, POLICY);

            assertThat(renewed.consecutiveFailures()).isEqualTo(2);
            assertThat(renewed.lastFailureAt()).contains(T0.plusSeconds(2));
            assertThat(renewed.code().orElseThrow().wrongAttempts()).isZero();
            assertRefused(verify(renewed, RIGHT, secondCodeAt.plusSeconds(1)), Refusal.INVALID_CODE);
            LoginState.Attempt withNewCode = verify(renewed, "222222", secondCodeAt.plusSeconds(1));
            assertThat(withNewCode.succeeded()).isTrue();
        }
    }

    @Nested
    @DisplayName("verify")
    class Verify {
        private final LoginState issued = withCodeIssuedAt(T0);

        @Test
        @DisplayName("the right code succeeds: the code is used, the failures and last failure are cleared")
        void rightCode() {
            LoginState.Attempt attempt = verify(issued, RIGHT, T0.plusSeconds(5));

            assertThat(attempt.succeeded()).isTrue();
            assertThat(attempt.refusal()).isEmpty();
            assertThat(attempt.next().code().orElseThrow().used()).isTrue();
            assertThat(attempt.next().consecutiveFailures()).isZero();
            assertThat(attempt.next().lastFailureAt()).isEmpty();
            assertThat(attempt.next().version()).isEqualTo(issued.version());
        }

        @Test
        @DisplayName("a success resets failures gathered on earlier codes")
        void successResetsFailures() {
            LoginState failing = new LoginState(ANA, issued.code(), 4, Optional.of(T0.plusSeconds(1)), 9);

            LoginState.Attempt attempt = verify(failing, RIGHT, T0.plusSeconds(2));

            assertThat(attempt.succeeded()).isTrue();
            assertThat(attempt.next().consecutiveFailures()).isZero();
            assertThat(attempt.next().lastFailureAt()).isEmpty();
            assertThat(attempt.next().version()).isEqualTo(9);
        }

        @Test
        @DisplayName("a used code is refused with invalid_code, without comparing it, and counts as a failure")
        void usedCode() {
            LoginState used = verify(issued, RIGHT, T0.plusSeconds(5)).next();
            Guess again = new Guess(RIGHT);

            LoginState.Attempt attempt = used.verify(again, T0.plusSeconds(6), POLICY);

            assertRefused(attempt, Refusal.INVALID_CODE);
            assertThat(again.comparisons).isZero();
            assertThat(attempt.next().consecutiveFailures()).isEqualTo(1);
            assertThat(attempt.next().lastFailureAt()).contains(T0.plusSeconds(6));
        }

        @Test
        @DisplayName("a code is valid until just before expiresAt; at expiresAt and after it is refused with invalid_code")
        void expiry() {
            assertThat(verify(issued, RIGHT, T0.plus(TTL).minusMillis(1)).succeeded()).isTrue();

            Guess atExpiry = new Guess(RIGHT);
            LoginState.Attempt attempt = issued.verify(atExpiry, T0.plus(TTL), POLICY);
            assertRefused(attempt, Refusal.INVALID_CODE);
            assertThat(atExpiry.comparisons).isZero();
            assertThat(attempt.next().consecutiveFailures()).isEqualTo(1);

            assertRefused(verify(issued, RIGHT, T0.plus(Duration.ofHours(3))), Refusal.INVALID_CODE);
        }

        @Test
        @DisplayName("a recipient without a code gets invalid_code")
        void noCode() {
            Guess guess = new Guess(RIGHT);

            LoginState.Attempt attempt = LoginState.fresh(ANA).verify(guess, T0, POLICY);

            assertRefused(attempt, Refusal.INVALID_CODE);
            assertThat(guess.comparisons).isZero();
        }

        @Test
        @DisplayName("a wrong code is refused with invalid_code and counts on the code and on the recipient")
        void wrongCode() {
            Guess wrong = new Guess(WRONG);

            LoginState.Attempt attempt = issued.verify(wrong, T0.plusSeconds(3), POLICY);

            assertRefused(attempt, Refusal.INVALID_CODE);
            assertThat(attempt.refusal().orElseThrow().retryAfter()).isEmpty();
            assertThat(wrong.comparisons).isEqualTo(1);
            assertThat(attempt.next().code().orElseThrow().wrongAttempts()).isEqualTo(1);
            assertThat(attempt.next().code().orElseThrow().used()).isFalse();
            assertThat(attempt.next().code().orElseThrow().hash()).isEqualTo(hash(RIGHT));
            assertThat(attempt.next().consecutiveFailures()).isEqualTo(1);
            assertThat(attempt.next().lastFailureAt()).contains(T0.plusSeconds(3));
            assertThat(attempt.next().version()).isEqualTo(issued.version());
        }

        @Test
        @DisplayName("after maxAttemptsPerCode wrong tries the code is void: even the right code gets too_many_attempts")
        void codeVoidAfterMaxAttempts() {
            LoginState state = issued;
            for (int i = 1; i <= POLICY.maxAttemptsPerCode(); i++) {
                LoginState.Attempt wrong = verify(state, WRONG, T0.plusSeconds(i));
                assertRefused(wrong, Refusal.INVALID_CODE);
                state = wrong.next();
            }
            assertThat(state.code().orElseThrow().wrongAttempts()).isEqualTo(3);
            Guess right = new Guess(RIGHT);

            LoginState.Attempt attempt = state.verify(right, T0.plusSeconds(10), POLICY);

            assertRefused(attempt, Refusal.TOO_MANY_ATTEMPTS);
            assertThat(attempt.refusal().orElseThrow().refusal().code()).isEqualTo("too_many_attempts");
            assertThat(right.comparisons).as("a void code is not even compared").isZero();
            assertThat(attempt.next().consecutiveFailures()).as("a try against a void code counts").isEqualTo(4);
            assertThat(attempt.next().code().orElseThrow().wrongAttempts()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("throttle")
    class Throttle {
        private final LoginCode code = withCodeIssuedAt(T0.minusSeconds(60)).code().orElseThrow();
        private final Instant lastFailure = T0.plusSeconds(20);

        private LoginState failedTimes(int failures) {
            return new LoginState(ANA, Optional.of(code), failures, Optional.of(lastFailure), 17);
        }

        @Test
        @DisplayName("below throttleAfter failures a try right after a failure is evaluated")
        void belowThreshold() {
            LoginState.Attempt attempt = verify(failedTimes(4), RIGHT, lastFailure);

            assertThat(attempt.succeeded()).isTrue();
        }

        @Test
        @DisplayName("below throttleAfter failures there is no wait even if the last failure is stamped later than now (another instance's clock)")
        void belowThresholdWithSkewedClocks() {
            Guess right = new Guess(RIGHT);

            LoginState.Attempt attempt = failedTimes(1).verify(right, lastFailure.minusMillis(50), POLICY);

            assertThat(attempt.succeeded()).isTrue();
            assertThat(right.comparisons).isEqualTo(1);
        }

        @Test
        @DisplayName("after throttleAfter failures a try before lastFailure + delay is refused with a retryAfter and changes nothing")
        void throttled() {
            LoginState state = failedTimes(5);
            Guess right = new Guess(RIGHT);

            LoginState.Attempt attempt = state.verify(right, lastFailure.plusMillis(400), POLICY);

            assertRefused(attempt, Refusal.TOO_MANY_ATTEMPTS);
            assertThat(attempt.refusal().orElseThrow().retryAfter()).contains(Duration.ofMillis(600));
            assertThat(attempt.next()).isEqualTo(state);
            assertThat(right.comparisons).as("a throttled guess is not evaluated").isZero();
        }

        @Test
        @DisplayName("at lastFailure + delay the try is evaluated again")
        void afterTheDelay() {
            assertThat(verify(failedTimes(5), RIGHT, lastFailure.plusSeconds(1)).succeeded()).isTrue();
        }

        @Test
        @DisplayName("each further failure doubles the wait: 1 s, 2 s, 4 s after the 5th, 6th, 7th failure")
        void delayDoubles() {
            LoginState state = failedTimes(5);
            Instant at = lastFailure.plusSeconds(1);
            LoginState.Attempt sixth = verify(state, WRONG, at);
            assertRefused(sixth, Refusal.INVALID_CODE);
            assertThat(sixth.next().consecutiveFailures()).isEqualTo(6);

            LoginState.Attempt early = verify(sixth.next(), RIGHT, at.plusMillis(1_500));
            assertRefused(early, Refusal.TOO_MANY_ATTEMPTS);
            assertThat(early.refusal().orElseThrow().retryAfter()).contains(Duration.ofMillis(500));
            assertThat(early.next()).isEqualTo(sixth.next());

            LoginState.Attempt seventh = verify(sixth.next(), WRONG, at.plusSeconds(2));
            assertRefused(seventh, Refusal.INVALID_CODE);
            LoginState.Attempt tooEarly = verify(seventh.next(), RIGHT, at.plusSeconds(2).plusMillis(3_999));
            assertThat(tooEarly.refusal().orElseThrow().retryAfter()).contains(Duration.ofMillis(1));
            assertThat(verify(seventh.next(), RIGHT, at.plusSeconds(6)).succeeded()).isTrue();
        }

        @Test
        @DisplayName("a new code does not lift the throttle")
        void newCodeDoesNotLiftIt() {
            LoginState renewed = failedTimes(5).issue(hash("333333"), lastFailure.plusMillis(100), POLICY);
            Guess right = new Guess("333333");

            LoginState.Attempt attempt = renewed.verify(right, lastFailure.plusMillis(200), POLICY);

            assertRefused(attempt, Refusal.TOO_MANY_ATTEMPTS);
            assertThat(right.comparisons).isZero();
        }
    }

    @Nested
    @DisplayName("lockout")
    class Lockout {
        @Test
        @DisplayName("the lockoutAfter-th consecutive failure locks the recipient: even the right code is not evaluated, however late")
        void lockedOut() {
            LoginState state = new LoginState(ANA, withCodeIssuedAt(T0).code(), 7, Optional.of(T0), 3);
            LoginState.Attempt last = verify(state, WRONG, T0.plus(Duration.ofDays(2)));
            assertRefused(last, Refusal.INVALID_CODE);
            LoginState locked = last.next();
            assertThat(locked.consecutiveFailures()).isEqualTo(8);

            LoginState renewed = locked.issue(hash("444444"), T0.plus(Duration.ofDays(4)), POLICY);
            Guess right = new Guess("444444");
            LoginState.Attempt attempt = renewed.verify(right, T0.plus(Duration.ofDays(4)).plusSeconds(1), POLICY);

            assertRefused(attempt, Refusal.TOO_MANY_ATTEMPTS);
            assertThat(attempt.next()).isEqualTo(renewed);
            assertThat(right.comparisons).isZero();
            assertThat(verify(renewed, "444444", T0.plus(Duration.ofDays(365))).succeeded()).isFalse();
        }

        @Test
        @DisplayName("an attacker with all the time in the world gets exactly lockoutAfter guesses evaluated")
        void boundIsReached() {
            LoginState state = LoginState.fresh(ANA);
            Instant now = T0;
            Guess wrong = new Guess(WRONG);
            for (int round = 0; round < 50; round++) {
                // past the cooldown and any throttle delay (at most 4 s here), with a fresh code each time
                now = now.plus(COOLDOWN).plusSeconds(5);
                state = state.issue(hash(RIGHT), now, POLICY);
                state = state.verify(wrong, now, POLICY).next();
            }

            assertThat(wrong.comparisons).isEqualTo(POLICY.lockoutAfter());
            assertThat(state.consecutiveFailures()).isEqualTo(POLICY.lockoutAfter());
        }
    }

    @Test
    @DisplayName("failures cannot be negative")
    void invariants() {
        assertThatThrownBy(() -> new LoginState(ANA, Optional.empty(), -1, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginCode("h", T0, T0.plus(TTL), -1, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("withVersion changes only the version")
    void withVersion() {
        LoginState state = withCodeIssuedAt(T0);

        assertThat(state.withVersion(42)).isEqualTo(new LoginState(ANA, state.code(), 0, Optional.empty(), 42));
    }
}
