package dev.scheduling.adapter.persistence;

import dev.scheduling.adapter.inmemory.SecureRandomIdentifiers;
import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.application.SchedulingPorts;
import java.time.Clock;

/** Ports on a test class's own schema, with the product's id generator, for the contract suites. */
final class PostgresPorts {
    private PostgresPorts() {
    }

    static SchedulingPorts over(PostgresTestDatabase database, Clock clock) {
        return new PostgresAdapters(database.database(), new SecureRandomIdentifiers(), clock).ports();
    }
}
