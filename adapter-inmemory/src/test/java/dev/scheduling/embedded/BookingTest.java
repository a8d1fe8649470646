package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.TODAY;
import static dev.scheduling.embedded.EmbeddedCore.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.port.in.BookAppointmentUseCase;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.application.port.in.ViewAppointmentsUseCase.AgendaEntry;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.appointment.AppointmentStatus;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.client.Recipient;
import dev.scheduling.domain.event.AppointmentCancelled;
import dev.scheduling.domain.event.AppointmentCreated;
import dev.scheduling.domain.event.AppointmentRescheduled;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Appointments through the use cases: lock → appointment → cancel or reschedule, with the capacity
 * and the events of API.md and EVENTS.md. A unit in São Paulo open 09:00-12:00, a 30-minute service
 * of capacity 3; the clock is 07:00 there, so today's slots are all offered.
 */
class BookingTest {
    private final EmbeddedCore core = EmbeddedCore.start();
    private final Unit unit = core.unitOpen("09:00-12:00");
    private final BookableService service = core.service(unit).lasting(30).capacity(3).create();
    private final ClientId ana = core.newClient();

    private Appointment book(ClientId client, LockView lock) {
        return book(client, lock.lock().token(), Optional.empty());
    }

    private Appointment book(ClientId client, ReservationToken token, Optional<String> notes) {
        return core.scheduling.bookAppointment().book(new BookAppointmentUseCase.Command(client, token, notes));
    }

    private Appointment cancel(ClientId client, Appointment appointment) {
        return core.scheduling.cancelAppointment().cancel(client, appointment.id());
    }

    private Appointment reschedule(ClientId client, Appointment appointment, LockView lock) {
        return core.scheduling.rescheduleAppointment().reschedule(client, appointment.id(), lock.lock().token());
    }

    private Appointment stored(Appointment appointment) {
        return core.ports.appointments().findById(appointment.id()).orElseThrow();
    }

    private int used(String startTime) {
        return core.slotToday(unit, service, startTime).orElseThrow().capacity().used();
    }

    private LockView lock(String startTime, int quantity) {
        return core.lock(unit, service, TODAY, startTime, quantity);
    }

    private LockStatus statusOf(LockView lock) {
        return core.lookUp(lock).status();
    }

    // --- book ------------------------------------------------------------------------------------

    @Test
    void bookingConvertsTheLockAndTheAppointmentKeepsItsCapacity() {
        LockView lock = lock("09:00", 2);
        core.clock.advance(Duration.ofMinutes(1));

        Appointment booked = book(ana, lock.lock().token(), Optional.of("first visit"));

        assertThat(booked.status()).isEqualTo(AppointmentStatus.CONFIRMED);
        assertThat(booked.clientId()).isEqualTo(ana);
        assertThat(booked.unitId()).isEqualTo(unit.id());
        assertThat(booked.serviceId()).isEqualTo(service.id());
        assertThat(booked.slot()).isEqualTo(lock.lock().slot());
        assertThat(booked.quantity()).isEqualTo(2);
        assertThat(booked.reservationToken()).isEqualTo(lock.lock().token());
        assertThat(booked.notes()).contains("first visit");
        assertThat(booked.createdAt()).isEqualTo(core.clock.instant());
        assertThat(stored(booked)).isEqualTo(booked);
        assertThat(statusOf(lock)).isEqualTo(LockStatus.CONVERTED);
        assertThat(used("09:00")).isEqualTo(2);
    }

    @Test
    void bookingAnnouncesTheLockConvertedThenTheAppointmentCreated() {
        LockView lock = lock("09:00", 1);

        Appointment booked = book(ana, lock);

        assertThat(core.eventTypes()).containsExactly("slot.locked", "slot.released", "appointment.created");
        SlotReleased released = core.events(SlotReleased.class).get(0);
        assertThat(released.reason()).isEqualTo(SlotReleased.Reason.CONVERTED);
        assertThat(released.reservationToken()).isEqualTo(lock.lock().token());
        assertThat(released.capacityUsed()).as("the capacity stays taken").isEqualTo(1);
        assertThat(released.capacityTotal()).isEqualTo(3);
        assertThat(core.events(AppointmentCreated.class)).containsExactly(new AppointmentCreated(booked.id(),
                lock.lock().token(), ana, unit.id(), service.id(), TODAY, LocalTime.parse("09:00"),
                LocalTime.parse("09:30"), 1));
    }

