package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.ClientRepository;
import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.client.Recipient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Clients by recipient and by id; adding is atomic per recipient. */
public final class InMemoryClientRepository implements ClientRepository {
    private final Map<Recipient, Client> byRecipient = new ConcurrentHashMap<>();
    private final Map<ClientId, Client> byId = new ConcurrentHashMap<>();

    @Override
    public Client findOrAdd(Client candidate) {
        return byRecipient.computeIfAbsent(candidate.recipient(), recipient -> {
            byId.put(candidate.id(), candidate);
            return candidate;
        });
    }

    @Override
    public Optional<Client> findById(ClientId id) {
        return Optional.ofNullable(byId.get(id));
    }
}
