package dev.scheduling.adapter.http;

import dev.scheduling.application.port.in.GetAvailabilityUseCase.Availability;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.OpeningInterval;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.lock.SlotLock;
import dev.scheduling.domain.webhook.DeliveryAttempt;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookDelivery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The response bodies of the contract: dates {@code YYYY-MM-DD}, times {@code HH:mm}, instants UTC ISO-8601. */
final class Views {
    /**
     * "HH:mm" of every minute of the day, made once: availability writes two times for each of a month's
     * few hundred slots, and DateTimeFormatter was a quarter of that route's own CPU (docs/performance.md).
     */
    private static final String[] HH_MM = new String[24 * 60];

    static {
        for (int minute = 0; minute < HH_MM.length; minute++) {
            HH_MM[minute] = String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
        }
    }

    private Views() {
    }

    record IntervalView(String start, String end) {
    }

    record UnitView(String id, String name, String timeZone, Map<String, List<IntervalView>> openingHours,
                    List<String> closedDates) {
    }

    record ServiceView(String id, String unitId, String name, int durationMinutes, int capacity,
                       int slotIntervalMinutes, int minNoticeMinutes, int bookingWindowDays, boolean active) {
    }

    record SlotView(String date, String startTime, String endTime, int capacityTotal, int capacityUsed,
                    boolean available) {
    }

    record AvailabilityView(String unitId, String serviceId, String timeZone, List<SlotView> slots) {
    }

    record LockResponse(String reservationToken, String status, String unitId, String serviceId, String date,
                        String startTime, String endTime, int quantity, int capacityTotal, int capacityUsed,
                        String expiresAt) {
    }

    static UnitView unit(Unit unit) {
        Map<String, List<IntervalView>> hours = new LinkedHashMap<>();
        unit.openingHours().asMap().forEach((day, intervals) ->
                hours.put(day.name(), intervals.stream().map(Views::interval).toList()));
        return new UnitView(unit.id().value(), unit.name(), unit.timeZone().getId(), hours,
                unit.closedDates().stream().map(LocalDate::toString).toList());
    }

    static ServiceView service(BookableService service) {
        return new ServiceView(service.id().value(), service.unitId().value(), service.name(),
                service.durationMinutes(), service.capacity(), service.slotIntervalMinutes(),
                service.minNoticeMinutes(), service.bookingWindowDays(), service.active());
    }

    static AvailabilityView availability(Availability availability) {
        List<SlotView> slots = new ArrayList<>(availability.slots().size());
        LocalDate date = null;
        String dateText = null;
        for (var slot : availability.slots()) {
            // Slots come ordered by date: each date's text is made once, not once per slot.
            if (!slot.slot().date().equals(date)) {
                date = slot.slot().date();
                dateText = date.toString();
            }
            slots.add(new SlotView(dateText, time(slot.slot().startTime()), time(slot.slot().endTime()),
                    slot.capacity().total(), slot.capacity().used(), slot.capacity().isAvailable()));
        }
        return new AvailabilityView(availability.unit().id().value(), availability.service().id().value(),
                availability.unit().timeZone().getId(), Collections.unmodifiableList(slots));
    }

    static LockResponse lock(LockView view) {
        SlotLock lock = view.lock();
        return new LockResponse(lock.token().value(), view.status().name(), lock.unitId().value(),
                lock.serviceId().value(), lock.slot().date().toString(), time(lock.slot().startTime()),
                time(lock.slot().endTime()), lock.quantity(), view.capacity().total(), view.capacity().used(),
                instant(lock.expiresAt()));
    }

    static Map<String, Object> appointment(Appointment appointment) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", appointment.id().value());
        view.put("status", appointment.status().name());
        view.put("clientId", appointment.clientId().value());
        view.put("unitId", appointment.unitId().value());
        view.put("serviceId", appointment.serviceId().value());
        view.put("date", appointment.slot().date().toString());
        view.put("startTime", time(appointment.slot().startTime()));
        view.put("endTime", time(appointment.slot().endTime()));
        view.put("quantity", appointment.quantity());
        view.put("reservationToken", appointment.reservationToken().value());
        appointment.notes().ifPresent(notes -> view.put("notes", notes));
        view.put("createdAt", instant(appointment.createdAt()));
        return view;
    }

    /** An appointment of a unit's agenda, with its client's id and contact. */
    static Map<String, Object> agendaEntry(Appointment appointment, Client client) {
        Map<String, Object> view = appointment(appointment);
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", client.id().value());
        contact.put(client.recipient().field(), client.recipient().address());
        view.put("client", contact);
        return view;
    }

    /** A webhook as it is read back: never its secret. */
    static Map<String, Object> webhook(Webhook webhook) {
        Map<String, Object> view = registration(webhook);
        view.put("consecutiveFailures", webhook.consecutiveFailures());
        view.put("createdAt", instant(webhook.createdAt()));
        return view;
    }

    /** A webhook just registered, with its signing secret: the only time the secret is shown. */
    static Map<String, Object> newWebhook(Webhook webhook) {
        Map<String, Object> view = registration(webhook);
        view.put("secret", webhook.secret());
        view.put("createdAt", instant(webhook.createdAt()));
        return view;
    }

    private static Map<String, Object> registration(Webhook webhook) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", webhook.id().value());
        view.put("url", webhook.url().toString());
        view.put("events", webhook.events().patterns());
        view.put("description", webhook.description());
        view.put("active", webhook.active());
        return view;
    }

    /**
     * A delivery with its attempts (oldest first); {@code responseCode} and {@code durationMs} are those of
     * its latest attempt, null before the first one (and {@code responseCode} when no answer came).
     */
    static Map<String, Object> delivery(WebhookDelivery delivery) {
        Optional<DeliveryAttempt> last = delivery.lastAttempt();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", delivery.id().toString());
        view.put("webhookId", delivery.webhookId().value());
        view.put("eventId", delivery.event().eventId().toString());
        view.put("eventType", delivery.event().type());
        view.put("status", delivery.status().name());
        view.put("createdAt", instant(delivery.createdAt()));
        view.put("nextAttemptAt", delivery.nextAttemptAt().map(Views::instant).orElse(null));
        view.put("attemptCount", delivery.attempts().size());
        view.put("responseCode", last.flatMap(DeliveryAttempt::responseCode).orElse(null));
        view.put("durationMs", last.map(attempt -> attempt.duration().toMillis()).orElse(null));
        view.put("attempts", delivery.attempts().stream().map(Views::attempt).toList());
        return view;
    }

    /** Hours and minutes only, as pattern "HH:mm" formats them: seconds are not shown. */
    static String time(LocalTime time) {
        return HH_MM[time.getHour() * 60 + time.getMinute()];
    }

    /** To the millisecond, as the contract has it, even from a clock that is finer. */
    static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static Map<String, Object> attempt(DeliveryAttempt attempt) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("attemptedAt", instant(attempt.attemptedAt()));
        view.put("responseCode", attempt.responseCode().orElse(null));
        view.put("durationMs", attempt.duration().toMillis());
        view.put("error", attempt.error().orElse(null));
        return view;
    }

    private static IntervalView interval(OpeningInterval interval) {
        return new IntervalView(time(interval.start()), time(interval.end()));
    }
}
