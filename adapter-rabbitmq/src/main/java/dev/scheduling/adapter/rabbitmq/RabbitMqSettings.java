package dev.scheduling.adapter.rabbitmq;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach the broker and how consumers retry.
 *
 * @param url         {@code amqp://user:password@host:port/vhost}
 * @param retryDelays the wait before each retry of a failed delivery, one retry queue per delay; after
 *                    the last retry fails, the message goes to the dead-letter queue
 * @param prefetch    unacknowledged deliveries a consumer holds at once
 */
public record RabbitMqSettings(URI url, List<Duration> retryDelays, int prefetch) {
    public static final List<Duration> DEFAULT_RETRY_DELAYS =
            List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5));
    public static final int DEFAULT_PREFETCH = 32;

    public RabbitMqSettings {
        Objects.requireNonNull(url, "url");
        retryDelays = List.copyOf(retryDelays);
        if (retryDelays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive");
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be positive");
        }
    }

    /** Deliveries of one message at most: the first, and one per retry delay. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /** The URL without its credentials: safe to print. */
    public String printableUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
