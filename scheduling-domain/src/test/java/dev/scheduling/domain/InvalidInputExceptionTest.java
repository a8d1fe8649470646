package dev.scheduling.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InvalidInputException")
class InvalidInputExceptionTest {

    @Test
    @DisplayName("of(field, message) carries one violation and says it in its message")
    void single() {
        InvalidInputException invalid = InvalidInputException.of("capacity", "must be between 1 and 10000");

        assertThat(invalid.violations()).containsExactly(new Violation("capacity", "must be between 1 and 10000"));
        assertThat(invalid).hasMessage("capacity: must be between 1 and 10000");
    }

    @Test
    @DisplayName("the message lists every violation, separated by semicolons")
    void messageListsAll() {
        InvalidInputException invalid = new InvalidInputException(
                List.of(new Violation("name", "must not be blank"), new Violation("timeZone", "must be IANA")));

        assertThat(invalid).hasMessage("name: must not be blank; timeZone: must be IANA");
    }

    @Test
    @DisplayName("under(path) places each field under the path")
    void underPrefixesFields() {
        InvalidInputException invalid = InvalidInputException.of("end", "must be after start")
                .under("openingHours.MONDAY[0]");

        assertThat(invalid.violations())
                .containsExactly(new Violation("openingHours.MONDAY[0].end", "must be after start"));
        assertThat(invalid).hasMessage("openingHours.MONDAY[0].end: must be after start");
    }

    @Test
    @DisplayName("under(path) turns an empty field into the path itself, and keeps every violation")
    void underWithEmptyFieldAndSeveral() {
        InvalidInputException invalid = new InvalidInputException(
                List.of(new Violation("", "is malformed"), new Violation("start", "whole minutes")));

        assertThat(invalid.under("openingHours.FRIDAY[2]").violations()).containsExactly(
                new Violation("openingHours.FRIDAY[2]", "is malformed"),
                new Violation("openingHours.FRIDAY[2].start", "whole minutes"));
    }

    @Test
    @DisplayName("under(path) nests when applied twice, innermost path last")
    void underTwice() {
        InvalidInputException invalid = InvalidInputException.of("end", "x").under("[0]").under("openingHours");

        assertThat(invalid.violations()).extracting(Violation::field).containsExactly("openingHours.[0].end");
    }

    @Test
    @DisplayName("under(path) leaves the original exception unchanged")
    void underIsACopy() {
        InvalidInputException original = InvalidInputException.of("end", "must be after start");

        original.under("openingHours.MONDAY[0]");

        assertThat(original.violations()).extracting(Violation::field).containsExactly("end");
    }

    @Test
    @DisplayName("needs at least one violation")
    void needsAViolation() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InvalidInputException(List.of()));
    }

    @Test
    @DisplayName("keeps its own copy of the violations, which cannot be changed")
    void violationsCopied() {
        List<Violation> source = new ArrayList<>(List.of(new Violation("a", "b")));
        InvalidInputException invalid = new InvalidInputException(source);
        source.add(new Violation("c", "d"));

        assertThat(invalid.violations()).hasSize(1);
        assertThatThrownBy(() -> invalid.violations().add(new Violation("e", "f")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("a violation needs a field and a message")
    void violationParts() {
        assertThatThrownBy(() -> new Violation(null, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Violation("f", null)).isInstanceOf(NullPointerException.class);
    }
}