    @Test
    void aBookedLockNeitherExpiresNorGivesItsCapacityBack() {
        LockView lock = lock("09:00", 1);
        book(ana, lock);
        core.clock.advance(Duration.ofMinutes(10));

        assertThat(core.scheduling.expireDueLocks().expireDueLocks()).isZero();

        assertThat(statusOf(lock)).isEqualTo(LockStatus.CONVERTED);
        assertThat(used("09:00")).isEqualTo(1);
    }

    @Test
    void aLockThatRanOutBeforeBookingIsRefusedWithLockExpiredWhetherSweptOrNot() {
        LockView unswept = lock("09:00", 1);
        LockView swept = lock("10:00", 1);
        core.clock.advance(Duration.ofMinutes(5));

        assertThat(refusalOf(() -> book(ana, unswept))).isEqualTo(Refusal.LOCK_EXPIRED);
        core.scheduling.expireDueLocks().expireDueLocks();
        assertThat(refusalOf(() -> book(ana, swept))).isEqualTo(Refusal.LOCK_EXPIRED);

        assertThat(core.scheduling.appointments().appointmentsOf(ana)).isEmpty();
        assertThat(core.events(AppointmentCreated.class)).isEmpty();
        assertThat(used("09:00")).isZero();
        assertThat(used("10:00")).isZero();
    }

    @Test
    void aReleasedLockIsRefusedWithLockNotActive() {
        LockView lock = lock("09:00", 1);
        core.release(lock);

        assertThat(refusalOf(() -> book(ana, lock))).isEqualTo(Refusal.LOCK_NOT_ACTIVE);

        assertThat(core.scheduling.appointments().appointmentsOf(ana)).isEmpty();
        assertThat(statusOf(lock)).isEqualTo(LockStatus.RELEASED);
    }

    @Test
    void aLockBookedAlreadyIsRefusedWithLockNotActive() {
        LockView lock = lock("09:00", 1);
        book(ana, lock);
        ClientId bia = core.newClient();

        assertThat(refusalOf(() -> book(bia, lock))).isEqualTo(Refusal.LOCK_NOT_ACTIVE);
        assertThat(refusalOf(() -> book(ana, lock))).isEqualTo(Refusal.LOCK_NOT_ACTIVE);

        assertThat(core.scheduling.appointments().appointmentsOf(bia)).isEmpty();
        assertThat(core.scheduling.appointments().appointmentsOf(ana)).hasSize(1);
    }

    @Test
    void anUnknownTokenIsRefusedWithLockNotFound() {
        ReservationToken unknown = new ReservationToken("NoSuchLockTokenAnywhere0000");

        assertThat(refusalOf(() -> book(ana, unknown, Optional.empty()))).isEqualTo(Refusal.LOCK_NOT_FOUND);
    }

    @Test
    void notesOverFiveHundredCharactersAreRefusedAndTheLockStaysActive() {
        LockView lock = lock("09:00", 1);

        assertThatThrownBy(() -> book(ana, lock.lock().token(), Optional.of("x".repeat(501))))
                .isInstanceOf(InvalidInputException.class);

        assertThat(statusOf(lock)).isEqualTo(LockStatus.LOCKED);
        assertThat(book(ana, lock.lock().token(), Optional.of("x".repeat(500))).notes()).isPresent();
    }

