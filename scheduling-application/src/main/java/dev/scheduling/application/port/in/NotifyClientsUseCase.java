package dev.scheduling.application.port.in;

import dev.scheduling.domain.event.EventEnvelope;

/**
 * Sends a client the notice an event calls for (appointment confirmed, moved, cancelled), once per event
 * however often the event is delivered.
 */
public interface NotifyClientsUseCase {

    /** What handling one delivery of an event did. */
    enum Outcome {
        /** The notice went out (and the event is recorded as handled with it). */
        SENT,
        /** The event was handled before: nothing sent again. */
        DUPLICATE,
        /** The event calls for no notice ({@code slot.*}: holds are anonymous). */
        NO_NOTICE
    }

    /**
     * Handles one delivery of an event. Throws if the notice could not be sent; nothing is then recorded,
     * so a redelivery tries again.
     */
    Outcome handle(EventEnvelope event);
}
