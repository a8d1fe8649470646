package dev.scheduling.domain.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MinuteRange: a half-open range of epoch minutes")
class MinuteRangeTest {

    @Test
    @DisplayName("its length is the number of minutes it holds")
    void length() {
        assertThat(new MinuteRange(100, 130).length()).isEqualTo(30);
        assertThat(new MinuteRange(-5, 5).length()).isEqualTo(10);
    }

    @Test
    @DisplayName("an empty or inverted range is refused")
    void emptyOrInverted() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MinuteRange(100, 100))
                .withMessageContaining("cannot be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> new MinuteRange(100, 99));
    }

    @Test
    @DisplayName("ranges that share a minute overlap, in either order")
    void overlapping() {
        MinuteRange nineToTen = new MinuteRange(540, 600);
        MinuteRange halfPastNineToHalfPastTen = new MinuteRange(570, 630);

        assertThat(nineToTen.overlaps(halfPastNineToHalfPastTen)).isTrue();
        assertThat(halfPastNineToHalfPastTen.overlaps(nineToTen)).isTrue();
        assertThat(nineToTen.overlaps(new MinuteRange(599, 600))).as("last minute").isTrue();
        assertThat(nineToTen.overlaps(new MinuteRange(500, 700))).as("containing").isTrue();
        assertThat(nineToTen.overlaps(nineToTen)).as("itself").isTrue();
    }

    @Test
    @DisplayName("back-to-back ranges do not overlap: the end is exclusive")
    void backToBack() {
        MinuteRange nineToTen = new MinuteRange(540, 600);

        assertThat(nineToTen.overlaps(new MinuteRange(600, 660))).isFalse();
        assertThat(new MinuteRange(600, 660).overlaps(nineToTen)).isFalse();
        assertThat(nineToTen.overlaps(new MinuteRange(480, 540))).isFalse();
    }
}
