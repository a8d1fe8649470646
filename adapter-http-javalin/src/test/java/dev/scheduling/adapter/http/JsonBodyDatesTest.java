package dev.scheduling.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.domain.Violations;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dates and times as the API takes them: YYYY-MM-DD of a day that exists, HH:mm of a 24-hour day. */
class JsonBodyDatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30", "2028-02-29", "0001-01-01", "9999-12-31"})
    void a_date_that_exists_is_read_as_it_is_written(String text) {
        Violations violations = new Violations();

        assertThat(JsonBody.parseDate(text, "date", violations)).contains(LocalDate.parse(text));
        assertThat(violations.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
            "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00:00", "２０２６-01-01", ""})
    void anything_else_is_a_violation_of_the_field(String text) {
        Violations violations = new Violations();

        assertThat(JsonBody.parseDate(text, "date", violations)).isEmpty();
        assertThat(violations.isEmpty()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:00", "09:05", "12:30", "23:59"})
    void a_time_of_the_day_is_read_as_it_is_written(String text) {
        Violations violations = new Violations();

        assertThat(JsonBody.parseTime(text, "startTime", violations)).contains(LocalTime.parse(text));
        assertThat(violations.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "12:60", "9:00", "09:00:00", "0900", "09.00", "", "０9:00"})
    void any_other_time_is_a_violation_of_the_field(String text) {
        Violations violations = new Violations();

        assertThat(JsonBody.parseTime(text, "startTime", violations)).isEqualTo(Optional.empty());
        assertThat(violations.isEmpty()).isFalse();
    }
}
