package dev.scheduling.domain.lock;

/** Where a lock is in its life: held, then released by its client, run out, or turned into an appointment. */
public enum LockStatus {
    LOCKED,
    RELEASED,
    EXPIRED,
    CONVERTED
}
