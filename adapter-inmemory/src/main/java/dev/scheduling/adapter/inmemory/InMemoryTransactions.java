package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.UnitOfWork;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The unit of work of the in-memory adapters. Stores apply changes at once and register how to undo
 * them; if the work throws, the undo actions run in reverse order. Work to do after commit (event
 * dispatch) runs only when the outermost unit of work returns. There is no isolation between
 * concurrent units of work: each store keeps its own operations atomic, which is all the use cases need.
 */
public final class InMemoryTransactions implements UnitOfWork {
    private static final System.Logger LOG = System.getLogger(InMemoryTransactions.class.getName());

    private final ThreadLocal<Transaction> current = new ThreadLocal<>();

    @Override
    public <T> T execute(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        Transaction transaction = new Transaction();
        current.set(transaction);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error failure) {
            // Undo outside the transaction: an undo action that goes through a store (a give-back undoing
            // a take) must not register an undo of its own, which the rollback would then run too.
            current.remove();
            transaction.rollback();
            throw failure;
        } finally {
            current.remove();
        }
        transaction.afterCommit.forEach(InMemoryTransactions::runIsolated);
        return result;
    }

    @Override
    public <T> T executeNested(Supplier<T> work) {
        Transaction transaction = current.get();
        if (transaction == null) {
            return execute(work);
        }
        int undoMark = transaction.undo.size();
        int afterCommitMark = transaction.afterCommit.size();
        try {
            return work.get();
        } catch (RuntimeException | Error failure) {
            // As in a rollback, undo outside the transaction, then go on with the enclosing one.
            current.remove();
            try {
                while (transaction.undo.size() > undoMark) {
                    transaction.undo.pop().run();
                }
                transaction.afterCommit.subList(afterCommitMark, transaction.afterCommit.size()).clear();
            } finally {
                current.set(transaction);
            }
            throw failure;
        }
    }

    /** Registers how to undo a change just made; a change outside a unit of work is final at once. */
    void onRollback(Runnable undo) {
        Transaction transaction = current.get();
        if (transaction != null) {
            transaction.undo.push(undo);
        }
    }

    /** Runs {@code action} once the current unit of work commits, or now if there is none. */
    void afterCommit(Runnable action) {
        Transaction transaction = current.get();
        if (transaction != null) {
            transaction.afterCommit.add(action);
        } else {
            runIsolated(action);
        }
    }

    private static void runIsolated(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException failure) {
            // The command has committed; a failing listener must not turn it into an error.
            LOG.log(System.Logger.Level.ERROR, "after-commit action failed", failure);
        }
    }

    private static final class Transaction {
        private final Deque<Runnable> undo = new ArrayDeque<>();
        private final List<Runnable> afterCommit = new ArrayList<>();

        void rollback() {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
        }
    }
}
