package dev.scheduling.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Refusal codes")
class RefusalTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "UNIT_NOT_FOUND, unit_not_found",
            "SERVICE_NOT_FOUND, service_not_found",
            "NOT_A_SLOT, not_a_slot",
            "SLOT_FULL, slot_full",
            "LOCK_NOT_FOUND, lock_not_found",
            "LOCK_CONSUMED, lock_consumed",
            "IDEMPOTENCY_KEY_REUSED, idempotency_key_reused",
    })
    @DisplayName("each refusal has the stable code of the HTTP contract")
    void codes(Refusal refusal, String code) {
        assertThat(refusal.code()).isEqualTo(code);
    }

    @Test
    @DisplayName("a refused exception carries its refusal and detail, and needs a refusal")
    void refusedException() {
        RefusedException refused = new RefusedException(Refusal.SLOT_FULL, "no room");

        assertThat(refused.refusal()).isEqualTo(Refusal.SLOT_FULL);
        assertThat(refused).hasMessage("no room");
        assertThatNullPointerException().isThrownBy(() -> new RefusedException(null, "x"));
    }
}
