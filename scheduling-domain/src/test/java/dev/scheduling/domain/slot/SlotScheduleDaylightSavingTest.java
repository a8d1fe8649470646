package dev.scheduling.domain.slot;

import static dev.scheduling.domain.testing.DomainFixtures.BERLIN;
import static dev.scheduling.domain.testing.DomainFixtures.NEW_YORK;
import static dev.scheduling.domain.testing.CatalogFixtures.aServiceOf;
import static dev.scheduling.domain.testing.CatalogFixtures.aUnit;
import static dev.scheduling.domain.testing.DomainFixtures.date;
import static dev.scheduling.domain.testing.DomainFixtures.instant;
import static dev.scheduling.domain.testing.DomainFixtures.schedule;
import static dev.scheduling.domain.testing.DomainFixtures.time;
import static dev.scheduling.domain.testing.DomainFixtures.times;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Slots across daylight-saving changes of 2026. Starts are stepped on the wall clock: a local start in a
 * spring-forward gap yields no slot, a local start that exists twice (fall-back) yields one slot at the
 * earlier offset, and durations are elapsed time.
 */
@DisplayName("SlotSchedule across daylight-saving changes")
class SlotScheduleDaylightSavingTest {

    private static SlotSchedule openAllNight(ZoneId zone, String hours, int duration, int every) {
        Unit unit = aUnit().in(zone).openEveryDay(hours).build();
        BookableService service = aServiceOf(unit).lasting(duration).every(every).build();
        return schedule(unit, service);
    }

    private static Slot slotStartingAt(List<Slot> slots, String startTime) {
        return slots.stream().filter(slot -> slot.startTime().equals(time(startTime))).findFirst()
                .orElseThrow(() -> new AssertionError("no slot starts at " + startTime + " in " + times(slots)));
    }

    @Nested
    @DisplayName("Europe/Berlin, spring forward on 2026-03-29 (02:00 -> 03:00)")
    class BerlinSpringForward {
        private final LocalDate day = date("2026-03-29");

        @Test
        @DisplayName("local starts in the gap (02:00, 02:30) yield no slot")
        void noSlotInTheGap() {
            List<Slot> slots = openAllNight(BERLIN, "00:00-06:00", 30, 30).slotsOn(day);

            assertThat(slots).extracting(Slot::startTime).containsExactly(
                    time("00:00"), time("00:30"), time("01:00"), time("01:30"),
                    time("03:00"), time("03:30"), time("04:00"), time("04:30"), time("05:00"), time("05:30"));
        }

        @Test
        @DisplayName("the slots before and after the gap are half an hour apart in real time")
        void startsAroundTheGap() {
            List<Slot> slots = openAllNight(BERLIN, "00:00-06:00", 30, 30).slotsOn(day);

            assertThat(slotStartingAt(slots, "01:30").start()).isEqualTo(instant("2026-03-29T00:30:00Z"));
            assertThat(slotStartingAt(slots, "01:30").endTime()).isEqualTo(time("03:00"));
            assertThat(slotStartingAt(slots, "03:00").start()).isEqualTo(instant("2026-03-29T01:00:00Z"));
        }

        @Test
        @DisplayName("a 60-minute slot starting 01:30 ends at local 03:30, one elapsed hour later")
        void slotAcrossTheGapEndsOnTheNewClock() {
            List<Slot> slots = openAllNight(BERLIN, "00:00-06:00", 60, 30).slotsOn(day);

            Slot slot = slotStartingAt(slots, "01:30");
            assertThat(slot.endTime()).isEqualTo(time("03:30"));
            assertThat(slot.start()).isEqualTo(instant("2026-03-29T00:30:00Z"));
            assertThat(slot.end()).isEqualTo(instant("2026-03-29T01:30:00Z"));
            assertThat(times(slots)).containsExactly("00:00-01:00", "00:30-01:30", "01:00-03:00", "01:30-03:30",
                    "03:00-04:00", "03:30-04:30", "04:00-05:00", "04:30-05:30", "05:00-06:00");
        }

        @Test
        @DisplayName("an interval that opens in the gap starts its slots at the first local time that exists")
        void intervalOpeningInTheGap() {
            List<Slot> slots = openAllNight(BERLIN, "02:30-05:00", 30, 30).slotsOn(day);

            assertThat(slots).first().satisfies(slot -> {
                assertThat(slot.startTime()).isEqualTo(time("03:00"));
                assertThat(slot.start()).isEqualTo(instant("2026-03-29T01:00:00Z"));
            });
            assertThat(slots).hasSize(4);
        }

