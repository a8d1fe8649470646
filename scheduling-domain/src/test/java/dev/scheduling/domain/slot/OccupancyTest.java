package dev.scheduling.domain.slot;

import static dev.scheduling.domain.testing.DomainFixtures.SAO_PAULO;
import static dev.scheduling.domain.testing.CatalogFixtures.aServiceOf;
import static dev.scheduling.domain.testing.CatalogFixtures.aUnit;
import static dev.scheduling.domain.testing.DomainFixtures.date;
import static dev.scheduling.domain.testing.DomainFixtures.schedule;
import static dev.scheduling.domain.testing.DomainFixtures.slot;
import static dev.scheduling.domain.testing.DomainFixtures.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Occupancy: capacity in use per minute")
class OccupancyTest {

    /** {@code quantity} held over every minute of {@code range}, added to {@code into}. */
    private static Map<Long, Integer> hold(Map<Long, Integer> into, MinuteRange range, int quantity) {
        for (long minute = range.first(); minute < range.endExclusive(); minute++) {
            into.merge(minute, quantity, Integer::sum);
        }
        return into;
    }

    @Nested
    @DisplayName("peak")
    class Peak {
        @Test
        @DisplayName("an empty occupancy has a peak of 0 everywhere")
        void empty() {
            assertThat(Occupancy.empty().peak(new MinuteRange(0, 10_000))).isZero();
        }

        @Test
        @DisplayName("is the largest quantity at any single minute of the range, not the sum")
        void largestSingleMinute() {
            Occupancy occupancy = Occupancy.of(Map.of(100L, 1, 101L, 3, 102L, 2));

            assertThat(occupancy.peak(new MinuteRange(100, 103))).isEqualTo(3);
        }

        @Test
        @DisplayName("counts the first minute and leaves out the minute at the exclusive end")
        void boundaries() {
            Occupancy occupancy = Occupancy.of(Map.of(99L, 7, 100L, 1, 110L, 5));

            assertThat(occupancy.peak(new MinuteRange(100, 110))).isEqualTo(1);
            assertThat(occupancy.peak(new MinuteRange(100, 111))).isEqualTo(5);
            assertThat(occupancy.peak(new MinuteRange(99, 100))).isEqualTo(7);
        }

        @Test
        @DisplayName("zero entries are free, negative ones are refused")
        void zeroAndNegative() {
            Map<Long, Integer> withZero = new HashMap<>(Map.of(1L, 0, 2L, 0));
            assertThat(Occupancy.of(withZero).peak(new MinuteRange(0, 10))).isZero();

            assertThatIllegalArgumentException().isThrownBy(() -> Occupancy.of(Map.of(5L, -1)))
                    .withMessageContaining("minute 5");
        }

