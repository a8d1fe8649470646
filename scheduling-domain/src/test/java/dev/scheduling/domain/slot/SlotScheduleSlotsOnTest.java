package dev.scheduling.domain.slot;

import static dev.scheduling.domain.testing.DomainFixtures.SAO_PAULO;
import static dev.scheduling.domain.testing.CatalogFixtures.aServiceOf;
import static dev.scheduling.domain.testing.CatalogFixtures.aUnit;
import static dev.scheduling.domain.testing.DomainFixtures.date;
import static dev.scheduling.domain.testing.DomainFixtures.instant;
import static dev.scheduling.domain.testing.DomainFixtures.intervals;
import static dev.scheduling.domain.testing.DomainFixtures.only;
import static dev.scheduling.domain.testing.DomainFixtures.schedule;
import static dev.scheduling.domain.testing.DomainFixtures.time;
import static dev.scheduling.domain.testing.DomainFixtures.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SlotSchedule.slotsOn: which slots a date has")
class SlotScheduleSlotsOnTest {
    /** A Monday with no daylight-saving change in São Paulo (UTC-3 all year). */
    private static final LocalDate MONDAY = date("2026-12-07");

    @Nested
    @DisplayName("on an ordinary open day")
    class OrdinaryDay {
        @Test
        @DisplayName("slots start at the interval's start and every slot interval after, while start + duration fits")
        void stepsThroughTheInterval() {
            Unit unit = aUnit().openEveryDay("09:00-11:00").build();
            BookableService service = aServiceOf(unit).lasting(30).build();

            List<Slot> slots = schedule(unit, service).slotsOn(MONDAY);

            assertThat(times(slots)).containsExactly("09:00-09:30", "09:30-10:00", "10:00-10:30", "10:30-11:00");
        }

        @Test
        @DisplayName("each slot carries its date and the UTC instants of its local times")
        void slotsCarryDateAndInstants() {
            Unit unit = aUnit().openEveryDay("09:00-10:00").build();
            BookableService service = aServiceOf(unit).lasting(30).build();

            Slot first = schedule(unit, service).slotsOn(MONDAY).get(0);

            assertThat(first.date()).isEqualTo(MONDAY);
            assertThat(first.start()).isEqualTo(instant("2026-12-07T12:00:00Z"));
            assertThat(first.end()).isEqualTo(instant("2026-12-07T12:30:00Z"));
        }

        @Test
        @DisplayName("two intervals a day (09:00-12:00, 13:00-18:00) give slots in both and none in the lunch break")
        void twoIntervalsADay() {
            Unit unit = aUnit().openEveryDay("09:00-12:00", "13:00-18:00").build();
            BookableService service = aServiceOf(unit).lasting(60).build();

            List<Slot> slots = schedule(unit, service).slotsOn(MONDAY);

            assertThat(times(slots)).containsExactly(
                    "09:00-10:00", "10:00-11:00", "11:00-12:00",
                    "13:00-14:00", "14:00-15:00", "15:00-16:00", "16:00-17:00", "17:00-18:00");
        }

        @Test
        @DisplayName("intervals given out of order still give slots ordered by start")
        void intervalsOutOfOrder() {
            WeeklyOpeningHours hours = WeeklyOpeningHours.of(
                    Map.of(DayOfWeek.MONDAY, intervals("14:00-15:00", "08:00-09:00")));
            Unit unit = aUnit().open(hours).build();
            BookableService service = aServiceOf(unit).lasting(30).build();

            assertThat(times(schedule(unit, service).slotsOn(MONDAY)))
                    .containsExactly("08:00-08:30", "08:30-09:00", "14:00-14:30", "14:30-15:00");
        }

        @Test
        @DisplayName("a duration that does not fit at the end of an interval gives no slot there")
        void durationThatDoesNotFitAtTheEnd() {
            Unit unit = aUnit().openEveryDay("09:00-12:00").build();
            BookableService service = aServiceOf(unit).lasting(50).every(60).build();

            // 11:00 + 50 min = 11:50 fits; but with a 70-minute duration 11:00 would end at 12:10.
            assertThat(times(schedule(unit, service).slotsOn(MONDAY)))
                    .containsExactly("09:00-09:50", "10:00-10:50", "11:00-11:50");

            BookableService longer = aServiceOf(unit).lasting(70).every(60).build();
            assertThat(times(schedule(unit, longer).slotsOn(MONDAY)))
                    .containsExactly("09:00-10:10", "10:00-11:10");
        }

        @Test
        @DisplayName("a grid that does not divide the interval stops at the last start that fits")
        void gridThatDoesNotDivideTheInterval() {
            Unit unit = aUnit().openEveryDay("09:00-10:40").build();
            BookableService service = aServiceOf(unit).lasting(30).every(45).build();

            assertThat(times(schedule(unit, service).slotsOn(MONDAY)))
                    .containsExactly("09:00-09:30", "09:45-10:15");
        }

        @Test
        @DisplayName("a duration longer than the whole interval gives no slot")
        void durationLongerThanTheInterval() {
            Unit unit = aUnit().openEveryDay("09:00-09:45").build();
            BookableService service = aServiceOf(unit).lasting(60).build();

            assertThat(schedule(unit, service).slotsOn(MONDAY)).isEmpty();
        }

