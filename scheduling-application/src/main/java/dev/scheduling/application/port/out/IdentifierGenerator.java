package dev.scheduling.application.port.out;

import dev.scheduling.domain.lock.ReservationToken;
import java.util.UUID;

/** Fresh identities and secrets; the only source of randomness the core uses. */
public interface IdentifierGenerator {

    /** A new id for a unit or a service. */
    String newId();

    /** A new event id, unique per event. */
    UUID newEventId();

    /** An unguessable reservation token of at least 128 random bits. */
    ReservationToken newReservationToken();
}
