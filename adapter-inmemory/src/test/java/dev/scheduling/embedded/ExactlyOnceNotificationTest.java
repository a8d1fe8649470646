package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.ClientPorts;
import dev.scheduling.application.port.in.BookAppointmentUseCase;
import dev.scheduling.application.port.in.NotifyClientsUseCase.Outcome;
import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.client.Recipient;
import dev.scheduling.domain.event.EventEnvelope;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once notices over at-least-once delivery: the events the core published are handed to the
 * notifications use case again and again, as a broker may redeliver them, and the notifier sees each
 * notice once. The use case is called directly here; the RabbitMQ consumer and the worker are tested
 * in their modules.
 */
class ExactlyOnceNotificationTest {
    private static final Recipient BIA = Recipient.email("bia.exactly-once@example.com");

    /** Every notice the notifier was asked to send, including the failed attempts' (which throw). */
    private final List<Notifier.Notification> attempts = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private final EmbeddedCore core = EmbeddedCore.withClientPorts(ports -> new ClientPorts(ports.codes(),
            ports.tokens(), notification -> {
                if (!notification.template().equals("login_code")) {
                    attempts.add(notification);
                    if (failuresToCome.getAndDecrement() > 0) {
                        throw new IllegalStateException("the SMS provider is down");
                    }
                }
                ports.notifier().send(notification);
            }));
    private final Unit unit = core.unitOpen("09:00-12:00");
    private final BookableService service = core.service(unit).lasting(30).capacity(2).create();
    private ClientId bia;

    @BeforeEach
    void logIn() {
        bia = core.logIn(BIA).clientId();
    }

    private EventEnvelope bookAndTakeItsEvent() {
        core.scheduling.bookAppointment().book(new BookAppointmentUseCase.Command(bia,
                core.lock(unit, service, TODAY, "09:00", 1).lock().token(), Optional.empty()));
        return core.events.stream().filter(event -> event.type().equals("appointment.created")).findFirst()
                .orElseThrow();
    }

    private List<Notifier.Notification> mailbox() {
        return core.adapters.devNotifier().sent(Optional.of(BIA.address())).stream()
                .filter(notice -> !notice.template().equals("login_code")).toList();
    }

    @Test
    void anEventDeliveredThreeTimesSendsOneNotice() {
        EventEnvelope created = bookAndTakeItsEvent();

        List<Outcome> outcomes = List.of(core.scheduling.notifyClients().handle(created),
                core.scheduling.notifyClients().handle(created), core.scheduling.notifyClients().handle(created));

        assertThat(outcomes).containsExactly(Outcome.SENT, Outcome.DUPLICATE, Outcome.DUPLICATE);
        assertThat(attempts).hasSize(1);
        assertThat(mailbox()).extracting(Notifier.Notification::template).containsExactly("appointment_created");
        assertThat(core.meters.counter("notifications.handled", "type", "appointment.created", "outcome", "duplicate")
                .count()).isEqualTo(2);
    }

    @Test
    void aNoticeThatCannotBeSentIsNotRecordedSoTheRedeliverySendsIt() {
        EventEnvelope created = bookAndTakeItsEvent();
        failuresToCome.set(2);

        assertThatThrownBy(() -> core.scheduling.notifyClients().handle(created)).hasMessageContaining("provider is down");
        assertThatThrownBy(() -> core.scheduling.notifyClients().handle(created)).hasMessageContaining("provider is down");
        Outcome third = core.scheduling.notifyClients().handle(created);

        assertThat(third).isEqualTo(Outcome.SENT);
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(Notifier.Notification::id).as("every attempt carries the same notice id")
                .containsOnly(attempts.get(0).id());
        assertThat(mailbox()).hasSize(1);
        assertThat(core.scheduling.notifyClients().handle(created)).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void deliveriesOfOneEventRacingOnManyThreadsSendOneNotice() {
        EventEnvelope created = bookAndTakeItsEvent();

        List<Race.Outcome<Outcome>> outcomes = Race.run(16, i -> core.scheduling.notifyClients().handle(created));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(Race.count(outcomes, outcome -> outcome.value() == Outcome.SENT)).isEqualTo(1);
        assertThat(attempts).hasSize(1);
    }

    @Test
    void slotEventsCallForNoNotice() {
        core.release(core.lockToday(unit, service, "10:00"));
        List<EventEnvelope> slotEvents = core.events.stream().filter(event -> event.type().startsWith("slot.")).toList();
        assertThat(slotEvents).extracting(EventEnvelope::type).containsExactly("slot.locked", "slot.released");

        assertThat(slotEvents).allSatisfy(event ->
                assertThat(core.scheduling.notifyClients().handle(event)).isEqualTo(Outcome.NO_NOTICE));
        assertThat(attempts).isEmpty();
        assertThat(core.meters.counter("notifications.handled", "type", "slot.released", "outcome", "no_notice")
                .count()).isEqualTo(1);
    }
}
