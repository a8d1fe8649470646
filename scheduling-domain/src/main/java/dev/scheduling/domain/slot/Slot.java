package dev.scheduling.domain.slot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One bookable time of a service at a unit: its local date and times as clients see them, and the
 * instants they stand for (which differ from the wall clock across a daylight-saving change).
 */
public record Slot(LocalDate date, LocalTime startTime, LocalTime endTime, Instant start, Instant end) {
    public Slot {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a slot must end after it starts");
        }
    }

    /** The minutes of capacity this slot spans. */
    public MinuteRange minutes() {
        return new MinuteRange(Math.floorDiv(start.getEpochSecond(), 60), -Math.floorDiv(-end.getEpochSecond(), 60));
    }

    public boolean hasStartedAt(Instant now) {
        return !now.isBefore(start);
    }
}
