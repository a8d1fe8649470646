package dev.scheduling.domain.client;

import java.time.Instant;
import java.util.Objects;

/** Someone who books: known by the recipient they logged in with. */
public record Client(ClientId id, Recipient recipient, Instant createdAt) {
    public Client {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
