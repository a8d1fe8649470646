package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.ClientRepositoryContract;
import java.time.Clock;

class InMemoryClientRepositoryTest extends ClientRepositoryContract {

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return new InMemoryAdapters(clock).ports();
    }
}
