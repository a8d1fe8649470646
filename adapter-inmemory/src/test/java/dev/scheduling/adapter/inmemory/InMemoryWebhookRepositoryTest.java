package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.WebhookRepositoryContract;
import java.time.Clock;

class InMemoryWebhookRepositoryTest extends WebhookRepositoryContract {

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return new InMemoryAdapters(clock).ports();
    }
}
