package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.WebhookDeliveriesContract;
import java.time.Clock;

class InMemoryWebhookDeliveriesTest extends WebhookDeliveriesContract {

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return new InMemoryAdapters(clock).ports();
    }
}
