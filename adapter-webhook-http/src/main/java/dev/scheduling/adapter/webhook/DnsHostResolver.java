package dev.scheduling.adapter.webhook;

import dev.scheduling.application.port.out.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The system's name resolution (DNS, hosts file), as the JDK does it: every address of a host. */
public final class DnsHostResolver implements HostResolver {

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        // The JDK answers a null or empty name with the loopback address: here that is no host at all.
        if (host == null || host.isBlank()) {
            throw new UnknownHostException("no host name");
        }
        return List.of(InetAddress.getAllByName(host));
    }
}
