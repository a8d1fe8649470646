package dev.scheduling.adapter.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The reverse proxies in front of the service ({@code SCHEDULING_TRUSTED_PROXIES}), by exact IP address.
 * The client address of a request is its TCP peer's, unless the peer is one of these: then it is the
 * right-most address of {@code X-Forwarded-For} that is not a trusted proxy (everything left of it was
 * written by the client and proves nothing). None by default, so that {@code X-Forwarded-For} is ignored.
 */
public record TrustedProxies(Set<String> addresses) {
    public static final TrustedProxies NONE = new TrustedProxies(Set.of());

    public TrustedProxies {
        Set<String> normalized = new LinkedHashSet<>();
        for (String address : addresses) {
            normalized.add(literal(address).orElseThrow(() ->
                    new IllegalArgumentException("not an IP address: '" + address + "'")));
        }
        addresses = Set.copyOf(normalized);
    }

    /** Addresses separated by commas; each must be an IP literal (no host names, nothing is looked up). */
    public static TrustedProxies parse(String commaSeparated) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String part : commaSeparated.split(",", -1)) {
            addresses.add(part.trim());
        }
        return new TrustedProxies(addresses);
    }

    /** The address the request came from, as described above. */
    String clientAddress(String peer, String forwardedFor) {
        String client = literal(peer).orElse(peer);
        if (!addresses.contains(client) || forwardedFor == null || forwardedFor.isBlank()) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<String> hop = literal(hops[i].trim());
            if (hop.isEmpty()) {
                return client; // a hop that is no address: nothing to the left of it can be trusted either
            }
            if (!addresses.contains(hop.get())) {
                return hop.get();
            }
            client = hop.get();
        }
        return client;
    }

    /** An IP literal in its canonical form, or empty for anything else; never a DNS lookup. */
    static Optional<String> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = bare.indexOf(':') >= 0 && bare.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare).getHostAddress());
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
    }
}
