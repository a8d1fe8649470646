package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.UnitOfWorkContract;
import dev.scheduling.domain.event.EventEnvelope;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The in-memory unit of work ({@link InMemoryTransactions}); delivered events are what a {@code #} subscriber got. */
class InMemoryUnitOfWorkTest extends UnitOfWorkContract {
    private final List<EventEnvelope> delivered = new CopyOnWriteArrayList<>();

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        InMemoryAdapters adapters = new InMemoryAdapters(clock);
        adapters.eventBus().subscribe("#", delivered::add);
        return adapters.ports();
    }

    @Override
    protected List<EventEnvelope> deliveredEvents() {
        return List.copyOf(delivered);
    }
}
