package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.TODAY;
import static dev.scheduling.embedded.EmbeddedCore.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.port.in.GetAvailabilityUseCase;
import dev.scheduling.application.port.in.GetAvailabilityUseCase.SlotAvailability;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.application.port.in.UpdateServiceUseCase;
import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.event.SlotLocked;
import dev.scheduling.domain.event.SlotReleased;
import dev.scheduling.domain.lock.LockStatus;
import dev.scheduling.domain.lock.ReservationToken;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.slot.SlotCapacity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Availability, locking and release through the real use cases over the in-memory adapters. */
class AvailabilityServiceTest {
    private final EmbeddedCore core = EmbeddedCore.start();

    @Nested
    class Availability {

        @Test
        void listsEveryOfferedSlotOfTheDayWithItsCapacity() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(30).capacity(2).create();

            List<SlotAvailability> slots = core.availability(unit, service, TODAY);

            assertThat(slots).extracting(slot -> slot.slot().startTime().toString())
                    .containsExactly("09:00", "09:30", "10:00", "10:30", "11:00", "11:30");
            assertThat(slots).allSatisfy(slot -> {
                assertThat(slot.slot().date()).isEqualTo(TODAY);
                assertThat(slot.capacity()).isEqualTo(new SlotCapacity(2, 0));
                assertThat(slot.capacity().isAvailable()).isTrue();
            });
            SlotAvailability first = slots.get(0);
            assertThat(first.slot().endTime()).isEqualTo(LocalTime.of(9, 30));
            assertThat(first.slot().start()).as("09:00 in São Paulo").isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
        }

        @Test
        void aRangeListsEveryDateInOrderOfDateAndStart() {
            Unit unit = core.unitOpen("09:00-10:00", "14:00-15:00");
            BookableService service = core.service(unit).lasting(30).create();

            List<SlotAvailability> slots = core.availability(unit, service, TODAY, TODAY.plusDays(2));

            assertThat(slots).hasSize(12);
            assertThat(slots).extracting(slot -> slot.slot().date() + " " + slot.slot().startTime()).containsExactly(
                    "2026-12-07 09:00", "2026-12-07 09:30", "2026-12-07 14:00", "2026-12-07 14:30",
                    "2026-12-08 09:00", "2026-12-08 09:30", "2026-12-08 14:00", "2026-12-08 14:30",
                    "2026-12-09 09:00", "2026-12-09 09:30", "2026-12-09 14:00", "2026-12-09 14:30");
        }

        @Test
        void countsActiveLocksAndListsFullSlotsAsUnavailable() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(30).capacity(2).create();

            core.lockToday(unit, service, "09:00");
            assertThat(core.slotToday(unit, service, "09:00")).map(SlotAvailability::capacity)
                    .contains(new SlotCapacity(2, 1));

