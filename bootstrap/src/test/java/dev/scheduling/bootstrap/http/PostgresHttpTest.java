package dev.scheduling.bootstrap.http;

import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.bootstrap.Configuration;
import java.util.Map;

/**
 * The same HTTP contract with PostgreSQL: the service runs on a schema of this class's own, and events
 * reach the in-process bus through the transactional outbox and its relay.
 */
class PostgresHttpTest extends RunningServiceHttpTest {
    private PostgresTestDatabase database;

    @Override
    protected Map<String, String> modeEnvironment() {
        database = PostgresTestDatabase.create(2);
        return Map.of(Configuration.DB_URL, PostgresTestDatabase.url() + "?currentSchema=" + database.schema(),
                Configuration.DB_USER, database.settings().user(),
                Configuration.DB_PASSWORD, database.settings().password());
    }

    @Override
    protected void modeStopped() {
        database.close();
    }
}
