package dev.scheduling.adapter.http;

import dev.scheduling.application.port.in.ReadDevMailboxUseCase;
import dev.scheduling.application.port.out.HealthCheck;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the HTTP adapter needs besides the use cases.
 *
 * @param adminToken     the bearer token of the admin routes
 * @param metricsScrape  renders the metrics in Prometheus text format
 * @param readiness      the dependencies {@code /ready} checks
 * @param devMailbox     when present, {@code /dev/notifications} serves it (for development only)
 * @param frameAncestors the CSP {@code frame-ancestors} sources of the booking page ({@code 'self'} by default),
 *                       already checked by the caller
 * @param corsOrigins    the exact origins ({@code https://shop.example.com}) whose pages may call the API routes
 *                       across origins; empty: none
 * @param loginRateLimit the limit per client address on the login routes; empty: none
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} names the client address
 */
public record HttpSettings(String adminToken, Supplier<String> metricsScrape, List<HealthCheck> readiness,
                           Optional<ReadDevMailboxUseCase> devMailbox, List<String> frameAncestors,
                           Set<String> corsOrigins, Optional<LoginRateLimit> loginRateLimit,
                           TrustedProxies trustedProxies) {
    public HttpSettings {
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(metricsScrape, "metricsScrape");
        Objects.requireNonNull(devMailbox, "devMailbox");
        Objects.requireNonNull(loginRateLimit, "loginRateLimit");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        readiness = List.copyOf(readiness);
        frameAncestors = List.copyOf(frameAncestors);
        corsOrigins = Set.copyOf(corsOrigins);
        if (adminToken.isBlank()) {
            throw new IllegalArgumentException("the admin token cannot be blank");
        }
        if (frameAncestors.isEmpty()) {
            throw new IllegalArgumentException("frame-ancestors needs at least one source ('none' forbids framing)");
        }
        for (String source : frameAncestors) {
            // The value goes into a header: nothing that could end the directive or the header.
            if (source.isBlank() || source.chars().anyMatch(c -> c == ';' || c == ',' || c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("not a frame-ancestors source: '" + source + "'");
            }
        }
    }
}
