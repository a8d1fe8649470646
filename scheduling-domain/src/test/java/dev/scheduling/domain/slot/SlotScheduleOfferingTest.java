package dev.scheduling.domain.slot;

import static dev.scheduling.domain.testing.DomainFixtures.BERLIN;
import static dev.scheduling.domain.testing.CatalogFixtures.aServiceOf;
import static dev.scheduling.domain.testing.CatalogFixtures.aUnit;
import static dev.scheduling.domain.testing.DomainFixtures.date;
import static dev.scheduling.domain.testing.DomainFixtures.instant;
import static dev.scheduling.domain.testing.DomainFixtures.schedule;
import static dev.scheduling.domain.testing.DomainFixtures.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SlotSchedule: finding a slot and deciding whether it is offered")
class SlotScheduleOfferingTest {
    /** São Paulo is UTC-3 all year: 09:00 local on 2026-12-07 is 12:00 UTC. */
    private static final LocalDate MONDAY = date("2026-12-07");
    /** 08:00 local, an hour before the unit opens. */
    private static final Instant EARLY_MONDAY = instant("2026-12-07T11:00:00Z");

    private final Unit unit = aUnit().openEveryDay("09:00-12:00", "13:00-18:00").closedOn("2026-12-09").build();

    private SlotSchedule scheduleOf(BookableService service) {
        return schedule(unit, service);
    }

    private Slot slotAt(SlotSchedule schedule, String isoDate, String startTime) {
        return schedule.slotAt(date(isoDate), time(startTime)).orElseThrow();
    }

    @Nested
    @DisplayName("slotAt")
    class SlotAt {
        private final SlotSchedule schedule = scheduleOf(aServiceOf(unit).lasting(30).build());

        @Test
        @DisplayName("finds the slot that starts at that local time")
        void findsTheSlot() {
            assertThat(schedule.slotAt(MONDAY, time("09:30"))).hasValueSatisfying(slot -> {
                assertThat(slot.date()).isEqualTo(MONDAY);
                assertThat(slot.endTime()).isEqualTo(time("10:00"));
                assertThat(slot.start()).isEqualTo(instant("2026-12-07T12:30:00Z"));
            });
        }

        @Test
        @DisplayName("finds the last slot of an interval, which ends at closing")
        void lastSlotOfTheDay() {
            assertThat(schedule.slotAt(MONDAY, time("17:30"))).map(Slot::endTime).hasValue(time("18:00"));
        }

        @Test
        @DisplayName("finds nothing off the grid, in the lunch break, at or after closing, or on a closed date")
        void findsNothingElsewhere() {
            assertThat(schedule.slotAt(MONDAY, time("09:15"))).as("misaligned").isEmpty();
            assertThat(schedule.slotAt(MONDAY, time("12:00"))).as("lunch break").isEmpty();
            assertThat(schedule.slotAt(MONDAY, time("18:00"))).as("closing time").isEmpty();
            assertThat(schedule.slotAt(MONDAY, time("08:30"))).as("before opening").isEmpty();
            assertThat(schedule.slotAt(date("2026-12-09"), time("09:00"))).as("closed date").isEmpty();
        }

        @Test
        @DisplayName("finds nothing at a local time in a daylight-saving gap")
        void findsNothingInTheGap() {
            Unit berlin = aUnit().in(BERLIN).openEveryDay("00:00-06:00").build();
            SlotSchedule night = schedule(berlin, aServiceOf(berlin).lasting(30).build());

            assertThat(night.slotAt(date("2026-03-29"), time("02:30"))).isEmpty();
            assertThat(night.slotAt(date("2026-03-29"), time("03:00"))).isPresent();
        }

        @Test
        @DisplayName("finds a slot whatever its offer status: slotAt ignores now, notice and activity")
        void findsSlotsThatAreNotOffered() {
            SlotSchedule inactive = scheduleOf(aServiceOf(unit).inactive().build());

            assertThat(inactive.slotAt(MONDAY, time("09:00"))).isPresent();
        }
    }

