package dev.scheduling.adapter.webhook;

import dev.scheduling.application.port.out.HostResolver;
import dev.scheduling.domain.webhook.ReceiverAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The only name resolution of the sender's HTTP client: it resolves through the {@link HostResolver}
 * port and, unless private receivers are allowed, refuses a host any of whose addresses is internal
 * ({@link ReceiverAddresses#isInternal}). Jetty connects to exactly the addresses this resolver hands
 * it, so the policy holds on the very addresses connected to, however the host's DNS answers change
 * between registration and delivery (no rebinding window). Resolution runs on the client's executor, so
 * a slow name server holds no caller: the request's total timeout bounds it.
 */
final class ReceiverAddressResolver implements SocketAddressResolver {
    private final HostResolver hosts;
    private final boolean allowPrivate;
    private final Executor executor;

    ReceiverAddressResolver(HostResolver hosts, boolean allowPrivate, Executor executor) {
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.allowPrivate = allowPrivate;
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        try {
            executor.execute(() -> resolveNow(host, port, promise));
        } catch (RejectedExecutionException e) {
            promise.failed(e);
        }
    }

    private void resolveNow(String host, int port, Promise<List<InetSocketAddress>> promise) {
        List<InetSocketAddress> addresses;
        try {
            addresses = addresses(host, port);
        } catch (Throwable failure) {
            promise.failed(failure);
            return;
        }
        promise.succeeded(addresses);
    }

    /** The addresses to connect to, or the reason why there are none. */
    List<InetSocketAddress> addresses(String host, int port) throws UnknownHostException {
        // An IPv6 literal comes as it is written in a URL, in brackets.
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> resolved = hosts.resolve(name);
        if (resolved == null || resolved.isEmpty()) {
            throw new UnknownHostException("no address");
        }
        if (!allowPrivate && resolved.stream().anyMatch(ReceiverAddresses::isInternal)) {
            throw new InternalAddressRefused();
        }
        return resolved.stream().map(address -> new InetSocketAddress(address, port)).toList();
    }

    /** A receiver whose host resolves to an address inside the service's own network. */
    static final class InternalAddressRefused extends UnknownHostException {
        InternalAddressRefused() {
            super("receiver address is internal (not allowed)");
        }
    }
}
