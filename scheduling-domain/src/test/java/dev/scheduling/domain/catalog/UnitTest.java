package dev.scheduling.domain.catalog;

import static dev.scheduling.domain.testing.DomainFixtures.date;
import static dev.scheduling.domain.testing.CatalogFixtures.everyDay;
import static dev.scheduling.domain.testing.DomainFixtures.interval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Violation;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Unit")
class UnitTest {
    private static final UnitId ID = new UnitId("u1");
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final WeeklyOpeningHours HOURS = everyDay("09:00-12:00", "13:00-18:00");

    private static Unit unit(String name, ZoneId zone) {
        return Unit.create(ID, name, zone, HOURS, Set.of());
    }

    private static InvalidInputException invalid(Runnable creation) {
        try {
            creation.run();
        } catch (InvalidInputException expected) {
            return expected;
        }
        throw new AssertionError("expected an InvalidInputException");
    }

    @Nested
    @DisplayName("validation")
    class Validation {
        @ParameterizedTest(name = "name \"{0}\"")
        @ValueSource(strings = {"", " ", "\t\n"})
        @DisplayName("a blank name is refused with field name")
        void blankName(String name) {
            assertThat(invalid(() -> unit(name, SAO_PAULO)).violations())
                    .extracting(Violation::field).containsExactly("name");
        }

        @Test
        @DisplayName("a missing name is refused with field name")
        void nullName() {
            assertThat(invalid(() -> unit(null, SAO_PAULO)).violations())
                    .extracting(Violation::field).containsExactly("name");
        }

        @Test
        @DisplayName("a name of 200 characters is accepted, 201 is refused")
        void nameLength() {
            assertThat(unit("x".repeat(Unit.MAX_NAME_LENGTH), SAO_PAULO).name()).hasSize(200);
            assertThat(invalid(() -> unit("x".repeat(Unit.MAX_NAME_LENGTH + 1), SAO_PAULO)).violations())
                    .extracting(Violation::field).containsExactly("name");
        }

        @Test
        @DisplayName("a fixed offset such as ZoneId.of(\"+03:00\") is not an IANA zone: refused, field timeZone")
        void fixedOffsetZone() {
            assertThat(invalid(() -> unit("Centro", ZoneId.of("+03:00"))).violations())
                    .singleElement().satisfies(violation -> {
                        assertThat(violation.field()).isEqualTo("timeZone");
                        assertThat(violation.message()).contains("IANA");
                    });
        }

        @Test
        @DisplayName("other non-IANA zones are refused too: Z and UTC+03:00")
        void otherNonRegionZones() {
            assertThat(invalid(() -> unit("Centro", ZoneOffset.UTC)).violations())
                    .extracting(Violation::field).containsExactly("timeZone");
            assertThat(invalid(() -> unit("Centro", ZoneId.of("UTC+03:00"))).violations())
                    .extracting(Violation::field).containsExactly("timeZone");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"America/Sao_Paulo", "Europe/Berlin", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"})
        @DisplayName("IANA region zones are accepted")
        void ianaZones(String zone) {
            assertThat(unit("Centro", ZoneId.of(zone)).timeZone()).isEqualTo(ZoneId.of(zone));
        }

        @Test
        @DisplayName("a blank name and a bad zone are reported together")
        void severalViolations() {
            assertThat(invalid(() -> unit(" ", ZoneId.of("+03:00"))).violations())
                    .extracting(Violation::field).containsExactly("name", "timeZone");
        }

        @Test
        @DisplayName("at most 3660 closed dates")
        void tooManyClosedDates() {
            LocalDate first = date("2026-01-01");
            Set<LocalDate> many = IntStream.range(0, Unit.MAX_CLOSED_DATES + 1)
                    .mapToObj(first::plusDays).collect(Collectors.toSet());

            assertThat(invalid(() -> Unit.create(ID, "Centro", SAO_PAULO, HOURS, many)).violations())
                    .extracting(Violation::field).containsExactly("closedDates");
            many.remove(first);
            assertThat(Unit.create(ID, "Centro", SAO_PAULO, HOURS, many).closedDates()).hasSize(3660);
        }

        @Test
        @DisplayName("ids cannot be blank")
        void blankIds() {
            assertThatIllegalArgumentException().isThrownBy(() -> new UnitId(" "));
            assertThatIllegalArgumentException().isThrownBy(() -> new ServiceId(""));
            assertThat(new UnitId("u1")).hasToString("u1");
            assertThat(new ServiceId("s1")).hasToString("s1");
        }
    }

    @Nested
    @DisplayName("closed dates and opening intervals")
    class ClosedDates {
        private final Unit unit = Unit.create(ID, "Centro", SAO_PAULO, HOURS, Set.of(date("2026-12-25")));

        @Test
        @DisplayName("a closed date has no opening interval; the next day has its weekday's")
        void closedDateHasNoInterval() {
            assertThat(unit.isClosedOn(date("2026-12-25"))).isTrue();
            assertThat(unit.openingIntervalsOn(date("2026-12-25"))).isEmpty();
            assertThat(unit.isClosedOn(date("2026-12-26"))).isFalse();
            assertThat(unit.openingIntervalsOn(date("2026-12-26")))
                    .containsExactly(interval("09:00-12:00"), interval("13:00-18:00"));
        }

        @Test
        @DisplayName("closed dates are sorted, copied and read-only")
        void closedDatesCopied() {
            Set<LocalDate> source = new HashSet<>(Set.of(date("2026-12-31"), date("2026-12-25")));
            Unit created = Unit.create(ID, "Centro", SAO_PAULO, HOURS, source);
            source.add(date("2026-01-01"));

            assertThat(created.closedDates()).containsExactly(date("2026-12-25"), date("2026-12-31"));
            assertThatThrownBy(() -> created.closedDates().add(date("2026-01-01")))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    @DisplayName("changes")
    class Changes {
        private final Unit unit = Unit.create(ID, "Centro", SAO_PAULO, HOURS, Set.of());

        @Test
        @DisplayName("withName, withOpeningHours and withClosedDates change only that and keep the zone")
        void withers() {
            WeeklyOpeningHours mornings = everyDay("08:00-12:00");

            assertThat(unit.withName("Norte")).isEqualTo(new Unit(ID, "Norte", SAO_PAULO, HOURS, unit.closedDates()));
            assertThat(unit.withOpeningHours(mornings).openingHours()).isEqualTo(mornings);
            assertThat(unit.withOpeningHours(mornings).name()).isEqualTo("Centro");
            assertThat(unit.withClosedDates(Set.of(date("2026-12-25"))).isClosedOn(date("2026-12-25"))).isTrue();
            assertThat(unit.withClosedDates(Set.of(date("2026-12-25"))).timeZone()).isEqualTo(SAO_PAULO);
        }

        @Test
        @DisplayName("a change is validated like a new unit")
        void changesAreValidated() {
            assertThat(invalid(() -> unit.withName("")).violations())
                    .extracting(Violation::field).containsExactly("name");
        }
    }
}
