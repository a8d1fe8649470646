package dev.scheduling.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Literals only: the tests need no name server. */
class DnsHostResolverTest {
    private final DnsHostResolver resolver = new DnsHostResolver();

    @Test
    void a_literal_address_resolves_to_itself() throws Exception {
        assertThat(resolver.resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(resolver.resolve("::1")).containsExactly(InetAddress.getByName("::1"));
        assertThat(resolver.resolve("[::1]")).containsExactly(InetAddress.getByName("::1"));
        assertThat(resolver.resolve("93.184.216.34")).containsExactly(InetAddress.getByName("93.184.216.34"));
    }

    @Test
    void no_name_is_no_host_rather_than_the_loopback_address() {
        assertThatThrownBy(() -> resolver.resolve("")).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> resolver.resolve(" ")).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> resolver.resolve(null)).isInstanceOf(UnknownHostException.class);
    }
}
