package dev.scheduling.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.InboxContract;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryInboxTest extends InboxContract {

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return new InMemoryAdapters(clock).ports();
    }

    @Test
    void beyondItsCapacityTheInboxForgetsTheEldestRecordsFirst() {
        InMemoryInbox inbox = new InMemoryInbox(new InMemoryTransactions(), 3);
        Instant now = Instant.parse("2030-03-04T08:00:00Z");
        UUID eldest = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        inbox.record("notifications", eldest, now);
        inbox.record("notifications", second, now);
        inbox.record("notifications", UUID.randomUUID(), now);

        inbox.record("notifications", UUID.randomUUID(), now);

        assertThat(inbox.record("notifications", second, now)).as("still remembered").isFalse();
        assertThat(inbox.record("notifications", eldest, now)).as("forgotten").isTrue();
    }
}
