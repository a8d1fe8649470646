package dev.scheduling.application.port.out.contract;

import static dev.scheduling.application.port.out.contract.StoreFixtures.inUnitOfWork;
import static dev.scheduling.application.port.out.contract.StoreFixtures.savedService;
import static dev.scheduling.application.port.out.contract.StoreFixtures.savedUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.AppointmentRepository;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.appointment.AppointmentId;
import dev.scheduling.domain.appointment.AppointmentStatus;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.Slot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AppointmentRepository}: storage by id, the compare-and-set on status and
 * reservation token that lets each cancel or move happen once, and the client's and the unit's lists.
 * An appointment refers to a stored unit, service, client and lock (a database enforces it), so each
 * test stores them first through the ports. Writes run in the adapter's unit of work, as the use cases
 * run them. Instants are whole milliseconds.
 */
public abstract class AppointmentRepositoryContract {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00.250Z");
    private static final LocalDate DAY = LocalDate.parse("2030-03-10");

    /** Fresh ports of the adapter under test, over a store that may hold other tests' data. */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private SchedulingPorts ports;
    private AppointmentRepository appointments;
    private Unit unit;
    private BookableService service;
    private Client ana;

    @BeforeEach
    void createPortsCatalogAndClient() {
        ports = newPorts(new MutableClock(NOW));
        appointments = ports.appointments();
        unit = savedUnit(ports);
        service = savedService(ports, unit, 5);
        ana = savedClient();
    }

    @Test
    void anAddedAppointmentIsFoundByItsIdWithEveryField() {
        Appointment booked = book(ana, slot(DAY, "09:30"), 2, Optional.of("first visit, ç€ \"quoted\""));

        add(booked);

        Appointment found = appointments.findById(booked.id()).orElseThrow();
        assertThat(found).isEqualTo(booked);
        assertThat(found.slot().start()).isEqualTo(Instant.parse("2030-03-10T09:30:00Z"));
        assertThat(found.slot().endTime()).hasToString("10:30");
        assertThat(found.createdAt()).isEqualTo(NOW);
    }

    @Test
    void anAppointmentWithoutNotesKeepsNone() {
        Appointment booked = book(ana, slot(DAY, "10:00"), 1, Optional.empty());

        add(booked);

        assertThat(appointments.findById(booked.id()).orElseThrow().notes()).isEmpty();
    }

    @Test
    void anUnknownIdFindsNothing() {
        assertThat(appointments.findById(new AppointmentId(UUID.randomUUID().toString()))).isEmpty();
    }

    @Test
    void aSecondAppointmentWithTheSameIdIsRefusedAndTheFirstStays() {
        Appointment first = book(ana, slot(DAY, "09:00"), 1, Optional.empty());
        add(first);
        Appointment sameId = new Appointment(first.id(), ana.id(), unit.id(), service.id(), slot(DAY, "11:00"), 1,
                storedLock(slot(DAY, "11:00"), 1).token(), Optional.empty(), AppointmentStatus.CONFIRMED, NOW);

        assertThatThrownBy(() -> add(sameId)).isInstanceOf(RuntimeException.class);

        assertThat(appointments.findById(first.id())).contains(first);
    }

    @Test
    void replaceCancelsWhenStatusAndTokenAreTheExpectedOnes() {
        Appointment booked = book(ana, slot(DAY, "09:00"), 1, Optional.of("note"));
        add(booked);

        assertThat(replace(booked, booked.cancel())).isTrue();

        assertThat(appointments.findById(booked.id())).contains(booked.cancel());
    }

    @Test
    void replaceMovesTheAppointmentWithEveryChangedField() {
        Appointment booked = book(ana, slot(DAY, "09:00"), 1, Optional.of("note"));
        add(booked);
        Appointment moved = booked.rescheduleTo(convertedLock(slot(DAY.plusDays(1), "11:00"), 3));

        assertThat(replace(booked, moved)).isTrue();

        Appointment found = appointments.findById(booked.id()).orElseThrow();
        assertThat(found).isEqualTo(moved);
        assertThat(found.slot().start()).isEqualTo(Instant.parse("2030-03-11T11:00:00Z"));
        assertThat(found.quantity()).isEqualTo(3);
        assertThat(found.createdAt()).isEqualTo(NOW);
    }