        @Test
        @DisplayName("an interval that closes in the gap closes when the clock jumps past its end, not an hour later")
        void intervalClosingInTheGap() {
            // Open 00:00-02:30: the wall clock passes 02:30 at the jump (01:59 CET -> 03:00 CEST, 01:00 UTC).
            // A slot 01:30 CET + 60 minutes would run until 03:30 CEST, an hour after closing time.
            List<Slot> slots = openAllNight(BERLIN, "00:00-02:30", 60, 30).slotsOn(day);

            assertThat(times(slots)).containsExactly("00:00-01:00", "00:30-01:30", "01:00-03:00");
            assertThat(slots).allSatisfy(slot ->
                    assertThat(slot.end()).isBeforeOrEqualTo(instant("2026-03-29T01:00:00Z")));
        }
    }

    @Nested
    @DisplayName("Europe/Berlin, fall back on 2026-10-25 (03:00 -> 02:00)")
    class BerlinFallBack {
        private final LocalDate day = date("2026-10-25");

        @Test
        @DisplayName("each local start of the repeated hour appears once")
        void repeatedHourOnce() {
            List<Slot> slots = openAllNight(BERLIN, "00:00-06:00", 30, 30).slotsOn(day);

            assertThat(slots).extracting(Slot::startTime).containsExactly(
                    time("00:00"), time("00:30"), time("01:00"), time("01:30"), time("02:00"), time("02:30"),
                    time("03:00"), time("03:30"), time("04:00"), time("04:30"), time("05:00"), time("05:30"));
        }

        @Test
        @DisplayName("the repeated local starts take the first occurrence, at the summer offset +02:00")
        void firstOccurrence() {
            List<Slot> slots = openAllNight(BERLIN, "00:00-06:00", 30, 30).slotsOn(day);

            assertThat(slotStartingAt(slots, "02:00").start()).isEqualTo(instant("2026-10-25T00:00:00Z"));
            assertThat(slotStartingAt(slots, "02:30").start()).isEqualTo(instant("2026-10-25T00:30:00Z"));
            assertThat(slotStartingAt(slots, "02:30").end()).isEqualTo(instant("2026-10-25T01:00:00Z"));
            assertThat(slotStartingAt(slots, "02:30").endTime()).isEqualTo(time("02:00"));
            assertThat(slotStartingAt(slots, "03:00").start()).isEqualTo(instant("2026-10-25T02:00:00Z"));
            assertThat(slots).noneMatch(slot -> !slot.start().isBefore(instant("2026-10-25T01:00:00Z"))
                    && slot.start().isBefore(instant("2026-10-25T02:00:00Z")));
        }

        @Test
        @DisplayName("a 60-minute slot starting 02:00 ends an elapsed hour later, when the clock shows 02:00 again")
        void slotAcrossTheChange() {
            List<Slot> slots = openAllNight(BERLIN, "00:00-06:00", 60, 60).slotsOn(day);

            Slot slot = slotStartingAt(slots, "02:00");
            assertThat(slot.endTime()).isEqualTo(time("02:00"));
            assertThat(Duration.between(slot.start(), slot.end())).isEqualTo(Duration.ofHours(1));
            assertThat(slotStartingAt(slots, "03:00").start()).isEqualTo(instant("2026-10-25T02:00:00Z"));
        }

        @Test
        @DisplayName("an interval that closes in the repeated hour closes at its first occurrence")
        void intervalClosingInTheRepeatedHour() {
            List<Slot> slots = openAllNight(BERLIN, "00:00-02:30", 60, 30).slotsOn(day);

            assertThat(times(slots)).containsExactly("00:00-01:00", "00:30-01:30", "01:00-02:00", "01:30-02:30");
        }
    }

    @Nested
    @DisplayName("America/New_York, spring forward on 2026-03-08 (02:00 -> 03:00)")
    class NewYorkSpringForward {
        private final LocalDate day = date("2026-03-08");

        @Test
        @DisplayName("no slot at 02:00 or 02:30; 01:30 EST and 03:00 EDT are 30 real minutes apart")
        void noSlotInTheGap() {
            List<Slot> slots = openAllNight(NEW_YORK, "00:00-06:00", 30, 30).slotsOn(day);

            assertThat(slots).extracting(Slot::startTime).doesNotContain(time("02:00"), time("02:30")).hasSize(10);
            assertThat(slotStartingAt(slots, "01:30").start()).isEqualTo(instant("2026-03-08T06:30:00Z"));
            assertThat(slotStartingAt(slots, "03:00").start()).isEqualTo(instant("2026-03-08T07:00:00Z"));
        }

