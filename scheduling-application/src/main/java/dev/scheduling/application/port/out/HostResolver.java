package dev.scheduling.application.port.out;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name resolution, as the webhook checks see it (DNS in production; a fixed table in tests). */
public interface HostResolver {

    /** Every address of {@code host} (a name or a literal); throws when it has none. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
