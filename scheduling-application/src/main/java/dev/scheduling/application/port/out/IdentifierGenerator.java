package dev.scheduling.application.port.out;

import dev.scheduling.domain.lock.ReservationToken;
import java.util.UUID;

/** Fresh identities and secrets; the only source of randomness the core uses. */
public interface IdentifierGenerator {

    /** A new id for a unit, a service, a client or an appointment. */
    String newId();

    /** A new random UUID: the id of an event or of a notification. */
    UUID newUuid();

    /** An unguessable reservation token of at least 128 random bits. */
    ReservationToken newReservationToken();

    /** A new signing secret of at least 256 random bits, printable: a webhook's, shown once to its owner. */
    String newSecret();
}
