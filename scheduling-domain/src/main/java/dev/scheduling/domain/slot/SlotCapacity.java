package dev.scheduling.domain.slot;

/**
 * A slot's capacity as clients see it. {@code used} may exceed {@code total} only after the service's
 * capacity was lowered below what was already held; such a slot takes nothing new until it drains.
 */
public record SlotCapacity(int total, int used) {
    public SlotCapacity {
        if (total < 0 || used < 0) {
            throw new IllegalArgumentException("capacity cannot be negative: total=" + total + ", used=" + used);
        }
    }

    public boolean isAvailable() {
        return used < total;
    }

    /** Whether {@code quantity} more clients fit without exceeding the total. */
    public boolean canTake(int quantity) {
        return quantity > 0 && (long) used + quantity <= total;
    }
}