    @Test
    void replaceRefusesAStaleStatusAndChangesNothing() {
        Appointment booked = book(ana, slot(DAY, "09:00"), 1, Optional.empty());
        add(booked);
        replace(booked, booked.cancel());

        Appointment moved = booked.rescheduleTo(convertedLock(slot(DAY, "10:00"), 1));
        assertThat(replace(booked, moved)).isFalse();
        assertThat(replace(booked, booked.cancel())).isFalse();

        assertThat(appointments.findById(booked.id())).contains(booked.cancel());
    }

    @Test
    void replaceRefusesAStaleReservationTokenAndChangesNothing() {
        Appointment booked = book(ana, slot(DAY, "09:00"), 1, Optional.empty());
        add(booked);
        Appointment movedOnce = booked.rescheduleTo(convertedLock(slot(DAY, "10:00"), 1));
        replace(booked, movedOnce);

        Appointment movedFromStaleView = booked.rescheduleTo(convertedLock(slot(DAY, "11:00"), 1));
        assertThat(replace(booked, movedFromStaleView)).isFalse();
        assertThat(replace(booked, booked.cancel())).as("a cancel decided on the old slot").isFalse();

        assertThat(appointments.findById(booked.id())).contains(movedOnce);
    }

    @Test
    void replaceOfAnUnknownAppointmentChangesNothing() {
        Appointment neverAdded = book(ana, slot(DAY, "09:00"), 1, Optional.empty());

        assertThat(replace(neverAdded, neverAdded.cancel())).isFalse();

        assertThat(appointments.findById(neverAdded.id())).isEmpty();
    }

    @Test
    void ofManyConcurrentReplacesOfTheSameAppointmentExactlyOneWins() {
        Appointment booked = book(ana, slot(DAY, "09:00"), 1, Optional.empty());
        add(booked);
        List<Appointment> updates = IntStream.range(0, 12)
                .mapToObj(i -> i % 3 == 0 ? booked.cancel()
                        : booked.rescheduleTo(convertedLock(slot(DAY, i % 2 == 0 ? "10:00" : "11:00"), 1)))
                .toList();

        List<Race.Outcome<Boolean>> outcomes = Race.run(updates.size(), i -> replace(booked, updates.get(i)));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<Integer> winners = IntStream.range(0, outcomes.size()).filter(i -> outcomes.get(i).value()).boxed().toList();
        assertThat(winners).hasSize(1);
        assertThat(appointments.findById(booked.id())).contains(updates.get(winners.get(0)));
    }

