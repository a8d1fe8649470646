package dev.scheduling.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Violation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("BookableService")
class BookableServiceTest {
    private static final ServiceId ID = new ServiceId("s1");
    private static final UnitId UNIT = new UnitId("u1");

    /** A valid service with one field replaced by {@code value}. */
    private static BookableService serviceWith(String field, int value) {
        int duration = 30;
        int capacity = 2;
        int interval = 30;
        int notice = 0;
        int window = 90;
        switch (field) {
            case "durationMinutes" -> duration = value;
            case "capacity" -> capacity = value;
            case "slotIntervalMinutes" -> interval = value;
            case "minNoticeMinutes" -> notice = value;
            case "bookingWindowDays" -> window = value;
            default -> throw new IllegalArgumentException(field);
        }
        return new BookableService(ID, UNIT, "Consulta", duration, capacity, interval, notice, window, true);
    }

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource({
            "durationMinutes, 0",
            "durationMinutes, -30",
            "durationMinutes, 1441",
            "capacity, 0",
            "capacity, 10001",
            "slotIntervalMinutes, 0",
            "slotIntervalMinutes, 1441",
            "minNoticeMinutes, -1",
            "minNoticeMinutes, 527041",
            "bookingWindowDays, -1",
            "bookingWindowDays, 3661",
    })
    @DisplayName("an out-of-range number is refused with the API field name")
    void outOfRange(String field, int value) {
        assertThatThrownBy(() -> serviceWith(field, value))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid ->
                        assertThat(invalid.violations()).singleElement().satisfies(violation -> {
                            assertThat(violation.field()).isEqualTo(field);
                            assertThat(violation.message()).startsWith("must be between");
                        }));
    }

    @ParameterizedTest(name = "{0} = {1} is accepted")
    @CsvSource({
            "durationMinutes, 1",
            "durationMinutes, 1440",
            "capacity, 1",
            "capacity, 10000",
            "slotIntervalMinutes, 1",
            "slotIntervalMinutes, 1440",
            "minNoticeMinutes, 0",
            "minNoticeMinutes, 527040",
            "bookingWindowDays, 0",
            "bookingWindowDays, 3660",
    })
    @DisplayName("the bounds of each range are accepted")
    void bounds(String field, int value) {
        BookableService service = serviceWith(field, value);

        int actual = switch (field) {
            case "durationMinutes" -> service.durationMinutes();
            case "capacity" -> service.capacity();
            case "slotIntervalMinutes" -> service.slotIntervalMinutes();
            case "minNoticeMinutes" -> service.minNoticeMinutes();
            default -> service.bookingWindowDays();
        };
        assertThat(actual).isEqualTo(value);
    }

    @Test
    @DisplayName("the limits are those the javadoc and API promise")
    void limits() {
        assertThat(BookableService.MAX_DURATION_MINUTES).isEqualTo(1440);
        assertThat(BookableService.MAX_MIN_NOTICE_MINUTES).isEqualTo(527_040);
        assertThat(BookableService.DEFAULT_BOOKING_WINDOW_DAYS).isEqualTo(90);
    }

    @Test
    @DisplayName("every problem is reported at once, under its own field")
    void severalViolations() {
        assertThatThrownBy(() -> new BookableService(ID, UNIT, " ", 0, 0, 0, -1, -1, true))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid ->
                        assertThat(invalid.violations()).extracting(Violation::field).containsExactly(
                                "name", "durationMinutes", "capacity", "slotIntervalMinutes", "minNoticeMinutes",
                                "bookingWindowDays"));
    }

    @Test
    @DisplayName("the withers change one field, keep the rest, and validate")
    void withers() {
        BookableService service = new BookableService(ID, UNIT, "Consulta", 30, 2, 15, 60, 30, true);

        assertThat(service.withName("Retorno")).isEqualTo(
                new BookableService(ID, UNIT, "Retorno", 30, 2, 15, 60, 30, true));
        assertThat(service.withCapacity(1)).isEqualTo(
                new BookableService(ID, UNIT, "Consulta", 30, 1, 15, 60, 30, true));
        assertThat(service.withMinNoticeMinutes(0)).isEqualTo(
                new BookableService(ID, UNIT, "Consulta", 30, 2, 15, 0, 30, true));
        assertThat(service.withBookingWindowDays(7)).isEqualTo(
                new BookableService(ID, UNIT, "Consulta", 30, 2, 15, 60, 7, true));
        assertThat(service.withActive(false)).isEqualTo(
                new BookableService(ID, UNIT, "Consulta", 30, 2, 15, 60, 30, false));

        assertThatThrownBy(() -> service.withCapacity(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> service.withName("")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("name");
    }
}
