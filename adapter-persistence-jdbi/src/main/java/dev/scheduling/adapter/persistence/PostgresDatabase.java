package dev.scheduling.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import dev.scheduling.application.port.out.HealthCheck;
import java.time.Duration;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * A connection pool to PostgreSQL with the schema migrated to the latest version. Opening it fails
 * fast with {@link DatabaseUnavailableException} when the database cannot be reached at start.
 */
public final class PostgresDatabase implements AutoCloseable {
    /** How long a command waits for a connection before it answers 503 instead of hanging. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /** The longest a statement of a command may wait for the server's answer. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final PostgresSettings settings;

    private PostgresDatabase(HikariDataSource dataSource, PostgresSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
    }

    /** Connects, applies pending migrations (Flyway) and returns the open database. */
    public static PostgresDatabase open(PostgresSettings settings) {
        return open(settings, Optional.empty());
    }

    /**
     * The same, with the pool's metrics ({@code hikaricp.connections.active}, {@code .pending}, {@code .max}
     * … tagged {@code pool}) in {@code meters}.
     */
    public static PostgresDatabase open(PostgresSettings settings, MeterRegistry meters) {
        return open(settings, Optional.of(meters));
    }

    private static PostgresDatabase open(PostgresSettings settings, Optional<MeterRegistry> meters) {
        HikariDataSource dataSource;
        try {
            HikariConfig config = poolConfig(settings);
            meters.ifPresent(config::setMetricRegistry);
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException unreachable) {
            throw new DatabaseUnavailableException("cannot connect to " + settings.printableUrl() + ": "
                    + rootMessage(unreachable), unreachable);
        }
        try {
            migrate(settings);
        } catch (RuntimeException failed) {
            dataSource.close();
            throw new DatabaseUnavailableException("cannot migrate the schema at " + settings.printableUrl() + ": "
                    + rootMessage(failed), failed);
        }
        return new PostgresDatabase(dataSource, settings);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Readiness: a trivial query answers within the connection timeout. */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            public String component() {
                return DatabaseFailures.COMPONENT;
            }

            @Override
            public boolean isHealthy() {
                try {
                    return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
                } catch (RuntimeException failure) {
                    return false;
                }
            }
        };
    }

    public PostgresSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static HikariConfig poolConfig(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("scheduling");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT.toMillis());
        // The driver's own defaults wait for a server that accepts but never answers (a partitioned
        // network, a hung host) without end, which would hold the start and the pool's connection
        // attempts: opening a connection takes at most the connection timeout. (The URL may override.)
        String connectionTimeoutSeconds = Long.toString(CONNECTION_TIMEOUT.toSeconds());
        config.addDataSourceProperty("connectTimeout", connectionTimeoutSeconds);
        config.addDataSourceProperty("loginTimeout", connectionTimeoutSeconds);
        // A statement waiting on a silent network (a partition) fails after this long instead of holding
        // its request and connection until TCP gives up. Commands are short; migrations, which may not
        // be, run on connections of their own without this limit.
        config.addDataSourceProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        config.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
        settings.schema().ifPresent(config::setSchema);
        return config;
    }

    private static void migrate(PostgresSettings settings) {
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration");
        settings.schema().ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema));
        flyway.load().migrate();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