        @Test
        @DisplayName("a 60-minute slot starting 01:30 ends at local 03:30")
        void slotAcrossTheGap() {
            Slot slot = slotStartingAt(openAllNight(NEW_YORK, "00:00-06:00", 60, 30).slotsOn(day), "01:30");

            assertThat(slot.endTime()).isEqualTo(time("03:30"));
            assertThat(slot.end()).isEqualTo(instant("2026-03-08T07:30:00Z"));
        }
    }

    @Nested
    @DisplayName("America/New_York, fall back on 2026-11-01 (02:00 -> 01:00)")
    class NewYorkFallBack {
        private final LocalDate day = date("2026-11-01");

        @Test
        @DisplayName("01:00 and 01:30 appear once, at the daylight offset -04:00")
        void repeatedHourOnceAtFirstOccurrence() {
            List<Slot> slots = openAllNight(NEW_YORK, "00:00-06:00", 30, 30).slotsOn(day);

            assertThat(slots).hasSize(12);
            assertThat(slotStartingAt(slots, "01:00").start()).isEqualTo(instant("2026-11-01T05:00:00Z"));
            assertThat(slotStartingAt(slots, "01:30").start()).isEqualTo(instant("2026-11-01T05:30:00Z"));
            assertThat(slotStartingAt(slots, "01:30").endTime()).isEqualTo(time("01:00"));
            assertThat(slotStartingAt(slots, "02:00").start()).isEqualTo(instant("2026-11-01T07:00:00Z"));
        }
    }

    static Stream<Arguments> zonesAndServices() {
        return Stream.of(
                Arguments.of(BERLIN, 15, 15),
                Arguments.of(BERLIN, 60, 20),
                Arguments.of(NEW_YORK, 30, 30),
                Arguments.of(NEW_YORK, 90, 45),
                Arguments.of(ZoneId.of("Australia/Lord_Howe"), 30, 15),
                Arguments.of(ZoneId.of("America/Santiago"), 60, 30));
    }

    @ParameterizedTest(name = "{0}: {1}-minute slots every {2} minutes")
    @MethodSource("zonesAndServices")
    @DisplayName("on every date of 2026: no duplicate start time, sorted by start, each start the first occurrence")
    void everyDateOfTheYear(ZoneId zone, int duration, int every) {
        SlotSchedule schedule = openAllNight(zone, "00:00-23:59", duration, every);

        for (LocalDate day = date("2026-01-01"); day.getYear() == 2026; day = day.plusDays(1)) {
            List<Slot> slots = schedule.slotsOn(day);

            assertThat(slots).as("slots of %s", day).isNotEmpty();
            assertThat(slots).extracting(Slot::startTime).as("start times of %s", day).doesNotHaveDuplicates();
            assertThat(slots).extracting(Slot::start).as("starts of %s", day).isSorted().doesNotHaveDuplicates();
            for (Slot slot : slots) {
                assertThat(slot.date()).isEqualTo(day);
                assertThat(slot.start()).as("start of %s %s", day, slot.startTime())
                        .isEqualTo(firstInstantShowing(day, slot.startTime(), zone).orElseThrow());
                assertThat(Duration.between(slot.start(), slot.end())).isEqualTo(Duration.ofMinutes(duration));
                assertThat(slot.endTime()).isEqualTo(LocalTime.ofInstant(slot.end(), zone));
            }
        }
    }

    /** The earliest instant at which the wall clock shows that local time; empty when it never does. */
    private static Optional<Instant> firstInstantShowing(LocalDate day, LocalTime time, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(day, time);
        return zone.getRules().getValidOffsets(local).stream()
                .map(offset -> local.toInstant(offset))
                .min(Instant::compareTo);
    }

    @Test
    @DisplayName("a zone without DST keeps every local start: São Paulo has no gap in 2026")
    void zoneWithoutDaylightSaving() {
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        Unit unit = aUnit().in(saoPaulo).openEveryDay("00:00-06:00").build();
        BookableService service = aServiceOf(unit).lasting(30).build();

        for (LocalDate day : List.of(date("2026-03-29"), date("2026-10-25"), date("2026-11-01"))) {
            List<Slot> slots = schedule(unit, service).slotsOn(day);
            assertThat(slots).hasSize(12);
            assertThat(slots.get(0).start()).isEqualTo(ZonedDateTime.of(day, LocalTime.MIDNIGHT, saoPaulo).toInstant());
        }
    }
}
