package dev.scheduling.domain.catalog;

import dev.scheduling.domain.InvalidInputException;
import java.time.LocalTime;
import java.util.Objects;

/** A stretch of a day during which a unit is open, in the unit's local time; the end is exclusive. */
public record OpeningInterval(LocalTime start, LocalTime end) {
    public OpeningInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw InvalidInputException.of("end", "must be after start");
        }
        if (start.getSecond() != 0 || start.getNano() != 0) {
            throw InvalidInputException.of("start", "opening hours are whole minutes");
        }
        if (end.getSecond() != 0 || end.getNano() != 0) {
            throw InvalidInputException.of("end", "opening hours are whole minutes");
        }
    }

    public int startMinuteOfDay() {
        return start.getHour() * 60 + start.getMinute();
    }

    public int endMinuteOfDay() {
        return end.getHour() * 60 + end.getMinute();
    }

    boolean overlaps(OpeningInterval other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
