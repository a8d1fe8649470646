package dev.scheduling.application.port.out;

import java.time.Instant;
import java.util.UUID;

/**
 * The events each consumer has handled, by {@code eventId}: the inbox that turns at-least-once
 * delivery into exactly-once effects. A consumer records the event in the unit of work of its effect,
 * so the record commits or rolls back with it; a redelivered event finds its record and is skipped.
 */
public interface Inbox {

    /**
     * Records that {@code consumer} handles {@code eventId}; false when a committed record says it already
     * has. While another unit of work holds an uncommitted record of the same event, this call waits for
     * it: true if that one rolls back, false if it commits. So two deliveries of one event racing on two
     * workers have one effect between them.
     */
    boolean record(String consumer, UUID eventId, Instant handledAt);

    /** Forgets records older than {@code cutoff}; returns how many. For housekeeping. */
    int purgeHandledBefore(Instant cutoff);
}
