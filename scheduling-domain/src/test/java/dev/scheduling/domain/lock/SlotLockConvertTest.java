package dev.scheduling.domain.lock;

import static dev.scheduling.domain.testing.DomainFixtures.SAO_PAULO;
import static dev.scheduling.domain.testing.DomainFixtures.instant;
import static dev.scheduling.domain.testing.DomainFixtures.lockOn;
import static dev.scheduling.domain.testing.DomainFixtures.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.slot.Slot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("SlotLock.convert: a lock turned into an appointment")
class SlotLockConvertTest {
    private static final Slot SLOT = slot("2026-12-07", "09:00", 30, SAO_PAULO);
    private static final Instant NOW = instant("2026-12-07T11:00:00Z");
    private static final Instant EXPIRES = instant("2026-12-07T11:05:00Z");

    private final SlotLock locked = lockOn(SLOT, 2, NOW, Duration.ofMinutes(5));

    private SlotLock withStatus(LockStatus status) {
        return new SlotLock(locked.token(), locked.unitId(), locked.serviceId(), locked.slot(), locked.quantity(),
                status, locked.createdAt(), locked.expiresAt());
    }

    private static void assertRefused(Runnable call, Refusal refusal) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RefusedException.class, refused -> {
            assertThat(refused.refusal()).isEqualTo(refusal);
            assertThat(refused.retryAfter()).isEmpty();
        });
    }

    @Test
    @DisplayName("an active lock becomes CONVERTED and keeps everything else, up to just before its expiry")
    void activeConverts() {
        SlotLock converted = locked.convert(NOW);

        assertThat(converted.status()).isEqualTo(LockStatus.CONVERTED);
        assertThat(converted).usingRecursiveComparison().ignoringFields("status").isEqualTo(locked);
        assertThat(locked.convert(EXPIRES.minusNanos(1)).status()).isEqualTo(LockStatus.CONVERTED);
    }

    @Test
    @DisplayName("a converted lock holds nothing as a lock and is neither active nor due: its appointment holds it")
    void convertedIsNotActive() {
        SlotLock converted = locked.convert(NOW);

        assertThat(converted.isActiveAt(NOW)).isFalse();
        assertThat(converted.isDueAt(EXPIRES.plusSeconds(1))).isFalse();
        assertThat(converted.statusAt(EXPIRES.plusSeconds(1))).isEqualTo(LockStatus.CONVERTED);
    }

    @Test
    @DisplayName("a LOCKED lock whose time ran out (due, not swept yet) is refused with lock_expired")
    void dueIsExpired() {
        assertRefused(() -> locked.convert(EXPIRES), Refusal.LOCK_EXPIRED);
        assertRefused(() -> locked.convert(EXPIRES.plus(Duration.ofDays(1))), Refusal.LOCK_EXPIRED);
    }

    @Test
    @DisplayName("an EXPIRED lock is refused with lock_expired")
    void expiredIsExpired() {
        SlotLock expired = withStatus(LockStatus.EXPIRED);

        assertRefused(() -> expired.convert(EXPIRES), Refusal.LOCK_EXPIRED);
        assertRefused(() -> expired.convert(NOW), Refusal.LOCK_EXPIRED);
    }

    @ParameterizedTest(name = "a {0} lock")
    @EnumSource(value = LockStatus.class, names = {"RELEASED", "CONVERTED"})
    @DisplayName("a released or converted lock is refused with lock_not_active, before and after its expiry time")
    void notActive(LockStatus status) {
        SlotLock ended = withStatus(status);

        assertRefused(() -> ended.convert(NOW), Refusal.LOCK_NOT_ACTIVE);
        assertRefused(() -> ended.convert(EXPIRES.plusSeconds(60)), Refusal.LOCK_NOT_ACTIVE);
        assertThat(Refusal.LOCK_NOT_ACTIVE.code()).isEqualTo("lock_not_active");
        assertThat(Refusal.LOCK_EXPIRED.code()).isEqualTo("lock_expired");
    }
}
