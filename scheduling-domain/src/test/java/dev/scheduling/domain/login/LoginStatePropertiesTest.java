package dev.scheduling.domain.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.client.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * An attacker who asks for codes and guesses wrong, in any order and at any pace, never gets more than
 * {@code lockoutAfter} guesses evaluated without a success (NIST SP 800-63B 5.2.2).
 */
@Label("LoginState properties")
class LoginStatePropertiesTest {
    private static final Recipient TARGET = Recipient.email("target@example.com");
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    /** Ask for a code, or guess wrong, after waiting {@code waitMillis}. */
    record Step(boolean askForCode, long waitMillis) {
    }

    @Provide
    Arbitrary<LoginPolicy> policies() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 600_000).map(Duration::ofMillis),
                Arbitraries.integers().between(1, 10),
                Arbitraries.integers().between(0, 60_000).map(Duration::ofMillis),
                Arbitraries.integers().between(1, 100),
                Arbitraries.integers().between(0, 2_000).map(Duration::ofMillis),
                Arbitraries.integers().between(1, 100)
        ).as(LoginPolicy::new);
    }

    @Provide
    Arbitrary<List<Step>> attacks() {
        Arbitrary<Long> waits = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0L)),
                Tuple.of(3, Arbitraries.longs().between(1, 5_000)),
                Tuple.of(2, Arbitraries.longs().between(5_000, 600_000)),
                Tuple.of(1, Arbitraries.longs().between(600_000, 3 * 86_400_000L)));
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3).map(i -> i == 0), waits)
                .as(Step::new);
        return step.list().ofMinSize(0).ofMaxSize(400);
    }

    @Property(tries = 400)
    @Label("no sequence of code requests and wrong guesses gets more than lockoutAfter guesses evaluated")
    void wrongGuessesAreBounded(@ForAll("policies") LoginPolicy policy, @ForAll("attacks") List<Step> attack) {
        LoginState state = LoginState.fresh(TARGET);
        Instant now = START;
        int[] evaluated = {0};
        for (Step step : attack) {
            now = now.plusMillis(step.waitMillis());
            if (step.askForCode()) {
                try {
                    state = state.issue("hash-" + now.toEpochMilli(), now, policy);
                } catch (RefusedException cooldown) {
                    assertThat(cooldown.refusal()).isEqualTo(Refusal.OTP_COOLDOWN);
                }
            } else {
                int before = state.consecutiveFailures();
                LoginState.Attempt attempt = state.verify(hash -> {
                    evaluated[0]++;
                    return false;
                }, now, policy);
                assertThat(attempt.succeeded()).isFalse();
                int after = attempt.next().consecutiveFailures();
                assertThat(after).as("a refused try counts once or not at all").isBetween(before, before + 1);
                if (after == before) {
                    assertThat(attempt.next()).as("a try that does not count changes nothing").isEqualTo(state);
                }
                state = attempt.next();
            }
            assertThat(evaluated[0]).isLessThanOrEqualTo(policy.lockoutAfter());
            assertThat(evaluated[0]).as("every evaluated guess counts").isLessThanOrEqualTo(state.consecutiveFailures());
            assertThat(state.consecutiveFailures()).isLessThanOrEqualTo(policy.lockoutAfter());
        }
        Statistics.label("locked out").collect(state.consecutiveFailures() == policy.lockoutAfter());
    }
}
