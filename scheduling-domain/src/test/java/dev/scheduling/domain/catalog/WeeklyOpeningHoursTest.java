package dev.scheduling.domain.catalog;

import static dev.scheduling.domain.testing.DomainFixtures.interval;
import static dev.scheduling.domain.testing.DomainFixtures.intervals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Violation;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WeeklyOpeningHours")
class WeeklyOpeningHoursTest {

    @Test
    @DisplayName("overlapping intervals are refused with the violation field openingHours.MONDAY")
    void overlappingIntervals() {
        Map<DayOfWeek, List<OpeningInterval>> hours = Map.of(DayOfWeek.MONDAY, intervals("09:00-12:00", "11:00-14:00"));

        assertThatThrownBy(() -> WeeklyOpeningHours.of(hours))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> {
                    assertThat(invalid.violations()).singleElement().satisfies(violation -> {
                        assertThat(violation.field()).isEqualTo("openingHours.MONDAY");
                        assertThat(violation.message()).contains("09:00-12:00").contains("11:00-14:00");
                    });
                });
    }

    @Test
    @DisplayName("overlaps are found whatever the order the intervals are given in")
    void overlapGivenOutOfOrder() {
        Map<DayOfWeek, List<OpeningInterval>> hours =
                Map.of(DayOfWeek.FRIDAY, intervals("13:00-18:00", "08:00-09:00", "17:00-19:00"));

        assertThatThrownBy(() -> WeeklyOpeningHours.of(hours)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("openingHours.FRIDAY");
    }

    @Test
    @DisplayName("identical or nested intervals overlap too")
    void identicalOrNested() {
        Map<DayOfWeek, List<OpeningInterval>> identical =
                Map.of(DayOfWeek.TUESDAY, intervals("09:00-10:00", "09:00-10:00"));
        Map<DayOfWeek, List<OpeningInterval>> nested =
                Map.of(DayOfWeek.TUESDAY, intervals("08:00-18:00", "10:00-11:00"));

        assertThatThrownBy(() -> WeeklyOpeningHours.of(identical)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> WeeklyOpeningHours.of(nested)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("every day with overlaps is reported at once")
    void severalDaysReported() {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        hours.put(DayOfWeek.MONDAY, intervals("09:00-12:00", "11:00-14:00"));
        hours.put(DayOfWeek.WEDNESDAY, intervals("09:00-12:00"));
        hours.put(DayOfWeek.SATURDAY, intervals("10:00-12:00", "10:30-11:00"));

        assertThatThrownBy(() -> WeeklyOpeningHours.of(hours))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder("openingHours.MONDAY", "openingHours.SATURDAY"));
    }

    @Test
    @DisplayName("back-to-back intervals are accepted and kept sorted by start")
    void backToBackAndSorted() {
        WeeklyOpeningHours hours = WeeklyOpeningHours.of(
                Map.of(DayOfWeek.MONDAY, intervals("13:00-18:00", "12:00-13:00", "09:00-12:00")));

        assertThat(hours.on(DayOfWeek.MONDAY))
                .containsExactly(interval("09:00-12:00"), interval("12:00-13:00"), interval("13:00-18:00"));
    }

    @Test
    @DisplayName("a day that is missing or has no interval is closed")
    void missingOrEmptyDayIsClosed() {
        Map<DayOfWeek, List<OpeningInterval>> given = new EnumMap<>(DayOfWeek.class);
        given.put(DayOfWeek.MONDAY, intervals("09:00-12:00"));
        given.put(DayOfWeek.SUNDAY, List.of());

        WeeklyOpeningHours hours = WeeklyOpeningHours.of(given);

        assertThat(hours.on(DayOfWeek.TUESDAY)).isEmpty();
        assertThat(hours.on(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(hours.asMap()).containsOnlyKeys(DayOfWeek.MONDAY);
    }

    @Test
    @DisplayName("closed() has no open day")
    void closed() {
        WeeklyOpeningHours closed = WeeklyOpeningHours.closed();

        assertThat(closed.asMap()).isEmpty();
        for (DayOfWeek day : DayOfWeek.values()) {
            assertThat(closed.on(day)).isEmpty();
        }
        assertThat(closed).isEqualTo(WeeklyOpeningHours.of(Map.of()));
    }

    @Test
    @DisplayName("asMap lists open days in weekday order and cannot be changed")
    void asMapOrderedAndUnmodifiable() {
        Map<DayOfWeek, List<OpeningInterval>> given = new EnumMap<>(DayOfWeek.class);
        given.put(DayOfWeek.FRIDAY, intervals("09:00-12:00"));
        given.put(DayOfWeek.MONDAY, intervals("09:00-12:00"));
        WeeklyOpeningHours hours = WeeklyOpeningHours.of(given);

        assertThat(hours.asMap().keySet()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThatThrownBy(() -> hours.asMap().put(DayOfWeek.SUNDAY, List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> hours.on(DayOfWeek.MONDAY).add(interval("13:00-14:00")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("later changes to the caller's lists do not change the hours")
    void copiesItsInput() {
        List<OpeningInterval> monday = new ArrayList<>(intervals("09:00-12:00"));
        WeeklyOpeningHours hours = WeeklyOpeningHours.of(Map.of(DayOfWeek.MONDAY, monday));

        monday.add(interval("13:00-14:00"));

        assertThat(hours.on(DayOfWeek.MONDAY)).containsExactly(interval("09:00-12:00"));
    }

    @Test
    @DisplayName("two hours with the same intervals are equal, whatever the order given")
    void equality() {
        WeeklyOpeningHours a = WeeklyOpeningHours.of(Map.of(DayOfWeek.MONDAY, intervals("09:00-12:00", "13:00-18:00")));
        WeeklyOpeningHours b = WeeklyOpeningHours.of(Map.of(DayOfWeek.MONDAY, intervals("13:00-18:00", "09:00-12:00")));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(
                WeeklyOpeningHours.of(Map.of(DayOfWeek.TUESDAY, intervals("09:00-12:00", "13:00-18:00"))));
    }
}
