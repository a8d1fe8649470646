package dev.scheduling.adapter.webhook;

import dev.scheduling.application.port.out.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fixed table of names, so that no test asks a name server; any other name is unknown. */
final class FakeHosts implements HostResolver {
    private final Map<String, List<InetAddress>> table = new HashMap<>();

    FakeHosts with(String host, String... addresses) {
        table.put(host, Arrays.stream(addresses).map(FakeHosts::literal).toList());
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> addresses = table.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
