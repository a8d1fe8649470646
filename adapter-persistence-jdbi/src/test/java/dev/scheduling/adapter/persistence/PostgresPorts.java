package dev.scheduling.adapter.persistence;

import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.IdentifierGenerator;
import dev.scheduling.domain.lock.ReservationToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

/** Ports on a test class's own schema, for the contract suites. */
final class PostgresPorts {
    private PostgresPorts() {
    }

    static SchedulingPorts over(PostgresTestDatabase database, Clock clock) {
        return new PostgresAdapters(database.database(), new RandomIds(), clock).ports();
    }

    /** Ids for tests; the product's generator lives in another adapter module. */
    static final class RandomIds implements IdentifierGenerator {
        private final SecureRandom random = new SecureRandom();

        @Override
        public String newId() {
            return UUID.randomUUID().toString();
        }

        @Override
        public UUID newUuid() {
            return UUID.randomUUID();
        }

        @Override
        public ReservationToken newReservationToken() {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return new ReservationToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
    }
}
