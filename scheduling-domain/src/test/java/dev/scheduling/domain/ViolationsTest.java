package dev.scheduling.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Violations")
class ViolationsTest {

    @Test
    @DisplayName("collects several violations and throws them all at once, in the order found")
    void collectsSeveral() {
        Violations violations = new Violations()
                .add("name", "must not be blank")
                .check(false, "capacity", "must be positive")
                .check(true, "durationMinutes", "never added")
                .check(false, "timeZone", "must be IANA");

        assertThat(violations.isEmpty()).isFalse();
        assertThatThrownBy(violations::throwIfAny)
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.violations())
                        .containsExactly(
                                new Violation("name", "must not be blank"),
                                new Violation("capacity", "must be positive"),
                                new Violation("timeZone", "must be IANA")));
    }

    @Test
    @DisplayName("with only passing checks it is empty and throws nothing")
    void nothingFound() {
        Violations violations = new Violations().check(true, "name", "x").check(1 < 2, "capacity", "y");

        assertThat(violations.isEmpty()).isTrue();
        assertThatCode(violations::throwIfAny).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("the same field may be reported more than once")
    void sameFieldTwice() {
        Violations violations = new Violations().add("openingHours.MONDAY", "a").add("openingHours.MONDAY", "b");

        assertThatThrownBy(violations::throwIfAny)
                .isInstanceOfSatisfying(InvalidInputException.class, invalid ->
                        assertThat(invalid.violations()).hasSize(2));
    }
}
