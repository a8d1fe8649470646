package dev.scheduling.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy as Jetty sees it: what the resolver hands over, or why it refuses. No connection is made here. */
class ReceiverAddressResolverTest {
    static final FakeHosts HOSTS = new FakeHosts()
            .with("loopback.test", "127.0.0.1")
            .with("private.test", "10.1.2.3")
            .with("metadata.test", "169.254.169.254")
            .with("v6-loopback.test", "::1")
            .with("mapped.test", "::ffff:192.168.1.10")
            .with("mixed.test", "93.184.216.34", "172.16.0.9")
            .with("public.test", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946")
            .with("nothing.test")
            .with("127.0.0.1", "127.0.0.1")
            .with("::1", "::1");

    @ParameterizedTest
    @ValueSource(strings = {"loopback.test", "private.test", "metadata.test", "v6-loopback.test", "mapped.test",
            "mixed.test", "127.0.0.1", "[::1]"})
    void a_host_with_any_internal_address_is_refused(String host) {
        Throwable failure = failureOf(resolve(new ReceiverAddressResolver(HOSTS, false, Runnable::run), host));

        assertThat(failure).isInstanceOf(ReceiverAddressResolver.InternalAddressRefused.class)
                .hasMessage("receiver address is internal (not allowed)");
        assertThat(JettyWebhookSender.describe(failure)).isEqualTo("receiver address is internal (not allowed)");
    }

    @Test
    void a_public_host_gets_every_address_with_the_port() throws Exception {
        List<InetSocketAddress> addresses = resolve(new ReceiverAddressResolver(HOSTS, false, Runnable::run),
                "public.test").get();

        assertThat(addresses).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946");
        assertThat(addresses).extracting(InetSocketAddress::getPort).containsOnly(8443);
    }

    @Test
    void private_receivers_when_allowed() throws Exception {
        ReceiverAddressResolver allowing = new ReceiverAddressResolver(HOSTS, true, Runnable::run);

        assertThat(resolve(allowing, "private.test").get()).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("10.1.2.3");
        assertThat(resolve(allowing, "mixed.test").get()).hasSize(2);
    }

    @Test
    void an_unknown_host_or_one_without_addresses_fails_as_unknown() {
        ReceiverAddressResolver resolver = new ReceiverAddressResolver(HOSTS, true, Runnable::run);

        for (String host : List.of("unknown.test", "nothing.test")) {
            Throwable failure = failureOf(resolve(resolver, host));
            assertThat(failure).isInstanceOf(UnknownHostException.class)
                    .isNotInstanceOf(ReceiverAddressResolver.InternalAddressRefused.class);
            assertThat(JettyWebhookSender.describe(failure)).isEqualTo("unknown host");
        }
    }

    @Test
    void a_failing_resolver_fails_the_promise_rather_than_the_caller() {
        ReceiverAddressResolver resolver = new ReceiverAddressResolver(host -> {
            throw new IllegalStateException("broken");
        }, false, Runnable::run);

        assertThat(failureOf(resolve(resolver, "any.test"))).isInstanceOf(IllegalStateException.class);
    }

    static CompletableFuture<List<InetSocketAddress>> resolve(ReceiverAddressResolver resolver, String host) {
        CompletableFuture<List<InetSocketAddress>> result = new CompletableFuture<>();
        resolver.resolve(host, 8443, Map.of(), Promise.from(result));
        return result;
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("resolved, but should have been refused");
    }
}
