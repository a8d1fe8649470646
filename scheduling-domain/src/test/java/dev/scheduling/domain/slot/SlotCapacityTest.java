package dev.scheduling.domain.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SlotCapacity")
class SlotCapacityTest {

    @Test
    @DisplayName("a slot with free places is available and takes up to what is free")
    void freePlaces() {
        SlotCapacity capacity = new SlotCapacity(3, 1);

        assertThat(capacity.isAvailable()).isTrue();
        assertThat(capacity.canTake(1)).isTrue();
        assertThat(capacity.canTake(2)).as("exactly filling it").isTrue();
        assertThat(capacity.canTake(3)).as("one too many").isFalse();
    }

    @Test
    @DisplayName("a full slot is unavailable and takes nothing")
    void full() {
        SlotCapacity capacity = new SlotCapacity(2, 2);

        assertThat(capacity.isAvailable()).isFalse();
        assertThat(capacity.canTake(1)).isFalse();
    }

    @Test
    @DisplayName("a quantity of zero or less is never taken")
    void nonPositiveQuantity() {
        SlotCapacity capacity = new SlotCapacity(5, 0);

        assertThat(capacity.canTake(0)).isFalse();
        assertThat(capacity.canTake(-1)).isFalse();
    }

    @Test
    @DisplayName("a huge quantity does not overflow into a yes")
    void hugeQuantity() {
        assertThat(new SlotCapacity(10, 5).canTake(Integer.MAX_VALUE)).isFalse();
        assertThat(new SlotCapacity(Integer.MAX_VALUE, 1).canTake(Integer.MAX_VALUE)).isFalse();
        assertThat(new SlotCapacity(Integer.MAX_VALUE, 0).canTake(Integer.MAX_VALUE)).isTrue();
    }

    @Test
    @DisplayName("after a capacity cut, used may exceed total: unavailable, takes nothing until it drains")
    void usedAboveTotal() {
        SlotCapacity overFull = new SlotCapacity(1, 3);

        assertThat(overFull.used()).isGreaterThan(overFull.total());
        assertThat(overFull.isAvailable()).isFalse();
        assertThat(overFull.canTake(1)).isFalse();
    }

    @Test
    @DisplayName("negative totals or usage are refused")
    void negative() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SlotCapacity(-1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new SlotCapacity(1, -1));
    }
}
