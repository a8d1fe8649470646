package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.LoginStateRepository;
import dev.scheduling.domain.client.Recipient;
import dev.scheduling.domain.login.LoginState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Login states by recipient; a save is an atomic compare-and-set on the version. */
public final class InMemoryLoginStateRepository implements LoginStateRepository {
    private final Map<Recipient, LoginState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<LoginState> find(Recipient recipient) {
        return Optional.ofNullable(states.get(recipient));
    }

    @Override
    public boolean save(LoginState next) {
        LoginState stored = next.withVersion(next.version() + 1);
        boolean[] saved = {false};
        states.compute(next.recipient(), (recipient, current) -> {
            long currentVersion = current == null ? 0 : current.version();
            if (currentVersion != next.version()) {
                return current;
            }
            saved[0] = true;
            return stored;
        });
        return saved[0];
    }
}
