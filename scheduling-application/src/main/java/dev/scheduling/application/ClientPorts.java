package dev.scheduling.application;

import dev.scheduling.application.port.out.AccessTokens;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.application.port.out.OneTimeCodes;
import java.util.Objects;

/** The ports of the client's login and notices, which no storage adapter provides. */
public record ClientPorts(OneTimeCodes codes, AccessTokens tokens, Notifier notifier) {
    public ClientPorts {
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(notifier, "notifier");
    }
}
