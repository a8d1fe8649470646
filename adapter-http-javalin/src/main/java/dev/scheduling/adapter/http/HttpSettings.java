package dev.scheduling.adapter.http;

import dev.scheduling.application.port.in.ReadDevMailboxUseCase;
import dev.scheduling.application.port.out.HealthCheck;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the HTTP adapter needs besides the use cases.
 *
 * @param adminToken    the bearer token of the admin routes
 * @param metricsScrape renders the metrics in Prometheus text format
 * @param readiness     the dependencies {@code /ready} checks
 * @param devMailbox    when present, {@code /dev/notifications} serves it (for development only)
 */
public record HttpSettings(String adminToken, Supplier<String> metricsScrape, List<HealthCheck> readiness,
                           Optional<ReadDevMailboxUseCase> devMailbox) {
    public HttpSettings {
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(metricsScrape, "metricsScrape");
        Objects.requireNonNull(devMailbox, "devMailbox");
        readiness = List.copyOf(readiness);
        if (adminToken.isBlank()) {
            throw new IllegalArgumentException("the admin token cannot be blank");
        }
    }
}
