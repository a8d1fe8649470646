package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.port.in.BookAppointmentUseCase;
import dev.scheduling.application.port.in.CreateUnitUseCase;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.domain.testing.CatalogFixtures;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.client.Recipient;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notices appointment events call for, sent to the client's recipient with the unit's local date
 * and time and its zone, as the embedded mode wires them: the notifier subscribed to
 * {@code appointment.*} and {@code slot.*}. 09:00 in São Paulo is 12:00 UTC.
 */
class ClientNotificationTest {
    private static final Recipient ANA = Recipient.email("Ana.Notices@Example.com");

    private final EmbeddedCore core = EmbeddedCore.start();
    private final Unit unit = core.unitOpen("09:00-12:00");
    private final BookableService service = core.service(unit).lasting(30).capacity(2).create();
    private ClientId ana;

    @BeforeEach
    void subscribeTheNotifierAndLogIn() {
        core.adapters.eventBus().subscribe("appointment.*", core.scheduling.notifyClients()::handle);
        core.adapters.eventBus().subscribe("slot.*", core.scheduling.notifyClients()::handle);
        ana = core.logIn(ANA).clientId();
    }

    private Appointment book(Unit at, BookableService of, String startTime) {
        return core.scheduling.bookAppointment().book(new BookAppointmentUseCase.Command(ana,
                core.lock(at, of, TODAY, startTime, 1).lock().token(), Optional.empty()));
    }

    private List<Notifier.Notification> notices() {
        return core.adapters.devNotifier().sent(Optional.of(ANA.address())).stream()
                .filter(notice -> !notice.template().equals("login_code"))
                .toList();
    }

    @Test
    void aBookingSendsAppointmentCreatedToTheClientInTheUnitsLocalTime() {
        Appointment booked = book(unit, service, "09:00");

        List<Notifier.Notification> notices = notices();
        assertThat(notices).hasSize(1);
        Notifier.Notification notice = notices.get(0);
        assertThat(notice.template()).isEqualTo("appointment_created");
        assertThat(notice.recipient()).isEqualTo(Recipient.email("ana.notices@example.com"));
        assertThat(notice.body())
                .contains("Centro")
                .contains("Monday 7 December 2026 at 09:00 (America/Sao_Paulo)")
                .contains(booked.id().value())
                .contains("confirmed")
                .doesNotContain("12:00");
        assertThat(notice.createdAt()).isEqualTo(core.clock.instant());
    }

    @Test
    void aRescheduleSendsAppointmentRescheduledWithTheOldAndNewTimes() {
        Appointment booked = book(unit, service, "09:00");

        core.scheduling.rescheduleAppointment().reschedule(ana, booked.id(),
                core.lockToday(unit, service, "10:30").lock().token());

        List<Notifier.Notification> notices = notices();
        assertThat(notices).extracting(Notifier.Notification::template)
                .containsExactly("appointment_created", "appointment_rescheduled");
        assertThat(notices.get(1).body())
                .contains("from Monday 7 December 2026 at 09:00 (America/Sao_Paulo)")
                .contains("to Monday 7 December 2026 at 10:30 (America/Sao_Paulo)")
                .contains(booked.id().value());
        assertThat(notices.get(1).recipient()).isEqualTo(ANA);
    }

    @Test
    void aCancelSendsAppointmentCancelledOnceEvenWhenCancelledTwice() {
        Appointment booked = book(unit, service, "11:00");

        core.scheduling.cancelAppointment().cancel(ana, booked.id());
        core.scheduling.cancelAppointment().cancel(ana, booked.id());

        List<Notifier.Notification> notices = notices();
        assertThat(notices).extracting(Notifier.Notification::template)
                .containsExactly("appointment_created", "appointment_cancelled");
        assertThat(notices.get(1).body())
                .contains("Monday 7 December 2026 at 11:00 (America/Sao_Paulo)")
                .contains("cancelled")
                .contains(booked.id().value());
    }

    @Test
    void theNoticeNamesTheZoneOfTheUnitWhereverItIs() {
        Unit berlin = core.scheduling.createUnit().createUnit(new CreateUnitUseCase.Command("Mitte",
                ZoneId.of("Europe/Berlin"), CatalogFixtures.everyDay("14:00-18:00"), null));
        BookableService there = core.service(berlin).lasting(30).capacity(1).create();

        book(berlin, there, "14:00");

        assertThat(notices().get(0).body())
                .contains("Mitte")
                .contains("Monday 7 December 2026 at 14:00 (Europe/Berlin)")
                .doesNotContain("13:00");
    }

    @Test
    void slotEventsAndFailedBookingsSendNothing() {
        core.lockToday(unit, service, "09:00");
        core.release(core.lockToday(unit, service, "10:00"));

        assertThat(notices()).isEmpty();
        assertThat(core.adapters.devNotifier().sent(Optional.empty()))
                .allMatch(notice -> notice.template().equals("login_code"));
    }
}
