package dev.scheduling.application.port.in;

import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.client.Recipient;
import java.time.Instant;
import java.util.Objects;

/**
 * A client proves it received the code and gets an access token. Refused with {@code invalid_code}
 * (wrong, expired, used or unknown) or {@code too_many_attempts} (the code is void, or the recipient
 * must wait or is locked out).
 */
public interface VerifyLoginCodeUseCase {

    LoggedIn verifyCode(Recipient recipient, String code);

    record LoggedIn(String accessToken, Instant expiresAt, ClientId clientId) {
        public LoggedIn {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(clientId, "clientId");
        }

        @Override
        public String toString() {
            return "LoggedIn[clientId=" + clientId + ", expiresAt=" + expiresAt + "]";
        }
    }
}
