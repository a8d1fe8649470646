package dev.scheduling.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ReceiverAddressesTest {

    @Test
    void addressesInsideTheServicesOwnNetworkAreInternal() throws UnknownHostException {
        for (String literal : new String[] {"127.0.0.1", "127.9.9.9", "0.0.0.0", "10.1.2.3", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "192.0.0.8",
                "198.18.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
                "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1"}) {
            assertThat(ReceiverAddresses.isInternal(InetAddress.getByName(literal))).as(literal).isTrue();
        }
    }

    @Test
    void publicAddressesAreNot() throws UnknownHostException {
        for (String literal : new String[] {"93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255",
                "100.128.0.1", "192.0.2.1", "198.20.0.1", "2606:4700:4700::1111", "2001:db8::1", "::ffff:8.8.8.8"}) {
            assertThat(ReceiverAddresses.isInternal(InetAddress.getByName(literal))).as(literal).isFalse();
        }
    }
}