    @Test
    void manyThreadsBookingOneLockMakeExactlyOneAppointment() {
        LockView lock = lock("09:00", 1);
        List<ClientId> clients = java.util.stream.IntStream.range(0, 4).mapToObj(i -> core.newClient()).toList();

        List<Race.Outcome<Appointment>> outcomes = Race.run(16, i -> book(clients.get(i % clients.size()), lock));

        assertThat(Race.count(outcomes, Race.Outcome::succeeded)).isEqualTo(1);
        assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded()).allSatisfy(outcome ->
                assertThat(((RefusedException) outcome.failure()).refusal()).isEqualTo(Refusal.LOCK_NOT_ACTIVE));
        Appointment winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow().value();
        assertThat(clients.stream().mapToInt(client -> core.scheduling.appointments().appointmentsOf(client).size())
                .sum()).isEqualTo(1);
        assertThat(core.events(AppointmentCreated.class)).hasSize(1);
        assertThat(core.events(AppointmentCreated.class).get(0).appointmentId()).isEqualTo(winner.id());
        assertThat(used("09:00")).isEqualTo(1);
    }

    // --- cancel ----------------------------------------------------------------------------------

    @Test
    void cancellingFreesExactlyTheAppointmentsCapacity() {
        Appointment booked = book(ana, lock("09:00", 2));
        lock("09:00", 1);
        assertThat(used("09:00")).isEqualTo(3);

        Appointment cancelled = cancel(ana, booked);

        assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(stored(booked)).isEqualTo(cancelled);
        assertThat(used("09:00")).isEqualTo(1);
        assertThat(core.events(AppointmentCancelled.class)).containsExactly(new AppointmentCancelled(booked.id(), ana,
                unit.id(), service.id(), TODAY, LocalTime.parse("09:00"), LocalTime.parse("09:30"), 2, 1));
    }

    @Test
    void cancellingAgainReturnsTheSameAndFreesNothingMore() {
        Appointment booked = book(ana, lock("09:00", 2));
        lock("09:00", 1);
        Appointment first = cancel(ana, booked);

        Appointment again = cancel(ana, booked);

        assertThat(again).isEqualTo(first);
        assertThat(used("09:00")).isEqualTo(1);
        assertThat(core.events(AppointmentCancelled.class)).hasSize(1);
    }

    @Test
    void concurrentCancelsFreeTheCapacityOnce() {
        Appointment booked = book(ana, lock("09:00", 2));
        lock("09:00", 1);

        List<Race.Outcome<Appointment>> outcomes = Race.run(16, i -> cancel(ana, booked));

        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.value().status()).isEqualTo(AppointmentStatus.CANCELLED);
        });
        assertThat(used("09:00")).isEqualTo(1);
        assertThat(core.events(AppointmentCancelled.class)).hasSize(1);
        assertThat(core.events(AppointmentCancelled.class).get(0).capacityUsed()).isEqualTo(1);
    }

    // --- reschedule ------------------------------------------------------------------------------

    @Test
    void reschedulingMovesTheAppointmentInOneStep() {
        Appointment booked = book(ana, lock("09:00", 1));
        LockView target = lock("10:30", 1);
        core.events.clear();

        Appointment moved = reschedule(ana, booked, target);

        assertThat(moved.id()).isEqualTo(booked.id());
        assertThat(moved.status()).isEqualTo(AppointmentStatus.CONFIRMED);
        assertThat(moved.slot()).isEqualTo(target.lock().slot());
        assertThat(moved.reservationToken()).isEqualTo(target.lock().token());
        assertThat(moved.createdAt()).isEqualTo(booked.createdAt());
        assertThat(stored(booked)).isEqualTo(moved);
        assertThat(used("09:00")).as("the old slot is freed").isZero();
        assertThat(used("10:30")).as("the new one stays taken").isEqualTo(1);
        assertThat(statusOf(target)).isEqualTo(LockStatus.CONVERTED);
        assertThat(core.eventTypes()).containsExactly("slot.released", "appointment.rescheduled");
        assertThat(core.events(SlotReleased.class).get(0).reason()).isEqualTo(SlotReleased.Reason.CONVERTED);
        assertThat(core.events(SlotReleased.class).get(0).reservationToken()).isEqualTo(target.lock().token());
        assertThat(core.events(AppointmentRescheduled.class)).containsExactly(new AppointmentRescheduled(booked.id(),
                ana, unit.id(), service.id(), 1,
                new AppointmentRescheduled.Previous(TODAY, LocalTime.parse("09:00"), LocalTime.parse("09:30")),
                TODAY, LocalTime.parse("10:30"), LocalTime.parse("11:00")));
    }

    @Test
    void aRescheduledAppointmentCanBeCancelledAndFreesItsNewSlot() {
        Appointment booked = book(ana, lock("09:00", 1));
        Appointment moved = reschedule(ana, booked, lock("11:00", 1));

        cancel(ana, moved);

        assertThat(used("09:00")).isZero();
        assertThat(used("11:00")).isZero();
        assertThat(core.events(AppointmentCancelled.class).get(0).startTime()).isEqualTo(LocalTime.parse("11:00"));
    }

    @Test
    void aCancelledAppointmentCannotBeRescheduledAndTheLockIsLeftAlone() {
        Appointment booked = book(ana, lock("09:00", 1));
        cancel(ana, booked);
        LockView target = lock("10:00", 1);

        assertThat(refusalOf(() -> reschedule(ana, booked, target))).isEqualTo(Refusal.APPOINTMENT_CANCELLED);

        assertThat(statusOf(target)).isEqualTo(LockStatus.LOCKED);
        assertThat(used("10:00")).isEqualTo(1);
        assertThat(stored(booked).status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(core.events(AppointmentRescheduled.class)).isEmpty();
    }

    @Test
    void aLockOfAnotherServiceCannotCarryTheAppointment() {
        BookableService other = core.service(unit).lasting(30).capacity(3).create();
        Appointment booked = book(ana, lock("09:00", 1));
        LockView otherLock = core.lock(unit, other, TODAY, "10:00", 1);

        assertThat(refusalOf(() -> reschedule(ana, booked, otherLock))).isEqualTo(Refusal.LOCK_OF_ANOTHER_SERVICE);

        assertThat(stored(booked)).isEqualTo(booked);
        assertThat(statusOf(otherLock)).isEqualTo(LockStatus.LOCKED);
        assertThat(used("09:00")).isEqualTo(1);
    }

    @Test
    void aLockOfAnotherUnitCannotCarryTheAppointment() {
        Unit otherUnit = core.unitOpen("09:00-12:00");
        BookableService otherService = core.service(otherUnit).lasting(30).capacity(3).create();
        Appointment booked = book(ana, lock("09:00", 1));
        LockView otherLock = core.lock(otherUnit, otherService, TODAY, "10:00", 1);

        assertThat(refusalOf(() -> reschedule(ana, booked, otherLock))).isEqualTo(Refusal.LOCK_OF_ANOTHER_SERVICE);
        assertThat(stored(booked)).isEqualTo(booked);
    }

    @Test
    void anExpiredOrReleasedLockCannotCarryTheAppointment() {
        Appointment booked = book(ana, lock("09:00", 1));
        LockView released = lock("10:00", 1);
        core.release(released);
        LockView expiring = lock("11:00", 1);
        core.clock.advance(Duration.ofMinutes(5));

        assertThat(refusalOf(() -> reschedule(ana, booked, released))).isEqualTo(Refusal.LOCK_NOT_ACTIVE);
        assertThat(refusalOf(() -> reschedule(ana, booked, expiring))).isEqualTo(Refusal.LOCK_EXPIRED);

        assertThat(stored(booked)).isEqualTo(booked);
        assertThat(used("09:00")).isEqualTo(1);
    }

    @Test
    void aRescheduleThatLosesTheRaceToACancelLeavesNothingHalfDone() {
        AtomicReference<Runnable> concurrentCancel = new AtomicReference<>();
        EmbeddedCore raced = EmbeddedCore.withPorts(HookedAppointmentRepository.beforeReplace((expected, updated) -> {
            Runnable cancel = concurrentCancel.getAndSet(null);
            if (cancel != null && updated.isConfirmed()) {
                // Another request cancels first, on its own thread and in its own unit of work.
                CompletableFuture.runAsync(cancel).join();
            }
        }));
        Unit centro = raced.unitOpen("09:00-12:00");
        BookableService consulta = raced.service(centro).lasting(30).capacity(3).create();
        ClientId client = raced.newClient();
        Appointment booked = raced.scheduling.bookAppointment().book(new BookAppointmentUseCase.Command(client,
                raced.lockToday(centro, consulta, "09:00").lock().token(), Optional.empty()));
        LockView target = raced.lockToday(centro, consulta, "10:00");
        concurrentCancel.set(() -> raced.scheduling.cancelAppointment().cancel(client, booked.id()));

        Refusal refusal = refusalOf(() -> raced.scheduling.rescheduleAppointment().reschedule(client, booked.id(),
                target.lock().token()));

        assertThat(refusal).isEqualTo(Refusal.APPOINTMENT_CANCELLED);
        Appointment stored = raced.ports.appointments().findById(booked.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(stored.slot()).as("cancelled where it was").isEqualTo(booked.slot());
        assertThat(raced.lookUp(target).status()).as("the new lock's conversion was undone").isEqualTo(LockStatus.LOCKED);
        assertThat(raced.slotToday(centro, consulta, "09:00").orElseThrow().capacity().used()).isZero();
        assertThat(raced.slotToday(centro, consulta, "10:00").orElseThrow().capacity().used()).isEqualTo(1);
        assertThat(raced.events(AppointmentRescheduled.class)).isEmpty();
        assertThat(raced.events(SlotReleased.class)).as("only the booking's conversion was announced").hasSize(1);
        assertThat(raced.events(AppointmentCancelled.class)).hasSize(1);
    }

    @Test
    void racingReschedulesAndCancelsKeepTheCapacityExact() {
        for (int round = 0; round < 20; round++) {
            EmbeddedCore fresh = EmbeddedCore.start();
            Unit centro = fresh.unitOpen("09:00-12:00");
            BookableService consulta = fresh.service(centro).lasting(30).capacity(3).create();
            ClientId client = fresh.newClient();
            Appointment booked = fresh.scheduling.bookAppointment().book(new BookAppointmentUseCase.Command(client,
                    fresh.lockToday(centro, consulta, "09:00").lock().token(), Optional.empty()));
            LockView toTen = fresh.lockToday(centro, consulta, "10:00");
            LockView toEleven = fresh.lockToday(centro, consulta, "11:00");

            List<Race.Outcome<Appointment>> outcomes = Race.run(3, i -> switch (i) {
                case 0 -> fresh.scheduling.rescheduleAppointment().reschedule(client, booked.id(), toTen.lock().token());
                case 1 -> fresh.scheduling.rescheduleAppointment().reschedule(client, booked.id(), toEleven.lock().token());
                default -> fresh.scheduling.cancelAppointment().cancel(client, booked.id());
            });

            assertThat(outcomes.get(2).succeeded()).isTrue();
            assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded()).allSatisfy(outcome ->
                    assertThat(((RefusedException) outcome.failure()).refusal()).isEqualTo(Refusal.APPOINTMENT_CANCELLED));
            Appointment last = fresh.ports.appointments().findById(booked.id()).orElseThrow();
            assertThat(last.status()).isEqualTo(AppointmentStatus.CANCELLED);
            assertThat(fresh.slotToday(centro, consulta, "09:00").orElseThrow().capacity().used()).isZero();
            for (LockView lock : List.of(toTen, toEleven)) {
                LockStatus status = fresh.lookUp(lock).status();
                int used = fresh.slotToday(centro, consulta, lock.lock().slot().startTime().toString()).orElseThrow()
                        .capacity().used();
                assertThat(status).isIn(LockStatus.LOCKED, LockStatus.CONVERTED);
                assertThat(used).as("round %d, %s lock at %s", round, status, lock.lock().slot().startTime())
                        .isEqualTo(status == LockStatus.LOCKED ? 1 : 0);
            }
            assertThat(fresh.events(AppointmentCancelled.class)).hasSize(1);
            assertThat(fresh.events(AppointmentRescheduled.class))
                    .hasSize((int) outcomes.subList(0, 2).stream().filter(Race.Outcome::succeeded).count());
        }
    }

    // --- reading ---------------------------------------------------------------------------------

    @Test
    void anotherClientsAppointmentIsNotFoundAndCannotBeChanged() {
        Appointment booked = book(ana, lock("09:00", 1));
        ClientId bia = core.newClient();
        LockView target = lock("10:00", 1);

        assertThat(refusalOf(() -> core.scheduling.appointments().appointment(bia, booked.id())))
                .isEqualTo(Refusal.APPOINTMENT_NOT_FOUND);
        assertThat(refusalOf(() -> cancel(bia, booked))).isEqualTo(Refusal.APPOINTMENT_NOT_FOUND);
        assertThat(refusalOf(() -> reschedule(bia, booked, target))).isEqualTo(Refusal.APPOINTMENT_NOT_FOUND);
        assertThat(refusalOf(() -> core.scheduling.appointments().appointment(ana,
                new AppointmentId("no-such-appointment")))).isEqualTo(Refusal.APPOINTMENT_NOT_FOUND);

        assertThat(stored(booked)).isEqualTo(booked);
        assertThat(statusOf(target)).isEqualTo(LockStatus.LOCKED);
        assertThat(core.scheduling.appointments().appointment(ana, booked.id())).isEqualTo(booked);
    }

    @Test
    void aClientSeesItsOwnAppointmentsSoonestFirst() {
        Appointment tomorrow = book(ana, core.lock(unit, service, TODAY.plusDays(1), "09:00", 1));
        Appointment laterToday = book(ana, lock("11:00", 1));
        Appointment earlierToday = book(ana, lock("09:30", 1));
        book(core.newClient(), lock("09:00", 1));

        assertThat(core.scheduling.appointments().appointmentsOf(ana))
                .extracting(Appointment::id)
                .containsExactly(earlierToday.id(), laterToday.id(), tomorrow.id());
    }

    @Test
    void theAgendaListsConfirmedAppointmentsOfTheRangeByDateAndTimeWithEachClientsContact() {
        Recipient biaAddress = Recipient.email("bia.agenda@example.com");
        ClientId bia = core.logIn(biaAddress).clientId();
        LocalDate tomorrow = TODAY.plusDays(1);
        Appointment tomorrowNine = book(bia, core.lock(unit, service, tomorrow, "09:00", 1));
        Appointment todayEleven = book(ana, lock("11:00", 2));
        Appointment todayNine = book(bia, lock("09:00", 1));
        Appointment cancelled = book(ana, lock("10:00", 1));
        cancel(ana, cancelled);
        book(ana, core.lock(unit, service, TODAY.plusDays(2), "09:00", 1));
        Unit otherUnit = core.unitOpen("09:00-12:00");
        BookableService otherService = core.service(otherUnit).lasting(30).capacity(3).create();
        book(ana, core.lock(otherUnit, otherService, TODAY, "09:00", 1));

        List<AgendaEntry> agenda = core.scheduling.appointments().agenda(unit.id(), TODAY, tomorrow);

        assertThat(agenda).extracting(entry -> entry.appointment().id())
                .containsExactly(todayNine.id(), todayEleven.id(), tomorrowNine.id());
        assertThat(agenda.get(0).client().id()).isEqualTo(bia);
        assertThat(agenda.get(0).client().recipient()).isEqualTo(biaAddress);
        assertThat(agenda.get(1).client().id()).isEqualTo(ana);
        assertThat(agenda.get(1).appointment().quantity()).isEqualTo(2);
        assertThat(core.scheduling.appointments().agenda(unit.id(), tomorrow, tomorrow))
                .extracting(entry -> entry.appointment().id()).containsExactly(tomorrowNine.id());
    }

    @Test
    void theAgendaCoversAtMostThirtyOneDaysOfAKnownUnit() {
        assertThat(core.scheduling.appointments().agenda(unit.id(), TODAY, TODAY.plusDays(30))).isEmpty();
        assertThatThrownBy(() -> core.scheduling.appointments().agenda(unit.id(), TODAY, TODAY.plusDays(31)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> core.scheduling.appointments().agenda(unit.id(), TODAY, TODAY.minusDays(1)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(refusalOf(() -> core.scheduling.appointments().agenda(
                new dev.scheduling.domain.catalog.UnitId("no-such-unit"), TODAY, TODAY)))
                .isEqualTo(Refusal.UNIT_NOT_FOUND);
    }
}
