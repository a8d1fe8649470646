package dev.scheduling.domain.catalog;

import dev.scheduling.domain.Violations;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A place where services are delivered: a branch, clinic or salon. It lives in one IANA time zone,
 * fixed for its lifetime, since every date and time of its slots is local to it.
 */
public record Unit(UnitId id, String name, ZoneId timeZone, WeeklyOpeningHours openingHours,
                   NavigableSet<LocalDate> closedDates) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_CLOSED_DATES = 3660;
    /** Read once: the JDK builds a new set on every call, and units are rebuilt on every read from a store. */
    private static final Set<String> IANA_REGIONS = Set.copyOf(ZoneId.getAvailableZoneIds());

    public Unit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(openingHours, "openingHours");
        Objects.requireNonNull(closedDates, "closedDates");
        new Violations()
                .check(validName(name), "name", "must be 1 to " + MAX_NAME_LENGTH + " characters, not blank")
                .check(isIanaRegion(timeZone), "timeZone", "must be an IANA time zone such as Europe/Lisbon")
                .check(closedDates.size() <= MAX_CLOSED_DATES, "closedDates", "at most " + MAX_CLOSED_DATES + " dates")
                .throwIfAny();
        closedDates = Collections.unmodifiableNavigableSet(new TreeSet<>(closedDates));
    }

    public static Unit create(UnitId id, String name, ZoneId timeZone, WeeklyOpeningHours openingHours,
                              Set<LocalDate> closedDates) {
        return new Unit(id, name, timeZone, openingHours, new TreeSet<>(closedDates));
    }

    public boolean isClosedOn(LocalDate date) {
        return closedDates.contains(date);
    }

    /** The opening intervals of that date: none on a closed date. */
    public List<OpeningInterval> openingIntervalsOn(LocalDate date) {
        return isClosedOn(date) ? List.of() : openingHours.on(date.getDayOfWeek());
    }

    public Unit withName(String newName) {
        return new Unit(id, newName, timeZone, openingHours, closedDates);
    }

    public Unit withOpeningHours(WeeklyOpeningHours newHours) {
        return new Unit(id, name, timeZone, newHours, closedDates);
    }

    public Unit withClosedDates(Set<LocalDate> newClosedDates) {
        return new Unit(id, name, timeZone, openingHours, new TreeSet<>(newClosedDates));
    }

    static boolean validName(String name) {
        return name != null && !name.isBlank() && name.length() <= MAX_NAME_LENGTH;
    }

    /** Region ids only: a fixed offset such as {@code +03:00} has no daylight-saving rules to follow. */
    private static boolean isIanaRegion(ZoneId zone) {
        return IANA_REGIONS.contains(zone.getId());
    }
}
