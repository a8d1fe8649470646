package dev.scheduling.bootstrap.http;

import static dev.scheduling.bootstrap.http.HttpContractTest.assertProblem;
import static dev.scheduling.bootstrap.http.HttpContractTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import dev.scheduling.bootstrap.ServiceRuntime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /dev/notifications} exists only with {@code SCHEDULING_DEV_MAILBOX=true}: a small service of its own. */
class DevMailboxDisabledHttpTest {
    private static final String ADMIN_TOKEN = "dev-mailbox-test-admin";

    @ParameterizedTest(name = "SCHEDULING_DEV_MAILBOX=''{0}''")
    @ValueSource(strings = {"", "false", "FALSE"})
    void without_the_dev_mailbox_its_route_is_404_not_found(String setting) {
        Map<String, String> env = new HashMap<>();
        env.put(Configuration.ADMIN_TOKEN, ADMIN_TOKEN);
        env.put(Configuration.DEV_MAILBOX, setting);
        try (ServiceRuntime runtime = ServiceRuntime.startForTest(Configuration.fromEnvironment(env),
                MutableClock.at("2026-03-02T12:00:00Z"), 0)) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + runtime.port(), ADMIN_TOKEN);

            ok(api.post("/auth/login-client/request", Map.of("phone", "+5511999990000")), 202);

            assertProblem(api.get("/dev/notifications"), 404, "not_found");
            assertProblem(api.get("/dev/notifications?recipient=%2B5511999990000"), 404, "not_found");
            assertProblem(api.admin().get("/dev/notifications?recipient=%2B5511999990000"), 404, "not_found");
            assertThat(runtime.devNotifier().sent(Optional.of("+5511999990000")))
                    .as("the code was sent, only not served").hasSize(1);
        }
    }
}
