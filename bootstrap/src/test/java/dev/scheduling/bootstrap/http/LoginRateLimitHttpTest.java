package dev.scheduling.bootstrap.http;

import static dev.scheduling.bootstrap.http.HttpContractTest.assertProblem;
import static dev.scheduling.bootstrap.http.HttpContractTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import dev.scheduling.bootstrap.http.ApiClient.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The rate limit on the login routes ({@code SCHEDULING_LOGIN_RATE_LIMIT}, ADR 0013) over real HTTP: one
 * client address that exceeds it gets 429 {@code rate_limited} with {@code Retry-After} on both routes,
 * while other addresses and other routes go on; {@code X-Forwarded-For} moves nothing unless the peer is a
 * listed proxy ({@code SCHEDULING_TRUSTED_PROXIES}). The limiter counts real time, so the limits here are
 * small and the tests finish well within their refill.
 */
class LoginRateLimitHttpTest {
    private static final String ADMIN_TOKEN = "rate-limit-test-admin";
    private static final int BURST = 6;
    private static final AtomicInteger PHONES = new AtomicInteger();

    private final MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");

    @Test
    void an_address_over_the_limit_gets_429_rate_limited_with_retry_after_and_others_are_unaffected() throws Exception {
        try (ServiceRuntime runtime = start(Map.of(Configuration.LOGIN_RATE_LIMIT, "1/s," + BURST))) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + runtime.port(), ADMIN_TOKEN);
            for (int i = 0; i < BURST; i++) {
                ok(requestCode(api, phone()), 202);
            }

            Reply limited = requestCode(api, phone());
            assertProblem(limited, 429, "rate_limited");
            assertThat(limited.header("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
            Reply verify = api.post("/auth/login-client/verify", Map.of("phone", phone(), "code", "123456"));
            assertProblem(verify, 429, "rate_limited");
            assertThat(verify.header("Retry-After")).isPresent();
            int sent = runtime.devNotifier().sent(java.util.Optional.empty()).size();
            assertThat(sent).as("a refused request sends no code").isEqualTo(BURST);

            Reply spoofed = api.withHeader("X-Forwarded-For", "198.51.100." + PHONES.incrementAndGet())
                    .post("/auth/login-client/request", Map.of("phone", phone()));
            assertProblem(spoofed, 429, "rate_limited");

            assertThat(api.admin().get("/units").status()).as("other routes are not limited").isEqualTo(200);
            assertThat(api.get("/health").status()).isEqualTo(200);

            // Another address of the machine (all of 127/8 is loopback on Linux) has a bucket of its own.
            String other = rawRequestCode(InetAddress.getByName("127.0.0.2"), runtime.port(), phone());
            assertThat(other).startsWith("HTTP/1.1 202");
        }
    }

    @Test
    void the_limit_refills_with_time() throws Exception {
        try (ServiceRuntime runtime = start(Map.of(Configuration.LOGIN_RATE_LIMIT, "2/s,2"))) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + runtime.port(), ADMIN_TOKEN);
            ok(requestCode(api, phone()), 202);
            ok(requestCode(api, phone()), 202);
            Reply limited = requestCode(api, phone());
            assertProblem(limited, 429, "rate_limited");

            Thread.sleep(Long.parseLong(limited.header("Retry-After").orElseThrow()) * 1_000);
            ok(requestCode(api, phone()), 202);
        }
    }

    @Test
    void behind_a_listed_proxy_each_forwarded_client_has_its_own_bucket() {
        try (ServiceRuntime runtime = start(Map.of(Configuration.LOGIN_RATE_LIMIT, "1/s,2",
                Configuration.TRUSTED_PROXIES, "127.0.0.1"))) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + runtime.port(), ADMIN_TOKEN);
            ApiClient ana = api.withHeader("X-Forwarded-For", "203.0.113.10");
            ApiClient bob = api.withHeader("X-Forwarded-For", "203.0.113.10, 203.0.113.20");

            ok(requestCode(ana, phone()), 202);
            ok(requestCode(ana, phone()), 202);
            assertProblem(requestCode(ana, phone()), 429, "rate_limited");
            ok(requestCode(bob, phone()), 202);
            ok(requestCode(bob, phone()), 202);
            assertProblem(requestCode(bob, phone()), 429, "rate_limited");
        }
    }

    @Test
    void off_turns_the_limit_off() {
        try (ServiceRuntime runtime = start(Map.of(Configuration.LOGIN_RATE_LIMIT, "off"))) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + runtime.port(), ADMIN_TOKEN);
            for (int i = 0; i < 50; i++) {
                ok(requestCode(api, phone()), 202);
            }
        }
    }

    private ServiceRuntime start(Map<String, String> limits) {
        Map<String, String> env = new HashMap<>(limits);
        env.put(Configuration.ADMIN_TOKEN, ADMIN_TOKEN);
        env.put(Configuration.DEV_MAILBOX, "true");
        return ServiceRuntime.startForTest(Configuration.fromEnvironment(env), clock, 0);
    }

    private static Reply requestCode(ApiClient api, String phone) {
        return api.post("/auth/login-client/request", Map.of("phone", phone));
    }

    /** A unique recipient, so that no cooldown answers for the limit. */
    private static String phone() {
        return String.format("+55119%08d", PHONES.incrementAndGet());
    }

    /** One request from the given local address, by hand: the JDK's HttpClient cannot choose its address. */
    private static String rawRequestCode(InetAddress from, int port, String phone) throws IOException {
        byte[] body = ("{\"phone\": \"" + phone + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /auth/login-client/request HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
