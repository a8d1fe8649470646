package dev.scheduling.bootstrap.http;

import dev.scheduling.adapter.persistence.testing.PostgresTestDatabase;
import dev.scheduling.bootstrap.Configuration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The hostile-input properties over PostgreSQL, where text reaches a database that refuses what Java
 * strings allow (NUL characters, lone surrogates): fewer tries, the same promises.
 */
@PropertyDefaults(tries = 150)
class PostgresHostileInputTest extends HostileInputProperties {

    @BeforeContainer
    static void start() {
        PostgresTestDatabase database = PostgresTestDatabase.create(2);
        service = new HostileService(Map.of(
                Configuration.DB_URL, PostgresTestDatabase.url() + "?currentSchema=" + database.schema(),
                Configuration.DB_USER, database.settings().user(),
                Configuration.DB_PASSWORD, database.settings().password()), List.of(database));
    }

    @AfterContainer
    static void stop() throws Exception {
        service.close();
    }
}
