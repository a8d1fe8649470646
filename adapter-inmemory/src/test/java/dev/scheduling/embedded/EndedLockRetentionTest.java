package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.port.in.BookAppointmentUseCase;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.application.service.AvailabilityService;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.lock.LockStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Locks that ended without an appointment are kept, and answer as they did, for a retention after their
 * expiry; then the housekeeping forgets them and their tokens answer like unknown ones. The embedded store
 * and the table stop growing with every lock ever placed.
 */
class EndedLockRetentionTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration RETENTION = AvailabilityService.ENDED_LOCK_RETENTION;

    private final EmbeddedCore core = EmbeddedCore.start();
    private final Unit unit = core.unitOpen("09:00-12:00");
    private final BookableService service = core.service(unit).lasting(30).capacity(2).create();

    @Test
    void aReleasedLockAnswersUntilTheRetentionAfterItsExpiryHasPassedThenItIsForgotten() {
        LockView lock = core.lockToday(unit, service, "09:00");
        core.release(lock);
        core.clock.set(lock.lock().expiresAt().plus(RETENTION));

        assertThat(core.scheduling.purgeEndedLocks()).isZero();
        assertThat(core.lookUp(lock).status()).isEqualTo(LockStatus.RELEASED);
        assertThat(core.release(lock).status()).as("a repeated release: the same answer").isEqualTo(LockStatus.RELEASED);

        core.clock.advance(Duration.ofSeconds(1));

        assertThat(core.scheduling.purgeEndedLocks()).isEqualTo(1);
        assertThat(refusalOf(() -> core.lookUp(lock))).isEqualTo(Refusal.LOCK_NOT_FOUND);
        assertThat(refusalOf(() -> core.release(lock))).isEqualTo(Refusal.LOCK_NOT_FOUND);
        assertThat(core.eventTypes()).as("forgetting announces nothing").containsExactly("slot.locked", "slot.released");
    }

    @Test
    void anExpiredLockIsForgottenLikewiseWhileABookedLockStaysWithItsAppointment() {
        LockView expired = core.lockToday(unit, service, "09:00");
        LockView booked = core.lockToday(unit, service, "10:00");
        Appointment appointment = core.scheduling.bookAppointment().book(
                new BookAppointmentUseCase.Command(core.newClient(), booked.lock().token(), Optional.empty()));
        core.clock.advance(TTL);
        assertThat(core.scheduling.expireDueLocks().expireDueLocks()).isEqualTo(1);
        core.clock.advance(RETENTION.plusSeconds(1));

        assertThat(core.scheduling.purgeEndedLocks()).isEqualTo(1);

        assertThat(refusalOf(() -> core.lookUp(expired))).isEqualTo(Refusal.LOCK_NOT_FOUND);
        assertThat(core.lookUp(booked).status()).isEqualTo(LockStatus.CONVERTED);
        assertThat(core.scheduling.appointments().appointment(appointment.clientId(), appointment.id()).status())
                .isEqualTo(appointment.status());
        assertThat(core.scheduling.purgeEndedLocks()).as("nothing left to forget").isZero();
    }
}
