package dev.scheduling.application.port.out;

import dev.scheduling.domain.client.Recipient;
import dev.scheduling.domain.login.LoginState;
import java.util.Optional;

/** The login state of each recipient, changed by compare-and-set on its version. */
public interface LoginStateRepository {

    Optional<LoginState> find(Recipient recipient);

    /**
     * Stores {@code next} if the stored state still has {@code next.version()} (a state of version 0
     * that is absent counts as matching), and bumps the version. Returns false when another request
     * changed the state first: the caller reads it again and decides again.
     */
    boolean save(LoginState next);
}
