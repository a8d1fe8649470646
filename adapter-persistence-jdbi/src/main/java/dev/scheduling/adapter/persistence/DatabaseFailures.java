package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.DependencyUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;

/** Tells a database that cannot be reached from a statement that failed, and a conflict worth a retry. */
final class DatabaseFailures {
    static final String COMPONENT = "database";

    private DatabaseFailures() {
    }

    /** The failure as the core should see it: an unreachable database becomes {@link DependencyUnavailableException}. */
    static RuntimeException translate(RuntimeException failure) {
        return isUnreachable(failure) ? new DependencyUnavailableException(COMPONENT, failure) : failure;
    }

    /** A deadlock or serialization failure: the transaction did nothing and may run again. */
    static boolean isRetryable(Throwable failure) {
        String state = sqlState(failure);
        return "40P01".equals(state) || "40001".equals(state);
    }

    static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionException || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exceptions; 57P01-57P03: the server is shutting down or starting.
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
