package dev.scheduling.embedded;

import static dev.scheduling.domain.testing.CatalogFixtures.everyDay;
import static dev.scheduling.domain.testing.CatalogFixtures.parse;
import static dev.scheduling.embedded.EmbeddedCore.SAO_PAULO;
import static dev.scheduling.embedded.EmbeddedCore.TODAY;
import static dev.scheduling.embedded.EmbeddedCore.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.port.in.CreateServiceUseCase;
import dev.scheduling.application.port.in.CreateUnitUseCase;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.application.port.in.UpdateServiceUseCase;
import dev.scheduling.application.port.in.UpdateUnitUseCase;
import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import dev.scheduling.domain.lock.LockStatus;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Units and services as an operator creates and changes them: create, replace nothing silently, patch. */
class CatalogServiceTest {
    private final EmbeddedCore core = EmbeddedCore.start();

    @Test
    void aCreatedUnitGetsAFreshIdAndKeepsWhatWasGiven() {
        WeeklyOpeningHours hours = WeeklyOpeningHours.of(Map.of(DayOfWeek.MONDAY, parse("09:00-12:00", "13:00-18:00")));

        Unit unit = core.scheduling.createUnit().createUnit(new CreateUnitUseCase.Command("Centro", SAO_PAULO, hours,
                Set.of(LocalDate.parse("2026-12-25"))));
        Unit another = core.scheduling.createUnit().createUnit(new CreateUnitUseCase.Command("Centro", SAO_PAULO,
                hours, null));

        assertThat(unit.id()).isNotEqualTo(another.id());
        assertThat(unit.name()).isEqualTo("Centro");
        assertThat(unit.timeZone()).isEqualTo(SAO_PAULO);
        assertThat(unit.openingHours()).isEqualTo(hours);
        assertThat(unit.closedDates()).containsExactly(LocalDate.parse("2026-12-25"));
        assertThat(another.closedDates()).isEmpty();
        assertThat(core.scheduling.catalog().unit(unit.id())).isEqualTo(unit);
    }

    @Test
    void unitsAreListedByName() {
        Unit sul = create("Sul");
        Unit centro = create("Centro");
        Unit norte = create("Norte");

        assertThat(core.scheduling.catalog().units()).containsExactly(centro, norte, sul);
    }

