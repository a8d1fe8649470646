package dev.scheduling.bootstrap;

import java.net.URI;
import java.net.URISyntaxException;
import dev.scheduling.adapter.http.LoginRateLimit;
import dev.scheduling.adapter.http.TrustedProxies;
import dev.scheduling.adapter.rabbitmq.EventTopology;
import dev.scheduling.domain.login.LoginPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's configuration, read once from the environment variables of {@code API.md}. Every value
 * is checked here, so that a bad one stops the process at start with one line that names it.
 */
public record Configuration(int httpPort, Optional<String> adminToken, Optional<Database> database,
                            Optional<Broker> broker, Duration lockTtl,
                            Duration otpTtl, int otpMaxAttempts, Duration otpResendCooldown, int otpThrottleAfter,
                            Optional<String> tokenSecret, boolean devMailbox, boolean notificationsInProcess,
                            List<String> frameAncestors, Set<String> corsOrigins, Webhooks webhooks,
                            Optional<LoginRateLimit> loginRateLimit, Set<String> trustedProxies) {

    public Configuration {
        frameAncestors = List.copyOf(frameAncestors);
        corsOrigins = Set.copyOf(corsOrigins);
        trustedProxies = Set.copyOf(trustedProxies);
    }

    /**
     * RabbitMQ, when {@code SCHEDULING_AMQP_URL} is set; the URL may hold credentials and is never printed whole.
     *
     * @param notificationsQueue the queue the notifications consumer reads
     * @param webhooksQueue the queue the webhooks consumer reads
     */
    public record Broker(URI url, List<Duration> retryDelays, int prefetch, String notificationsQueue,
                         String webhooksQueue) {
        @Override
        public String toString() {
            return "Broker[host=" + url.getHost() + ", retryDelays=" + retryDelays + ", prefetch=" + prefetch
                    + ", notificationsQueue=" + notificationsQueue + ", webhooksQueue=" + webhooksQueue + "]";
        }
    }

    /**
     * Webhook deliveries: whether this process sends them ({@code SCHEDULING_WEBHOOKS}, like the
     * notifications), after how many consecutive failed attempts a webhook is set inactive, and whether
     * receivers on internal addresses are allowed.
     */
    public record Webhooks(boolean inProcess, int disableAfter, boolean allowPrivate) {
    }

    /** The one-time-code login's limits: the variables of API.md, and NIST's lockout after 100 failures. */
    public LoginPolicy loginPolicy() {
        return new LoginPolicy(otpTtl, otpMaxAttempts, otpResendCooldown, otpThrottleAfter, Duration.ofSeconds(1),
                LoginPolicy.NIST_MAX_FAILURES);
    }

    /** PostgreSQL, when {@code SCHEDULING_DB_URL} is set. */
    public record Database(String url, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    public static final String HTTP_PORT = "SCHEDULING_HTTP_PORT";
    public static final String ADMIN_TOKEN = "SCHEDULING_ADMIN_TOKEN";
    public static final String DB_URL = "SCHEDULING_DB_URL";
    public static final String DB_USER = "SCHEDULING_DB_USER";
    public static final String DB_PASSWORD = "SCHEDULING_DB_PASSWORD";
    public static final String DB_POOL_SIZE = "SCHEDULING_DB_POOL_SIZE";
    public static final String AMQP_URL = "SCHEDULING_AMQP_URL";
    public static final String EVENTS_RETRY_DELAYS = "SCHEDULING_EVENTS_RETRY_DELAYS";
    public static final String EVENTS_PREFETCH = "SCHEDULING_EVENTS_PREFETCH";
    public static final String LOCK_TTL = "SCHEDULING_LOCK_TTL";
    public static final String OTP_TTL = "SCHEDULING_OTP_TTL";
    public static final String OTP_MAX_ATTEMPTS = "SCHEDULING_OTP_MAX_ATTEMPTS";
    public static final String OTP_RESEND_COOLDOWN = "SCHEDULING_OTP_RESEND_COOLDOWN";
    public static final String OTP_THROTTLE_AFTER = "SCHEDULING_OTP_THROTTLE_AFTER";
    public static final String TOKEN_SECRET = "SCHEDULING_TOKEN_SECRET";
    public static final String DEV_MAILBOX = "SCHEDULING_DEV_MAILBOX";
    public static final String NOTIFICATIONS = "SCHEDULING_NOTIFICATIONS";
    public static final String NOTIFICATIONS_QUEUE = "SCHEDULING_NOTIFICATIONS_QUEUE";
    public static final String FRAME_ANCESTORS = "SCHEDULING_FRAME_ANCESTORS";
    public static final String CORS_ORIGINS = "SCHEDULING_CORS_ORIGINS";
    public static final String WEBHOOKS = "SCHEDULING_WEBHOOKS";
    public static final String WEBHOOKS_QUEUE = "SCHEDULING_WEBHOOKS_QUEUE";
    public static final String WEBHOOK_DISABLE_AFTER = "SCHEDULING_WEBHOOK_DISABLE_AFTER";
    public static final String WEBHOOK_ALLOW_PRIVATE = "SCHEDULING_WEBHOOK_ALLOW_PRIVATE";
    public static final String LOGIN_RATE_LIMIT = "SCHEDULING_LOGIN_RATE_LIMIT";
    public static final String TRUSTED_PROXIES = "SCHEDULING_TRUSTED_PROXIES";
    static final String IN_PROCESS = "in-process";
    static final String OFF = "off";

    /** The sites that may frame the booking page when {@code SCHEDULING_FRAME_ANCESTORS} is unset: its own. */
    static final List<String> SELF_ONLY = List.of("'self'");
    /** {@code scheme://host[:port]}, the form of a browser's {@code Origin} header (lower case, no path). */
    private static final Pattern ORIGIN = Pattern.compile(
            "(https?)://([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[[0-9a-f:.]+])"
                    + "(?::([0-9]{1,5}))?");

    /** HMAC-SHA256 keys shorter than the hash add no strength and JOSE libraries refuse them. */
    static final int MIN_TOKEN_SECRET_BYTES = 32;

    public static Configuration fromEnvironment(Map<String, String> env) {
        Reader reader = new Reader(env);
        return new Configuration(
                reader.integer(HTTP_PORT, 7070, 1, 65_535),
                reader.text(ADMIN_TOKEN),
                reader.database(),
                reader.broker(),
                reader.duration(LOCK_TTL, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1)),
                reader.duration(OTP_TTL, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                reader.integer(OTP_MAX_ATTEMPTS, 5, 1, 100),
                reader.duration(OTP_RESEND_COOLDOWN, Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)),
                reader.integer(OTP_THROTTLE_AFTER, 10, 1, 100),
                reader.secret(TOKEN_SECRET, MIN_TOKEN_SECRET_BYTES),
                reader.bool(DEV_MAILBOX, false),
                reader.inProcess(NOTIFICATIONS, "send the notifications"),
                reader.frameAncestors(),
                reader.corsOrigins(),
                new Webhooks(reader.inProcess(WEBHOOKS, "deliver the webhooks"),
                        reader.integer(WEBHOOK_DISABLE_AFTER, 50, 1, 1_000_000),
                        reader.bool(WEBHOOK_ALLOW_PRIVATE, false)),
                reader.loginRateLimit(),
                reader.trustedProxies());
    }

    /** Reads and checks one variable at a time. */
    private static final class Reader {
        private final Map<String, String> env;

        Reader(Map<String, String> env) {
            this.env = env;
        }

        /** Present and not blank; an empty variable counts as unset. */
        Optional<String> text(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.get());
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new ConfigurationException(name, "must be a whole number from " + min + " to " + max
                    + ", got '" + value.get() + "'");
        }

        Duration duration(String name, Duration fallback, Duration min, Duration max) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                Duration parsed = Duration.parse(value.get());
                if (parsed.compareTo(min) >= 0 && parsed.compareTo(max) <= 0) {
                    return parsed;
                }
            } catch (DateTimeParseException notADuration) {
                // reported below
            }
            throw new ConfigurationException(name, "must be an ISO-8601 duration from " + min + " to " + max
                    + " (such as PT5M), got '" + value.get() + "'");
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return fallback;
            }
            return switch (value.get().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigurationException(name, "must be true or false, got '" + value.get() + "'");
            };
        }

        Optional<Broker> broker() {
            Optional<String> url = text(AMQP_URL);
            if (url.isEmpty()) {
                for (String dependent : new String[] {EVENTS_RETRY_DELAYS, EVENTS_PREFETCH, NOTIFICATIONS_QUEUE,
                        WEBHOOKS_QUEUE}) {
                    if (text(dependent).isPresent()) {
                        throw new ConfigurationException(dependent, "is set but " + AMQP_URL + " is not");
                    }
                }
                return Optional.empty();
            }
            URI uri;
            try {
                uri = new URI(url.get());
            } catch (URISyntaxException malformed) {
                throw new ConfigurationException(AMQP_URL, "must be an AMQP URL such as amqp://user:password@host:5672/%2f");
            }
            if (!("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigurationException(AMQP_URL, "must be an AMQP URL such as amqp://user:password@host:5672/%2f");
            }
            return Optional.of(new Broker(uri, retryDelays(), integer(EVENTS_PREFETCH, 32, 1, 1_000),
                    queueName(NOTIFICATIONS_QUEUE, EventTopology.NOTIFICATIONS_QUEUE),
                    queueName(WEBHOOKS_QUEUE, EventTopology.WEBHOOKS_QUEUE)));
        }

        /** A queue name of the characters AMQP allows, at most 200 of them (the retry queues add a suffix). */
        private String queueName(String name, String fallback) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return fallback;
            }
            if (!value.get().matches("[A-Za-z0-9._:-]{1,200}") || value.get().startsWith("amq.")) {
                throw new ConfigurationException(name, "must be 1 to 200 letters, digits or . _ : - and not start"
                        + " with amq., got '" + value.get() + "'");
            }
            return value.get();
        }

        /**
         * Whether this process consumes the events for a job itself (the notifications, the webhooks):
         * {@code in-process} (the default), or {@code off} when separate workers
         * ({@code scheduling-service.jar worker}) do. Off needs a broker: without one, nobody else could
         * see the events.
         */
        boolean inProcess(String name, String job) {
            Optional<String> value = text(name);
            if (value.isEmpty() || value.get().equals(IN_PROCESS)) {
                return true;
            }
            if (!value.get().equals(OFF)) {
                throw new ConfigurationException(name, "must be " + IN_PROCESS + " or " + OFF + ", got '"
                        + value.get() + "'");
            }
            if (text(AMQP_URL).isEmpty()) {
                throw new ConfigurationException(name, "is off but " + AMQP_URL + " is not set: without a"
                        + " broker no worker can " + job);
            }
            return false;
        }

        /** Comma-separated ISO-8601 durations, one retry queue each: {@code PT5S,PT30S,PT5M}. */
        private List<Duration> retryDelays() {
            Optional<String> value = text(EVENTS_RETRY_DELAYS);
            if (value.isEmpty()) {
                return List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5));
            }
            List<Duration> delays = new ArrayList<>();
            for (String part : value.get().split(",")) {
                try {
                    Duration delay = Duration.parse(part.trim());
                    if (delay.compareTo(Duration.ofMillis(100)) >= 0 && delay.compareTo(Duration.ofDays(1)) <= 0) {
                        delays.add(delay);
                        continue;
                    }
                } catch (DateTimeParseException notADuration) {
                    // reported below
                }
                throw new ConfigurationException(EVENTS_RETRY_DELAYS, "must be ISO-8601 durations from 0.1 s to 1 day,"
                        + " separated by commas (such as PT5S,PT30S,PT5M), got '" + value.get() + "'");
            }
            if (delays.size() > 10) {
                throw new ConfigurationException(EVENTS_RETRY_DELAYS, "at most 10 retries");
            }
            return List.copyOf(delays);
        }

        Optional<Database> database() {
            Optional<String> url = text(DB_URL);
            if (url.isEmpty()) {
                for (String dependent : new String[] {DB_USER, DB_PASSWORD, DB_POOL_SIZE}) {
                    if (text(dependent).isPresent()) {
                        throw new ConfigurationException(dependent, "is set but " + DB_URL + " is not");
                    }
                }
                return Optional.empty();
            }
            if (!url.get().startsWith("jdbc:postgresql://")) {
                throw new ConfigurationException(DB_URL, "must be a PostgreSQL JDBC URL such as "
                        + "jdbc:postgresql://127.0.0.1:5432/scheduling");
            }
            return Optional.of(new Database(url.get(), text(DB_USER).orElse(null),
                    Optional.ofNullable(env.get(DB_PASSWORD)).orElse(null),
                    integer(DB_POOL_SIZE, Runtime.getRuntime().availableProcessors() * 2 + 1, 1, 200)));
        }

        /**
         * The CSP {@code frame-ancestors} sources of the booking page, separated by spaces: {@code 'self'},
         * {@code 'none'} (alone), {@code *}, or origins such as {@code https://shop.example.com} and
         * {@code https://*.example.com}. Nothing else passes, so that no value can add another directive.
         */
        List<String> frameAncestors() {
            Optional<String> value = text(FRAME_ANCESTORS);
            if (value.isEmpty()) {
                return SELF_ONLY;
            }
            List<String> sources = List.of(value.get().split("\\s+"));
            for (String source : sources) {
                boolean keyword = source.equals("'self'") || source.equals("'none'") || source.equals("*");
                String host = source.replaceFirst("^(https?://)\\*\\.", "$1");
                if (!keyword && !(ORIGIN.matcher(host).matches() && validPort(host))) {
                    throw new ConfigurationException(FRAME_ANCESTORS, "must be 'self', 'none', * or origins such as"
                            + " https://shop.example.com or https://*.example.com separated by spaces, got '"
                            + printable(value.get()) + "'");
                }
            }
            if (sources.contains("'none'") && sources.size() > 1) {
                throw new ConfigurationException(FRAME_ANCESTORS, "'none' cannot be combined with other sources, got '"
                        + printable(value.get()) + "'");
            }
            return sources;
        }

        /**
         * The origins whose pages may call the API routes across origins (CORS), separated by commas:
         * exact origins such as {@code https://shop.example.com}, as browsers send them in {@code Origin}.
         * Unset: none (the booking page itself is same-origin and needs none).
         */
        Set<String> corsOrigins() {
            Optional<String> value = text(CORS_ORIGINS);
            if (value.isEmpty()) {
                return Set.of();
            }
            Set<String> origins = new java.util.LinkedHashSet<>();
            for (String part : value.get().split(",", -1)) {
                String origin = part.trim();
                if (!ORIGIN.matcher(origin).matches() || !validPort(origin)) {
                    throw new ConfigurationException(CORS_ORIGINS, "must be origins such as https://shop.example.com"
                            + " (scheme, lower-case host, optional port, no path) separated by commas, got '"
                            + printable(value.get()) + "'");
                }
                origins.add(withoutDefaultPort(origin));
            }
            return origins;
        }

        /**
         * The limit per client address on the login routes: {@code off}, or {@code <n>/s} requests a second
         * sustained, optionally with {@code ,<burst>} (default: ten seconds' worth), such as {@code 30/s,300}.
         */
        Optional<LoginRateLimit> loginRateLimit() {
            Optional<String> value = text(LOGIN_RATE_LIMIT);
            if (value.isEmpty()) {
                return Optional.of(LoginRateLimit.DEFAULT);
            }
            if (value.get().equals(OFF)) {
                return Optional.empty();
            }
            Matcher matcher = Pattern.compile("([0-9]{1,6})/s(?:\\s*,\\s*([0-9]{1,7}))?").matcher(value.get());
            if (matcher.matches()) {
                int perSecond = Integer.parseInt(matcher.group(1));
                int burst = matcher.group(2) == null ? perSecond * 10 : Integer.parseInt(matcher.group(2));
                if (perSecond >= 1 && burst >= 1) {
                    return Optional.of(new LoginRateLimit(burst, perSecond));
                }
            }
            throw new ConfigurationException(LOGIN_RATE_LIMIT, "must be off, or requests a second and an optional"
                    + " burst such as 30/s,300, got '" + printable(value.get()) + "'");
        }

        /**
         * The addresses of the reverse proxies in front of the service, separated by commas: from those peers
         * only, the client address for the login rate limit is read from {@code X-Forwarded-For}. Unset: none.
         */
        Set<String> trustedProxies() {
            Optional<String> value = text(TRUSTED_PROXIES);
            if (value.isEmpty()) {
                return Set.of();
            }
            try {
                return TrustedProxies.parse(value.get()).addresses();
            } catch (IllegalArgumentException bad) {
                throw new ConfigurationException(TRUSTED_PROXIES, "must be IP addresses separated by commas, such as"
                        + " 10.0.0.5,10.0.0.6, got '" + printable(value.get()) + "'");
            }
        }

        /** A value echoed in the one-line error: control characters (a newline, say) written as escapes. */
        private static String printable(String value) {
            StringBuilder out = new StringBuilder();
            value.codePoints().forEach(c -> out.append(Character.isISOControl(c)
                    ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
            return out.toString();
        }

        private static boolean validPort(String origin) {
            Matcher matcher = ORIGIN.matcher(origin);
            if (!matcher.matches() || matcher.group(3) == null) {
                return matcher.matches();
            }
            int port = Integer.parseInt(matcher.group(3));
            return port >= 1 && port <= 65_535;
        }

        /** Browsers leave the scheme's default port out of {@code Origin}; so does the list. */
        private static String withoutDefaultPort(String origin) {
            return origin.replaceFirst("^(http://[^/]+):80$", "$1").replaceFirst("^(https://[^/]+):443$", "$1");
        }

        /** A secret is never echoed back, not even in the error. */
        Optional<String> secret(String name, int minBytes) {
            Optional<String> value = text(name);
            if (value.isPresent() && value.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < minBytes) {
                throw new ConfigurationException(name, "must be at least " + minBytes + " bytes long");
            }
            return value;
        }
    }
}