        @Test
        @DisplayName("the last slot may end exactly when the interval closes")
        void lastSlotEndsAtClosing() {
            Unit unit = aUnit().openEveryDay("09:00-10:30").build();
            BookableService service = aServiceOf(unit).lasting(90).build();

            assertThat(times(schedule(unit, service).slotsOn(MONDAY))).containsExactly("09:00-10:30");
        }

        @Test
        @DisplayName("an interval that closes at 23:59 still gets its late slots")
        void lateInterval() {
            Unit unit = aUnit().openEveryDay("22:00-23:59").build();
            BookableService service = aServiceOf(unit).lasting(30).build();

            assertThat(times(schedule(unit, service).slotsOn(MONDAY)))
                    .containsExactly("22:00-22:30", "22:30-23:00", "23:00-23:30");
        }
    }

    @Nested
    @DisplayName("when slots overlap (slot interval shorter than the duration)")
    class OverlappingSlots {
        @Test
        @DisplayName("60-minute slots every 30 minutes: 09:00-10:00, 09:30-10:30, ... and the last one still fits")
        void sixtyMinutesEveryThirty() {
            Unit unit = aUnit().openEveryDay("09:00-12:00").build();
            BookableService service = aServiceOf(unit).lasting(60).every(30).build();

            List<Slot> slots = schedule(unit, service).slotsOn(MONDAY);

            assertThat(times(slots)).containsExactly(
                    "09:00-10:00", "09:30-10:30", "10:00-11:00", "10:30-11:30", "11:00-12:00");
            assertThat(slots.get(0).minutes().overlaps(slots.get(1).minutes())).isTrue();
        }

        @Test
        @DisplayName("a start whose duration would run past closing is left out even though it lies on the grid")
        void lastStartOnGridThatDoesNotFit() {
            Unit unit = aUnit().openEveryDay("09:00-10:15").build();
            BookableService service = aServiceOf(unit).lasting(60).every(15).build();

            assertThat(times(schedule(unit, service).slotsOn(MONDAY)))
                    .containsExactly("09:00-10:00", "09:15-10:15");
        }
    }

    @Nested
    @DisplayName("on a closed day")
    class ClosedDays {
        @Test
        @DisplayName("a weekday missing from the opening hours is closed")
        void weekdayWithoutOpeningHours() {
            Unit unit = aUnit().open(only(DayOfWeek.TUESDAY, "09:00-12:00")).build();
            BookableService service = aServiceOf(unit).build();

            assertThat(schedule(unit, service).slotsOn(MONDAY)).isEmpty();
            assertThat(schedule(unit, service).slotsOn(MONDAY.plusDays(1))).hasSize(6);
        }

        @Test
        @DisplayName("a closed date yields no slot although its weekday is open")
        void closedDate() {
            Unit unit = aUnit().openEveryDay("09:00-12:00").closedOn("2026-12-25").build();
            BookableService service = aServiceOf(unit).build();

            assertThat(schedule(unit, service).slotsOn(date("2026-12-25"))).isEmpty();
            assertThat(schedule(unit, service).slotsOn(date("2026-12-24"))).hasSize(6);
            assertThat(schedule(unit, service).slotsOn(date("2026-12-26"))).hasSize(6);
        }

        @Test
        @DisplayName("a unit that is never open has no slot on any day of the week")
        void neverOpen() {
            Unit unit = aUnit().open(WeeklyOpeningHours.closed()).build();
            BookableService service = aServiceOf(unit).build();

            for (int day = 0; day < 7; day++) {
                assertThat(schedule(unit, service).slotsOn(MONDAY.plusDays(day))).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("each slot lasts exactly the service duration in elapsed time")
    void slotsLastTheDuration() {
        Unit unit = aUnit().in(SAO_PAULO).openEveryDay("08:00-20:00").build();
        BookableService service = aServiceOf(unit).lasting(45).every(20).build();

        assertThat(schedule(unit, service).slotsOn(MONDAY))
                .isNotEmpty()
                .allSatisfy(slot ->
                        assertThat(Duration.between(slot.start(), slot.end())).isEqualTo(Duration.ofMinutes(45)));
    }

    @Test
    @DisplayName("a schedule refuses a service of another unit")
    void serviceOfAnotherUnit() {
        Unit unit = aUnit().id("u1").build();
        Unit other = aUnit().id("u2").build();
        BookableService foreign = aServiceOf(other).build();

        assertThatIllegalArgumentException().isThrownBy(() -> new SlotSchedule(unit, foreign))
                .withMessageContaining("does not belong to unit u1");
    }

    @Test
    @DisplayName("the opening hours of the slot's weekday are used, whatever the zone's UTC date")
    void weekdayIsTakenInUnitTime() {
        // 23:00-23:59 in São Paulo is already the next day in UTC; the slot still belongs to Monday.
        Unit unit = aUnit().open(only(DayOfWeek.MONDAY, "23:00-23:59")).build();
        BookableService service = aServiceOf(unit).lasting(30).build();

        List<Slot> slots = schedule(unit, service).slotsOn(MONDAY);

        assertThat(slots).singleElement().satisfies(slot -> {
            assertThat(slot.date()).isEqualTo(MONDAY);
            assertThat(slot.startTime()).isEqualTo(time("23:00"));
            assertThat(slot.start()).isEqualTo(instant("2026-12-08T02:00:00Z"));
        });
    }
}
