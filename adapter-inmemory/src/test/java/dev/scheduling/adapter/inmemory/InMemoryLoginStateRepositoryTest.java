package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.LoginStateRepositoryContract;
import java.time.Clock;

class InMemoryLoginStateRepositoryTest extends LoginStateRepositoryContract {

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return new InMemoryAdapters(clock).ports();
    }
}
