package dev.scheduling.domain.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

@Label("LoginPolicy properties")
class LoginPolicyPropertiesTest {

    @Property(tries = 300)
    @Label("the wait never shrinks as failures grow, and never exceeds a day")
    void monotoneAndBounded(@ForAll @IntRange(min = 1, max = 100) int throttleAfter,
                            @ForAll @IntRange(min = 0, max = 86_400_000) int firstDelayMillis,
                            @ForAll @IntRange(min = 0, max = 200) int failures) {
        LoginPolicy generated = new LoginPolicy(Duration.ofMinutes(5), 5, Duration.ofSeconds(30), throttleAfter,
                Duration.ofMillis(firstDelayMillis), 100);

        Duration now = generated.delayAfter(failures);
        Duration next = generated.delayAfter(failures + 1);

        assertThat(next).isGreaterThanOrEqualTo(now);
        assertThat(next).isLessThanOrEqualTo(LoginPolicy.MAX_DELAY);
        assertThat(now).isGreaterThanOrEqualTo(Duration.ZERO);
    }
}
