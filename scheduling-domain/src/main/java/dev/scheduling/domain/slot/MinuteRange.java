package dev.scheduling.domain.slot;

/**
 * A half-open range of whole UTC minutes, counted from the epoch. Capacity is kept per minute so
 * that overlapping slots share it exactly: a hold takes every minute of its own range.
 */
public record MinuteRange(long first, long endExclusive) {
    public MinuteRange {
        if (endExclusive <= first) {
            throw new IllegalArgumentException("a minute range cannot be empty: " + first + ".." + endExclusive);
        }
    }

    public long length() {
        return endExclusive - first;
    }

    public boolean overlaps(MinuteRange other) {
        return first < other.endExclusive && other.first < endExclusive;
    }
}
