package dev.scheduling.bootstrap.http;

import static dev.scheduling.bootstrap.http.HttpContractTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Without {@code SCHEDULING_WEBHOOK_ALLOW_PRIVATE}, a webhook whose host is or resolves to a loopback,
 * private or link-local address is refused, 400 {@code webhook_url_forbidden}, when registered and when
 * its URL is changed; nothing is stored. (That the address is checked again at each delivery, on the
 * address connected to, is the sender's test.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookUrlSafetyHttpTest {
    private static final String ADMIN_TOKEN = "webhook-url-test-admin";
    private ServiceRuntime runtime;
    private ApiClient api;

    @BeforeAll
    void start() {
        runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(Map.of(Configuration.ADMIN_TOKEN,
                ADMIN_TOKEN)), MutableClock.at("2026-03-02T12:00:00Z"), 0);
        api = new ApiClient("http://127.0.0.1:" + runtime.port(), ADMIN_TOKEN).admin();
    }

    @AfterAll
    void stop() {
        runtime.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hooks", "http://localhost/hooks", "https://10.0.0.8/hooks",
            "https://192.168.1.20/hooks", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9000/",
            "http://[fd00::1]/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/", "http://2130706433/"})
    void a_receiver_inside_the_network_is_refused(String url) {
        assertProblem(api.post("/webhooks", Map.of("url", url, "events", List.of("*"))), 400,
                "webhook_url_forbidden");

        assertThat(HttpContractTest.ok(api.get("/webhooks"), 200).path("webhooks")).isEmpty();
    }
}
