package dev.scheduling.domain.catalog;

import static dev.scheduling.domain.testing.DomainFixtures.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Violation;
import java.time.LocalTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OpeningInterval")
class OpeningIntervalTest {

    @Test
    @DisplayName("a well-ordered interval gives its start and end as minutes of the day")
    void minutesOfDay() {
        OpeningInterval interval = new OpeningInterval(time("09:15"), time("23:59"));

        assertThat(interval.startMinuteOfDay()).isEqualTo(9 * 60 + 15);
        assertThat(interval.endMinuteOfDay()).isEqualTo(23 * 60 + 59);
    }

    @Test
    @DisplayName("an inverted interval is refused, naming the end")
    void inverted() {
        assertThatThrownBy(() -> new OpeningInterval(time("18:00"), time("09:00")))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.violations())
                        .containsExactly(new Violation("end", "must be after start")));
    }

    @Test
    @DisplayName("an empty interval (start = end) is refused")
    void empty() {
        assertThatThrownBy(() -> new OpeningInterval(time("09:00"), time("09:00")))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid ->
                        assertThat(invalid.violations()).extracting(Violation::field).containsExactly("end"));
    }

    @Test
    @DisplayName("opening hours are whole minutes: seconds or nanoseconds are refused")
    void wholeMinutes() {
        assertThatThrownBy(() -> new OpeningInterval(LocalTime.of(9, 0, 30), time("10:00")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("whole minutes");
        assertThatThrownBy(() -> new OpeningInterval(time("09:00"), LocalTime.of(10, 0, 0, 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("whole minutes");
    }

    @Test
    @DisplayName("intervals that only touch do not overlap; intervals that share a minute do")
    void overlaps() {
        OpeningInterval morning = new OpeningInterval(time("09:00"), time("12:00"));

        assertThat(morning.overlaps(new OpeningInterval(time("12:00"), time("13:00")))).isFalse();
        assertThat(morning.overlaps(new OpeningInterval(time("11:59"), time("13:00")))).isTrue();
        assertThat(morning.overlaps(new OpeningInterval(time("10:00"), time("11:00")))).isTrue();
        assertThat(new OpeningInterval(time("08:00"), time("09:00")).overlaps(morning)).isFalse();
    }
}
