package dev.scheduling.application.port.out;

import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.client.ClientId;
import java.util.Optional;

/** Where clients are kept; one client per recipient, whatever the concurrency. */
public interface ClientRepository {

    /**
     * The client of the candidate's recipient: the one stored already, or the candidate, stored now.
     * Two concurrent calls for one recipient get the same client.
     */
    Client findOrAdd(Client candidate);

    Optional<Client> findById(ClientId id);
}
