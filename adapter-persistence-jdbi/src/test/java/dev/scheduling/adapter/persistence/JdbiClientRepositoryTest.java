package dev.scheduling.adapter.persistence;

import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.ClientRepositoryContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ClientRepository contract on PostgreSQL, in a schema of this class's own. */
class JdbiClientRepositoryTest extends ClientRepositoryContract {
    private static PostgresTestDatabase database;

    @BeforeAll
    static void createSchema() {
        database = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropSchema() {
        database.close();
    }

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return PostgresPorts.over(database, clock);
    }
}
