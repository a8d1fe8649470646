package dev.scheduling.application.port.out.contract;

import static dev.scheduling.application.port.out.contract.StoreFixtures.inUnitOfWork;
import static dev.scheduling.application.port.out.contract.StoreFixtures.savedService;
import static dev.scheduling.application.port.out.contract.StoreFixtures.savedUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.SlotCapacityStore;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.slot.MinuteRange;
import dev.scheduling.domain.slot.Occupancy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SlotCapacityStore}: capacity taken per minute, all minutes or none, exact
 * under any concurrency. Each test uses services of its own, so other tests' usage never shows.
 */
public abstract class SlotCapacityStoreContract {
    private static final LocalDate DATE = LocalDate.parse("2030-03-04");

    /**
     * Fresh ports of the adapter under test, over a store that may hold other tests' data. The whole
     * set is asked for because capacity belongs to a stored service, and changes run in the adapter's
     * own unit of work, as the use cases run them.
     */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private SchedulingPorts ports;
    private SlotCapacityStore capacity;
    private Unit unit;
    private ServiceId service;

    @BeforeEach
    void createPortsAndService() {
        ports = newPorts(MutableClock.at("2030-03-04T08:00:00Z"));
        capacity = ports.capacity();
        unit = savedUnit(ports);
        service = newService();
    }

    @Test
    void nothingIsTakenOfANewService() {
        assertThat(peak(service, "09:00", "12:00")).isZero();
    }

    @Test
    void takingWithinCapacityTakesTheQuantityAtEveryMinuteOfTheRangeAndNowhereElse() {
        assertThat(tryTake(service, "09:00", "10:00", 2, 3)).isTrue();

        assertThat(usedAt("09:00")).isEqualTo(2);
        assertThat(usedAt("09:37")).isEqualTo(2);
        assertThat(usedAt("09:59")).isEqualTo(2);
        assertThat(usedAt("08:59")).isZero();
        assertThat(usedAt("10:00")).isZero();
        assertThat(peak(service, "09:00", "10:00")).isEqualTo(2);
    }

    @Test
    void takesAddUpUntilTheCapacityIsReached() {
        assertThat(tryTake(service, "09:00", "10:00", 1, 3)).isTrue();
        assertThat(tryTake(service, "09:00", "10:00", 2, 3)).isTrue();

        assertThat(tryTake(service, "09:00", "10:00", 1, 3)).isFalse();

        assertThat(peak(service, "09:00", "10:00")).isEqualTo(3);
    }

    @Test
    void aQuantityLargerThanTheFreeCapacityTakesNothing() {
        assertThat(tryTake(service, "09:00", "10:00", 4, 3)).isFalse();
        assertThat(tryTake(service, "09:00", "10:00", 2, 3)).isTrue();

        assertThat(tryTake(service, "09:00", "10:00", 2, 3)).isFalse();

        assertThat(peak(service, "09:00", "10:00")).isEqualTo(2);
    }

    @Test
    void aTakeIsAllOrNothingWhenOnlySomeMinutesAreFull() {
        assertThat(tryTake(service, "09:30", "10:00", 1, 2)).isTrue();

        assertThat(tryTake(service, "09:00", "10:00", 2, 2)).isFalse();

        assertThat(peak(service, "09:00", "09:30")).as("the free minutes stay untouched").isZero();
        assertThat(peak(service, "09:30", "10:00")).isEqualTo(1);
    }

    @Test
    void overlappingRangesAreCountedPerMinute() {
        assertThat(tryTake(service, "09:00", "10:00", 1, 1)).isTrue();
        assertThat(tryTake(service, "10:00", "11:00", 1, 1)).as("adjacent ranges share no minute").isTrue();

        assertThat(tryTake(service, "09:30", "10:30", 1, 1)).isFalse();

        assertThat(peak(service, "09:00", "11:00")).isEqualTo(1);
    }

    @Test
    void overlappingRangesShareTheCapacityOnlyWhereTheyOverlap() {
        assertThat(tryTake(service, "09:00", "10:00", 1, 2)).isTrue();
        assertThat(tryTake(service, "10:00", "11:00", 1, 2)).isTrue();
        assertThat(tryTake(service, "09:30", "10:30", 1, 2)).isTrue();

        assertThat(usedAt("09:15")).isEqualTo(1);
        assertThat(usedAt("09:45")).isEqualTo(2);
        assertThat(usedAt("10:15")).isEqualTo(2);
        assertThat(usedAt("10:45")).isEqualTo(1);
        assertThat(tryTake(service, "09:45", "10:15", 1, 2)).isFalse();
        assertThat(tryTake(service, "09:00", "09:30", 1, 2)).isTrue();
    }

    @Test
    void aCapacityBelowWhatIsTakenRefusesEveryNewTake() {
        assertThat(tryTake(service, "09:00", "10:00", 3, 3)).isTrue();

        assertThat(tryTake(service, "09:00", "10:00", 1, 2)).isFalse();

        assertThat(peak(service, "09:00", "10:00")).isEqualTo(3);
    }

