package dev.scheduling.application.port.in;

import dev.scheduling.domain.client.ClientId;
import java.util.Optional;

/** Tells whose access token this is; empty for a forged, expired or wrongly signed one. */
public interface AuthenticateClientUseCase {

    Optional<ClientId> authenticate(String accessToken);
}