    @Test
    void anInvalidUnitIsRefusedWithEveryViolationAndNothingIsStored() {
        assertThatThrownBy(() -> core.scheduling.createUnit().createUnit(new CreateUnitUseCase.Command(" ",
                ZoneId.of("+03:00"), everyDay("09:00-12:00"), null)))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.violations())
                        .extracting(violation -> violation.field()).contains("name", "timeZone"));

        assertThat(core.scheduling.catalog().units()).isEmpty();
    }

    @Test
    void anUnknownUnitIsRefusedWithUnitNotFound() {
        UnitId unknown = new UnitId(UUID.randomUUID().toString());

        assertThat(refusalOf(() -> core.scheduling.catalog().unit(unknown))).isEqualTo(Refusal.UNIT_NOT_FOUND);
        assertThat(refusalOf(() -> core.scheduling.catalog().services(unknown))).isEqualTo(Refusal.UNIT_NOT_FOUND);
        assertThat(refusalOf(() -> core.scheduling.updateUnit().updateUnit(new UpdateUnitUseCase.Command(unknown,
                Optional.of("X"), Optional.empty(), Optional.empty())))).isEqualTo(Refusal.UNIT_NOT_FOUND);
        assertThat(refusalOf(() -> core.scheduling.createService().createService(new CreateServiceUseCase.Command(
                unknown, "Consulta", 30, 1, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty()))))
                .isEqualTo(Refusal.UNIT_NOT_FOUND);
    }

    @Test
    void aPatchOfAUnitChangesOnlyTheFieldsGiven() {
        Unit unit = core.unitOpenExceptOn(java.util.List.of(LocalDate.parse("2026-12-25")), "09:00-12:00");

        Unit renamed = core.scheduling.updateUnit().updateUnit(new UpdateUnitUseCase.Command(unit.id(),
                Optional.of("Centro Novo"), Optional.empty(), Optional.empty()));

        assertThat(renamed).isEqualTo(unit.withName("Centro Novo"));
        assertThat(renamed.timeZone()).isEqualTo(unit.timeZone());
        assertThat(core.scheduling.catalog().unit(unit.id())).isEqualTo(renamed);

        Unit untouched = core.scheduling.updateUnit().updateUnit(new UpdateUnitUseCase.Command(unit.id(),
                Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(untouched).isEqualTo(renamed);
    }

    @Test
    void newHoursAndClosedDatesShapeAvailabilityButCancelNoLock() {
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService service = core.service(unit).lasting(60).create();
        LockView lock = core.lockToday(unit, service, "09:00");

        core.scheduling.updateUnit().updateUnit(new UpdateUnitUseCase.Command(unit.id(), Optional.empty(),
                Optional.of(everyDay("14:00-16:00")), Optional.of(Set.of(TODAY.plusDays(1)))));

        assertThat(core.availability(unit, service, TODAY)).extracting(slot -> slot.slot().startTime().toString())
                .containsExactly("14:00", "15:00");
        assertThat(core.availability(unit, service, TODAY.plusDays(1))).isEmpty();
        assertThat(core.lookUp(lock).status()).isEqualTo(LockStatus.LOCKED);
        assertThat(core.release(lock).status()).isEqualTo(LockStatus.RELEASED);
    }

    @Test
    void anInvalidPatchOfAUnitChangesNothing() {
        Unit unit = core.unitOpen("09:00-12:00");

        assertThatThrownBy(() -> core.scheduling.updateUnit().updateUnit(new UpdateUnitUseCase.Command(unit.id(),
                Optional.of(""), Optional.empty(), Optional.empty()))).isInstanceOf(InvalidInputException.class);

        assertThat(core.scheduling.catalog().unit(unit.id())).isEqualTo(unit);
    }

    @Test
    void aCreatedServiceTakesTheDefaultsOfTheContract() {
        Unit unit = core.unitOpen("09:00-12:00");

        BookableService service = core.scheduling.createService().createService(new CreateServiceUseCase.Command(
                unit.id(), "Consulta", 45, 2, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty()));

        assertThat(service.unitId()).isEqualTo(unit.id());
        assertThat(service.name()).isEqualTo("Consulta");
        assertThat(service.durationMinutes()).isEqualTo(45);
        assertThat(service.capacity()).isEqualTo(2);
        assertThat(service.slotIntervalMinutes()).as("defaults to the duration").isEqualTo(45);
        assertThat(service.minNoticeMinutes()).isZero();
        assertThat(service.bookingWindowDays()).isEqualTo(90);
        assertThat(service.active()).isTrue();
        assertThat(core.scheduling.catalog().services(unit.id())).containsExactly(service);
    }

    @Test
    void aCreatedServiceKeepsTheValuesGiven() {
        Unit unit = core.unitOpen("09:00-12:00");

        BookableService service = core.scheduling.createService().createService(new CreateServiceUseCase.Command(
                unit.id(), "Corte", 60, 3, OptionalInt.of(15), OptionalInt.of(120), OptionalInt.of(14)));

        assertThat(service.slotIntervalMinutes()).isEqualTo(15);
        assertThat(service.minNoticeMinutes()).isEqualTo(120);
        assertThat(service.bookingWindowDays()).isEqualTo(14);
    }

    @Test
    void anInvalidServiceIsRefusedAndNothingIsStored() {
        Unit unit = core.unitOpen("09:00-12:00");

        assertThatThrownBy(() -> core.scheduling.createService().createService(new CreateServiceUseCase.Command(
                unit.id(), "Consulta", 0, 0, OptionalInt.empty(), OptionalInt.of(-1), OptionalInt.empty())))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.violations())
                        .extracting(violation -> violation.field())
                        .contains("durationMinutes", "capacity", "minNoticeMinutes"));

        assertThat(core.scheduling.catalog().services(unit.id())).isEmpty();
    }

    @Test
    void servicesAreListedByName() {
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService manicure = createService(unit, "Manicure");
        BookableService corte = createService(unit, "Corte");
        createService(core.unitOpen("09:00-12:00"), "Barba");

        assertThat(core.scheduling.catalog().services(unit.id())).containsExactly(corte, manicure);
    }

    @Test
    void aPatchOfAServiceChangesOnlyTheFieldsGivenAndNeverDurationOrInterval() {
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService service = core.service(unit).lasting(60).every(30).capacity(2).create();

        BookableService patched = core.scheduling.updateService().updateService(new UpdateServiceUseCase.Command(
                unit.id(), service.id(), Optional.empty(), OptionalInt.of(5), OptionalInt.empty(), OptionalInt.of(10),
                Optional.empty()));

        assertThat(patched).isEqualTo(service.withCapacity(5).withBookingWindowDays(10));
        assertThat(core.scheduling.catalog().services(unit.id())).containsExactly(patched);

        BookableService renamedAndOff = core.scheduling.updateService().updateService(new UpdateServiceUseCase.Command(
                unit.id(), service.id(), Optional.of("Retorno"), OptionalInt.empty(), OptionalInt.of(60),
                OptionalInt.empty(), Optional.of(false)));

        assertThat(renamedAndOff).isEqualTo(patched.withName("Retorno").withMinNoticeMinutes(60).withActive(false));
        assertThat(renamedAndOff.durationMinutes()).isEqualTo(60);
        assertThat(renamedAndOff.slotIntervalMinutes()).isEqualTo(30);
    }

    @Test
    void anInvalidPatchOfAServiceChangesNothing() {
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService service = core.service(unit).capacity(2).create();

        assertThatThrownBy(() -> core.scheduling.updateService().updateService(new UpdateServiceUseCase.Command(
                unit.id(), service.id(), Optional.of("New name"), OptionalInt.of(0), OptionalInt.empty(),
                OptionalInt.empty(), Optional.empty()))).isInstanceOf(InvalidInputException.class);

        assertThat(core.scheduling.catalog().services(unit.id())).containsExactly(service);
    }

    @Test
    void aPatchOfAnUnknownServiceOrOfAnotherUnitsServiceIsRefused() {
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService ofOther = core.service(core.unitOpen("09:00-12:00")).create();

        assertThat(refusalOf(() -> patchName(unit.id(), ofOther.id()))).isEqualTo(Refusal.SERVICE_NOT_FOUND);
        assertThat(refusalOf(() -> patchName(unit.id(), new ServiceId(UUID.randomUUID().toString()))))
                .isEqualTo(Refusal.SERVICE_NOT_FOUND);
        assertThat(refusalOf(() -> patchName(new UnitId(UUID.randomUUID().toString()), ofOther.id())))
                .isEqualTo(Refusal.UNIT_NOT_FOUND);
        assertThat(core.scheduling.catalog().services(ofOther.unitId())).containsExactly(ofOther);
    }

    private Unit create(String name) {
        return core.scheduling.createUnit().createUnit(new CreateUnitUseCase.Command(name, SAO_PAULO,
                everyDay("09:00-12:00"), null));
    }

    private BookableService createService(Unit unit, String name) {
        return core.scheduling.createService().createService(new CreateServiceUseCase.Command(unit.id(), name, 30, 1,
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty()));
    }

    private void patchName(UnitId unitId, ServiceId serviceId) {
        core.scheduling.updateService().updateService(new UpdateServiceUseCase.Command(unitId, serviceId,
                Optional.of("Hijacked"), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                Optional.empty()));
    }
}
