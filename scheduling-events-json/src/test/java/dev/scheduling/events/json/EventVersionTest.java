package dev.scheduling.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.event.EventEnvelope;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A consumer of version 1 refuses a document of another version rather than misreading it. */
class EventVersionTest {

    @Test
    void aDocumentOfAnotherVersionIsNotAnEventOfThisContract() {
        String v1 = EventJson.encode(new EventEnvelope(UUID.randomUUID(), Instant.parse("2026-12-07T11:00:00Z"),
                EventJsonTest.slotLocked()));
        assertThat(EventJson.decode(v1).version()).isEqualTo(1);

        assertThatThrownBy(() -> EventJson.decode(v1.replace("\"version\":1", "\"version\":2")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> EventJson.decode(v1.replace("\"version\":1,", "")))
                .isInstanceOf(MalformedEventException.class);
    }
}
