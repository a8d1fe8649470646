package dev.scheduling.domain.lock;

import static dev.scheduling.domain.testing.DomainFixtures.SAO_PAULO;
import static dev.scheduling.domain.testing.DomainFixtures.instant;
import static dev.scheduling.domain.testing.DomainFixtures.lockOn;
import static dev.scheduling.domain.testing.DomainFixtures.slot;
import static dev.scheduling.domain.testing.DomainFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.slot.Slot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("SlotLock: a short hold on capacity")
class SlotLockTest {
    private static final Slot SLOT = slot("2026-12-07", "09:00", 30, SAO_PAULO);
    private static final Instant NOW = instant("2026-12-07T11:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Instant EXPIRES = instant("2026-12-07T11:05:00Z");

    private final SlotLock locked = lockOn(SLOT, 2, NOW, TTL);

    private static SlotLock withStatus(SlotLock lock, LockStatus status) {
        return new SlotLock(lock.token(), lock.unitId(), lock.serviceId(), lock.slot(), lock.quantity(), status,
                lock.createdAt(), lock.expiresAt());
    }

    @Nested
    @DisplayName("place")
    class Place {
        @Test
        @DisplayName("a new lock is LOCKED, taken now and expiring now + ttl, with what it was given")
        void newLock() {
            ReservationToken token = token("abc");
            SlotLock lock = SlotLock.place(token, new UnitId("u9"), new ServiceId("s9"), SLOT, 3, NOW, TTL);

            assertThat(lock.status()).isEqualTo(LockStatus.LOCKED);
            assertThat(lock.createdAt()).isEqualTo(NOW);
            assertThat(lock.expiresAt()).isEqualTo(EXPIRES);
            assertThat(lock.token()).isEqualTo(token);
            assertThat(lock.unitId()).isEqualTo(new UnitId("u9"));
            assertThat(lock.serviceId()).isEqualTo(new ServiceId("s9"));
            assertThat(lock.slot()).isEqualTo(SLOT);
            assertThat(lock.quantity()).isEqualTo(3);
        }

        @Test
        @DisplayName("a lock holds at least one place")
        void quantityAtLeastOne() {
            assertThatIllegalArgumentException().isThrownBy(() -> lockOn(SLOT, 0, NOW, TTL));
            assertThatIllegalArgumentException().isThrownBy(() -> lockOn(SLOT, -2, NOW, TTL));
        }

        @Test
        @DisplayName("a lock must expire after it is taken: a zero or negative ttl is refused")
        void positiveTtl() {
            assertThatIllegalArgumentException().isThrownBy(() -> lockOn(SLOT, 1, NOW, Duration.ZERO));
            assertThatIllegalArgumentException().isThrownBy(() -> lockOn(SLOT, 1, NOW, Duration.ofSeconds(-1)));
        }
    }

    @Nested
    @DisplayName("at the expiry boundary")
    class ExpiryBoundary {
        @Test
        @DisplayName("just before expiresAt a LOCKED lock is active, not due, and shows LOCKED")
        void justBefore() {
            Instant justBefore = EXPIRES.minusNanos(1);

            assertThat(locked.isActiveAt(justBefore)).isTrue();
            assertThat(locked.isDueAt(justBefore)).isFalse();
            assertThat(locked.statusAt(justBefore)).isEqualTo(LockStatus.LOCKED);
        }

        @Test
        @DisplayName("at expiresAt exactly it holds nothing: not active, due, and shows EXPIRED")
        void exactlyAt() {
            assertThat(locked.isActiveAt(EXPIRES)).isFalse();
            assertThat(locked.isDueAt(EXPIRES)).isTrue();
            assertThat(locked.statusAt(EXPIRES)).isEqualTo(LockStatus.EXPIRED);
        }

        @Test
        @DisplayName("long after expiry it is still due (the sweeper has not run) and shows EXPIRED")
        void longAfter() {
            Instant later = EXPIRES.plus(Duration.ofDays(1));

            assertThat(locked.isActiveAt(later)).isFalse();
            assertThat(locked.isDueAt(later)).isTrue();
            assertThat(locked.statusAt(later)).isEqualTo(LockStatus.EXPIRED);
        }

        @ParameterizedTest(name = "a {0} lock")
        @EnumSource(value = LockStatus.class, names = {"RELEASED", "EXPIRED", "CONVERTED"})
        @DisplayName("a lock that is no longer LOCKED is never active nor due and keeps its status")
        void endedLocks(LockStatus status) {
            SlotLock ended = withStatus(locked, status);

            for (Instant when : new Instant[] {NOW, EXPIRES.minusNanos(1), EXPIRES, EXPIRES.plusSeconds(60)}) {
                assertThat(ended.isActiveAt(when)).as("active at %s", when).isFalse();
                assertThat(ended.isDueAt(when)).as("due at %s", when).isFalse();
                assertThat(ended.statusAt(when)).as("status at %s", when).isEqualTo(status);
            }
        }
    }

    @Nested
    @DisplayName("release")
    class Release {
        @Test
        @DisplayName("a LOCKED lock in time becomes RELEASED and keeps everything else")
        void lockedBecomesReleased() {
            SlotLock released = locked.release(EXPIRES.minusSeconds(1));

            assertThat(released.status()).isEqualTo(LockStatus.RELEASED);
            assertThat(released).usingRecursiveComparison().ignoringFields("status").isEqualTo(locked);
            assertThat(released.isActiveAt(EXPIRES.minusSeconds(1))).isFalse();
        }

        @Test
        @DisplayName("a LOCKED lock whose time has run out becomes EXPIRED, not RELEASED")
        void dueBecomesExpired() {
            assertThat(locked.release(EXPIRES).status()).isEqualTo(LockStatus.EXPIRED);
            assertThat(locked.release(EXPIRES.plusSeconds(30)).status()).isEqualTo(LockStatus.EXPIRED);
        }

        @ParameterizedTest(name = "a {0} lock")
        @EnumSource(value = LockStatus.class, names = {"RELEASED", "EXPIRED"})
        @DisplayName("releasing a released or expired lock again changes nothing (idempotent)")
        void releasingAgain(LockStatus status) {
            SlotLock ended = withStatus(locked, status);

            assertThat(ended.release(NOW)).isEqualTo(ended);
            assertThat(ended.release(EXPIRES.plusSeconds(60))).isEqualTo(ended);
        }

        @Test
        @DisplayName("a released lock released again stays RELEASED even after its expiry time")
        void releasedStaysReleased() {
            SlotLock released = locked.release(NOW);

            assertThat(released.release(EXPIRES.plusSeconds(60)).status()).isEqualTo(LockStatus.RELEASED);
        }

        @Test
        @DisplayName("a CONVERTED lock is refused with LOCK_CONSUMED (code lock_consumed)")
        void convertedIsRefused() {
            SlotLock converted = withStatus(locked, LockStatus.CONVERTED);

            assertThatThrownBy(() -> converted.release(NOW))
                    .isInstanceOfSatisfying(RefusedException.class, refused -> {
                        assertThat(refused.refusal()).isEqualTo(Refusal.LOCK_CONSUMED);
                        assertThat(refused.refusal().code()).isEqualTo("lock_consumed");
                    });
        }
    }

    @Nested
    @DisplayName("expire")
    class Expire {
        @Test
        @DisplayName("a due lock becomes EXPIRED and keeps everything else")
        void dueLockExpires() {
            SlotLock expired = locked.expire(EXPIRES);

            assertThat(expired.status()).isEqualTo(LockStatus.EXPIRED);
            assertThat(expired).usingRecursiveComparison().ignoringFields("status").isEqualTo(locked);
        }

        @Test
        @DisplayName("a lock that is not due yet cannot be expired")
        void notDueYet() {
            assertThatIllegalStateException().isThrownBy(() -> locked.expire(EXPIRES.minusNanos(1)))
                    .withMessageContaining("is not due");
        }

        @ParameterizedTest(name = "a {0} lock")
        @EnumSource(value = LockStatus.class, names = {"RELEASED", "EXPIRED", "CONVERTED"})
        @DisplayName("a lock that is no longer LOCKED cannot be expired, even after its expiry time")
        void endedLocksCannotExpire(LockStatus status) {
            SlotLock ended = withStatus(locked, status);

            assertThatIllegalStateException().isThrownBy(() -> ended.expire(EXPIRES.plusSeconds(60)));
        }
    }
}
