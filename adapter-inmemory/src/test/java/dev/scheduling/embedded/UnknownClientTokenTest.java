package dev.scheduling.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.adapter.inmemory.InMemoryAdapters;
import dev.scheduling.application.Scheduling;
import dev.scheduling.application.SchedulingSettings;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.domain.client.ClientId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A token is worth something only while its client exists: a reset store voids every token issued before. */
class UnknownClientTokenTest {

    @Test
    void aWellSignedTokenOfAClientThatDoesNotExistAuthenticatesNobody() {
        MutableClock clock = MutableClock.at("2026-03-02T12:00:00Z");
        InMemoryAdapters adapters = new InMemoryAdapters(clock);
        Scheduling scheduling = new Scheduling(adapters.ports(), adapters.clientPorts(), SchedulingSettings.defaults(),
                new SimpleMeterRegistry(), OpenTelemetry.noop());
        String token = adapters.clientPorts().tokens().issue(new ClientId(UUID.randomUUID().toString()),
                clock.instant()).token();

        assertThat(adapters.clientPorts().tokens().verify(token, clock.instant())).as("the signature is fine")
                .isPresent();
        assertThat(scheduling.authenticateClient().authenticate(token)).isEmpty();
    }
}