        @Test
        @DisplayName("is a snapshot: later changes to the source map do not show")
        void copiesItsInput() {
            Map<Long, Integer> source = new HashMap<>(Map.of(10L, 1));
            Occupancy occupancy = Occupancy.of(source);
            source.put(10L, 9);

            assertThat(occupancy.peak(new MinuteRange(10, 11))).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("without")
    class Without {
        @Test
        @DisplayName("removes a hold's quantity from every minute of its range and nowhere else")
        void removesOneHold() {
            Map<Long, Integer> used = hold(new HashMap<>(), new MinuteRange(0, 60), 2);
            hold(used, new MinuteRange(30, 90), 1);
            Occupancy occupancy = Occupancy.of(used);

            Occupancy after = occupancy.without(new MinuteRange(30, 90), 1);

            assertThat(after.peak(new MinuteRange(0, 60))).isEqualTo(2);
            assertThat(after.peak(new MinuteRange(60, 90))).isZero();
            assertThat(after.peak(new MinuteRange(0, 90))).isEqualTo(2);
        }

        @Test
        @DisplayName("leaves the original occupancy unchanged")
        void immutable() {
            Occupancy occupancy = Occupancy.of(hold(new HashMap<>(), new MinuteRange(0, 10), 2));

            occupancy.without(new MinuteRange(0, 10), 2);

            assertThat(occupancy.peak(new MinuteRange(0, 10))).isEqualTo(2);
        }

        @Test
        @DisplayName("never goes below zero when more is removed than is held")
        void clampsAtZero() {
            Occupancy occupancy = Occupancy.of(hold(new HashMap<>(), new MinuteRange(0, 10), 1));

            Occupancy after = occupancy.without(new MinuteRange(0, 10), 3);

            assertThat(after.peak(new MinuteRange(0, 10))).isZero();
            assertThat(after.without(new MinuteRange(0, 10), 1).peak(new MinuteRange(0, 10))).isZero();
        }

        @Test
        @DisplayName("removing a partly overlapping hold lowers only the shared minutes")
        void partialOverlap() {
            Occupancy occupancy = Occupancy.of(hold(new HashMap<>(), new MinuteRange(0, 20), 3));

            Occupancy after = occupancy.without(new MinuteRange(10, 30), 1);

            assertThat(after.peak(new MinuteRange(0, 10))).isEqualTo(3);
            assertThat(after.peak(new MinuteRange(10, 20))).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("capacityOf a slot")
    class CapacityOf {
        private final Unit unit = aUnit().in(SAO_PAULO).openEveryDay("09:00-12:00").build();
        private final BookableService service = aServiceOf(unit).lasting(60).every(30).capacity(2).build();
        private final List<Slot> slots = schedule(unit, service).slotsOn(date("2026-12-07"));

        private Slot at(String startTime) {
            return slots.stream().filter(slot -> slot.startTime().equals(time(startTime))).findFirst().orElseThrow();
        }

        @Test
        @DisplayName("a hold on an overlapping slot counts in every slot sharing its minutes")
        void overlappingSlotsShareCapacity() {
            Occupancy occupancy = Occupancy.of(hold(new HashMap<>(), at("09:30").minutes(), 1));

            assertThat(occupancy.capacityOf(at("09:00"), 2)).isEqualTo(new SlotCapacity(2, 1));
            assertThat(occupancy.capacityOf(at("09:30"), 2)).isEqualTo(new SlotCapacity(2, 1));
            assertThat(occupancy.capacityOf(at("10:00"), 2)).isEqualTo(new SlotCapacity(2, 1));
            assertThat(occupancy.capacityOf(at("10:30"), 2)).as("starts when the hold ends")
                    .isEqualTo(new SlotCapacity(2, 0));
        }

        @Test
        @DisplayName("a slot spanning two back-to-back holds counts its peak minute, not their sum")
        void peakNotSum() {
            Map<Long, Integer> used = hold(new HashMap<>(), at("09:00").minutes(), 1);
            hold(used, at("10:00").minutes(), 1);
            Occupancy occupancy = Occupancy.of(used);

            // 09:30-10:30 overlaps both holds but never two at the same minute.
            assertThat(occupancy.capacityOf(at("09:30"), 2).used()).isEqualTo(1);
            assertThat(occupancy.capacityOf(at("09:30"), 2).isAvailable()).isTrue();
        }

        @Test
        @DisplayName("after a capacity cut the slot shows used above total and is unavailable")
        void capacityCut() {
            Occupancy occupancy = Occupancy.of(hold(new HashMap<>(), at("09:00").minutes(), 2));
            BookableService cut = service.withCapacity(1);

            SlotCapacity capacity = occupancy.capacityOf(at("09:00"), cut.capacity());

            assertThat(capacity).isEqualTo(new SlotCapacity(1, 2));
            assertThat(capacity.isAvailable()).isFalse();
            assertThat(capacity.canTake(1)).isFalse();
        }

        @Test
        @DisplayName("works on a slot built by hand as well")
        void handMadeSlot() {
            Slot slot = slot("2026-12-07", "14:00", 45, SAO_PAULO);
            Occupancy occupancy = Occupancy.of(Map.of(slot.minutes().endExclusive() - 1, 4));

            assertThat(occupancy.capacityOf(slot, 5)).isEqualTo(new SlotCapacity(5, 4));
        }
    }
}
