package dev.scheduling.adapter.persistence.testing;

import dev.scheduling.adapter.persistence.DatabaseUnavailableException;
import dev.scheduling.adapter.persistence.PostgresDatabase;
import dev.scheduling.adapter.persistence.PostgresSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A real PostgreSQL for tests, with a schema of its own per test class, dropped at close. The server
 * is the project machine's ({@code 127.0.0.1:5432}, database {@code test}, user {@code postgres});
 * {@code SCHEDULING_TEST_DB_URL}, {@code SCHEDULING_TEST_DB_USER} and {@code SCHEDULING_TEST_DB_PASSWORD}
 * point elsewhere.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final PostgresSettings settings;
    private final PostgresDatabase database;

    private PostgresTestDatabase(PostgresSettings settings, PostgresDatabase database) {
        this.settings = settings;
        this.database = database;
    }

    /** Creates and migrates a fresh schema; fails with a message that says how to start PostgreSQL. */
    public static PostgresTestDatabase create() {
        return create(PostgresSettings.defaultPoolSize());
    }

    public static PostgresTestDatabase create(int poolSize) {
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        PostgresSettings settings = new PostgresSettings(url(), user(), password(), poolSize, Optional.of(schema));
        try {
            return new PostgresTestDatabase(settings, PostgresDatabase.open(settings));
        } catch (DatabaseUnavailableException unavailable) {
            throw new IllegalStateException("These tests need PostgreSQL at " + url() + " (" + unavailable.getMessage()
                    + "). Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start,"
                    + " or point SCHEDULING_TEST_DB_URL at another server.", unavailable);
        }
    }

    /** Another pool on the same schema: what a second service instance would have. */
    public PostgresDatabase openAnotherPool(int poolSize) {
        return PostgresDatabase.open(new PostgresSettings(settings.url(), settings.user(), settings.password(),
                poolSize, settings.schema()));
    }

    public PostgresDatabase database() {
        return database;
    }

    public PostgresSettings settings() {
        return settings;
    }

    public String schema() {
        return settings.schema().orElseThrow();
    }

    @Override
    public void close() {
        database.close();
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema() + " CASCADE");
        } catch (SQLException ignored) {
            // A schema left behind costs nothing but space; the next run uses a new name.
        }
    }

    public static String url() {
        return env("SCHEDULING_TEST_DB_URL", DEFAULT_URL);
    }

    static String user() {
        return env("SCHEDULING_TEST_DB_USER", "postgres");
    }

    static String password() {
        return env("SCHEDULING_TEST_DB_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
