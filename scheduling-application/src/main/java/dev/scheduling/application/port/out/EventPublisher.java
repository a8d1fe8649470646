package dev.scheduling.application.port.out;

import dev.scheduling.domain.event.EventEnvelope;

/** Publishes domain events as part of the current unit of work: they leave only if it commits. */
public interface EventPublisher {

    void publish(EventEnvelope event);
}
