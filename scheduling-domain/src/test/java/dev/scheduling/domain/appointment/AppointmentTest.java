package dev.scheduling.domain.appointment;

import static dev.scheduling.domain.testing.DomainFixtures.SAO_PAULO;
import static dev.scheduling.domain.testing.DomainFixtures.instant;
import static dev.scheduling.domain.testing.DomainFixtures.slot;
import static dev.scheduling.domain.testing.DomainFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.Violation;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.event.AppointmentCancelled;
import dev.scheduling.domain.event.AppointmentCreated;
import dev.scheduling.domain.event.AppointmentRescheduled;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.Slot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Appointment: a client's booking made from a lock")
class AppointmentTest {
    private static final Instant NOW = instant("2026-12-07T11:00:00Z");
    private static final UnitId UNIT = new UnitId("u1");
    private static final ServiceId SERVICE = new ServiceId("s1");
    private static final ClientId ANA = new ClientId("client-ana");
    private static final AppointmentId ID = new AppointmentId("appt-1");
    private static final Slot NINE = slot("2026-12-07", "09:00", 30, SAO_PAULO);
    private static final Slot ELEVEN = slot("2026-12-08", "11:00", 30, SAO_PAULO);

    private static SlotLock convertedLock(String seed, UnitId unit, ServiceId service, Slot slot, int quantity) {
        return SlotLock.place(token(seed), unit, service, slot, quantity, NOW, Duration.ofMinutes(5)).convert(NOW);
    }

    private final SlotLock first = convertedLock("first", UNIT, SERVICE, NINE, 2);
    private final Appointment booked = Appointment.book(ID, ANA, first, Optional.of("window seat"), NOW);

    @Nested
    @DisplayName("book")
    class Book {
        @Test
        @DisplayName("an appointment made from a converted lock takes its unit, service, slot, quantity and token, CONFIRMED")
        void fromConvertedLock() {
            assertThat(first.status()).isEqualTo(LockStatus.CONVERTED);
            assertThat(booked.id()).isEqualTo(ID);
            assertThat(booked.clientId()).isEqualTo(ANA);
            assertThat(booked.unitId()).isEqualTo(UNIT);
            assertThat(booked.serviceId()).isEqualTo(SERVICE);
            assertThat(booked.slot()).isEqualTo(NINE);
            assertThat(booked.quantity()).isEqualTo(2);
            assertThat(booked.reservationToken()).isEqualTo(first.token());
            assertThat(booked.notes()).contains("window seat");
            assertThat(booked.status()).isEqualTo(AppointmentStatus.CONFIRMED);
            assertThat(booked.isConfirmed()).isTrue();
            assertThat(booked.createdAt()).isEqualTo(NOW);
        }

        @Test
        @DisplayName("notes are optional and at most 500 characters; longer notes are invalid input on the field notes")
        void notes() {
            assertThat(Appointment.book(ID, ANA, first, Optional.empty(), NOW).notes()).isEmpty();
            String longest = "n".repeat(Appointment.MAX_NOTES_LENGTH);
            assertThat(Appointment.book(ID, ANA, first, Optional.of(longest), NOW).notes()).contains(longest);

            assertThatThrownBy(() -> Appointment.book(ID, ANA, first, Optional.of(longest + "x"), NOW))
                    .isInstanceOfSatisfying(InvalidInputException.class, invalid ->
                            assertThat(invalid.violations()).extracting(Violation::field).containsExactly("notes"));
        }

        @Test
        @DisplayName("an appointment is for at least one client")
        void quantity() {
            assertThatIllegalArgumentException().isThrownBy(() -> new Appointment(ID, ANA, UNIT, SERVICE, NINE, 0,
                    first.token(), Optional.empty(), AppointmentStatus.CONFIRMED, NOW));
        }
    }

    @Nested
    @DisplayName("cancel")
    class Cancel {
        @Test
        @DisplayName("a confirmed appointment becomes CANCELLED and keeps everything else")
        void cancels() {
            Appointment cancelled = booked.cancel();

            assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
            assertThat(cancelled.isConfirmed()).isFalse();
            assertThat(cancelled).usingRecursiveComparison().ignoringFields("status").isEqualTo(booked);
        }

        @Test
        @DisplayName("cancelling again changes nothing")
        void idempotent() {
            Appointment cancelled = booked.cancel();

            assertThat(cancelled.cancel()).isEqualTo(cancelled);
        }
    }

