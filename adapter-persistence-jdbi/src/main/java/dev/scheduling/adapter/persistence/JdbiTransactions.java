package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.UnitOfWork;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The unit of work on JDBI: one database transaction per command, bound to the calling thread, that
 * every repository of this adapter joins. A transaction that loses a deadlock or serialization
 * conflict has changed nothing, so it runs again (up to three times).
 */
public final class JdbiTransactions implements UnitOfWork {
    private static final int ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final ThreadLocal<Handle> current = new ThreadLocal<>();
    private final AtomicLong savepoints = new AtomicLong();

    public JdbiTransactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public <T> T execute(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(handle -> {
                    current.set(handle);
                    try {
                        return work.get();
                    } finally {
                        current.remove();
                    }
                });
            } catch (RuntimeException failure) {
                if (attempt < ATTEMPTS && DatabaseFailures.isRetryable(failure)) {
                    continue;
                }
                throw DatabaseFailures.translate(failure);
            }
        }
    }

    @Override
    public <T> T executeNested(Supplier<T> work) {
        Handle handle = current.get();
        if (handle == null) {
            return execute(work);
        }
        String savepoint = "nested_" + savepoints.incrementAndGet();
        handle.savepoint(savepoint);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error failure) {
            try {
                handle.rollbackToSavepoint(savepoint);
            } catch (RuntimeException connectionLost) {
                failure.addSuppressed(connectionLost);
            }
            throw failure;
        }
        handle.releaseSavepoint(savepoint);
        return result;
    }

    /** Runs {@code callback} on the current transaction's handle, or on a handle of its own outside one. */
    <T> T withHandle(Function<Handle, T> callback) {
        Handle handle = current.get();
        if (handle != null) {
            return callback.apply(handle);
        }
        try {
            return jdbi.withHandle(callback::apply);
        } catch (RuntimeException failure) {
            throw DatabaseFailures.translate(failure);
        }
    }

    /** Whether the calling thread is inside a unit of work. */
    boolean inTransaction() {
        return current.get() != null;
    }
}
