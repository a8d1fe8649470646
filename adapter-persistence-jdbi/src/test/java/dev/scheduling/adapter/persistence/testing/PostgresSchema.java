package dev.scheduling.adapter.persistence.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of the test class's own, created and migrated before its tests and dropped after them:
 * {@code @RegisterExtension static final PostgresSchema schema = new PostgresSchema();}
 */
public final class PostgresSchema implements BeforeAllCallback, AfterAllCallback {
    private PostgresTestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = PostgresTestDatabase.create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
        }
    }

    public PostgresTestDatabase database() {
        if (database == null) {
            throw new IllegalStateException("the schema exists only while the test class runs");
        }
        return database;
    }
}
