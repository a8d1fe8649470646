package dev.scheduling.domain.catalog;

import dev.scheduling.domain.Violations;
import java.util.Objects;

/**
 * A service a unit offers: how long it takes, how many clients it serves in parallel, and on which
 * grid its slots start. Duration and slot interval are fixed once created; the rest may change.
 *
 * @param capacity            clients served in parallel at any instant (1 for a single professional)
 * @param slotIntervalMinutes minutes between two slot starts; shorter than the duration, slots overlap
 * @param minNoticeMinutes    a slot must start at least this long after now to be offered or locked
 * @param bookingWindowDays   a slot dated more than this many days after today (unit time) is not offered
 */
public record BookableService(ServiceId id, UnitId unitId, String name, int durationMinutes, int capacity,
                              int slotIntervalMinutes, int minNoticeMinutes, int bookingWindowDays,
                              boolean active) {

    public static final int MAX_DURATION_MINUTES = 24 * 60;
    public static final int MAX_CAPACITY = 10_000;
    public static final int MAX_MIN_NOTICE_MINUTES = 366 * 24 * 60;
    public static final int MAX_BOOKING_WINDOW_DAYS = 3660;
    public static final int DEFAULT_BOOKING_WINDOW_DAYS = 90;

    public BookableService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(unitId, "unitId");
        new Violations()
                .check(Unit.validName(name), "name", "must be 1 to " + Unit.MAX_NAME_LENGTH + " characters, not blank")
                .check(between(durationMinutes, 1, MAX_DURATION_MINUTES), "durationMinutes",
                        "must be between 1 and " + MAX_DURATION_MINUTES)
                .check(between(capacity, 1, MAX_CAPACITY), "capacity", "must be between 1 and " + MAX_CAPACITY)
                .check(between(slotIntervalMinutes, 1, MAX_DURATION_MINUTES), "slotIntervalMinutes",
                        "must be between 1 and " + MAX_DURATION_MINUTES)
                .check(between(minNoticeMinutes, 0, MAX_MIN_NOTICE_MINUTES), "minNoticeMinutes",
                        "must be between 0 and " + MAX_MIN_NOTICE_MINUTES)
                .check(between(bookingWindowDays, 0, MAX_BOOKING_WINDOW_DAYS), "bookingWindowDays",
                        "must be between 0 and " + MAX_BOOKING_WINDOW_DAYS)
                .throwIfAny();
    }

    public BookableService withName(String newName) {
        return new BookableService(id, unitId, newName, durationMinutes, capacity, slotIntervalMinutes,
                minNoticeMinutes, bookingWindowDays, active);
    }

    /** A lower capacity never cancels what is already held: over-full slots simply drain. */
    public BookableService withCapacity(int newCapacity) {
        return new BookableService(id, unitId, name, durationMinutes, newCapacity, slotIntervalMinutes,
                minNoticeMinutes, bookingWindowDays, active);
    }

    public BookableService withMinNoticeMinutes(int newMinNotice) {
        return new BookableService(id, unitId, name, durationMinutes, capacity, slotIntervalMinutes,
                newMinNotice, bookingWindowDays, active);
    }

    public BookableService withBookingWindowDays(int newWindow) {
        return new BookableService(id, unitId, name, durationMinutes, capacity, slotIntervalMinutes,
                minNoticeMinutes, newWindow, active);
    }

    public BookableService withActive(boolean newActive) {
        return new BookableService(id, unitId, name, durationMinutes, capacity, slotIntervalMinutes,
                minNoticeMinutes, bookingWindowDays, newActive);
    }

    private static boolean between(int value, int min, int max) {
        return value >= min && value <= max;
    }
}
