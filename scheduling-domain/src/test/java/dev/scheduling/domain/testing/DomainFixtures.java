package dev.scheduling.domain.testing;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.OpeningInterval;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.Slot;
import dev.scheduling.domain.slot.SlotSchedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Test-data builders for the domain, so that tests read as scenarios. */
public final class DomainFixtures {
    public static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private DomainFixtures() {
    }

    public static LocalTime time(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    public static LocalDate date(String isoDate) {
        return LocalDate.parse(isoDate);
    }

    public static Instant instant(String iso) {
        return Instant.parse(iso);
    }

    /** {@code "09:00-12:00"} as an opening interval. */
    public static OpeningInterval interval(String text) {
        String[] bounds = text.split("-");
        return new OpeningInterval(time(bounds[0]), time(bounds[1]));
    }

    public static List<OpeningInterval> intervals(String... texts) {
        return Arrays.stream(texts).map(DomainFixtures::interval).toList();
    }

    /** Open only on the given day, in the given intervals. */
    public static WeeklyOpeningHours only(DayOfWeek day, String... intervals) {
        return WeeklyOpeningHours.of(Map.of(day, intervals(intervals)));
    }

    /** The local times of the slots, as {@code "HH:mm-HH:mm"}, for compact assertions. */
    public static List<String> times(List<Slot> slots) {
        return slots.stream().map(slot -> slot.startTime() + "-" + slot.endTime()).toList();
    }

    /** A slot of {@code minutes} starting at that local time in that zone (no DST change involved). */
    public static Slot slot(String isoDate, String startTime, int minutes, ZoneId zone) {
        LocalDate date = date(isoDate);
        ZonedDateTime start = ZonedDateTime.of(date, time(startTime), zone);
        ZonedDateTime end = start.plusMinutes(minutes);
        return new Slot(date, start.toLocalTime(), end.toLocalTime(), start.toInstant(), end.toInstant());
    }

    /** A well-formed token whose text is {@code seed} repeated up to 22 URL-safe characters. */
    public static ReservationToken token(String seed) {
        StringBuilder text = new StringBuilder();
        while (text.length() < 22) {
            text.append(seed);
        }
        return new ReservationToken(text.substring(0, 22));
    }

    public static SlotLock lockOn(Slot slot, int quantity, Instant now, Duration ttl) {
        return SlotLock.place(token("tok"), new UnitId("u1"), new ServiceId("s1"), slot, quantity, now, ttl);
    }

    public static SlotSchedule schedule(Unit unit, BookableService service) {
        return new SlotSchedule(unit, service);
    }
}
