package dev.scheduling.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which address a login request is counted against: X-Forwarded-For only from a listed proxy. */
class TrustedProxiesTest {

    @Test
    void without_trusted_proxies_x_forwarded_for_is_ignored() {
        assertThat(TrustedProxies.NONE.clientAddress("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(TrustedProxies.NONE.clientAddress("127.0.0.1", "1.2.3.4, 5.6.7.8")).isEqualTo("127.0.0.1");
    }

    @Test
    void a_peer_that_is_not_a_listed_proxy_is_the_client_whatever_it_forwards() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.5");
        assertThat(proxies.clientAddress("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void from_a_listed_proxy_the_client_is_the_right_most_address_that_is_no_proxy() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.5, 10.0.0.6");
        assertThat(proxies.clientAddress("10.0.0.5", "198.51.100.1")).isEqualTo("198.51.100.1");
        // The client wrote 1.1.1.1 itself; the proxies appended the rest.
        assertThat(proxies.clientAddress("10.0.0.5", "1.1.1.1, 198.51.100.1, 10.0.0.6")).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("10.0.0.5", null)).isEqualTo("10.0.0.5");
        assertThat(proxies.clientAddress("10.0.0.5", "10.0.0.6")).isEqualTo("10.0.0.6");
        assertThat(proxies.clientAddress("10.0.0.5", "1.1.1.1, garbage")).as("a hop that is no address")
                .isEqualTo("10.0.0.5");
        assertThat(proxies.clientAddress("10.0.0.5", "[2001:db8::1]")).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void addresses_are_compared_in_their_canonical_form() {
        TrustedProxies proxies = TrustedProxies.parse("2001:db8::5");
        assertThat(proxies.addresses()).containsExactly("2001:db8:0:0:0:0:0:5");
        assertThat(proxies.clientAddress("2001:0db8:0:0::5", "198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void only_ip_literals_are_accepted_and_nothing_is_looked_up() {
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.internal")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.5,")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.parse("999.1.1.1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TrustedProxies.literal("localhost")).isEmpty();
        assertThat(TrustedProxies.literal("abc:def")).isEmpty();
        assertThat(new TrustedProxies(Set.of()).addresses()).isEmpty();
    }
}