    @Nested
    @DisplayName("rescheduleTo")
    class Reschedule {
        @Test
        @DisplayName("moves to the slot, quantity and token of a converted lock of the same unit and service; keeps the rest")
        void moves() {
            SlotLock second = convertedLock("second", UNIT, SERVICE, ELEVEN, 1);

            Appointment moved = booked.rescheduleTo(second);

            assertThat(moved.slot()).isEqualTo(ELEVEN);
            assertThat(moved.quantity()).isEqualTo(1);
            assertThat(moved.reservationToken()).isEqualTo(second.token());
            assertThat(moved).usingRecursiveComparison().ignoringFields("slot", "quantity", "reservationToken")
                    .isEqualTo(booked);
            assertThat(moved.status()).isEqualTo(AppointmentStatus.CONFIRMED);
        }

        @Test
        @DisplayName("a lock of another service is refused with lock_of_another_service")
        void anotherService() {
            SlotLock other = convertedLock("other", UNIT, new ServiceId("s2"), ELEVEN, 2);

            assertRefused(() -> booked.rescheduleTo(other), Refusal.LOCK_OF_ANOTHER_SERVICE);
            assertRefused(() -> booked.requireSameService(other), Refusal.LOCK_OF_ANOTHER_SERVICE);
        }

        @Test
        @DisplayName("a lock of another unit is refused with lock_of_another_service, even for a service of the same id")
        void anotherUnit() {
            SlotLock other = convertedLock("other", new UnitId("u2"), SERVICE, ELEVEN, 2);

            assertRefused(() -> booked.rescheduleTo(other), Refusal.LOCK_OF_ANOTHER_SERVICE);
            assertThat(Refusal.LOCK_OF_ANOTHER_SERVICE.code()).isEqualTo("lock_of_another_service");
        }

        @Test
        @DisplayName("a cancelled appointment cannot move: appointment_cancelled")
        void cancelledCannotMove() {
            SlotLock second = convertedLock("second", UNIT, SERVICE, ELEVEN, 1);

            assertRefused(() -> booked.cancel().rescheduleTo(second), Refusal.APPOINTMENT_CANCELLED);
            assertThat(Refusal.APPOINTMENT_CANCELLED.code()).isEqualTo("appointment_cancelled");
        }
    }

    @Nested
    @DisplayName("events")
    class Events {
        @Test
        @DisplayName("appointment.created carries the appointment, its lock, client, unit, service, slot and quantity")
        void created() {
            AppointmentCreated created = AppointmentCreated.of(booked);

            assertThat(created.type()).isEqualTo("appointment.created");
            assertThat(created).isEqualTo(new AppointmentCreated(ID, first.token(), ANA, UNIT, SERVICE,
                    LocalDate.parse("2026-12-07"), LocalTime.parse("09:00"), LocalTime.parse("09:30"), 2));
        }

        @Test
        @DisplayName("appointment.rescheduled carries the new slot and the previous one")
        void rescheduled() {
            Appointment moved = booked.rescheduleTo(convertedLock("second", UNIT, SERVICE, ELEVEN, 1));

            AppointmentRescheduled event = AppointmentRescheduled.of(booked, moved);

            assertThat(event.type()).isEqualTo("appointment.rescheduled");
            assertThat(event).isEqualTo(new AppointmentRescheduled(ID, ANA, UNIT, SERVICE, 1,
                    new AppointmentRescheduled.Previous(LocalDate.parse("2026-12-07"), LocalTime.parse("09:00"),
                            LocalTime.parse("09:30")),
                    LocalDate.parse("2026-12-08"), LocalTime.parse("11:00"), LocalTime.parse("11:30")));
        }

        @Test
        @DisplayName("appointment.cancelled carries the slot's usage right after")
        void cancelled() {
            AppointmentCancelled event = AppointmentCancelled.of(booked.cancel(), 3);

            assertThat(event.type()).isEqualTo("appointment.cancelled");
            assertThat(event).isEqualTo(new AppointmentCancelled(ID, ANA, UNIT, SERVICE,
                    LocalDate.parse("2026-12-07"), LocalTime.parse("09:00"), LocalTime.parse("09:30"), 2, 3));
        }
    }

    private static void assertRefused(Runnable call, Refusal refusal) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RefusedException.class, refused ->
                assertThat(refused.refusal()).isEqualTo(refusal));
    }
}
