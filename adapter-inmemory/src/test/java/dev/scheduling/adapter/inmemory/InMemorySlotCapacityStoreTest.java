package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.SlotCapacityStoreContract;
import java.time.Clock;

class InMemorySlotCapacityStoreTest extends SlotCapacityStoreContract {

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return new InMemoryAdapters(clock).ports();
    }
}
