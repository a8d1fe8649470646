package dev.scheduling.domain.webhook;

import java.util.Objects;

/** Identity of a webhook registration. */
public record WebhookId(String value) {
    public WebhookId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a webhook id cannot be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
