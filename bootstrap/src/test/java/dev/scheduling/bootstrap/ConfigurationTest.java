package dev.scheduling.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scheduling.adapter.http.LoginRateLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationTest {

    @Test
    void every_variable_has_its_documented_default_when_unset() {
        Configuration configuration = Configuration.fromEnvironment(Map.of());

        assertThat(configuration.httpPort()).isEqualTo(7070);
        assertThat(configuration.adminToken()).isEmpty();
        assertThat(configuration.lockTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(configuration.otpTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(configuration.otpMaxAttempts()).isEqualTo(5);
        assertThat(configuration.otpResendCooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(configuration.otpThrottleAfter()).isEqualTo(10);
        assertThat(configuration.tokenSecret()).isEmpty();
        assertThat(configuration.devMailbox()).isFalse();
        assertThat(configuration.notificationsInProcess()).isTrue();
        assertThat(configuration.frameAncestors()).containsExactly("'self'");
        assertThat(configuration.corsOrigins()).isEmpty();
        assertThat(configuration.loginRateLimit()).contains(new LoginRateLimit(600, 20));
        assertThat(configuration.trustedProxies()).isEmpty();
    }

    @Test
    void blank_variables_count_as_unset() {
        Configuration configuration = Configuration.fromEnvironment(Map.of(
                Configuration.HTTP_PORT, "", Configuration.ADMIN_TOKEN, "  ", Configuration.LOCK_TTL, " ",
                Configuration.DEV_MAILBOX, ""));

        assertThat(configuration.httpPort()).isEqualTo(7070);
        assertThat(configuration.adminToken()).isEmpty();
        assertThat(configuration.lockTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(configuration.devMailbox()).isFalse();
    }

    @Test
    void valid_values_are_read() {
        String secret = "s".repeat(Configuration.MIN_TOKEN_SECRET_BYTES);
        Configuration configuration = Configuration.fromEnvironment(Map.of(
                Configuration.HTTP_PORT, "8081",
                Configuration.ADMIN_TOKEN, "admin-token",
                Configuration.LOCK_TTL, "PT2M",
                Configuration.OTP_TTL, "PT10M",
                Configuration.OTP_MAX_ATTEMPTS, "3",
                Configuration.OTP_RESEND_COOLDOWN, "PT1M",
                Configuration.OTP_THROTTLE_AFTER, "20",
                Configuration.TOKEN_SECRET, secret,
                Configuration.DEV_MAILBOX, "TRUE"));

        assertThat(configuration.httpPort()).isEqualTo(8081);
        assertThat(configuration.adminToken()).contains("admin-token");
        assertThat(configuration.lockTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(configuration.otpTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(configuration.otpMaxAttempts()).isEqualTo(3);
        assertThat(configuration.otpResendCooldown()).isEqualTo(Duration.ofMinutes(1));
        assertThat(configuration.otpThrottleAfter()).isEqualTo(20);
        assertThat(configuration.tokenSecret()).isEqualTo(Optional.of(secret));
        assertThat(configuration.devMailbox()).isTrue();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            SCHEDULING_HTTP_PORT           | abc
            SCHEDULING_HTTP_PORT           | 70000
            SCHEDULING_HTTP_PORT           | 0
            SCHEDULING_HTTP_PORT           | -1
            SCHEDULING_HTTP_PORT           | 80.5
            SCHEDULING_LOCK_TTL            | 5m
            SCHEDULING_LOCK_TTL            | 300
            SCHEDULING_LOCK_TTL            | PT0S
            SCHEDULING_LOCK_TTL            | -PT5M
            SCHEDULING_LOCK_TTL            | P2D
            SCHEDULING_OTP_TTL             | PT11M
            SCHEDULING_OTP_TTL             | five minutes
            SCHEDULING_OTP_MAX_ATTEMPTS    | 0
            SCHEDULING_OTP_MAX_ATTEMPTS    | many
            SCHEDULING_OTP_RESEND_COOLDOWN | 30s
            SCHEDULING_OTP_THROTTLE_AFTER  | 101
            SCHEDULING_DEV_MAILBOX         | yes
            SCHEDULING_DEV_MAILBOX         | 1
            SCHEDULING_DB_URL              | postgres://localhost/scheduling
            SCHEDULING_DB_URL              | jdbc:mysql://localhost/scheduling
            SCHEDULING_DB_USER             | scheduling
            SCHEDULING_DB_POOL_SIZE        | 8
            SCHEDULING_AMQP_URL            | http://127.0.0.1:5672/
            SCHEDULING_AMQP_URL            | amqp://
            SCHEDULING_EVENTS_PREFETCH     | 8
            SCHEDULING_NOTIFICATIONS       | worker
            SCHEDULING_NOTIFICATIONS       | off
            SCHEDULING_NOTIFICATIONS_QUEUE | notifications.events
            SCHEDULING_WEBHOOKS            | off
            SCHEDULING_WEBHOOKS            | worker
            SCHEDULING_WEBHOOKS_QUEUE      | webhooks.events
            SCHEDULING_WEBHOOK_DISABLE_AFTER | 0
            SCHEDULING_WEBHOOK_DISABLE_AFTER | fifty
            SCHEDULING_WEBHOOK_ALLOW_PRIVATE | yes
            SCHEDULING_LOGIN_RATE_LIMIT    | 10
            SCHEDULING_LOGIN_RATE_LIMIT    | 0/s
            SCHEDULING_LOGIN_RATE_LIMIT    | 10/s,0
            SCHEDULING_LOGIN_RATE_LIMIT    | 10/m
            SCHEDULING_LOGIN_RATE_LIMIT    | -1/s
            SCHEDULING_LOGIN_RATE_LIMIT    | none
            SCHEDULING_TRUSTED_PROXIES     | proxy.internal
            SCHEDULING_TRUSTED_PROXIES     | 10.0.0.0/8
            SCHEDULING_TRUSTED_PROXIES     | 10.0.0.5,
            """)
    void a_bad_value_is_refused_naming_the_variable(String variable, String value) {
        assertRefusedInOneLine(variable, value);
    }

    @Test
    void the_login_rate_limit_is_a_rate_with_an_optional_burst_or_off_and_proxies_are_ip_addresses() {
        assertThat(Configuration.fromEnvironment(Map.of(Configuration.LOGIN_RATE_LIMIT, "5/s,50")).loginRateLimit())
                .contains(new LoginRateLimit(50, 5));
        assertThat(Configuration.fromEnvironment(Map.of(Configuration.LOGIN_RATE_LIMIT, "3/s")).loginRateLimit())
                .as("ten seconds' worth of burst").contains(new LoginRateLimit(30, 3));
        assertThat(Configuration.fromEnvironment(Map.of(Configuration.LOGIN_RATE_LIMIT, "off")).loginRateLimit())
                .isEmpty();
        assertThat(Configuration.fromEnvironment(Map.of(Configuration.TRUSTED_PROXIES, "10.0.0.5, ::1"))
                .trustedProxies()).containsExactlyInAnyOrder("10.0.0.5", "0:0:0:0:0:0:0:1");
    }

    @Test
    void the_booking_page_may_be_framed_by_the_listed_sources_and_the_api_called_from_the_listed_origins() {
        Configuration configuration = Configuration.fromEnvironment(Map.of(
                Configuration.FRAME_ANCESTORS, " 'self'  https://shop.example.com https://*.example.org:8443 ",
                Configuration.CORS_ORIGINS, "https://shop.example.com, http://localhost:3000,https://a.example.org:443"));

        assertThat(configuration.frameAncestors())
                .containsExactly("'self'", "https://shop.example.com", "https://*.example.org:8443");
        assertThat(configuration.corsOrigins())
                .containsExactlyInAnyOrder("https://shop.example.com", "http://localhost:3000", "https://a.example.org");
        assertThat(Configuration.fromEnvironment(Map.of(Configuration.FRAME_ANCESTORS, "'none'")).frameAncestors())
                .containsExactly("'none'");
        assertThat(Configuration.fromEnvironment(Map.of(Configuration.FRAME_ANCESTORS, "*")).frameAncestors())
                .containsExactly("*");
    }

    @ParameterizedTest(name = "SCHEDULING_FRAME_ANCESTORS={0}")
    @ValueSource(strings = {"'self'; script-src *", "self", "https://shop.example.com/path", "'none' 'self'",
            "https://shop.example.com,https://b.example.com", "ftp://files.example.com", "https://shop.example.com:99999",
            "'unsafe-inline'", "https://exa mple.com\nX-Other: 1"})
    void a_bad_frame_ancestors_value_is_refused_in_one_line(String value) {
        assertRefusedInOneLine(Configuration.FRAME_ANCESTORS, value);
    }

    @ParameterizedTest(name = "SCHEDULING_CORS_ORIGINS={0}")
    @ValueSource(strings = {"*", "https://shop.example.com/", "shop.example.com", "https://Shop.example.com",
            "https://a.example.com;https://b.example.com", "https://a.example.com,", "null", "https://*.example.com",
            "https://a.example.com https://b.example.com"})
    void a_bad_cors_origins_value_is_refused_in_one_line(String value) {
        assertRefusedInOneLine(Configuration.CORS_ORIGINS, value);
    }

    private static void assertRefusedInOneLine(String variable, String value) {
        ConfigurationException refused = catchThrowableOfType(ConfigurationException.class,
                () -> Configuration.fromEnvironment(Map.of(variable, value)));

        assertThat(refused).as("%s=%s must be refused", variable, value).isNotNull();
        assertThat(refused.variable()).isEqualTo(variable);
        assertThat(refused.getMessage()).startsWith(variable).doesNotContain("\n");
    }

    @Test
    void a_database_url_selects_postgresql_with_a_pool_sized_for_the_machine() {
        Configuration configuration = Configuration.fromEnvironment(Map.of(
                Configuration.DB_URL, "jdbc:postgresql://127.0.0.1:5432/scheduling",
                Configuration.DB_USER, "scheduling", Configuration.DB_PASSWORD, "s3cret"));

        assertThat(configuration.database()).hasValueSatisfying(database -> {
            assertThat(database.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/scheduling");
            assertThat(database.user()).isEqualTo("scheduling");
            assertThat(database.password()).isEqualTo("s3cret");
            assertThat(database.poolSize()).isEqualTo(Runtime.getRuntime().availableProcessors() * 2 + 1);
            assertThat(database.toString()).doesNotContain("s3cret");
        });
        assertThat(Configuration.fromEnvironment(Map.of()).database()).isEmpty();
    }

    @Test
    void a_database_that_cannot_be_reached_at_start_stops_the_service_with_exit_code_2_and_one_line()
            throws IOException, InterruptedException {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        Process process = startMain(Map.of(Configuration.DB_URL, "jdbc:postgresql://127.0.0.1:1/scheduling?password=hidden"));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the service exits by itself").isTrue();
        List<String> stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().filter(line -> !line.isBlank()).toList();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).hasSize(1);
        assertThat(stderr.get(0)).contains(Configuration.DB_URL).contains("127.0.0.1:1").doesNotContain("hidden");
    }

    @Test
    void an_amqp_url_selects_rabbitmq_with_retry_delays_and_prefetch() {
        Configuration configuration = Configuration.fromEnvironment(Map.of(
                Configuration.AMQP_URL, "amqp://guest:s3cret@127.0.0.1:5672/%2f",
                Configuration.EVENTS_RETRY_DELAYS, "PT1S, PT10S",
                Configuration.EVENTS_PREFETCH, "16"));

        assertThat(configuration.broker()).hasValueSatisfying(broker -> {
            assertThat(broker.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(broker.retryDelays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(10));
            assertThat(broker.prefetch()).isEqualTo(16);
            assertThat(broker.toString()).doesNotContain("s3cret");
        });
        assertThat(Configuration.fromEnvironment(Map.of(Configuration.AMQP_URL, "amqp://127.0.0.1")).broker())
                .hasValueSatisfying(broker -> assertThat(broker.retryDelays()).containsExactly(
                        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5)));
    }

    @Test
    void notifications_can_be_left_to_separate_workers_on_a_queue_of_their_own() {
        Configuration configuration = Configuration.fromEnvironment(Map.of(
                Configuration.AMQP_URL, "amqp://127.0.0.1",
                Configuration.NOTIFICATIONS, "off",
                Configuration.NOTIFICATIONS_QUEUE, "staging.notifications"));

        assertThat(configuration.notificationsInProcess()).isFalse();
        assertThat(configuration.broker()).hasValueSatisfying(broker ->
                assertThat(broker.notificationsQueue()).isEqualTo("staging.notifications"));
        assertThat(Configuration.fromEnvironment(Map.of(Configuration.AMQP_URL, "amqp://127.0.0.1")).broker())
                .hasValueSatisfying(broker -> assertThat(broker.notificationsQueue()).isEqualTo("notifications.events"));
    }

    @Test
    void webhooks_are_delivered_in_process_to_public_receivers_and_deactivated_after_fifty_failures_by_default() {
        Configuration.Webhooks defaults = Configuration.fromEnvironment(Map.of()).webhooks();

        assertThat(defaults).isEqualTo(new Configuration.Webhooks(true, 50, false));
        Configuration configured = Configuration.fromEnvironment(Map.of(
                Configuration.AMQP_URL, "amqp://127.0.0.1",
                Configuration.WEBHOOKS, "off",
                Configuration.WEBHOOKS_QUEUE, "staging.webhooks",
                Configuration.WEBHOOK_DISABLE_AFTER, "5",
                Configuration.WEBHOOK_ALLOW_PRIVATE, "true"));
        assertThat(configured.webhooks()).isEqualTo(new Configuration.Webhooks(false, 5, true));
        assertThat(configured.broker()).hasValueSatisfying(broker ->
                assertThat(broker.webhooksQueue()).isEqualTo("staging.webhooks"));
        assertThat(Configuration.fromEnvironment(Map.of(Configuration.AMQP_URL, "amqp://127.0.0.1")).broker())
                .hasValueSatisfying(broker -> assertThat(broker.webhooksQueue()).isEqualTo("webhooks.events"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''
            amq.notifications
            with space
            """)
    void a_bad_notifications_queue_name_is_refused(String queue) {
        ConfigurationException refused = catchThrowableOfType(ConfigurationException.class,
                () -> Configuration.fromEnvironment(Map.of(Configuration.AMQP_URL, "amqp://127.0.0.1",
                        Configuration.NOTIFICATIONS_QUEUE, queue.isEmpty() ? "x".repeat(201) : queue)));

        assertThat(refused).isNotNull();
        assertThat(refused.variable()).isEqualTo(Configuration.NOTIFICATIONS_QUEUE);
    }

    @Test
    void the_worker_without_a_broker_stops_with_exit_code_2_and_one_line_naming_the_variable()
            throws IOException, InterruptedException {
        Process process = startMain(Map.of(Configuration.DB_URL, "jdbc:postgresql://127.0.0.1:5432/test"), "worker");
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).isTrue();
        assertThat(process.exitValue()).as("stderr: %s", stderr).isEqualTo(2);
        assertThat(stderr.lines().filter(line -> !line.isBlank()).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains(Configuration.AMQP_URL).contains("worker"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            5s
            PT5S,soon
            PT0.01S
            P2D
            """)
    void bad_retry_delays_are_refused(String delays) {
        ConfigurationException refused = catchThrowableOfType(ConfigurationException.class,
                () -> Configuration.fromEnvironment(Map.of(Configuration.AMQP_URL, "amqp://127.0.0.1",
                        Configuration.EVENTS_RETRY_DELAYS, delays)));

        assertThat(refused).isNotNull();
        assertThat(refused.variable()).isEqualTo(Configuration.EVENTS_RETRY_DELAYS);
    }

    @Test
    void a_token_secret_that_is_too_short_is_refused_without_echoing_it() {
        String secret = "too-short-secret-31-bytes-long!";
        assertThat(secret.getBytes(StandardCharsets.UTF_8)).hasSize(Configuration.MIN_TOKEN_SECRET_BYTES - 1);

        ConfigurationException refused = catchThrowableOfType(ConfigurationException.class,
                () -> Configuration.fromEnvironment(Map.of(Configuration.TOKEN_SECRET, secret)));

        assertThat(refused).isNotNull();
        assertThat(refused.variable()).isEqualTo(Configuration.TOKEN_SECRET);
        assertThat(refused.getMessage()).contains(Configuration.TOKEN_SECRET).doesNotContain(secret);
    }

    @Test
    void the_service_refuses_to_start_with_exit_code_2_and_one_line_naming_the_variable()
            throws IOException, InterruptedException {
        Process process = startMain(Map.of(Configuration.HTTP_PORT, "abc"));
        process.getOutputStream().close();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("the process stops at once").isTrue();
        assertThat(process.exitValue()).as("stderr: %s", stderr).isEqualTo(2);
        List<String> lines = stderr.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("stderr").hasSize(1);
        assertThat(lines.get(0)).contains(Configuration.HTTP_PORT).contains("abc");
        assertThat(stdout).as("stdout").isBlank();
    }

    /** The real entry point in a child JVM, with only the given SCHEDULING_ variables. */
    static Process startMain(Map<String, String> variables, String... arguments) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("SCHEDULING_"));
        // The launcher would announce these options on stderr, which is not the service speaking.
        environment.remove("JAVA_TOOL_OPTIONS");
        environment.remove("JDK_JAVA_OPTIONS");
        environment.remove("_JAVA_OPTIONS");
        environment.putAll(variables);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }
}
