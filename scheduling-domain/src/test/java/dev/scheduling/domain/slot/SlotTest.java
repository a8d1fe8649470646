package dev.scheduling.domain.slot;

import static dev.scheduling.domain.testing.DomainFixtures.date;
import static dev.scheduling.domain.testing.DomainFixtures.instant;
import static dev.scheduling.domain.testing.DomainFixtures.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Slot")
class SlotTest {

    private static Slot slot(String start, String end) {
        return new Slot(date("2026-12-07"), time("09:00"), time("09:30"), instant(start), instant(end));
    }

    @Test
    @DisplayName("minutes() spans the epoch minutes from its start to its end, end exclusive")
    void minutesOfAWholeMinuteSlot() {
        Slot slot = slot("2026-12-07T12:00:00Z", "2026-12-07T12:30:00Z");
        long firstMinute = instant("2026-12-07T12:00:00Z").getEpochSecond() / 60;

        assertThat(slot.minutes()).isEqualTo(new MinuteRange(firstMinute, firstMinute + 30));
        assertThat(slot.minutes().length()).isEqualTo(30);
    }

    @Test
    @DisplayName("minutes() rounds a start down and an end up to whole minutes, so it covers the whole slot")
    void minutesRoundOutward() {
        Slot slot = slot("2026-12-07T12:00:30Z", "2026-12-07T12:30:10Z");
        long minuteOfStart = instant("2026-12-07T12:00:00Z").getEpochSecond() / 60;

        assertThat(slot.minutes()).isEqualTo(new MinuteRange(minuteOfStart, minuteOfStart + 31));
    }

    @Test
    @DisplayName("minutes() is correct before the epoch too (floor, not truncation)")
    void minutesBeforeTheEpoch() {
        Slot slot = slot("1969-12-31T23:59:30Z", "1970-01-01T00:00:30Z");

        assertThat(slot.minutes()).isEqualTo(new MinuteRange(-1, 1));
    }

    @Test
    @DisplayName("a slot must end after it starts")
    void mustEndAfterStart() {
        assertThatIllegalArgumentException().isThrownBy(() -> slot("2026-12-07T12:00:00Z", "2026-12-07T12:00:00Z"));
        assertThatIllegalArgumentException().isThrownBy(() -> slot("2026-12-07T12:00:00Z", "2026-12-07T11:00:00Z"));
    }

    @Test
    @DisplayName("a slot has started from its start instant on")
    void hasStarted() {
        Slot slot = slot("2026-12-07T12:00:00Z", "2026-12-07T12:30:00Z");
        Instant start = instant("2026-12-07T12:00:00Z");

        assertThat(slot.hasStartedAt(start.minusNanos(1))).isFalse();
        assertThat(slot.hasStartedAt(start)).isTrue();
        assertThat(slot.hasStartedAt(start.plusSeconds(3600))).isTrue();
    }
}
