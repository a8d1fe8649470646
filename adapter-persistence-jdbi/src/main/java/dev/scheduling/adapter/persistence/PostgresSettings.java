package dev.scheduling.adapter.persistence;

import java.util.Objects;
import java.util.Optional;

/**
 * How to reach PostgreSQL.
 *
 * @param poolSize connections per instance; about cores × 2 + 1 serves a database on the same machine
 * @param schema   a schema to use and migrate instead of the user's default (tests use one per class)
 */
public record PostgresSettings(String url, String user, String password, int poolSize, Optional<String> schema) {
    public PostgresSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(schema, "schema");
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection");
        }
    }

    /** The URL without its query, which may carry credentials: safe to print. */
    public String printableUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    public static int defaultPoolSize() {
        return Runtime.getRuntime().availableProcessors() * 2 + 1;
    }
}
