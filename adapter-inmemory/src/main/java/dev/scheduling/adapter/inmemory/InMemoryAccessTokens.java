package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.AccessTokens;
import dev.scheduling.domain.client.ClientId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the embedded mode: opaque random strings (256 bits) remembered with their client and
 * expiry in this process. The HTTP server uses signed JWTs instead (adapter-token-jwt), which any
 * instance can verify; these suit an application that embeds the core in one process.
 */
public final class InMemoryAccessTokens implements AccessTokens {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedTo> issued = new ConcurrentHashMap<>();
    private final Duration lifetime;

    private record IssuedTo(ClientId clientId, Instant expiresAt) {
    }

    public InMemoryAccessTokens(Duration lifetime) {
        if (lifetime.isZero() || lifetime.isNegative()) {
            throw new IllegalArgumentException("a token must live some time");
        }
        this.lifetime = lifetime;
    }

    @Override
    public IssuedToken issue(ClientId clientId, Instant now) {
        issued.values().removeIf(token -> !now.isBefore(token.expiresAt()));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(lifetime);
        issued.put(token, new IssuedTo(clientId, expiresAt));
        return new IssuedToken(token, expiresAt);
    }

    @Override
    public Optional<ClientId> verify(String token, Instant now) {
        IssuedTo to = token == null ? null : issued.get(token);
        return to == null || !now.isBefore(to.expiresAt()) ? Optional.empty() : Optional.of(to.clientId());
    }
}
