package dev.scheduling.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The login rate limit's policy on its own: a token bucket per address, on a clock the test moves. */
class AddressRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private AddressRateLimiter limiter(int burst, int perSecond, int maxAddresses) {
        return new AddressRateLimiter(new LoginRateLimit(burst, perSecond), nanos::get, maxAddresses);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void an_address_gets_its_burst_then_waits_for_the_next_token() {
        AddressRateLimiter limiter = limiter(5, 2, 100);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("203.0.113.7")).as("request %d of the burst", i + 1).isEmpty();
        }
        assertThat(limiter.acquire("203.0.113.7")).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofMillis(500), Duration.ofMillis(501)));
        advance(Duration.ofMillis(499));
        assertThat(limiter.acquire("203.0.113.7")).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofMillis(1), Duration.ofMillis(2)));
        advance(Duration.ofMillis(1));
        assertThat(limiter.acquire("203.0.113.7")).isEmpty();
        assertThat(limiter.acquire("203.0.113.7")).isPresent();
    }

    @Test
    void refused_requests_take_nothing_so_waiting_the_answer_s_time_is_enough() {
        AddressRateLimiter limiter = limiter(1, 1, 100);
        assertThat(limiter.acquire("203.0.113.7")).isEmpty();
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.acquire("203.0.113.7")).isPresent();
        }
        advance(Duration.ofSeconds(1));
        assertThat(limiter.acquire("203.0.113.7")).isEmpty();
    }

    @Test
    void the_sustained_rate_is_the_configured_one_and_a_quiet_address_refills_only_up_to_its_burst() {
        AddressRateLimiter limiter = limiter(10, 4, 100);
        int allowed = 0;
        for (int tick = 0; tick < 1_000; tick++) { // 10 seconds, a request every 10 ms
            if (limiter.acquire("198.51.100.1").isEmpty()) {
                allowed++;
            }
            advance(Duration.ofMillis(10));
        }
        assertThat(allowed).as("burst + 10 s x 4/s").isBetween(49, 50);

        advance(Duration.ofHours(1));
        int afterQuiet = 0;
        while (limiter.acquire("198.51.100.1").isEmpty()) {
            afterQuiet++;
        }
        assertThat(afterQuiet).isEqualTo(10);
    }

    @Test
    void addresses_have_buckets_of_their_own() {
        AddressRateLimiter limiter = limiter(2, 1, 100);
        limiter.acquire("203.0.113.7");
        limiter.acquire("203.0.113.7");
        assertThat(limiter.acquire("203.0.113.7")).isPresent();

        assertThat(limiter.acquire("203.0.113.8")).isEmpty();
        assertThat(limiter.acquire("2001:db8::1")).isEmpty();
    }

    @Test
    void an_ipv6_address_counts_by_its_64_network_and_ipv4_in_ipv6_as_ipv4() {
        assertThat(AddressRateLimiter.keyOf("2001:db8:1:2:aaaa::1"))
                .isEqualTo(AddressRateLimiter.keyOf("[2001:db8:1:2:ffff:ffff:ffff:ffff]"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(AddressRateLimiter.keyOf("2001:db8:1:3::1")).isNotEqualTo(AddressRateLimiter.keyOf("2001:db8:1:2::1"));
        assertThat(AddressRateLimiter.keyOf("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(AddressRateLimiter.keyOf("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(AddressRateLimiter.keyOf("not an address")).isEqualTo("not an address");

        AddressRateLimiter limiter = limiter(2, 1, 100);
        assertThat(limiter.acquire("2001:db8:1:2::1")).isEmpty();
        assertThat(limiter.acquire("2001:db8:1:2::2")).isEmpty();
        assertThat(limiter.acquire("2001:db8:1:2::3")).as("another address of the same /64").isPresent();
    }

    @Test
    void memory_is_bounded_and_the_least_recently_seen_address_is_forgotten_first() {
        AddressRateLimiter limiter = limiter(1, 1, 3);
        limiter.acquire("10.0.0.1");
        limiter.acquire("10.0.0.2");
        limiter.acquire("10.0.0.3");
        assertThat(limiter.acquire("10.0.0.1")).as("seen again: now the most recent").isPresent();

        for (int i = 0; i < 10_000; i++) {
            limiter.acquire("10.1." + (i / 256) + "." + (i % 256));
        }
        assertThat(limiter.size()).isEqualTo(3);
    }

    @Test
    void an_active_attacker_stays_limited_while_others_come_and_go() {
        AddressRateLimiter limiter = limiter(1, 1, 3);
        limiter.acquire("10.0.0.66");
        for (int i = 0; i < 100; i++) {
            limiter.acquire("10.0.1." + i);
            // The attacker keeps asking, so its bucket is always among the most recently seen.
            assertThat(limiter.acquire("10.0.0.66")).isPresent();
        }
    }

    @Test
    void a_limit_needs_a_positive_burst_and_rate() {
        assertThatThrownBy(() -> new LoginRateLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginRateLimit(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(LoginRateLimit.DEFAULT).isEqualTo(new LoginRateLimit(600, 20));
        assertThat(Optional.of(LoginRateLimit.DEFAULT)).isPresent();
    }
}