    @Test
    void servicesDoNotShareCapacity() {
        ServiceId other = newService();
        assertThat(tryTake(service, "09:00", "10:00", 1, 1)).isTrue();

        assertThat(tryTake(other, "09:00", "10:00", 1, 1)).isTrue();

        assertThat(peak(other, "09:00", "10:00")).isEqualTo(1);
        assertThat(peak(service, "09:00", "10:00")).isEqualTo(1);
    }

    @Test
    void givingBackRestoresTheCapacity() {
        assertThat(tryTake(service, "09:00", "10:00", 2, 2)).isTrue();
        assertThat(tryTake(service, "09:00", "10:00", 1, 2)).isFalse();

        giveBack(service, "09:00", "10:00", 1);

        assertThat(peak(service, "09:00", "10:00")).isEqualTo(1);
        assertThat(tryTake(service, "09:00", "10:00", 1, 2)).isTrue();
        giveBack(service, "09:00", "10:00", 2);
        assertThat(peak(service, "09:00", "10:00")).isZero();
    }

    @Test
    void givingBackPartOfARangeFreesOnlyThoseMinutes() {
        assertThat(tryTake(service, "09:00", "10:00", 1, 1)).isTrue();

        giveBack(service, "09:00", "09:30", 1);

        assertThat(peak(service, "09:00", "09:30")).isZero();
        assertThat(peak(service, "09:30", "10:00")).isEqualTo(1);
    }