    @Nested
    @DisplayName("isOffered")
    class IsOffered {
        @Test
        @DisplayName("a future slot of an active service without notice is offered")
        void futureSlotIsOffered() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).build());

            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-07", "09:00"), EARLY_MONDAY)).isTrue();
        }

        @Test
        @DisplayName("a slot that has started, or already ended, is not offered")
        void startedSlotIsNotOffered() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).build());
            Slot nine = slotAt(schedule, "2026-12-07", "09:00");

            assertThat(schedule.isOffered(nine, instant("2026-12-07T11:59:59Z"))).as("a second before").isTrue();
            assertThat(schedule.isOffered(nine, instant("2026-12-07T12:00:00Z"))).as("at its start").isFalse();
            assertThat(schedule.isOffered(nine, instant("2026-12-07T12:10:00Z"))).as("while running").isFalse();
            assertThat(schedule.isOffered(nine, instant("2026-12-07T15:00:00Z"))).as("long after").isFalse();
        }

        @Test
        @DisplayName("minimum notice: a slot starting sooner than now + notice is not offered; exactly at it, it is")
        void minimumNotice() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).minNotice(120).build());
            Slot ten = slotAt(schedule, "2026-12-07", "10:00"); // 13:00 UTC

            assertThat(schedule.isOffered(ten, instant("2026-12-07T11:00:00Z"))).as("exactly 120 min ahead").isTrue();
            assertThat(schedule.isOffered(ten, instant("2026-12-07T11:00:01Z"))).as("a second short").isFalse();
            assertThat(schedule.isOffered(ten, instant("2026-12-07T12:30:00Z"))).as("30 min ahead").isFalse();
            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-07", "13:00"), instant("2026-12-07T12:30:00Z")))
                    .as("a later slot, 210 min ahead").isTrue();
        }

        @Test
        @DisplayName("booking window: the day window-days after today is offered, the day after it is not")
        void bookingWindowBoundary() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).bookingWindow(7).build());

            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-14", "17:30"), EARLY_MONDAY)).isTrue();
            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-15", "09:00"), EARLY_MONDAY)).isFalse();
        }

        @Test
        @DisplayName("booking window: today is the unit's date, not the UTC date (São Paulo, late evening)")
        void bookingWindowUsesTheUnitsToday() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).bookingWindow(7).build());
            // 01:00 UTC on the 8th is still 22:00 on Monday the 7th in São Paulo.
            Instant mondayNight = instant("2026-12-08T01:00:00Z");

            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-14", "09:00"), mondayNight)).isTrue();
            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-15", "09:00"), mondayNight)).isFalse();
        }

        @Test
        @DisplayName("booking window: in a zone ahead of UTC, today may already be the next UTC day (Tokyo)")
        void bookingWindowAheadOfUtc() {
            Unit tokyo = aUnit().in(ZoneId.of("Asia/Tokyo")).openEveryDay("09:00-18:00").build();
            SlotSchedule schedule = schedule(tokyo, aServiceOf(tokyo).bookingWindow(7).build());
            // 16:00 UTC on the 7th is 01:00 on Tuesday the 8th in Tokyo: the window reaches the 15th.
            Instant tuesdayInTokyo = instant("2026-12-07T16:00:00Z");

            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-15", "09:00"), tuesdayInTokyo)).isTrue();
            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-16", "09:00"), tuesdayInTokyo)).isFalse();
        }

        @Test
        @DisplayName("a booking window of 0 days offers today only")
        void zeroDayWindow() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).bookingWindow(0).build());

            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-07", "17:30"), EARLY_MONDAY)).isTrue();
            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-08", "09:00"), EARLY_MONDAY)).isFalse();
        }

        @Test
        @DisplayName("an inactive service offers no slot")
        void inactiveServiceOffersNothing() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).inactive().build());

            assertThat(schedule.isOffered(slotAt(schedule, "2026-12-08", "09:00"), EARLY_MONDAY)).isFalse();
        }
    }

    @Nested
    @DisplayName("offeredSlots over a range of dates")
    class OfferedSlots {
        @Test
        @DisplayName("lists the slots of every date from..to inclusive, ordered by date and start")
        void orderedAcrossDays() {
            Unit small = aUnit().openEveryDay("13:00-14:00", "09:00-10:00").build();
            SlotSchedule schedule = schedule(small, aServiceOf(small).lasting(30).build());

            List<Slot> offered = schedule.offeredSlots(date("2026-12-08"), date("2026-12-10"), EARLY_MONDAY);

            assertThat(offered).extracting(slot -> slot.date() + " " + slot.startTime()).containsExactly(
                    "2026-12-08 09:00", "2026-12-08 09:30", "2026-12-08 13:00", "2026-12-08 13:30",
                    "2026-12-09 09:00", "2026-12-09 09:30", "2026-12-09 13:00", "2026-12-09 13:30",
                    "2026-12-10 09:00", "2026-12-10 09:30", "2026-12-10 13:00", "2026-12-10 13:30");
            assertThat(offered).isSortedAccordingTo(Comparator.comparing(Slot::start));
        }

        @Test
        @DisplayName("leaves out closed dates and the slots that have already started today")
        void leavesOutClosedDatesAndStartedSlots() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).lasting(60).build());
            Instant mondayAtEleven = instant("2026-12-07T14:00:00Z"); // 11:00 local

            List<Slot> offered = schedule.offeredSlots(MONDAY, date("2026-12-09"), mondayAtEleven);

            assertThat(offered).filteredOn(slot -> slot.date().equals(MONDAY)).extracting(Slot::startTime)
                    .containsExactly(time("13:00"), time("14:00"), time("15:00"), time("16:00"), time("17:00"));
            assertThat(offered).filteredOn(slot -> slot.date().equals(date("2026-12-08"))).hasSize(8);
            assertThat(offered).noneMatch(slot -> slot.date().equals(date("2026-12-09")));
        }

        @Test
        @DisplayName("stops at the booking window and honours the minimum notice")
        void windowAndNotice() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).lasting(60).minNotice(90).bookingWindow(1).build());

            List<Slot> offered = schedule.offeredSlots(MONDAY, date("2026-12-12"), EARLY_MONDAY);

            // now 08:00 local + 90 min: the first offered start is 10:00; the window ends on the 8th.
            assertThat(offered).first().satisfies(slot -> assertThat(slot.startTime()).isEqualTo(time("10:00")));
            assertThat(offered).extracting(Slot::date).containsOnly(MONDAY, date("2026-12-08"));
            assertThat(offered).hasSize(7 + 8);
        }

        @Test
        @DisplayName("an inactive service offers no slot on any date")
        void inactiveServiceOffersNone() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).inactive().build());

            assertThat(schedule.offeredSlots(MONDAY, date("2026-12-13"), EARLY_MONDAY)).isEmpty();
        }

        @Test
        @DisplayName("a single-day range equals that day's offered slots; a range with to before from is empty")
        void singleDayAndEmptyRange() {
            SlotSchedule schedule = scheduleOf(aServiceOf(unit).build());

            assertThat(schedule.offeredSlots(MONDAY, MONDAY, EARLY_MONDAY)).isEqualTo(schedule.slotsOn(MONDAY));
            assertThat(schedule.offeredSlots(MONDAY, MONDAY.minusDays(1), EARLY_MONDAY)).isEmpty();
        }
    }
}
