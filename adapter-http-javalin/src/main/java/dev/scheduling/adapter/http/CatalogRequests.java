package dev.scheduling.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.application.port.in.CreateServiceUseCase;
import dev.scheduling.application.port.in.CreateUnitUseCase;
import dev.scheduling.application.port.in.UpdateServiceUseCase;
import dev.scheduling.application.port.in.UpdateUnitUseCase;
import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.catalog.OpeningInterval;
import dev.scheduling.domain.catalog.ServiceId;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.catalog.UnitId;
import dev.scheduling.domain.catalog.WeeklyOpeningHours;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns catalog request bodies into commands; the domain then checks the rules of units and services. */
final class CatalogRequests {
    private static final int MAX_INTERVALS_PER_DAY = 48;

    private CatalogRequests() {
    }

    static CreateUnitUseCase.Command createUnit(ObjectNode root) {
        JsonBody body = JsonBody.of(root);
        String name = body.requiredText("name", Unit.MAX_NAME_LENGTH);
        Optional<ZoneId> zone = zone(body);
        if (zone.isEmpty() && !body.has("timeZone")) {
            body.violations().add("timeZone", JsonBody.REQUIRED);
        }
        Optional<WeeklyOpeningHours> hours = openingHours(body);
        Optional<Set<LocalDate>> closed = closedDates(body);
        body.throwIfInvalid();
        return new CreateUnitUseCase.Command(name, zone.orElseThrow(), hours.orElse(null), closed.orElse(null));
    }

    static UpdateUnitUseCase.Command updateUnit(UnitId unitId, ObjectNode root) {
        JsonBody body = JsonBody.of(root);
        Optional<String> name = body.optionalText("name", Unit.MAX_NAME_LENGTH);
        if (body.has("timeZone")) {
            body.violations().add("timeZone", "is fixed once the unit exists");
        }
        Optional<WeeklyOpeningHours> hours = openingHours(body);
        Optional<Set<LocalDate>> closed = closedDates(body);
        body.throwIfInvalid();
        return new UpdateUnitUseCase.Command(unitId, name, hours, closed);
    }

    static CreateServiceUseCase.Command createService(UnitId unitId, ObjectNode root) {
        JsonBody body = JsonBody.of(root);
        String name = body.requiredText("name", Unit.MAX_NAME_LENGTH);
        int duration = body.requiredInt("durationMinutes");
        int capacity = body.requiredInt("capacity");
        var interval = body.optionalInt("slotIntervalMinutes");
        var minNotice = body.optionalInt("minNoticeMinutes");
        var window = body.optionalInt("bookingWindowDays");
        body.throwIfInvalid();
        return new CreateServiceUseCase.Command(unitId, name, duration, capacity, interval, minNotice, window);
    }

    static UpdateServiceUseCase.Command updateService(UnitId unitId, ServiceId serviceId, ObjectNode root) {
        JsonBody body = JsonBody.of(root);
        for (String fixed : List.of("durationMinutes", "slotIntervalMinutes")) {
            if (body.has(fixed)) {
                body.violations().add(fixed, "is fixed once the service exists; create a new service instead");
            }
        }
        var command = new UpdateServiceUseCase.Command(unitId, serviceId,
                body.optionalText("name", Unit.MAX_NAME_LENGTH), body.optionalInt("capacity"),
                body.optionalInt("minNoticeMinutes"), body.optionalInt("bookingWindowDays"),
                body.optionalBoolean("active"));
        body.throwIfInvalid();
        return command;
    }

    private static Optional<ZoneId> zone(JsonBody body) {
        return body.optionalText("timeZone", 64).flatMap(text -> {
            try {
                return Optional.of(ZoneId.of(text));
            } catch (DateTimeException unknown) {
                body.violations().add("timeZone", "must be an IANA time zone such as Europe/Lisbon");
                return Optional.empty();
            }
        });
    }

    private static Optional<Set<LocalDate>> closedDates(JsonBody body) {
        return body.optionalArray("closedDates", Unit.MAX_CLOSED_DATES).map(elements -> {
            Set<LocalDate> dates = new HashSet<>();
            for (int i = 0; i < elements.size(); i++) {
                JsonNode element = elements.get(i);
                String field = "closedDates[" + i + "]";
                if (!element.isTextual()) {
                    body.violations().add(field, "must be a date YYYY-MM-DD");
                } else {
                    JsonBody.parseDate(element.textValue(), field, body.violations()).ifPresent(dates::add);
                }
            }
            return dates;
        });
    }

    /** {@code {"MONDAY": [{"start": "09:00", "end": "12:00"}]}}; a day that is absent is closed. */
    private static Optional<WeeklyOpeningHours> openingHours(JsonBody body) {
        Optional<JsonBody> hours = body.optionalObject("openingHours");
        if (hours.isEmpty()) {
            return Optional.empty();
        }
        Map<DayOfWeek, List<OpeningInterval>> byDay = new EnumMap<>(DayOfWeek.class);
        boolean complete = true;
        Iterator<Map.Entry<String, JsonNode>> days = hours.get().fields();
        while (days.hasNext()) {
            Map.Entry<String, JsonNode> entry = days.next();
            Optional<DayOfWeek> day = dayOf(entry.getKey());
            String dayField = hours.get().field(entry.getKey());
            if (day.isEmpty()) {
                body.violations().add(dayField, "must be a day of the week: MONDAY to SUNDAY");
                complete = false;
                continue;
            }
            List<OpeningInterval> intervals = intervals(hours.get(), entry.getKey());
            if (intervals == null) {
                complete = false;
            } else {
                byDay.put(day.get(), intervals);
            }
        }
        if (!complete || !body.violations().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(WeeklyOpeningHours.of(byDay));
        } catch (InvalidInputException overlapping) {
            overlapping.violations().forEach(v -> body.violations().add(v.field(), v.message()));
            return Optional.empty();
        }
    }

    /** The intervals of one day, or null when any of them is invalid (the violations say why). */
    private static List<OpeningInterval> intervals(JsonBody hours, String day) {
        Optional<List<JsonNode>> elements = hours.optionalArray(day, MAX_INTERVALS_PER_DAY);
        if (elements.isEmpty()) {
            if (!hours.has(day)) {
                return List.of();
            }
            return null;
        }
        List<OpeningInterval> intervals = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < elements.get().size(); i++) {
            Optional<JsonBody> element = hours.element(day, i, elements.get().get(i));
            if (element.isEmpty()) {
                valid = false;
                continue;
            }
            LocalTime start = element.get().requiredTime("start");
            LocalTime end = element.get().requiredTime("end");
            if (start == null || end == null) {
                valid = false;
                continue;
            }
            try {
                intervals.add(new OpeningInterval(start, end));
            } catch (InvalidInputException inverted) {
                String path = hours.field(day) + "[" + i + "]";
                inverted.under(path).violations().forEach(v -> hours.violations().add(v.field(), v.message()));
                valid = false;
            }
        }
        return valid ? intervals : null;
    }

    private static Optional<DayOfWeek> dayOf(String name) {
        try {
            return Optional.of(DayOfWeek.valueOf(name));
        } catch (IllegalArgumentException notADay) {
            return Optional.empty();
        }
    }
}
