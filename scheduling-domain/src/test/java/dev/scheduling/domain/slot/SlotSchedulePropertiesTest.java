package dev.scheduling.domain.slot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.OpeningInterval;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of slot generation for random opening intervals, durations and slot intervals. */
@Label("SlotSchedule properties")
class SlotSchedulePropertiesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** A Wednesday on which Berlin changes no clock. */
    private static final LocalDate ORDINARY_DATE = LocalDate.of(2026, 6, 10);

    private static LocalTime clock(int minuteOfDay) {
        return LocalTime.of(minuteOfDay / 60, minuteOfDay % 60);
    }

    private static int minuteOf(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }

    private static SlotSchedule schedule(ZoneId zone, LocalDate date, OpeningInterval interval, int duration,
                                         int every) {
        Unit unit = Unit.create(new UnitId("u1"), "Centro", zone,
                WeeklyOpeningHours.of(Map.of(date.getDayOfWeek(), List.of(interval))), Set.of());
        BookableService service = new BookableService(new ServiceId("s1"), unit.id(), "Consulta", duration, 1, every,
                0, BookableService.DEFAULT_BOOKING_WINDOW_DAYS, true);
        return new SlotSchedule(unit, service);
    }

    @Provide
    Arbitrary<OpeningInterval> intervalsOfTheDay() {
        return Arbitraries.integers().between(0, 1438).flatMap(start ->
                Arbitraries.integers().between(start + 1, 1439)
                        .map(end -> new OpeningInterval(clock(start), clock(end))));
    }

    @Property(tries = 500)
    @Label("on an ordinary date, slots fit their interval, start on its grid, strictly increase, and none is missing")
    void ordinaryDate(@ForAll("intervalsOfTheDay") OpeningInterval interval,
                      @ForAll @IntRange(min = 5, max = 180) int duration,
                      @ForAll @IntRange(min = 5, max = 180) int every) {
        List<Slot> slots = schedule(BERLIN, ORDINARY_DATE, interval, duration, every).slotsOn(ORDINARY_DATE);

        int open = interval.startMinuteOfDay();
        int close = interval.endMinuteOfDay();
        for (Slot slot : slots) {
            int start = minuteOf(slot.startTime());
            assertThat(slot.date()).isEqualTo(ORDINARY_DATE);
            assertThat(start).as("start inside the interval").isBetween(open, close - 1);
            assertThat(start + duration).as("end inside the interval").isLessThanOrEqualTo(close);
            assertThat((start - open) % every).as("start on the grid").isZero();
            assertThat(minuteOf(slot.endTime())).isEqualTo(start + duration);
            assertThat(Duration.between(slot.start(), slot.end())).isEqualTo(Duration.ofMinutes(duration));
            assertThat(slot.start()).isEqualTo(ORDINARY_DATE.atTime(slot.startTime()).atZone(BERLIN).toInstant());
        }
        for (int i = 1; i < slots.size(); i++) {
            assertThat(slots.get(i).start()).as("strictly increasing").isAfter(slots.get(i - 1).start());
        }
        assertThat(slots).extracting(Slot::startTime).doesNotHaveDuplicates();
        int expected = close - open < duration ? 0 : (close - open - duration) / every + 1;
        assertThat(slots).as("every start on the grid that fits").hasSize(expected);
    }

    /** A date with a clock change and the stretch of the day (minutes) around it where intervals are drawn. */
    record ChangeDay(ZoneId zone, LocalDate date, int fromMinute, int toMinute) {
    }

    record Scenario(ChangeDay day, OpeningInterval interval) {
    }

    @Provide
    Arbitrary<Scenario> intervalsAroundAClockChange() {
        Arbitrary<ChangeDay> days = Arbitraries.of(
                new ChangeDay(BERLIN, LocalDate.of(2026, 3, 29), 0, 420),
                new ChangeDay(BERLIN, LocalDate.of(2026, 10, 25), 0, 420),
                new ChangeDay(ZoneId.of("America/New_York"), LocalDate.of(2026, 3, 8), 0, 420),
                new ChangeDay(ZoneId.of("America/New_York"), LocalDate.of(2026, 11, 1), 0, 420),
                new ChangeDay(ZoneId.of("Australia/Lord_Howe"), LocalDate.of(2026, 4, 5), 0, 420),
                new ChangeDay(ZoneId.of("Australia/Lord_Howe"), LocalDate.of(2026, 10, 4), 0, 420),
                new ChangeDay(ZoneId.of("America/Santiago"), LocalDate.of(2026, 9, 6), 0, 420),
                new ChangeDay(ZoneId.of("America/Santiago"), LocalDate.of(2026, 4, 4), 1080, 1439));
        return days.flatMap(day -> Arbitraries.integers().between(day.fromMinute(), day.toMinute() - 1)
                .flatMap(start -> Arbitraries.integers().between(start + 1, day.toMinute())
                        .map(end -> new Scenario(day, new OpeningInterval(clock(start), clock(end))))));
    }

    /**
     * For each minute of the day, the first instant at which the wall clock shows that time or later: a
     * brute-force walk over the real minutes of the day, independent of the code under test.
     */
    private static Instant[] firstReached(ZoneId zone, LocalDate date) {
        Instant[] reached = new Instant[24 * 60];
        Instant instant = date.atStartOfDay(zone).toInstant();
        int next = 0;
        while (next < reached.length) {
            LocalDateTime wall = LocalDateTime.ofInstant(instant, zone);
            while (next < reached.length && !wall.isBefore(date.atTime(clock(next)))) {
                reached[next++] = instant;
            }
            instant = instant.plusSeconds(60);
        }
        return reached;
    }

    @Property(tries = 500)
    @Label("around a clock change, slots are exactly the existing grid starts (first occurrence) that end by closing")
    void aroundAClockChange(@ForAll("intervalsAroundAClockChange") Scenario scenario,
                            @ForAll @IntRange(min = 5, max = 180) int duration,
                            @ForAll @IntRange(min = 5, max = 180) int every) {
        ZoneId zone = scenario.day().zone();
        LocalDate date = scenario.day().date();
        OpeningInterval interval = scenario.interval();
        Instant[] reached = firstReached(zone, date);
        Instant closing = reached[interval.endMinuteOfDay()];

        List<String> expected = new ArrayList<>();
        for (int minute = interval.startMinuteOfDay(); minute < interval.endMinuteOfDay(); minute += every) {
            boolean exists = !zone.getRules().getValidOffsets(date.atTime(clock(minute))).isEmpty();
            Instant start = reached[minute];
            Instant end = start.plus(Duration.ofMinutes(duration));
            if (exists && !end.isAfter(closing)) {
                expected.add(clock(minute) + "-" + LocalTime.ofInstant(end, zone) + " " + start + ".." + end);
            }
        }

        List<Slot> slots = schedule(zone, date, interval, duration, every).slotsOn(date);

        assertThat(slots)
                .extracting(slot -> slot.startTime() + "-" + slot.endTime() + " " + slot.start() + ".." + slot.end())
                .containsExactlyElementsOf(expected);
        assertThat(slots).extracting(Slot::startTime).doesNotHaveDuplicates();
        assertThat(slots).extracting(Slot::start).isSorted();
    }
}
