package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.SchedulingPorts;
import java.time.Clock;

/**
 * Every driven port in memory, sharing one unit of work: the embedded mode in one call.
 * <pre>{@code
 * InMemoryAdapters adapters = new InMemoryAdapters(Clock.systemUTC());
 * Scheduling scheduling = new Scheduling(adapters.ports(), SchedulingSettings.defaults(),
 *         new SimpleMeterRegistry(), OpenTelemetry.noop());
 * adapters.eventBus().subscribe("slot.*", event -> ...);
 * }</pre>
 */
public final class InMemoryAdapters {
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryEventBus eventBus = new InMemoryEventBus(transactions);
    private final SchedulingPorts ports;

    public InMemoryAdapters(Clock clock) {
        this.ports = new SchedulingPorts(
                new InMemoryUnitRepository(transactions),
                new InMemoryServiceRepository(transactions),
                new InMemoryLockRepository(transactions),
                new InMemorySlotCapacityStore(transactions),
                new InMemoryIdempotencyStore(),
                transactions,
                eventBus,
                new SecureRandomIdentifiers(),
                clock);
    }

    public SchedulingPorts ports() {
        return ports;
    }

    public InMemoryEventBus eventBus() {
        return eventBus;
    }
}
