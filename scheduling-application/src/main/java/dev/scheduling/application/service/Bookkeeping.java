package dev.scheduling.application.service;

import dev.scheduling.application.port.out.EventPublisher;
import dev.scheduling.application.port.out.IdentifierGenerator;
import dev.scheduling.application.port.out.SlotCapacityStore;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.event.DomainEvent;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.slot.Slot;
import dev.scheduling.domain.slot.SlotCapacity;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The steps every command that changes a slot shares: the instant of the command, the slot's capacity
 * as stored right after the change, and the event that announces it.
 */
final class Bookkeeping {
    private final SlotCapacityStore capacity;
    private final EventPublisher events;
    private final IdentifierGenerator ids;
    private final Clock clock;

    Bookkeeping(SlotCapacityStore capacity, EventPublisher events, IdentifierGenerator ids, Clock clock) {
        this.capacity = capacity;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** Milliseconds are precise enough for holds and codes, and every store keeps them exactly. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    Instant now() {
        return now(clock);
    }

    /** The slot's capacity as stored, for a command that has just changed it. */
    SlotCapacity capacityOf(BookableService service, Slot slot) {
        return capacity.occupancy(service.id(), slot.minutes()).capacityOf(slot, service.capacity());
    }

    /**
     * Publishes the event in the current unit of work, stamped with a new id, the command's instant and
     * the command's trace context.
     */
    void publish(DomainEvent event, Instant now) {
        events.publish(new EventEnvelope(ids.newUuid(), now, event, TraceContexts.current()));
    }
}
