package dev.scheduling.application.port.out;

import dev.scheduling.domain.client.ClientId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Signed, expiring access tokens of clients. */
public interface AccessTokens {

    record IssuedToken(String token, Instant expiresAt) {
        public IssuedToken {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "IssuedToken[expiresAt=" + expiresAt + "]";
        }
    }

    IssuedToken issue(ClientId clientId, Instant now);

    /** The client a token was issued to, if it is well signed and not expired at {@code now}; empty otherwise. */
    Optional<ClientId> verify(String token, Instant now);
}
