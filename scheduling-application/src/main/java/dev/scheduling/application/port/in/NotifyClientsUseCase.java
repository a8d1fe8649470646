package dev.scheduling.application.port.in;

import dev.scheduling.domain.event.EventEnvelope;

/** Sends a client the notice an event calls for (appointment confirmed, moved, cancelled). */
public interface NotifyClientsUseCase {

    /** Handles one event; an event that concerns no client is ignored. Throws if the notice could not be sent. */
    void handle(EventEnvelope event);
}