    @Test
    void aReplaceInsideAUnitOfWorkThatFailsIsUndone() {
        Appointment booked = book(ana, slot(DAY, "09:00"), 1, Optional.empty());
        add(booked);

        assertThatThrownBy(() -> inUnitOfWork(ports, () -> {
            appointments.replace(booked, booked.cancel());
            throw new IllegalStateException("the rest of the command failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(appointments.findById(booked.id())).contains(booked);
    }

    @Test
    void anAddInsideAUnitOfWorkThatFailsIsUndone() {
        Appointment booked = book(ana, slot(DAY, "09:00"), 1, Optional.empty());

        assertThatThrownBy(() -> inUnitOfWork(ports, () -> {
            appointments.add(booked);
            throw new IllegalStateException("the rest of the command failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(appointments.findById(booked.id())).isEmpty();
    }

    @Test
    void findByClientListsOnlyTheClientsAppointmentsSoonestFirstCancelledIncluded() {
        Client bia = savedClient();
        Appointment later = book(ana, slot(DAY.plusDays(2), "09:00"), 1, Optional.empty());
        Appointment soonest = book(ana, slot(DAY, "11:00"), 1, Optional.empty());
        Appointment between = book(ana, slot(DAY.plusDays(1), "09:30"), 1, Optional.empty());
        Appointment sameDayEarlier = book(ana, slot(DAY.plusDays(1), "09:00"), 1, Optional.empty());
        Appointment ofBia = book(bia, slot(DAY, "09:00"), 1, Optional.empty());
        List.of(later, soonest, between, sameDayEarlier, ofBia).forEach(this::add);
        replace(between, between.cancel());

        assertThat(appointments.findByClient(ana.id()))
                .containsExactly(soonest, sameDayEarlier, between.cancel(), later);
        assertThat(appointments.findByClient(bia.id())).containsExactly(ofBia);
        assertThat(appointments.findByClient(new ClientId(UUID.randomUUID().toString()))).isEmpty();
    }

    @Test
    void findByClientFollowsAMove() {
        Appointment first = book(ana, slot(DAY, "09:00"), 1, Optional.empty());
        Appointment second = book(ana, slot(DAY, "10:00"), 1, Optional.empty());
        add(first);
        add(second);
        Appointment moved = first.rescheduleTo(convertedLock(slot(DAY, "11:00"), 1));
        replace(first, moved);

        assertThat(appointments.findByClient(ana.id())).containsExactly(second, moved);
    }

    @Test
    void findByUnitListsTheUnitsAppointmentsOfTheInclusiveRangeByDateAndTime() {
        Client bia = savedClient();
        Appointment dayBefore = book(ana, slot(DAY.minusDays(1), "11:00"), 1, Optional.empty());
        Appointment firstDayLate = book(bia, slot(DAY, "11:00"), 1, Optional.empty());
        Appointment firstDayEarly = book(ana, slot(DAY, "09:00"), 1, Optional.empty());
        Appointment lastDay = book(bia, slot(DAY.plusDays(2), "09:30"), 1, Optional.empty());
        Appointment middleDay = book(ana, slot(DAY.plusDays(1), "10:00"), 2, Optional.empty());
        Appointment dayAfter = book(ana, slot(DAY.plusDays(3), "09:00"), 1, Optional.empty());
        List.of(dayBefore, firstDayLate, firstDayEarly, lastDay, middleDay, dayAfter).forEach(this::add);
        Unit otherUnit = savedUnit(ports);
        BookableService otherService = savedService(ports, otherUnit, 5);
        Slot otherSlot = StoreFixtures.slot(otherUnit, otherService, DAY, "09:00");
        SlotLock otherLock = storedLock(otherService, otherSlot, 1);
        add(Appointment.book(new AppointmentId(UUID.randomUUID().toString()), ana.id(), otherLock, Optional.empty(), NOW));

        assertThat(appointments.findByUnit(unit.id(), DAY, DAY.plusDays(2)))
                .containsExactly(firstDayEarly, firstDayLate, middleDay, lastDay);
        assertThat(appointments.findByUnit(unit.id(), DAY, DAY)).containsExactly(firstDayEarly, firstDayLate);
        assertThat(appointments.findByUnit(unit.id(), DAY.minusDays(1), DAY.minusDays(1))).containsExactly(dayBefore);
        assertThat(appointments.findByUnit(unit.id(), DAY.plusDays(10), DAY.plusDays(20))).isEmpty();
        assertThat(appointments.findByUnit(otherUnit.id(), DAY, DAY)).hasSize(1);
    }

    @Test
    void findByUnitKeepsCancelledAppointmentsForTheCallerToFilter() {
        Appointment booked = book(ana, slot(DAY, "09:00"), 1, Optional.empty());
        add(booked);
        replace(booked, booked.cancel());

        assertThat(appointments.findByUnit(unit.id(), DAY, DAY)).containsExactly(booked.cancel());
    }

    // --- fixtures --------------------------------------------------------------------------------

    private Client savedClient() {
        return ports.clients().findOrAdd(new Client(new ClientId(UUID.randomUUID().toString()),
                ClientRepositoryContract.newEmail(), NOW));
    }

    private Slot slot(LocalDate date, String startTime) {
        return StoreFixtures.slot(unit, service, date, startTime);
    }

    /** A lock of this test's service, stored, as an appointment's reservation token must name one. */
    private SlotLock storedLock(Slot slot, int quantity) {
        return storedLock(service, slot, quantity);
    }

    private SlotLock storedLock(BookableService ofService, Slot slot, int quantity) {
        SlotLock lock = StoreFixtures.lock(ofService, slot, quantity, LockStatus.LOCKED, NOW,
                NOW.plus(Duration.ofMinutes(5)));
        inUnitOfWork(ports, () -> ports.locks().add(lock));
        return lock.convert(NOW);
    }

    private SlotLock convertedLock(Slot slot, int quantity) {
        return storedLock(slot, quantity);
    }

    private Appointment book(Client client, Slot slot, int quantity, Optional<String> notes) {
        return Appointment.book(new AppointmentId(UUID.randomUUID().toString()), client.id(),
                storedLock(slot, quantity), notes, NOW);
    }

    private void add(Appointment appointment) {
        inUnitOfWork(ports, () -> appointments.add(appointment));
    }

    private boolean replace(Appointment expected, Appointment updated) {
        return inUnitOfWork(ports, () -> appointments.replace(expected, updated));
    }
}
