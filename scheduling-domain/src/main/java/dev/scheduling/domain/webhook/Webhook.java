package dev.scheduling.domain.webhook;

import dev.scheduling.domain.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A business's receiver of events: where to POST them, which ones, and the secret that signs them.
 * {@code consecutiveFailures} counts the failed delivery attempts since the last success; past the
 * operator's limit the webhook is set inactive and receives nothing until it is activated again.
 */
public record Webhook(WebhookId id, URI url, EventFilter events, String description, String secret, boolean active,
                      int consecutiveFailures, Instant createdAt) {
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures cannot be negative");
        }
    }

    /** A new, active webhook. */
    public static Webhook register(WebhookId id, URI url, EventFilter events, String description, String secret,
                                   Instant now) {
        return new Webhook(id, url, events, description(description), secret, true, 0, now);
    }

    /**
     * The receiver's URL if it is one a delivery can go to: absolute {@code http} or {@code https} with a
     * host, no user information (credentials in a URL end up in logs) and no fragment. Whether its host
     * resolves to a public address is the registration's second check.
     */
    public static URI receiverUrl(String text) {
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("url", "is required");
        }
        if (text.length() > MAX_URL_LENGTH) {
            throw InvalidInputException.of("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw InvalidInputException.of("url", "is not a valid URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw InvalidInputException.of("url", "must be an absolute http or https URL");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw InvalidInputException.of("url", "must name a host");
        }
        if (url.getRawUserInfo() != null) {
            throw InvalidInputException.of("url", "must not hold credentials (use the signature to authenticate)");
        }
        if (url.getRawFragment() != null) {
            throw InvalidInputException.of("url", "must not hold a fragment");
        }
        return url.normalize();
    }

    public static String description(String text) {
        String value = text == null ? "" : text;
        if (value.length() > MAX_DESCRIPTION_LENGTH) {
            throw InvalidInputException.of("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return value;
    }

    public Webhook withUrl(URI newUrl) {
        return new Webhook(id, newUrl, events, description, secret, active, consecutiveFailures, createdAt);
    }

    public Webhook withEvents(EventFilter newEvents) {
        return new Webhook(id, url, newEvents, description, secret, active, consecutiveFailures, createdAt);
    }

    public Webhook withDescription(String newDescription) {
        return new Webhook(id, url, events, description(newDescription), secret, active, consecutiveFailures,
                createdAt);
    }

    /** Activating a webhook forgives its past failures: it starts counting again. */
    public Webhook withActive(boolean newActive) {
        return new Webhook(id, url, events, description, secret, newActive,
                newActive && !active ? 0 : consecutiveFailures, createdAt);
    }

    public boolean subscribesTo(String eventType) {
        return active && events.matches(eventType);
    }

    /** The secret signs deliveries; it is shown once, at registration, and never printed. */
    @Override
    public String toString() {
        return "Webhook[" + id + ", " + url.getScheme() + "://" + url.getHost() + ", " + events.patterns()
                + (active ? "" : ", inactive") + "]";
    }
}
