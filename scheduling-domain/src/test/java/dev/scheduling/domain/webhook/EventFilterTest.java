package dev.scheduling.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.InvalidInputException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    @Test
    void aFamilyAnExactTypeAndEverythingMatchWhatTheySay() {
        EventFilter filter = EventFilter.of(List.of("appointment.*", "slot.released"));

        assertThat(filter.matches("appointment.created")).isTrue();
        assertThat(filter.matches("appointment.cancelled")).isTrue();
        assertThat(filter.matches("slot.released")).isTrue();
        assertThat(filter.matches("slot.locked")).isFalse();
        assertThat(EventFilter.of(List.of("*")).matches("slot.locked")).isTrue();
    }

    @Test
    void patternsThatMatchNoTypeOfTheContractAreRefusedOnTheEventsField() {
        for (List<String> patterns : List.of(List.of("appointment.booked"), List.of("slots.*"), List.of("appointment"),
                List.of("appointment.created", "*.created"), List.<String>of())) {
            assertThatThrownBy(() -> EventFilter.of(patterns)).as("%s", patterns)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.violations()).allMatch(v -> v.field().equals("events")));
        }
        assertThatThrownBy(() -> EventFilter.of(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EventFilter.of(Arrays.asList("slot.locked", null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EventFilter.of(Collections.nCopies(21, "*"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void repeatedPatternsAreKeptOnce() {
        assertThat(EventFilter.of(List.of("slot.*", "slot.*", "*")).patterns()).containsExactly("slot.*", "*");
    }
}
