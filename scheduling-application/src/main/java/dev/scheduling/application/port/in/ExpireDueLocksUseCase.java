package dev.scheduling.application.port.in;

/**
 * The sweeper's work: every lock whose time has run out is marked {@code EXPIRED}, gives its capacity
 * back and announces {@code slot.released} with reason {@code expired}, exactly once, however many
 * sweepers run.
 */
public interface ExpireDueLocksUseCase {

    /** Returns how many locks this call expired. */
    int expireDueLocks();
}
