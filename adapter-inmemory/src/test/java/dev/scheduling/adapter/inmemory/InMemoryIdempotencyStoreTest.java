package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.IdempotencyStoreContract;
import java.time.Clock;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return new InMemoryAdapters(clock).ports();
    }
}
