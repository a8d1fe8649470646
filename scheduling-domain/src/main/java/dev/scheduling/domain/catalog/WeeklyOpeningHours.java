package dev.scheduling.domain.catalog;

import dev.scheduling.domain.Violations;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The opening intervals of each day of the week, sorted and never overlapping. A day that has no
 * interval is closed.
 */
public final class WeeklyOpeningHours {
    private final Map<DayOfWeek, List<OpeningInterval>> byDay;

    private WeeklyOpeningHours(Map<DayOfWeek, List<OpeningInterval>> byDay) {
        this.byDay = byDay;
    }

    /**
     * Checks and normalises the intervals of each day; field names in violations follow the API
     * ({@code openingHours.MONDAY[1]}).
     */
    public static WeeklyOpeningHours of(Map<DayOfWeek, List<OpeningInterval>> intervals) {
        Map<DayOfWeek, List<OpeningInterval>> byDay = new EnumMap<>(DayOfWeek.class);
        Violations violations = new Violations();
        intervals.forEach((day, given) -> {
            List<OpeningInterval> sorted = new ArrayList<>(given);
            sorted.sort(Comparator.comparing(OpeningInterval::start));
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                    violations.add("openingHours." + day, "intervals overlap: " + describe(sorted.get(i - 1))
                            + " and " + describe(sorted.get(i)));
                }
            }
            if (!sorted.isEmpty()) {
                byDay.put(day, List.copyOf(sorted));
            }
        });
        violations.throwIfAny();
        return new WeeklyOpeningHours(Collections.unmodifiableMap(byDay));
    }

    public static WeeklyOpeningHours closed() {
        return new WeeklyOpeningHours(Map.of());
    }

    /** The intervals of that weekday, sorted by start; empty when closed. */
    public List<OpeningInterval> on(DayOfWeek day) {
        return byDay.getOrDefault(day, List.of());
    }

    /** Every open day with its intervals, in weekday order. */
    public Map<DayOfWeek, List<OpeningInterval>> asMap() {
        return byDay;
    }

    private static String describe(OpeningInterval interval) {
        return interval.start() + "-" + interval.end();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WeeklyOpeningHours hours && hours.byDay.equals(byDay);
    }

    @Override
    public int hashCode() {
        return byDay.hashCode();
    }

    @Override
    public String toString() {
        return byDay.toString();
    }
}
