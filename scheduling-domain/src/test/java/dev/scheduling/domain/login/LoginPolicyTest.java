package dev.scheduling.domain.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("LoginPolicy: the limits of the one-time-code login")
class LoginPolicyTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration COOLDOWN = Duration.ofSeconds(30);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private static LoginPolicy policy(int throttleAfter, Duration firstDelay, int lockoutAfter) {
        return new LoginPolicy(TTL, 5, COOLDOWN, throttleAfter, firstDelay, lockoutAfter);
    }

    @Nested
    @DisplayName("construction")
    class Construction {
        @Test
        @DisplayName("the defaults of API.md are accepted: 5-minute codes, 5 tries, 30 s, throttle after 10, lockout 100")
        void defaults() {
            assertThatNoException().isThrownBy(() ->
                    new LoginPolicy(TTL, 5, COOLDOWN, 10, ONE_SECOND, LoginPolicy.NIST_MAX_FAILURES));
            assertThat(LoginPolicy.NIST_MAX_FAILURES).isEqualTo(100);
        }

        @Test
        @DisplayName("a code lives more than zero and at most 10 minutes")
        void codeLifetime() {
            assertThatNoException().isThrownBy(() -> new LoginPolicy(Duration.ofMinutes(10), 5, COOLDOWN, 10,
                    ONE_SECOND, 100));
            assertThatNoException().isThrownBy(() -> new LoginPolicy(Duration.ofMillis(1), 5, COOLDOWN, 10,
                    ONE_SECOND, 100));
            for (Duration ttl : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1),
                    Duration.ofMinutes(10).plusMillis(1), Duration.ofHours(1)}) {
                assertThatIllegalArgumentException().as("ttl %s", ttl)
                        .isThrownBy(() -> new LoginPolicy(ttl, 5, COOLDOWN, 10, ONE_SECOND, 100));
            }
        }

        @Test
        @DisplayName("the lockout is at most NIST's 100 consecutive failures")
        void lockoutBound() {
            assertThatNoException().isThrownBy(() -> policy(10, ONE_SECOND, 100));
            assertThatNoException().isThrownBy(() -> policy(10, ONE_SECOND, 1));
            assertThatIllegalArgumentException().isThrownBy(() -> policy(10, ONE_SECOND, 101));
            assertThatIllegalArgumentException().isThrownBy(() -> policy(10, ONE_SECOND, Integer.MAX_VALUE));
            assertThatIllegalArgumentException().isThrownBy(() -> policy(10, ONE_SECOND, 0));
        }

        @Test
        @DisplayName("attempt limits must be positive")
        void positiveLimits() {
            assertThatIllegalArgumentException().isThrownBy(() ->
                    new LoginPolicy(TTL, 0, COOLDOWN, 10, ONE_SECOND, 100));
            assertThatIllegalArgumentException().isThrownBy(() ->
                    new LoginPolicy(TTL, -1, COOLDOWN, 10, ONE_SECOND, 100));
            assertThatIllegalArgumentException().isThrownBy(() -> policy(0, ONE_SECOND, 100));
            assertThatIllegalArgumentException().isThrownBy(() -> policy(-3, ONE_SECOND, 100));
        }

        @Test
        @DisplayName("waits cannot be negative; zero is allowed")
        void waits() {
            assertThatNoException().isThrownBy(() -> new LoginPolicy(TTL, 5, Duration.ZERO, 10, Duration.ZERO, 100));
            assertThatIllegalArgumentException().isThrownBy(() ->
                    new LoginPolicy(TTL, 5, Duration.ofSeconds(-1), 10, ONE_SECOND, 100));
            assertThatIllegalArgumentException().isThrownBy(() ->
                    new LoginPolicy(TTL, 5, COOLDOWN, 10, Duration.ofMillis(-1), 100));
        }
    }

    @Nested
    @DisplayName("delayAfter")
    class DelayAfter {
        private final LoginPolicy policy = policy(10, ONE_SECOND, 100);

        @Test
        @DisplayName("below throttleAfter consecutive failures there is no wait")
        void noWaitBelowThreshold() {
            for (int failures = 0; failures < 10; failures++) {
                assertThat(policy.delayAfter(failures)).as("after %d failures", failures).isZero();
            }
        }

        @Test
        @DisplayName("at throttleAfter failures the wait is the first delay, and it doubles with each further failure")
        void doubles() {
            assertThat(policy.delayAfter(10)).isEqualTo(Duration.ofSeconds(1));
            assertThat(policy.delayAfter(11)).isEqualTo(Duration.ofSeconds(2));
            assertThat(policy.delayAfter(12)).isEqualTo(Duration.ofSeconds(4));
            assertThat(policy.delayAfter(13)).isEqualTo(Duration.ofSeconds(8));
            assertThat(policy.delayAfter(26)).isEqualTo(Duration.ofSeconds(65_536));
        }

        @Test
        @DisplayName("the wait is capped at one day, up to the lockout and beyond")
        void capped() {
            assertThat(LoginPolicy.MAX_DELAY).isEqualTo(Duration.ofDays(1));
            assertThat(policy.delayAfter(27)).isEqualTo(Duration.ofDays(1));
            assertThat(policy.delayAfter(99)).isEqualTo(Duration.ofDays(1));
            assertThat(policy.delayAfter(100)).isEqualTo(Duration.ofDays(1));
            assertThat(policy.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(1));
        }

        @Test
        @DisplayName("a first delay of zero never throttles")
        void zeroFirstDelay() {
            LoginPolicy noThrottle = policy(3, Duration.ZERO, 100);

            assertThat(noThrottle.delayAfter(3)).isZero();
            assertThat(noThrottle.delayAfter(99)).isZero();
        }
    }
}
