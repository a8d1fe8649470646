package dev.scheduling.application.port.in;

import dev.scheduling.domain.event.EventEnvelope;

/**
 * Turns an event into one pending delivery per active webhook that subscribes to it, once per event
 * however often the event arrives. Sending is the dispatcher's job, later and apart, so that a slow
 * receiver never holds back the event bus.
 */
public interface QueueWebhookDeliveriesUseCase {

    /** Returns the number of deliveries queued: 0 for an event handled before or that nobody subscribes to. */
    int handle(EventEnvelope event);
}
