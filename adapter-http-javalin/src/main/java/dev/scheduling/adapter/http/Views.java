package dev.scheduling.adapter.http;

import dev.scheduling.application.port.in.GetAvailabilityUseCase.Availability;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.domain.appointment.Appointment;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.OpeningInterval;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.lock.SlotLock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The response bodies of the contract: dates {@code YYYY-MM-DD}, times {@code HH:mm}, instants UTC ISO-8601. */
final class Views {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

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
        return new AvailabilityView(availability.unit().id().value(), availability.service().id().value(),
                availability.unit().timeZone().getId(), availability.slots().stream()
                .map(slot -> new SlotView(slot.slot().date().toString(), time(slot.slot().startTime()),
                        time(slot.slot().endTime()), slot.capacity().total(), slot.capacity().used(),
                        slot.capacity().isAvailable()))
                .toList());
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

    static String time(LocalTime time) {
        return HH_MM.format(time);
    }

    /** To the millisecond, as the contract has it, even from a clock that is finer. */
    static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static IntervalView interval(OpeningInterval interval) {
        return new IntervalView(time(interval.start()), time(interval.end()));
    }
}
