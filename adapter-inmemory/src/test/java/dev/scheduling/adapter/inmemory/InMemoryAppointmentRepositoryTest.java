package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.AppointmentRepositoryContract;
import java.time.Clock;

class InMemoryAppointmentRepositoryTest extends AppointmentRepositoryContract {

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return new InMemoryAdapters(clock).ports();
    }
}
