package dev.scheduling.domain.slot;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.OpeningInterval;
import dev.scheduling.domain.catalog.Unit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The slots of one service at one unit. For each opening interval of a date (none on a closed date),
 * slots start at the interval's start and every slot interval after it, as long as start + duration
 * fits inside the interval.
 *
 * <p>Time zones: starts are stepped on the local wall clock. A local start that does not exist (the
 * gap of a spring-forward change) yields no slot. A local start that exists twice (the overlap of a
 * fall-back change) yields one slot, at the earlier offset, so no local time is ever offered twice.
 * The duration is elapsed time: a slot that spans a change ends at start + duration on the real
 * clock, and its local end time is what the wall clock shows then.
 */
public final class SlotSchedule {
    private final Unit unit;
    private final BookableService service;

    public SlotSchedule(Unit unit, BookableService service) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.service = Objects.requireNonNull(service, "service");
        if (!service.unitId().equals(unit.id())) {
            throw new IllegalArgumentException("service " + service.id() + " does not belong to unit " + unit.id());
        }
    }

    /** Every slot of the date, ordered by start, whether or not it is still offered. */
    public List<Slot> slotsOn(LocalDate date) {
        ZoneId zone = unit.timeZone();
        Duration duration = Duration.ofMinutes(service.durationMinutes());
        List<Slot> slots = new ArrayList<>();
        for (OpeningInterval interval : unit.openingIntervalsOn(date)) {
            Instant intervalEnd = closingInstant(date, interval.end(), zone);
            for (int minute = interval.startMinuteOfDay(); minute < interval.endMinuteOfDay();
                 minute += service.slotIntervalMinutes()) {
                LocalTime startTime = LocalTime.of(minute / 60, minute % 60);
                Optional<Instant> start = existingInstant(date, startTime, zone);
                if (start.isEmpty()) {
                    continue;
                }
                Instant end = start.get().plus(duration);
                if (end.isAfter(intervalEnd)) {
                    continue;
                }
                slots.add(new Slot(date, startTime, LocalTime.ofInstant(end, zone), start.get(), end));
            }
        }
        return slots;
    }

    /** The slot of that date that starts at that local time, if there is one (offered or not). */
    public Optional<Slot> slotAt(LocalDate date, LocalTime startTime) {
        return slotsOn(date).stream().filter(slot -> slot.startTime().equals(startTime)).findFirst();
    }

    /**
     * Whether a client may see and lock the slot now: the service is active, the slot has not started,
     * starts at least the minimum notice from now, and lies within the booking window.
     */
    public boolean isOffered(Slot slot, Instant now) {
        return offeredAt(now).test(slot);
    }

    /** The offered slots of the dates from {@code from} to {@code to}, inclusive, ordered by date and start. */
    public List<Slot> offeredSlots(LocalDate from, LocalDate to, Instant now) {
        Offered offeredNow = offeredAt(now);
        List<Slot> offered = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            for (Slot slot : slotsOn(date)) {
                if (offeredNow.test(slot)) {
                    offered.add(slot);
                }
            }
        }
        return offered;
    }

    /** The test of {@link #isOffered} at one instant, with its bounds computed once for every slot. */
    private Offered offeredAt(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, unit.timeZone());
        return new Offered(service.active(), now, now.plus(Duration.ofMinutes(service.minNoticeMinutes())),
                today.plusDays(service.bookingWindowDays()));
    }

    private record Offered(boolean active, Instant now, Instant earliestStart, LocalDate lastDate) {
        boolean test(Slot slot) {
            return active && !slot.hasStartedAt(now) && !slot.start().isBefore(earliestStart)
                    && !slot.date().isAfter(lastDate);
        }
    }

    /**
     * When the wall clock first reaches the closing time: in a gap, the instant of the jump past it (not
     * the gap-shifted time, which would let a slot run on after closing); in an overlap, the first of the
     * two instants, as for starts.
     */
    private static Instant closingInstant(LocalDate date, LocalTime end, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(date, end);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.of(local, zone).toInstant();
    }

    /** Empty in a gap; in an overlap, the earlier of the two instants (the offset before the change). */
    private static Optional<Instant> existingInstant(LocalDate date, LocalTime time, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(date, time);
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ZonedDateTime.of(local, zone).toInstant());
    }
}
