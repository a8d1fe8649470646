package dev.scheduling.domain.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may be delivered to. A receiver on the public internet, never one inside
 * the service's own network: loopback, unspecified, link-local (cloud metadata at 169.254.169.254),
 * private (RFC 1918, IPv6 unique local), carrier-grade NAT, benchmarking and multicast ranges are
 * refused unless the operator allows private receivers (local development, tests). An IPv4 address
 * written as IPv6 (mapped or compatible) is judged as the IPv4 address it is.
 */
public final class ReceiverAddresses {
    private ReceiverAddresses() {
    }

    /** True when a delivery to this address could reach the service's own network. */
    public static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if (embedsIpv4(bytes)) {
                return isInternalIpv4(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
            }
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        return address instanceof Inet4Address && isInternalIpv4(bytes);
    }

    private static boolean isInternalIpv4(byte[] ip) {
        int a = ip[0] & 0xff;
        int b = ip[1] & 0xff;
        return a == 0 || a == 10 || a == 127 || a >= 224                 // this network, private, loopback, multicast, reserved
                || (a == 100 && b >= 64 && b <= 127)                     // carrier-grade NAT 100.64/10
                || (a == 169 && b == 254)                                // link-local
                || (a == 172 && b >= 16 && b <= 31)                      // private 172.16/12
                || (a == 192 && b == 168)                                // private 192.168/16
                || (a == 192 && b == 0 && (ip[2] & 0xff) == 0)           // IETF protocol assignments 192.0.0/24
                || (a == 198 && (b == 18 || b == 19));                   // benchmarking 198.18/15
    }

    /** ::ffff:a.b.c.d (mapped) or ::a.b.c.d (compatible, deprecated but still routed by some stacks). */
    private static boolean embedsIpv4(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        boolean mapped = ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
        boolean compatible = ip[10] == 0 && ip[11] == 0;
        return mapped || compatible;
    }
}
