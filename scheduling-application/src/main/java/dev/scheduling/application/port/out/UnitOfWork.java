package dev.scheduling.application.port.out;

import java.util.function.Supplier;

/**
 * One transaction per command: every change made through the driven ports inside {@code work}, and
 * every event published there, takes effect together or not at all. A call inside another joins it.
 */
public interface UnitOfWork {

    /** Runs {@code work} in a transaction; commits when it returns, rolls back when it throws. */
    <T> T execute(Supplier<T> work);

    /**
     * Runs {@code work} inside the current unit of work such that, if it throws, what it changed and
     * published is undone while the enclosing unit of work goes on (a savepoint); outside a unit of work,
     * the same as {@link #execute}.
     */
    <T> T executeNested(Supplier<T> work);
}