    @Test
    void givingBackMoreThanWasTakenIsRefusedAndChangesNothing() {
        assertThat(tryTake(service, "09:30", "10:00", 1, 5)).isTrue();

        assertThatThrownBy(() -> giveBack(service, "09:30", "10:00", 2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> giveBack(service, "09:00", "10:00", 1))
                .as("some minutes of the range were never taken").isInstanceOf(IllegalStateException.class);

        assertThat(peak(service, "09:00", "09:30")).isZero();
        assertThat(peak(service, "09:30", "10:00")).isEqualTo(1);
    }

    @Test
    void aTakeAnswersWhatEachMinuteOfItsRangeThenHolds() {
        assertThat(tryTake(service, "09:00", "09:30", 1, 5)).isTrue();

        Occupancy after = inUnitOfWork(ports, () -> capacity.take(service, minutes("09:00", "10:00"), 2, 5))
                .orElseThrow();

        assertThat(after.peak(minutes("09:00", "09:30"))).isEqualTo(3);
        assertThat(after.peak(minutes("09:30", "10:00"))).isEqualTo(2);
        assertThat(after.peak(minutes("09:59", "10:00"))).isEqualTo(2);
        assertThat(inUnitOfWork(ports, () -> capacity.take(service, minutes("09:00", "10:00"), 3, 5)))
                .as("refused: the first half would hold 6").isEmpty();
        assertThat(peak(service, "09:00", "09:30")).isEqualTo(3);
    }

    @Test
    void aGiveBackAnswersWhatEachMinuteOfItsRangeThenHolds() {
        assertThat(tryTake(service, "09:00", "10:00", 1, 5)).isTrue();
        assertThat(tryTake(service, "09:30", "10:00", 2, 5)).isTrue();

        Occupancy after = inUnitOfWork(ports, () -> capacity.giveBack(service, minutes("09:00", "10:00"), 1));

        assertThat(after.peak(minutes("09:00", "09:30"))).as("given back to nothing").isZero();
        assertThat(after.peak(minutes("09:30", "10:00"))).isEqualTo(2);
        assertThat(peak(service, "09:30", "10:00")).isEqualTo(2);
    }

    @Test
    void occupancyReportsEachMinuteOfTheRangeAsked() {
        assertThat(tryTake(service, "09:00", "10:00", 1, 5)).isTrue();
        assertThat(tryTake(service, "10:00", "11:00", 3, 5)).isTrue();

        Occupancy both = capacity.occupancy(service, minutes("09:00", "11:00"));
        Occupancy first = capacity.occupancy(service, minutes("09:00", "10:00"));

        assertThat(both.peak(minutes("09:00", "10:00"))).isEqualTo(1);
        assertThat(both.peak(minutes("10:00", "11:00"))).isEqualTo(3);
        assertThat(both.peak(minutes("09:00", "11:00"))).isEqualTo(3);
        assertThat(first.peak(minutes("09:00", "11:00"))).as("nothing beyond the range asked").isEqualTo(1);
        assertThat(capacity.occupancy(service, minutes("11:00", "12:00")).peak(minutes("11:00", "12:00"))).isZero();
    }

    @Test
    void sixtyFourConcurrentTakesOfOneRangeWithCapacityThreeYieldExactlyThree() {
        List<Race.Outcome<Boolean>> outcomes = Race.run(64, i -> tryTake(service, "09:00", "10:00", 1, 3));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(Race.count(outcomes, outcome -> outcome.value())).isEqualTo(3);
        assertThat(peak(service, "09:00", "10:00")).isEqualTo(3);
        assertThat(usedAt("09:00")).isEqualTo(3);
        assertThat(usedAt("09:59")).isEqualTo(3);
    }

    @Test
    void concurrentTakesOfOverlappingRangesNeverExceedTheCapacityAtAnyMinute() {
        String[][] ranges = {{"09:00", "10:00"}, {"09:30", "10:30"}, {"10:00", "11:00"}, {"09:45", "10:15"}};

        List<Race.Outcome<Boolean>> outcomes = Race.run(48, i ->
                tryTake(service, ranges[i % ranges.length][0], ranges[i % ranges.length][1], 1, 1));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        int[] expected = new int[120];
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).value()) {
                MinuteRange won = minutes(ranges[i % ranges.length][0], ranges[i % ranges.length][1]);
                for (long m = won.first(); m < won.endExclusive(); m++) {
                    expected[(int) (m - epochMinute("09:00"))]++;
                }
            }
        }
        assertThat(Race.count(outcomes, outcome -> outcome.value())).isBetween(1L, 2L);
        Occupancy occupancy = capacity.occupancy(service, minutes("09:00", "11:00"));
        for (int offset = 0; offset < expected.length; offset++) {
            long minute = epochMinute("09:00") + offset;
            assertThat(expected[offset]).as("winners overlap at minute %d", offset).isLessThanOrEqualTo(1);
            assertThat(occupancy.peak(new MinuteRange(minute, minute + 1))).isEqualTo(expected[offset]);
        }
    }

    @Test
    void concurrentTakesAndGiveBacksKeepTheCountExact() {
        assertThat(tryTake(service, "09:00", "10:00", 3, 3)).isTrue();

        List<Race.Outcome<Boolean>> outcomes = Race.run(33, i -> {
            if (i % 11 == 0) {
                giveBack(service, "09:00", "10:00", 1);
                return false;
            }
            return tryTake(service, "09:00", "10:00", 1, 3);
        });

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        long taken = Race.count(outcomes, outcome -> outcome.value());
        assertThat(taken).isBetween(0L, 3L);
        assertThat(peak(service, "09:00", "10:00")).isEqualTo(3 - 3 + (int) taken);
    }

    @Test
    void takesAndGiveBacksToNothingRacingOnOverlappingRangesNeverExceedTheCapacityAndEndFree() {
        String[][] ranges = {{"09:00", "10:00"}, {"09:30", "10:30"}, {"10:00", "11:00"}};
        MinuteRange all = minutes("09:00", "11:00");
        AtomicInteger highestSeen = new AtomicInteger();

        // Minutes go back to nothing (where a store may forget them) while other takes raise them again.
        List<Race.Outcome<Integer>> outcomes = Race.run(24, i -> {
            if (i % 8 == 7) {
                for (int look = 0; look < 50; look++) {
                    highestSeen.accumulateAndGet(capacity.occupancy(service, all).peak(all), Math::max);
                }
                return 0;
            }
            String[] range = ranges[i % ranges.length];
            int held = 0;
            for (int round = 0; round < 25; round++) {
                if (tryTake(service, range[0], range[1], 1, 2)) {
                    held++;
                    giveBack(service, range[0], range[1], 1);
                }
            }
            return held;
        });

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(outcomes.stream().mapToInt(Race.Outcome::value).sum()).isPositive();
        assertThat(highestSeen.get()).isLessThanOrEqualTo(2);
        assertThat(peak(service, "09:00", "11:00")).isZero();
        assertThat(tryTake(service, "09:00", "11:00", 2, 2)).as("the whole capacity free again").isTrue();
    }

    private ServiceId newService() {
        return savedService(ports, unit, 1).id();
    }

    /** This test's service: capacity belongs to it. */
    protected ServiceId service() {
        return service;
    }

    protected boolean tryTake(ServiceId serviceId, String from, String to, int quantity, int capacityTotal) {
        return inUnitOfWork(ports, () -> capacity.take(serviceId, minutes(from, to), quantity, capacityTotal).isPresent());
    }

    protected void giveBack(ServiceId serviceId, String from, String to, int quantity) {
        inUnitOfWork(ports, () -> capacity.giveBack(serviceId, minutes(from, to), quantity));
    }

    private int peak(ServiceId serviceId, String from, String to) {
        MinuteRange range = minutes(from, to);
        return capacity.occupancy(serviceId, range).peak(range);
    }

    private int usedAt(String time) {
        long minute = epochMinute(time);
        MinuteRange range = new MinuteRange(minute, minute + 1);
        return capacity.occupancy(service, range).peak(range);
    }

    private static MinuteRange minutes(String from, String to) {
        return new MinuteRange(epochMinute(from), epochMinute(to));
    }

    private static long epochMinute(String time) {
        return Instant.parse(DATE + "T" + time + ":00Z").getEpochSecond() / 60;
    }
}