            core.lockToday(unit, service, "09:00");
            SlotAvailability full = core.slotToday(unit, service, "09:00").orElseThrow();
            assertThat(full.capacity()).isEqualTo(new SlotCapacity(2, 2));
            assertThat(full.capacity().isAvailable()).isFalse();
            assertThat(core.slotToday(unit, service, "09:30")).map(SlotAvailability::capacity)
                    .contains(new SlotCapacity(2, 0));
        }

        @Test
        void leavesOutSlotsThatHaveStarted() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(30).create();
            core.clock.set(Instant.parse("2026-12-07T12:00:00Z")); // 09:00 in São Paulo: the first slot starts now

            assertThat(core.availability(unit, service, TODAY)).extracting(slot -> slot.slot().startTime().toString())
                    .startsWith("09:30").hasSize(5);
        }

        @Test
        void respectsTheMinimumNoticeIncludingASlotStartingExactlyAtIt() {
            Unit unit = core.unitOpen("09:00-12:00");
            // 07:00 now + 150 minutes = 09:30
            BookableService service = core.service(unit).lasting(30).minNotice(150).create();

            assertThat(core.availability(unit, service, TODAY)).extracting(slot -> slot.slot().startTime().toString())
                    .containsExactly("09:30", "10:00", "10:30", "11:00", "11:30");
            assertThat(core.availability(unit, service, TODAY.plusDays(1))).hasSize(6);
        }

        @Test
        void respectsTheBookingWindowInTheUnitsDates() {
            Unit unit = core.unitOpen("09:00-10:00");
            BookableService service = core.service(unit).lasting(60).bookingWindow(7).create();

            List<SlotAvailability> slots = core.availability(unit, service, TODAY.plusDays(5), TODAY.plusDays(10));

            assertThat(slots).extracting(slot -> slot.slot().date())
                    .containsExactly(TODAY.plusDays(5), TODAY.plusDays(6), TODAY.plusDays(7));
        }

        @Test
        void aDefaultBookingWindowOfNinetyDays() {
            Unit unit = core.unitOpen("09:00-10:00");
            BookableService service = core.service(unit).lasting(60).create();

            assertThat(core.availability(unit, service, TODAY.plusDays(90))).hasSize(1);
            assertThat(core.availability(unit, service, TODAY.plusDays(91))).isEmpty();
        }

        @Test
        void offersNothingOnAClosedDate() {
            LocalDate closed = TODAY.plusDays(1);
            Unit unit = core.unitOpenExceptOn(List.of(closed), "09:00-10:00");
            BookableService service = core.service(unit).lasting(60).create();

            assertThat(core.availability(unit, service, closed)).isEmpty();
            assertThat(core.availability(unit, service, TODAY, TODAY.plusDays(2))).extracting(slot -> slot.slot().date())
                    .containsExactly(TODAY, TODAY.plusDays(2));
        }

        @Test
        void anInactiveServiceOffersNothing() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).create();
            core.scheduling.updateService().updateService(new UpdateServiceUseCase.Command(unit.id(), service.id(),
                    Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.of(false)));

            assertThat(core.availability(unit, service, TODAY)).isEmpty();
        }

        @Test
        void anUnknownUnitOrServiceIsRefused() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).create();
            Unit other = core.unitOpen("09:00-12:00");
            BookableService ofOther = core.service(other).create();
            UnitId unknownUnit = new UnitId(UUID.randomUUID().toString());
            ServiceId unknownService = new ServiceId(UUID.randomUUID().toString());

            assertThat(refusalOf(() -> query(unknownUnit, service.id()))).isEqualTo(Refusal.UNIT_NOT_FOUND);
            assertThat(refusalOf(() -> query(unit.id(), unknownService))).isEqualTo(Refusal.SERVICE_NOT_FOUND);
            assertThat(refusalOf(() -> query(unit.id(), ofOther.id()))).isEqualTo(Refusal.SERVICE_NOT_FOUND);
        }

        @Test
        void aRangeOfMoreThanThirtyOneDaysIsInvalidInput() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).create();

            assertThat(core.availability(unit, service, TODAY, TODAY.plusDays(30))).isNotEmpty();
            assertThatThrownBy(() -> core.availability(unit, service, TODAY, TODAY.plusDays(31)))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> core.availability(unit, service, TODAY, TODAY.minusDays(1)))
                    .isInstanceOf(InvalidInputException.class);
        }

        private void query(UnitId unitId, ServiceId serviceId) {
            core.scheduling.availability().availability(new GetAvailabilityUseCase.Query(unitId, serviceId, TODAY, TODAY));
        }
    }

    @Nested
    class Locking {

        @Test
        void aLockIsLockedUntilNowPlusTheLockLifetime() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(30).capacity(2).create();

            LockView view = core.lockToday(unit, service, "09:00");

            assertThat(view.status()).isEqualTo(LockStatus.LOCKED);
            SlotLock lock = view.lock();
            assertThat(lock.createdAt()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
            assertThat(lock.expiresAt()).isEqualTo(Instant.parse("2026-12-07T10:05:00Z"));
            assertThat(lock.unitId()).isEqualTo(unit.id());
            assertThat(lock.serviceId()).isEqualTo(service.id());
            assertThat(lock.slot().date()).isEqualTo(TODAY);
            assertThat(lock.slot().startTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(lock.slot().endTime()).isEqualTo(LocalTime.of(9, 30));
            assertThat(lock.quantity()).isEqualTo(1);
            assertThat(view.capacity()).isEqualTo(new SlotCapacity(2, 1));
            assertThat(core.lookUp(view).status()).isEqualTo(LockStatus.LOCKED);
        }

        @Test
        void theLockLifetimeIsASetting() {
            EmbeddedCore tenMinutes = EmbeddedCore.withLockTtl(Duration.ofMinutes(10));
            Unit unit = tenMinutes.unitOpen("09:00-12:00");
            BookableService service = tenMinutes.service(unit).create();

            LockView view = tenMinutes.lockToday(unit, service, "09:00");

            assertThat(view.lock().expiresAt()).isEqualTo(Instant.parse("2026-12-07T10:10:00Z"));
        }

        @Test
        void theTokenIsOpaqueUrlSafeAndCarriesAtLeast128RandomBits() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).capacity(50).create();

            List<ReservationToken> tokens = java.util.stream.IntStream.range(0, 20)
                    .mapToObj(i -> core.lockToday(unit, service, "09:00").lock().token()).toList();

            assertThat(tokens).doesNotHaveDuplicates();
            // 128 bits need at least 22 characters of base64.
            assertThat(tokens).allSatisfy(token -> assertThat(token.value()).matches("[A-Za-z0-9_-]{22,}"));
        }

        @Test
        void aLockAnnouncesSlotLockedWithEveryFieldOfTheContract() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(30).capacity(3).create();
            core.lockToday(unit, service, "09:00");

            LockView view = core.lock(unit, service, TODAY, "09:00", 2);

            assertThat(core.events).hasSize(2);
            EventEnvelope envelope = core.events.get(1);
            assertThat(envelope.type()).isEqualTo("slot.locked");
            assertThat(envelope.version()).isEqualTo(1);
            assertThat(envelope.eventId()).isNotNull().isNotEqualTo(core.events.get(0).eventId());
            assertThat(envelope.occurredAt()).isEqualTo(Instant.parse(EmbeddedCore.START));
            assertThat(envelope.event()).isEqualTo(new SlotLocked(view.lock().token(), unit.id(), service.id(), TODAY,
                    LocalTime.of(9, 0), LocalTime.of(9, 30), 2, 3, 3, Instant.parse("2026-12-07T10:05:00Z")));
            assertThat(core.events(SlotLocked.class)).extracting(SlotLocked::capacityUsed).containsExactly(1, 3);
        }

        @Test
        void aQuantityTakesThatManyPlaces() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).capacity(3).create();

            LockView two = core.lock(unit, service, TODAY, "09:00", 2);

            assertThat(two.lock().quantity()).isEqualTo(2);
            assertThat(two.capacity()).isEqualTo(new SlotCapacity(3, 2));
            assertThat(refusalOf(() -> core.lock(unit, service, TODAY, "09:00", 2))).isEqualTo(Refusal.SLOT_FULL);
            assertThat(core.lock(unit, service, TODAY, "09:00", 1).capacity()).isEqualTo(new SlotCapacity(3, 3));
        }

        @Test
        void aLockOnADateAfterTodayWorks() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).create();

            LockView view = core.lock(unit, service, TODAY.plusDays(30), "11:30", 1);

            assertThat(view.lock().slot().date()).isEqualTo(TODAY.plusDays(30));
            assertThat(core.availability(unit, service, TODAY.plusDays(30)))
                    .filteredOn(slot -> slot.slot().startTime().equals(LocalTime.of(11, 30)))
                    .extracting(SlotAvailability::capacity).containsExactly(new SlotCapacity(1, 1));
        }
    }

    @Nested
    class Refusals {

        @Test
        void aFullSlotIsRefusedWithSlotFullAndNothingChanges() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).capacity(1).create();
            core.lockToday(unit, service, "09:00");

            assertThat(refusalOf(() -> core.lockToday(unit, service, "09:00"))).isEqualTo(Refusal.SLOT_FULL);

            assertThat(core.events).hasSize(1);
            assertThat(core.slotToday(unit, service, "09:00")).map(SlotAvailability::capacity)
                    .contains(new SlotCapacity(1, 1));
        }

        @Test
        void moreThanTheCapacityIsRefusedWithSlotFull() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).capacity(2).create();

            assertThat(refusalOf(() -> core.lock(unit, service, TODAY, "09:00", 3))).isEqualTo(Refusal.SLOT_FULL);

            assertThat(core.slotToday(unit, service, "09:00")).map(SlotAvailability::capacity)
                    .contains(new SlotCapacity(2, 0));
            assertThat(core.events).isEmpty();
        }

        @Test
        void aTimeThatIsNotASlotOfTheServiceIsRefusedWithNotASlot() {
            LocalDate closed = TODAY.plusDays(3);
            Unit unit = core.unitOpenExceptOn(List.of(closed), "09:00-12:00");
            BookableService halfHour = core.service(unit).lasting(30).create();
            BookableService hour = core.service(unit).lasting(60).every(30).create();

            assertThat(refusalOf(() -> core.lockToday(unit, halfHour, "09:15"))).as("misaligned")
                    .isEqualTo(Refusal.NOT_A_SLOT);
            assertThat(refusalOf(() -> core.lockToday(unit, halfHour, "13:00"))).as("outside hours")
                    .isEqualTo(Refusal.NOT_A_SLOT);
            assertThat(refusalOf(() -> core.lockToday(unit, halfHour, "08:30"))).as("before opening")
                    .isEqualTo(Refusal.NOT_A_SLOT);
            assertThat(refusalOf(() -> core.lockToday(unit, hour, "11:30"))).as("does not fit before closing")
                    .isEqualTo(Refusal.NOT_A_SLOT);
            assertThat(refusalOf(() -> core.lock(unit, halfHour, closed, "09:00", 1))).as("closed date")
                    .isEqualTo(Refusal.NOT_A_SLOT);
            assertThat(core.lockToday(unit, hour, "11:00").status()).as("the last slot that fits")
                    .isEqualTo(LockStatus.LOCKED);
        }

        @Test
        void aSlotThatHasStartedIsRefusedWithNotASlot() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(30).create();
            core.clock.set(Instant.parse("2026-12-07T12:10:00Z")); // 09:10 in São Paulo

            assertThat(refusalOf(() -> core.lockToday(unit, service, "09:00"))).isEqualTo(Refusal.NOT_A_SLOT);
            assertThat(refusalOf(() -> core.lock(unit, service, TODAY.minusDays(1), "11:00", 1)))
                    .as("yesterday").isEqualTo(Refusal.NOT_A_SLOT);
            assertThat(core.lockToday(unit, service, "09:30").status()).isEqualTo(LockStatus.LOCKED);
        }

        @Test
        void aSlotTooSoonForTheMinimumNoticeIsRefusedWithNotASlot() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(30).minNotice(150).create();

            assertThat(refusalOf(() -> core.lockToday(unit, service, "09:00"))).isEqualTo(Refusal.NOT_A_SLOT);
            assertThat(core.lockToday(unit, service, "09:30").status()).isEqualTo(LockStatus.LOCKED);
        }

        @Test
        void aSlotBeyondTheBookingWindowIsRefusedWithNotASlot() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).bookingWindow(7).create();

            assertThat(refusalOf(() -> core.lock(unit, service, TODAY.plusDays(8), "09:00", 1)))
                    .isEqualTo(Refusal.NOT_A_SLOT);
            assertThat(core.lock(unit, service, TODAY.plusDays(7), "09:00", 1).status()).isEqualTo(LockStatus.LOCKED);
        }

        @Test
        void aSlotOfAnInactiveServiceIsRefusedWithNotASlot() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).create();
            core.scheduling.updateService().updateService(new UpdateServiceUseCase.Command(unit.id(), service.id(),
                    Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.of(false)));

            assertThat(refusalOf(() -> core.lockToday(unit, service, "09:00"))).isEqualTo(Refusal.NOT_A_SLOT);
        }

        @Test
        void anUnknownUnitOrServiceOrAServiceOfAnotherUnitIsRefused() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).create();
            Unit other = core.unitOpen("09:00-12:00");
            BookableService ofOther = core.service(other).create();
            Unit unknownUnit = unitWithId(new UnitId(UUID.randomUUID().toString()));
            BookableService unknownService = new BookableService(new ServiceId(UUID.randomUUID().toString()), unit.id(),
                    "Ghost", 30, 1, 30, 0, 90, true);

            assertThat(refusalOf(() -> core.lockToday(unknownUnit, service, "09:00"))).isEqualTo(Refusal.UNIT_NOT_FOUND);
            assertThat(refusalOf(() -> core.lockToday(unit, unknownService, "09:00")))
                    .isEqualTo(Refusal.SERVICE_NOT_FOUND);
            assertThat(refusalOf(() -> core.lockToday(unit, ofOther, "09:00"))).isEqualTo(Refusal.SERVICE_NOT_FOUND);
            assertThat(core.events).isEmpty();
        }

        @Test
        void aQuantityOutsideOneToAThousandIsInvalidInput() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).create();

            assertThatThrownBy(() -> core.lock(unit, service, TODAY, "09:00", 0)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> core.lock(unit, service, TODAY, "09:00", 1001))
                    .isInstanceOf(InvalidInputException.class);
        }

        private Unit unitWithId(UnitId id) {
            return dev.scheduling.domain.testing.CatalogFixtures.aUnit().id(id.value()).build();
        }
    }

    @Nested
    class Release {

        @Test
        void aReleasedLockIsReleasedAndGivesItsCapacityBack() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).capacity(2).create();
            LockView kept = core.lockToday(unit, service, "09:00");
            LockView lock = core.lockToday(unit, service, "09:00");
            core.clock.advance(Duration.ofMinutes(1));

            LockView released = core.release(lock);

            assertThat(released.status()).isEqualTo(LockStatus.RELEASED);
            assertThat(released.lock().token()).isEqualTo(lock.lock().token());
            assertThat(released.capacity()).isEqualTo(new SlotCapacity(2, 1));
            assertThat(core.lookUp(lock).status()).isEqualTo(LockStatus.RELEASED);
            assertThat(core.lookUp(kept).status()).isEqualTo(LockStatus.LOCKED);
            assertThat(core.slotToday(unit, service, "09:00")).map(SlotAvailability::capacity)
                    .contains(new SlotCapacity(2, 1));
        }

        @Test
        void aReleaseAnnouncesSlotReleasedWithReasonReleasedAndEveryField() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).capacity(2).create();
            LockView lock = core.lockToday(unit, service, "10:30");
            core.clock.advance(Duration.ofMinutes(2));

            core.release(lock);

            assertThat(core.eventTypes()).containsExactly("slot.locked", "slot.released");
            EventEnvelope envelope = core.events.get(1);
            assertThat(envelope.occurredAt()).isEqualTo(Instant.parse("2026-12-07T10:02:00Z"));
            assertThat(envelope.event()).isEqualTo(new SlotReleased(lock.lock().token(), unit.id(), service.id(), TODAY,
                    LocalTime.of(10, 30), LocalTime.of(11, 0), 1, 2, 0, Instant.parse("2026-12-07T10:05:00Z"),
                    SlotReleased.Reason.RELEASED));
            assertThat(SlotReleased.Reason.RELEASED.wireName()).isEqualTo("released");
        }

        @Test
        void releasingAgainAnswersTheSameAndChangesNothing() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).capacity(2).create();
            LockView lock = core.lockToday(unit, service, "09:00");
            LockView first = core.release(lock);
            core.lockToday(unit, service, "09:00");

            LockView again = core.release(lock);

            assertThat(again.status()).isEqualTo(LockStatus.RELEASED);
            assertThat(again.lock()).isEqualTo(first.lock());
            assertThat(again.capacity()).as("the slot's usage now").isEqualTo(new SlotCapacity(2, 1));
            assertThat(core.events(SlotReleased.class)).hasSize(1);
        }

        @Test
        void aReleaseFreesThePlaceForAnotherClient() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).capacity(1).create();
            LockView lock = core.lockToday(unit, service, "09:00");
            assertThat(refusalOf(() -> core.lockToday(unit, service, "09:00"))).isEqualTo(Refusal.SLOT_FULL);

            core.release(lock);

            assertThat(core.lockToday(unit, service, "09:00").status()).isEqualTo(LockStatus.LOCKED);
        }

        @Test
        void anUnknownTokenIsRefusedWithLockNotFound() {
            ReservationToken unknown = new ReservationToken("unknown-token-0123456789");

            assertThat(refusalOf(() -> core.release(unknown))).isEqualTo(Refusal.LOCK_NOT_FOUND);
            assertThat(refusalOf(() -> core.scheduling.getLock().lock(unknown))).isEqualTo(Refusal.LOCK_NOT_FOUND);
        }

        @Test
        void aLockTurnedIntoAnAppointmentIsRefusedWithLockConsumed() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).create();
            LockView lock = core.lockToday(unit, service, "09:00");
            SlotLock converted = new SlotLock(lock.lock().token(), unit.id(), service.id(), lock.lock().slot(), 1,
                    LockStatus.CONVERTED, lock.lock().createdAt(), lock.lock().expiresAt());
            assertThat(core.ports.locks().update(converted, LockStatus.LOCKED)).isTrue();

            assertThat(refusalOf(() -> core.release(lock))).isEqualTo(Refusal.LOCK_CONSUMED);

            assertThat(core.lookUp(lock).status()).isEqualTo(LockStatus.CONVERTED);
            assertThat(core.slotToday(unit, service, "09:00")).map(SlotAvailability::capacity)
                    .as("the appointment keeps the capacity").contains(new SlotCapacity(1, 1));
            assertThat(core.events(SlotReleased.class)).isEmpty();
        }
    }

    @Nested
    class ReducedCapacity {

        @Test
        void aSlotAboveItsNewCapacityShowsUnavailableAndTakesNoLockUntilItDrains() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).capacity(2).create();
            LockView first = core.lockToday(unit, service, "09:00");
            LockView second = core.lockToday(unit, service, "09:00");

            setCapacity(unit, service, 1);

            SlotAvailability overFull = core.slotToday(unit, service, "09:00").orElseThrow();
            assertThat(overFull.capacity()).isEqualTo(new SlotCapacity(1, 2));
            assertThat(overFull.capacity().isAvailable()).isFalse();
            assertThat(core.lookUp(first).status()).as("nothing is cancelled").isEqualTo(LockStatus.LOCKED);
            assertThat(core.lookUp(second).status()).isEqualTo(LockStatus.LOCKED);
            assertThat(refusalOf(() -> core.lockToday(unit, service, "09:00"))).isEqualTo(Refusal.SLOT_FULL);
            assertThat(core.slotToday(unit, service, "09:30")).map(SlotAvailability::capacity)
                    .contains(new SlotCapacity(1, 0));

            core.release(first);
            assertThat(core.slotToday(unit, service, "09:00")).map(SlotAvailability::capacity)
                    .contains(new SlotCapacity(1, 1));
            assertThat(refusalOf(() -> core.lockToday(unit, service, "09:00"))).isEqualTo(Refusal.SLOT_FULL);

            LockView drained = core.release(second);
            assertThat(drained.capacity()).isEqualTo(new SlotCapacity(1, 0));
            assertThat(core.lockToday(unit, service, "09:00").capacity()).isEqualTo(new SlotCapacity(1, 1));
        }

        @Test
        void aHigherCapacityTakesMoreLocksAtOnce() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).capacity(1).create();
            core.lockToday(unit, service, "09:00");

            setCapacity(unit, service, 2);

            assertThat(core.lockToday(unit, service, "09:00").capacity()).isEqualTo(new SlotCapacity(2, 2));
        }

        private void setCapacity(Unit unit, BookableService service, int capacity) {
            core.scheduling.updateService().updateService(new UpdateServiceUseCase.Command(unit.id(), service.id(),
                    Optional.empty(), OptionalInt.of(capacity), OptionalInt.empty(), OptionalInt.empty(),
                    Optional.empty()));
        }
    }

    /** A service of 60 minutes every 30: 09:00-10:00, 09:30-10:30, 10:00-11:00, 10:30-11:30, 11:00-12:00. */
    @Nested
    class OverlappingSlots {

        @Test
        void aLockTakesCapacityFromEverySlotItOverlaps() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(60).every(30).capacity(1).create();

            core.lockToday(unit, service, "09:30");

            assertThat(core.availability(unit, service, TODAY))
                    .extracting(slot -> slot.slot().startTime() + " " + slot.capacity().used() + " "
                            + slot.capacity().isAvailable())
                    .containsExactly("09:00 1 false", "09:30 1 false", "10:00 1 false", "10:30 0 true", "11:00 0 true");
            assertThat(refusalOf(() -> core.lockToday(unit, service, "09:00"))).isEqualTo(Refusal.SLOT_FULL);
            assertThat(refusalOf(() -> core.lockToday(unit, service, "10:00"))).isEqualTo(Refusal.SLOT_FULL);
            assertThat(core.lockToday(unit, service, "10:30").status()).isEqualTo(LockStatus.LOCKED);
        }

        @Test
        void slotsThatOnlyTouchDoNotShareCapacity() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(60).every(30).capacity(1).create();

            core.lockToday(unit, service, "09:00");
            core.lockToday(unit, service, "10:00");

            assertThat(refusalOf(() -> core.lockToday(unit, service, "09:30"))).isEqualTo(Refusal.SLOT_FULL);
            assertThat(core.slotToday(unit, service, "09:30")).map(SlotAvailability::capacity)
                    .as("one client at any instant, not two").contains(new SlotCapacity(1, 1));
        }

        @Test
        void usageIsTheLargestQuantityAtAnySingleInstant() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(60).every(30).capacity(2).create();
            core.lockToday(unit, service, "09:00");
            core.lockToday(unit, service, "10:00");
            assertThat(core.slotToday(unit, service, "09:30")).map(SlotAvailability::capacity)
                    .as("09:00-10:00 and 10:00-11:00 never serve at the same instant").contains(new SlotCapacity(2, 1));

            LockView middle = core.lockToday(unit, service, "09:30");

            assertThat(middle.capacity()).isEqualTo(new SlotCapacity(2, 2));
            assertThat(core.events(SlotLocked.class)).extracting(SlotLocked::capacityUsed).containsExactly(1, 1, 2);
            assertThat(core.availability(unit, service, TODAY))
                    .extracting(slot -> slot.slot().startTime() + " " + slot.capacity().used())
                    .containsExactly("09:00 2", "09:30 2", "10:00 2", "10:30 1", "11:00 0");
            assertThat(refusalOf(() -> core.lockToday(unit, service, "10:00"))).isEqualTo(Refusal.SLOT_FULL);
            assertThat(core.lockToday(unit, service, "10:30").capacity()).as("10:30-11:00 held once, now twice")
                    .isEqualTo(new SlotCapacity(2, 2));
        }

        @Test
        void releasingTheMiddleSlotFreesBothNeighbours() {
            Unit unit = core.unitOpen("09:00-12:00");
            BookableService service = core.service(unit).lasting(60).every(30).capacity(1).create();
            LockView middle = core.lockToday(unit, service, "09:30");

            core.release(middle);

            assertThat(core.lockToday(unit, service, "09:00").status()).isEqualTo(LockStatus.LOCKED);
            assertThat(core.lockToday(unit, service, "10:00").status()).isEqualTo(LockStatus.LOCKED);
            assertThat(refusalOf(() -> core.lockToday(unit, service, "09:30"))).isEqualTo(Refusal.SLOT_FULL);
        }
    }

    @Nested
    class FailureInsideTheUnitOfWork {

        @Test
        void aLockThatFailsAfterTakingCapacityGivesItBackAndAnnouncesNothing() {
            java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean(true);
            EmbeddedCore faulty = EmbeddedCore.withPorts(HookedLockRepository.beforeAdd(lock -> {
                if (failing.get()) {
                    throw new IllegalStateException("the lock store is down");
                }
            }));
            Unit unit = faulty.unitOpen("09:00-12:00");
            BookableService service = faulty.service(unit).capacity(1).create();

            assertThatThrownBy(() -> faulty.lockToday(unit, service, "09:00"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the lock store is down");

            assertThat(faulty.ports.capacity().occupancy(service.id(),
                    faulty.slotToday(unit, service, "09:00").orElseThrow().slot().minutes())
                    .peak(faulty.slotToday(unit, service, "09:00").orElseThrow().slot().minutes()))
                    .as("the capacity taken in the failed unit of work is given back").isZero();
            assertThat(faulty.slotToday(unit, service, "09:00")).map(SlotAvailability::capacity)
                    .contains(new SlotCapacity(1, 0));
            assertThat(faulty.events).isEmpty();
            assertThat(faulty.counter("locks.success")).isZero();
            failing.set(false);
            assertThat(faulty.lockToday(unit, service, "09:00").capacity()).isEqualTo(new SlotCapacity(1, 1));
        }
    }
}
