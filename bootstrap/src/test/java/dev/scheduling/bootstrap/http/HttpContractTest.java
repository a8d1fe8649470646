package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.bootstrap.http.ApiClient.Reply;
import dev.scheduling.bootstrap.http.MalformedRequests.Case;
import dev.scheduling.bootstrap.http.MalformedRequests.Fixture;
import dev.scheduling.bootstrap.http.MalformedRequests.Target;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP contract of {@code API.md} and {@code EVENTS.md}, spoken over real HTTP to a running service.
 * A subclass starts the service (in memory, or over PostgreSQL) and says where it listens; every test
 * here then runs unchanged against it. Each test makes its own unit and service and never assumes an
 * empty store. The service's clock may be shared by all tests of a class: tests only move it forward
 * and compute their dates from it. The client's journey (login, appointments) is in
 * {@link ClientJourneyContractTest}, which extends this suite; the malformed-request table and the
 * login helpers below cover both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpContractTest {
    protected static final String ZONE = "America/Sao_Paulo";
    protected static final Duration LOCK_TTL = Duration.ofMinutes(5);
    private static final Set<String> SLOT_EVENT_FIELDS = Set.of("reservationToken", "unitId", "serviceId", "date",
            "startTime", "endTime", "quantity", "capacityTotal", "capacityUsed", "expiresAt");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b\\d{6}\\b");
    /** Phone numbers handed out in sequence from a random start, so that no two tests share a recipient. */
    private static final AtomicLong PHONES = new AtomicLong(ThreadLocalRandom.current().nextLong(90_000_000));
    private static final Set<String> LOCK_FIELDS = Set.of("reservationToken", "status", "unitId", "serviceId",
            "date", "startTime", "endTime", "quantity", "capacityTotal", "capacityUsed", "expiresAt");

    /** Where the service listens, such as {@code http://127.0.0.1:7070}. */
    protected abstract String baseUrl();

    /** The bearer token of the admin routes. */
    protected abstract String adminToken();

    /** The service's clock when tests may move it; null when it runs on real time (such tests are skipped). */
    protected abstract MutableClock clock();

    /**
     * The {@code slot.*} and {@code appointment.*} events the service publishes; null when this mode cannot
     * watch them (skipped).
     */
    protected abstract EventFeed events();

    /** Anonymous by default; {@code api.admin()} adds the admin token. */
    ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(baseUrl(), adminToken());
    }

    // ------------------------------------------------------------------------------------------------
    // Catalog: units

    @Test
    void creating_a_unit_answers_201_with_its_id_and_every_field_echoed() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Centro " + UUID.randomUUID());
        body.put("timeZone", ZONE);
        body.put("openingHours", Map.of(
                "MONDAY", List.of(interval("13:00", "18:00"), interval("09:00", "12:00")),
                "FRIDAY", List.of(interval("10:00", "16:00"))));
        body.put("closedDates", List.of("2026-12-25", "2026-12-24"));

        Reply created = api.admin().post("/units", body);

        assertThat(created.status()).as(created.describe()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode unit = created.json();
        assertThat(unit.path("id").asText()).isNotBlank();
        assertThat(unit.path("name").asText()).isEqualTo(body.get("name"));
        assertThat(unit.path("timeZone").asText()).isEqualTo(ZONE);
        assertThat(unit.path("openingHours")).as("days missing from openingHours are closed; intervals in order")
                .isEqualTo(json("{\"MONDAY\": [{\"start\": \"09:00\", \"end\": \"12:00\"}, "
                        + "{\"start\": \"13:00\", \"end\": \"18:00\"}], "
                        + "\"FRIDAY\": [{\"start\": \"10:00\", \"end\": \"16:00\"}]}"));
        assertThat(texts(unit.path("closedDates"))).containsExactlyInAnyOrder("2026-12-24", "2026-12-25");

        Reply read = api.get("/units/" + unit.path("id").asText());
        assertThat(read.status()).as(read.describe()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(unit);
    }

    @Test
    void a_unit_without_opening_hours_or_closed_dates_is_closed_every_day() {
        JsonNode unit = createUnit(Map.of("name", "Empty", "timeZone", "Europe/Lisbon"));

        assertThat(unit.path("openingHours")).isEqualTo(json("{}"));
        assertThat(unit.path("closedDates")).isEqualTo(json("[]"));
        String serviceId = createService(unit.path("id").asText(), serviceBody(30, 1)).path("id").asText();
        assertThat(availability(unit.path("id").asText(), serviceId, inDays(7)).path("slots")).isEmpty();
    }

    @Test
    void admins_list_every_unit() {
        JsonNode first = createUnit(unitBody());
        JsonNode second = createUnit(unitBody());

        Reply listed = api.admin().get("/units");

        assertThat(listed.status()).as(listed.describe()).isEqualTo(200);
        JsonNode units = listed.json().path("units");
        assertThat(units.isArray()).as(listed.describe()).isTrue();
        assertThat(elements(units)).contains(first, second);
    }

    @Test
    void a_unit_that_does_not_exist_is_404_unit_not_found_everywhere() {
        String unknown = UUID.randomUUID().toString();
        Bookable other = bookable(1);

        assertProblem(api.get("/units/" + unknown), 404, "unit_not_found");
        assertProblem(api.get("/units/" + unknown + "/services"), 404, "unit_not_found");
        assertProblem(api.get("/units/" + unknown + "/services/" + other.serviceId()), 404, "unit_not_found");
        assertProblem(api.admin().patch("/units/" + unknown, Map.of("name", "X")), 404, "unit_not_found");
        assertProblem(api.admin().post("/units/" + unknown + "/services", serviceBody(30, 1)), 404, "unit_not_found");
        assertProblem(api.admin().patch("/units/" + unknown + "/services/" + other.serviceId(),
                Map.of("capacity", 2)), 404, "unit_not_found");
        assertProblem(api.get("/units/" + unknown + "/availability?serviceId=" + other.serviceId()
                + "&date=" + inDays(7)), 404, "unit_not_found");
        assertProblem(api.post("/slots/lock", lockBody(new Bookable(unknown, other.serviceId()), inDays(7), "09:00")),
                404, "unit_not_found");
    }

    @Test
    void patching_a_unit_changes_only_the_fields_given() {
        JsonNode unit = createUnit(unitBody());
        String path = "/units/" + unit.path("id").asText();

        JsonNode renamed = ok(api.admin().patch(path, Map.of("name", "Renamed")), 200);
        assertThat(renamed.path("name").asText()).isEqualTo("Renamed");
        assertThat(renamed.path("id")).isEqualTo(unit.path("id"));
        assertThat(renamed.path("timeZone")).isEqualTo(unit.path("timeZone"));
        assertThat(renamed.path("openingHours")).isEqualTo(unit.path("openingHours"));
        assertThat(renamed.path("closedDates")).isEqualTo(unit.path("closedDates"));

        JsonNode rehoured = ok(api.admin().patch(path, Map.of("openingHours",
                Map.of("TUESDAY", List.of(interval("10:00", "11:00"))))), 200);
        assertThat(rehoured.path("openingHours"))
                .isEqualTo(json("{\"TUESDAY\": [{\"start\": \"10:00\", \"end\": \"11:00\"}]}"));
        assertThat(rehoured.path("name").asText()).isEqualTo("Renamed");

        JsonNode closed = ok(api.admin().patch(path, Map.of("closedDates", List.of("2027-01-01"))), 200);
        assertThat(texts(closed.path("closedDates"))).containsExactly("2027-01-01");
        assertThat(closed.path("openingHours")).isEqualTo(rehoured.path("openingHours"));

        assertThat(ok(api.get(path), 200)).isEqualTo(closed);
    }

    @Test
    void the_time_zone_of_a_unit_is_fixed() {
        JsonNode unit = createUnit(unitBody());
        String path = "/units/" + unit.path("id").asText();

        assertValidationFailed(api.admin().patch(path, Map.of("timeZone", "Europe/Lisbon")), "timeZone");
        assertValidationFailed(api.admin().patch(path, Map.of("name", "New", "timeZone", ZONE)), "timeZone");

        assertThat(ok(api.get(path), 200)).as("a refused change changes nothing").isEqualTo(unit);
    }

    @Test
    void new_opening_hours_and_closed_dates_change_the_slots_offered() {
        Bookable place = bookable(unitBody(everyDay("09:00-12:00")), serviceBody(60, 1));
        LocalDate date = inDays(7);
        assertThat(startTimes(availability(place, date))).containsExactly("09:00", "10:00", "11:00");

        ok(api.admin().patch("/units/" + place.unitId(), Map.of("openingHours", everyDay("14:00-16:00"))), 200);
        assertThat(startTimes(availability(place, date))).containsExactly("14:00", "15:00");

        ok(api.admin().patch("/units/" + place.unitId(), Map.of("closedDates", List.of(date.toString()))), 200);
        assertThat(availability(place, date).path("slots")).isEmpty();
        assertThat(startTimes(availability(place, date.plusDays(1)))).containsExactly("14:00", "15:00");
        assertProblem(lock(place, date, "14:00"), 422, "not_a_slot");
    }

    // ------------------------------------------------------------------------------------------------
    // Catalog: services

    @Test
    void creating_a_service_applies_the_documented_defaults() {
        String unitId = createUnit(unitBody()).path("id").asText();

        Reply created = api.admin().post("/units/" + unitId + "/services",
                Map.of("name", "Consulta", "durationMinutes", 45, "capacity", 2));

        assertThat(created.status()).as(created.describe()).isEqualTo(201);
        JsonNode service = created.json();
        assertThat(service.path("id").asText()).isNotBlank();
        assertThat(service.path("unitId").asText()).isEqualTo(unitId);
        assertThat(service.path("name").asText()).isEqualTo("Consulta");
        assertThat(service.path("durationMinutes").asInt()).isEqualTo(45);
        assertThat(service.path("capacity").asInt()).isEqualTo(2);
        assertThat(service.path("slotIntervalMinutes").asInt()).as("defaults to the duration").isEqualTo(45);
        assertThat(service.path("minNoticeMinutes").asInt()).as("defaults to 0").isZero();
        assertThat(service.path("bookingWindowDays").asInt()).as("defaults to 90").isEqualTo(90);
        assertThat(service.path("active").asBoolean()).isTrue();
    }

    @Test
    void creating_a_service_echoes_every_field_given() {
        String unitId = createUnit(unitBody()).path("id").asText();

        JsonNode service = createService(unitId, Map.of("name", "Exame", "durationMinutes", 60, "capacity", 4,
                "slotIntervalMinutes", 15, "minNoticeMinutes", 120, "bookingWindowDays", 30));

        assertThat(service.path("durationMinutes").asInt()).isEqualTo(60);
        assertThat(service.path("capacity").asInt()).isEqualTo(4);
        assertThat(service.path("slotIntervalMinutes").asInt()).isEqualTo(15);
        assertThat(service.path("minNoticeMinutes").asInt()).isEqualTo(120);
        assertThat(service.path("bookingWindowDays").asInt()).isEqualTo(30);
        assertThat(ok(api.get("/units/" + unitId + "/services/" + service.path("id").asText()), 200))
                .isEqualTo(service);
    }

    @Test
    void the_services_of_a_unit_are_listed_and_read_one_by_one() {
        String unitId = createUnit(unitBody()).path("id").asText();
        JsonNode first = createService(unitId, serviceBody(30, 1));
        JsonNode second = createService(unitId, serviceBody(60, 3));
        String otherUnit = createUnit(unitBody()).path("id").asText();

        Reply listed = api.get("/units/" + unitId + "/services");

        assertThat(listed.status()).as(listed.describe()).isEqualTo(200);
        assertThat(elements(listed.json().path("services"))).containsExactlyInAnyOrder(first, second);
        assertThat(elements(ok(api.get("/units/" + otherUnit + "/services"), 200).path("services"))).isEmpty();
        assertThat(ok(api.get("/units/" + unitId + "/services/" + second.path("id").asText()), 200))
                .isEqualTo(second);
    }

    @Test
    void a_service_that_does_not_exist_or_belongs_to_another_unit_is_404_service_not_found() {
        Bookable place = bookable(1);
        String otherUnit = createUnit(unitBody()).path("id").asText();
        String unknown = UUID.randomUUID().toString();

        for (String unitAndService : List.of(place.unitId() + "/services/" + unknown,
                otherUnit + "/services/" + place.serviceId())) {
            assertProblem(api.get("/units/" + unitAndService), 404, "service_not_found");
            assertProblem(api.admin().patch("/units/" + unitAndService, Map.of("capacity", 2)), 404,
                    "service_not_found");
        }
        assertProblem(api.get("/units/" + otherUnit + "/availability?serviceId=" + place.serviceId()
                + "&date=" + inDays(7)), 404, "service_not_found");
        assertProblem(api.get("/units/" + place.unitId() + "/availability?serviceId=" + unknown
                + "&date=" + inDays(7)), 404, "service_not_found");
        assertProblem(api.post("/slots/lock", lockBody(new Bookable(otherUnit, place.serviceId()), inDays(7),
                "09:00")), 404, "service_not_found");
        assertProblem(api.post("/slots/lock", lockBody(new Bookable(place.unitId(), unknown), inDays(7), "09:00")),
                404, "service_not_found");
    }

    @Test
    void patching_a_service_changes_only_the_fields_given() {
        Bookable place = bookable(2);
        String path = "/units/" + place.unitId() + "/services/" + place.serviceId();
        JsonNode before = ok(api.get(path), 200);

        JsonNode after = ok(api.admin().patch(path, Map.of("name", "Retorno", "capacity", 5, "minNoticeMinutes", 30,
                "bookingWindowDays", 60, "active", false)), 200);

        assertThat(after.path("name").asText()).isEqualTo("Retorno");
        assertThat(after.path("capacity").asInt()).isEqualTo(5);
        assertThat(after.path("minNoticeMinutes").asInt()).isEqualTo(30);
        assertThat(after.path("bookingWindowDays").asInt()).isEqualTo(60);
        assertThat(after.path("active").asBoolean()).isFalse();
        for (String unchanged : List.of("id", "unitId", "durationMinutes", "slotIntervalMinutes")) {
            assertThat(after.path(unchanged)).as(unchanged).isEqualTo(before.path(unchanged));
        }
        assertThat(ok(api.get(path), 200)).isEqualTo(after);

        JsonNode onlyCapacity = ok(api.admin().patch(path, Map.of("capacity", 1)), 200);
        assertThat(onlyCapacity.path("capacity").asInt()).isEqualTo(1);
        assertThat(onlyCapacity.path("name").asText()).isEqualTo("Retorno");
        assertThat(onlyCapacity.path("active").asBoolean()).isFalse();
    }

    @Test
    void duration_and_slot_interval_are_fixed_once_a_service_exists() {
        Bookable place = bookable(2);
        String path = "/units/" + place.unitId() + "/services/" + place.serviceId();
        JsonNode before = ok(api.get(path), 200);

        assertValidationFailed(api.admin().patch(path, Map.of("durationMinutes", 60)), "durationMinutes");
        assertValidationFailed(api.admin().patch(path, Map.of("slotIntervalMinutes", 15)), "slotIntervalMinutes");
        assertValidationFailed(api.admin().patch(path, Map.of("capacity", 3, "durationMinutes", 60,
                "slotIntervalMinutes", 15)), "durationMinutes", "slotIntervalMinutes");

        assertThat(ok(api.get(path), 200)).as("a refused change changes nothing").isEqualTo(before);
    }

    @Test
    void an_inactive_service_offers_no_slots_until_it_is_active_again() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        String path = "/units/" + place.unitId() + "/services/" + place.serviceId();

        ok(api.admin().patch(path, Map.of("active", false)), 200);
        assertThat(availability(place, date).path("slots")).isEmpty();
        assertProblem(lock(place, date, "09:00"), 422, "not_a_slot");

        ok(api.admin().patch(path, Map.of("active", true)), 200);
        assertThat(availability(place, date).path("slots")).hasSize(16);
        assertThat(lock(place, date, "09:00").status()).isEqualTo(201);
    }

    @Test
    void minimum_notice_and_booking_window_limit_what_is_offered_and_lockable() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        String path = "/units/" + place.unitId() + "/services/" + place.serviceId();

        ok(api.admin().patch(path, Map.of("minNoticeMinutes", 8 * 24 * 60)), 200);
        assertThat(availability(place, date).path("slots")).as("a week ahead is too soon for 8 days' notice").isEmpty();
        assertProblem(lock(place, date, "09:00"), 422, "not_a_slot");
        assertThat(availability(place, inDays(9)).path("slots")).hasSize(16);

        ok(api.admin().patch(path, Map.of("minNoticeMinutes", 0, "bookingWindowDays", 6)), 200);
        assertThat(availability(place, date).path("slots")).as("7 days out is beyond a 6-day window").isEmpty();
        assertProblem(lock(place, date, "09:00"), 422, "not_a_slot");

        ok(api.admin().patch(path, Map.of("bookingWindowDays", 7)), 200);
        assertThat(availability(place, date).path("slots")).as("the window's last day is offered").hasSize(16);
        assertThat(lock(place, date, "09:00").status()).isEqualTo(201);
    }

    @Test
    void lowering_capacity_below_what_is_held_blocks_new_locks_until_the_slot_drains() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        JsonNode held = lockOk(place, date, "09:00", 2);

        ok(api.admin().patch("/units/" + place.unitId() + "/services/" + place.serviceId(), Map.of("capacity", 1)),
                200);

        JsonNode slot = slotAt(availability(place, date), date, "09:00");
        assertThat(slot.path("capacityTotal").asInt()).isEqualTo(1);
        assertThat(slot.path("capacityUsed").asInt()).as("a change never cancels locks").isEqualTo(2);
        assertThat(slot.path("available").asBoolean()).isFalse();
        assertProblem(lock(place, date, "09:00"), 409, "slot_full");
        assertThat(ok(api.get("/slots/locks/" + held.path("reservationToken").asText()), 200).path("status").asText())
                .isEqualTo("LOCKED");

        ok(release(held.path("reservationToken").asText()), 200);
        assertThat(slotAt(availability(place, date), date, "09:00").path("available").asBoolean()).isTrue();
        assertThat(lock(place, date, "09:00").status()).isEqualTo(201);
    }

    // ------------------------------------------------------------------------------------------------
    // Availability

    @Test
    void the_availability_of_a_date_lists_its_slots_in_order_with_their_capacity() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);

        Reply reply = api.get("/units/" + place.unitId() + "/availability?serviceId=" + place.serviceId()
                + "&date=" + date);

        assertThat(reply.status()).as(reply.describe()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode availability = reply.json();
        assertThat(availability.path("unitId").asText()).isEqualTo(place.unitId());
        assertThat(availability.path("serviceId").asText()).isEqualTo(place.serviceId());
        assertThat(availability.path("timeZone").asText()).isEqualTo(ZONE);
        assertThat(startTimes(availability)).containsExactly("09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
                "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30");
        for (JsonNode slot : availability.path("slots")) {
            assertThat(slot.path("date").asText()).isEqualTo(date.toString());
            assertThat(LocalTime.parse(slot.path("endTime").asText()))
                    .isEqualTo(LocalTime.parse(slot.path("startTime").asText()).plusMinutes(30));
            assertThat(slot.path("capacityTotal").asInt()).isEqualTo(2);
            assertThat(slot.path("capacityUsed").asInt()).isZero();
            assertThat(slot.path("available").asBoolean()).isTrue();
        }
    }

    @Test
    void the_availability_of_a_range_is_inclusive_and_ordered_by_date_and_time() {
        Bookable place = bookable(1);
        LocalDate from = inDays(7);
        LocalDate to = from.plusDays(2);

        JsonNode availability = ok(api.get(availabilityPath(place, "from=" + from + "&to=" + to)), 200);

        List<JsonNode> slots = elements(availability.path("slots"));
        assertThat(slots).hasSize(3 * 16);
        assertThat(slots.stream().map(slot -> slot.path("date").asText()).distinct())
                .containsExactly(from.toString(), from.plusDays(1).toString(), to.toString());
        List<String> keys = slots.stream()
                .map(slot -> slot.path("date").asText() + "T" + slot.path("startTime").asText()).toList();
        assertThat(keys).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void a_range_covers_at_most_31_days() {
        Bookable place = bookable(1);
        LocalDate from = inDays(7);

        JsonNode month = ok(api.get(availabilityPath(place, "from=" + from + "&to=" + from.plusDays(30))), 200);
        assertThat(elements(month.path("slots")).stream().map(slot -> slot.path("date").asText()).distinct())
                .hasSize(31);

        assertValidationFailed(api.get(availabilityPath(place, "from=" + from + "&to=" + from.plusDays(31))), "to");
    }

    @Test
    void bad_availability_queries_are_400_naming_the_parameter() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);

        assertValidationFailed(api.get("/units/" + place.unitId() + "/availability?date=" + date), "serviceId");
        assertValidationFailed(api.get(availabilityPath(place, "date=2026-12-32")), "date");
        assertValidationFailed(api.get(availabilityPath(place, "from=" + date + "&to=" + date.minusDays(1))), "to");
    }

    @Test
    void full_slots_are_listed_as_unavailable() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);

        lockOk(place, date, "09:00", 1);

        JsonNode availability = availability(place, date);
        assertThat(startTimes(availability)).as("full slots stay listed").contains("09:00");
        JsonNode full = slotAt(availability, date, "09:00");
        assertThat(full.path("capacityUsed").asInt()).isEqualTo(1);
        assertThat(full.path("available").asBoolean()).isFalse();
        JsonNode next = slotAt(availability, date, "09:30");
        assertThat(next.path("capacityUsed").asInt()).isZero();
        assertThat(next.path("available").asBoolean()).isTrue();
    }

    @Test
    void overlapping_slots_share_capacity() {
        Bookable place = bookable(unitBody(), Map.of("name", "Longa", "durationMinutes", 60, "capacity", 1,
                "slotIntervalMinutes", 30));
        LocalDate date = inDays(7);
        assertThat(startTimes(availability(place, date)))
                .startsWith("09:00", "09:30", "10:00", "10:30", "11:00").doesNotContain("11:30");

        lockOk(place, date, "10:00", 1);

        JsonNode availability = availability(place, date);
        for (String overlapping : List.of("09:30", "10:00", "10:30")) {
            assertThat(slotAt(availability, date, overlapping).path("available").asBoolean()).as(overlapping).isFalse();
        }
        for (String apart : List.of("09:00", "11:00")) {
            assertThat(slotAt(availability, date, apart).path("available").asBoolean()).as(apart).isTrue();
        }
        assertProblem(lock(place, date, "09:30"), 409, "slot_full");
        assertThat(lock(place, date, "11:00").status()).isEqualTo(201);
    }

    @Test
    void a_closed_date_has_no_slots() {
        LocalDate closed = inDays(8);
        Map<String, Object> unit = unitBody();
        unit.put("closedDates", List.of(closed.toString()));
        Bookable place = bookable(unit, serviceBody(30, 1));

        assertThat(availability(place, closed).path("slots")).isEmpty();
        assertThat(availability(place, closed.plusDays(1)).path("slots")).hasSize(16);
        assertProblem(lock(place, closed, "09:00"), 422, "not_a_slot");
    }

    @Test
    void slots_that_have_started_are_left_out() {
        Bookable place = bookable(unitBody(everyDay("00:00-23:59")), serviceBody(1, 1));
        ZoneId zone = ZoneId.of(ZONE);

        assertThat(availability(place, today().minusDays(1)).path("slots")).isEmpty();
        JsonNode today = availability(place, today());
        Instant now = now();
        for (JsonNode slot : today.path("slots")) {
            Instant start = LocalDate.parse(slot.path("date").asText())
                    .atTime(LocalTime.parse(slot.path("startTime").asText())).atZone(zone).toInstant();
            assertThat(start).as("slot %s", slot).isAfterOrEqualTo(now.truncatedTo(ChronoUnit.MINUTES));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Locks

    @Test
    void locking_a_slot_answers_201_with_the_lock() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        Instant before = now();

        Reply reply = api.post("/slots/lock", Map.of("unitId", place.unitId(), "serviceId", place.serviceId(),
                "date", date.toString(), "startTime", "09:30", "quantity", 1));

        Instant after = now();
        assertThat(reply.status()).as(reply.describe()).isEqualTo(201);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode lock = reply.json();
        assertThat(fieldNames(lock)).containsAll(LOCK_FIELDS);
        assertThat(lock.path("reservationToken").asText())
                .as("opaque, URL-safe and at least 128 random bits").matches("[A-Za-z0-9_-]{22,}");
        assertThat(lock.path("status").asText()).isEqualTo("LOCKED");
        assertThat(lock.path("unitId").asText()).isEqualTo(place.unitId());
        assertThat(lock.path("serviceId").asText()).isEqualTo(place.serviceId());
        assertThat(lock.path("date").asText()).isEqualTo(date.toString());
        assertThat(lock.path("startTime").asText()).isEqualTo("09:30");
        assertThat(lock.path("endTime").asText()).isEqualTo("10:00");
        assertThat(lock.path("quantity").asInt()).isEqualTo(1);
        assertThat(lock.path("capacityTotal").asInt()).isEqualTo(2);
        assertThat(lock.path("capacityUsed").asInt()).isEqualTo(1);
        String expiresAt = lock.path("expiresAt").asText();
        assertThat(expiresAt).as("UTC ISO-8601").endsWith("Z");
        if (clock() != null) {
            assertThat(Instant.parse(expiresAt)).isEqualTo(clock().instant().truncatedTo(ChronoUnit.MILLIS).plus(LOCK_TTL));
        } else {
            assertThat(Instant.parse(expiresAt)).isBetween(before.plus(LOCK_TTL).minusSeconds(1),
                    after.plus(LOCK_TTL).plusSeconds(1));
        }
        assertThat(slotAt(availability(place, date), date, "09:30").path("capacityUsed").asInt()).isEqualTo(1);
    }

    @Test
    void tokens_are_unique_per_lock() {
        Bookable place = bookable(10);
        LocalDate date = inDays(7);
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            tokens.add(lockOk(place, date, "09:00", 1).path("reservationToken").asText());
        }
        assertThat(tokens).hasSize(5);
    }

    @Test
    void quantity_defaults_to_one_and_takes_that_much_capacity() {
        Bookable place = bookable(3);
        LocalDate date = inDays(7);

        JsonNode single = ok(api.post("/slots/lock", Map.of("unitId", place.unitId(), "serviceId", place.serviceId(),
                "date", date.toString(), "startTime", "10:00")), 201);
        assertThat(single.path("quantity").asInt()).isEqualTo(1);
        assertThat(single.path("capacityUsed").asInt()).isEqualTo(1);

        JsonNode pair = lockOk(place, date, "10:00", 2);
        assertThat(pair.path("quantity").asInt()).isEqualTo(2);
        assertThat(pair.path("capacityUsed").asInt()).isEqualTo(3);
        assertThat(slotAt(availability(place, date), date, "10:00").path("available").asBoolean()).isFalse();
    }

    @Test
    void a_lock_that_does_not_fit_is_409_slot_full_and_takes_nothing() {
        Bookable place = bookable(3);
        LocalDate date = inDays(7);
        lockOk(place, date, "09:00", 2);

        assertProblem(lockWithQuantity(place, date, "09:00", 2), 409, "slot_full");
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(2);

        assertThat(lockOk(place, date, "09:00", 1).path("capacityUsed").asInt()).isEqualTo(3);
        assertProblem(lock(place, date, "09:00"), 409, "slot_full");
        assertProblem(lockWithQuantity(place, date, "09:30", 4), 409, "slot_full");
    }

    @Test
    void only_a_slot_of_the_service_can_be_locked_anything_else_is_422_not_a_slot() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);

        assertProblem(lock(place, date, "09:15"), 422, "not_a_slot");
        assertProblem(lock(place, date, "09:01"), 422, "not_a_slot");
        assertProblem(lock(place, date, "12:00"), 422, "not_a_slot");
        assertProblem(lock(place, date, "11:45"), 422, "not_a_slot");
        assertProblem(lock(place, date, "07:00"), 422, "not_a_slot");
        assertProblem(lock(place, date, "20:00"), 422, "not_a_slot");
        assertProblem(lock(place, today().minusDays(1), "09:00"), 422, "not_a_slot");
        assertProblem(lock(place, inDays(91), "09:00"), 422, "not_a_slot");
        assertThat(lock(place, inDays(90), "09:00").status()).as("the window's last day").isEqualTo(201);
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isZero();
    }

    @Test
    void a_slot_that_has_already_started_is_422_not_a_slot() {
        Bookable place = bookable(unitBody(everyDay("00:00-23:59")), serviceBody(1, 1));
        ZoneId zone = ZoneId.of(ZONE);
        LocalTime current = LocalTime.ofInstant(now(), zone).truncatedTo(ChronoUnit.MINUTES);
        assumeTrue(current.isBefore(LocalTime.of(23, 58)), "the minute's slot exists today");

        assertProblem(lock(place, today(), current.toString()), 422, "not_a_slot");
        assertProblem(lock(place, today().minusDays(1), "12:00"), 422, "not_a_slot");
    }

    @Test
    void a_lock_is_read_by_its_token() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        JsonNode lock = lockOk(place, date, "13:00", 1);

        Reply read = api.get("/slots/locks/" + lock.path("reservationToken").asText());

        assertThat(read.status()).as(read.describe()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(lock);
    }

    @Test
    void an_unknown_token_is_404_lock_not_found() {
        assertProblem(api.get("/slots/locks/" + randomToken()), 404, "lock_not_found");
        assertProblem(api.get("/slots/locks/not-a-token"), 404, "lock_not_found");
        assertProblem(release(randomToken()), 404, "lock_not_found");
        assertProblem(release("short"), 404, "lock_not_found");
    }

    // ------------------------------------------------------------------------------------------------
    // Release

    @Test
    void releasing_frees_the_capacity_and_releasing_again_answers_the_same() {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        JsonNode lock = lockOk(place, date, "09:00", 2);
        String token = lock.path("reservationToken").asText();

        Reply first = release(token);

        assertThat(first.status()).as(first.describe()).isEqualTo(200);
        JsonNode released = first.json();
        assertThat(released.path("status").asText()).isEqualTo("RELEASED");
        assertThat(released.path("reservationToken").asText()).isEqualTo(token);
        assertThat(released.path("capacityUsed").asInt()).isZero();
        assertThat(released.path("capacityTotal").asInt()).isEqualTo(2);
        for (String same : List.of("unitId", "serviceId", "date", "startTime", "endTime", "quantity", "expiresAt")) {
            assertThat(released.path(same)).as(same).isEqualTo(lock.path(same));
        }
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isZero();

        Reply second = release(token);
        assertThat(second.status()).as(second.describe()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(released);
        assertThat(ok(api.get("/slots/locks/" + token), 200).path("status").asText()).isEqualTo("RELEASED");
        assertThat(lockOk(place, date, "09:00", 2).path("capacityUsed").asInt()).isEqualTo(2);
    }

    @Test
    void releasing_an_expired_lock_reports_it_expired() {
        MutableClock clock = requireClock();
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        String token = lockOk(place, date, "09:00", 1).path("reservationToken").asText();

        clock.advance(LOCK_TTL.plusSeconds(1));
        Reply reply = release(token);

        assertThat(reply.status()).as(reply.describe()).isEqualTo(200);
        assertThat(reply.json().path("status").asText()).isEqualTo("EXPIRED");
        assertThat(reply.json().path("capacityUsed").asInt()).isZero();
        assertThat(release(token).json().path("status").asText()).isEqualTo("EXPIRED");
        assertThat(ok(api.get("/slots/locks/" + token), 200).path("status").asText()).isEqualTo("EXPIRED");
    }

    // ------------------------------------------------------------------------------------------------
    // Idempotency-Key

    @Test
    void a_retry_with_the_same_idempotency_key_gets_the_first_response_and_takes_nothing_more() {
        Bookable place = bookable(3);
        LocalDate date = inDays(7);
        ApiClient client = api.withHeader("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> body = lockBody(place, date, "09:00");

        Reply first = client.post("/slots/lock", body);
        Reply retry = client.post("/slots/lock", body);

        assertThat(first.status()).as(first.describe()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.contentType()).isEqualTo(first.contentType());
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt())
                .as("only one lock taken").isEqualTo(1);

        Reply otherKey = api.withHeader("Idempotency-Key", UUID.randomUUID().toString()).post("/slots/lock", body);
        assertThat(otherKey.status()).isEqualTo(201);
        assertThat(otherKey.text("reservationToken")).isNotEqualTo(first.text("reservationToken"));
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(2);
    }

    @Test
    void a_retry_with_the_same_json_spaced_and_ordered_differently_is_the_same_request() {
        Bookable place = bookable(3);
        LocalDate date = inDays(7);
        ApiClient client = api.withHeader("Idempotency-Key", UUID.randomUUID().toString());
        String compact = "{\"unitId\":\"" + place.unitId() + "\",\"serviceId\":\"" + place.serviceId()
                + "\",\"date\":\"" + date + "\",\"startTime\":\"09:00\"}";
        String reordered = "{ \"startTime\": \"09:00\",\n  \"date\": \"" + date + "\", \"serviceId\": \""
                + place.serviceId() + "\", \"unitId\": \"" + place.unitId() + "\" }";

        Reply first = client.post("/slots/lock", compact);
        Reply retry = client.post("/slots/lock", reordered);

        assertThat(first.status()).as(first.describe()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(1);
    }

    @Test
    void the_same_idempotency_key_with_another_body_is_422_idempotency_key_reused() {
        Bookable place = bookable(3);
        LocalDate date = inDays(7);
        ApiClient client = api.withHeader("Idempotency-Key", UUID.randomUUID().toString());
        ok(client.post("/slots/lock", lockBody(place, date, "09:00")), 201);

        assertProblem(client.post("/slots/lock", lockBody(place, date, "09:30")), 422, "idempotency_key_reused");

        JsonNode availability = availability(place, date);
        assertThat(slotAt(availability, date, "09:00").path("capacityUsed").asInt()).isEqualTo(1);
        assertThat(slotAt(availability, date, "09:30").path("capacityUsed").asInt()).isZero();
    }

    @Test
    void a_refusal_under_an_idempotency_key_is_replayed_too() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        String token = lockOk(place, date, "09:00", 1).path("reservationToken").asText();
        ApiClient client = api.withHeader("Idempotency-Key", UUID.randomUUID().toString());
        Reply refused = client.post("/slots/lock", lockBody(place, date, "09:00"));
        assertProblem(refused, 409, "slot_full");

        ok(release(token), 200);
        Reply retry = client.post("/slots/lock", lockBody(place, date, "09:00"));

        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.body()).isEqualTo(refused.body());
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isZero();
    }

    @Test
    void an_invalid_idempotency_key_is_400() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        Map<String, Object> body = lockBody(place, date, "09:00");

        assertValidationFailed(api.withHeader("Idempotency-Key", "has spaces in it").post("/slots/lock", body),
                "Idempotency-Key");
        assertValidationFailed(api.withHeader("Idempotency-Key", "k".repeat(256)).post("/slots/lock", body),
                "Idempotency-Key");
        String longest = (UUID.randomUUID() + "~" + "k".repeat(255)).substring(0, 255);
        assertThat(api.withHeader("Idempotency-Key", longest).post("/slots/lock", lockBody(place, inDays(8), "09:00"))
                .status()).as("255 visible characters make a key").isEqualTo(201);
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isZero();
    }

    @Test
    void concurrent_retries_under_one_idempotency_key_take_one_lock() {
        Bookable place = bookable(20);
        LocalDate date = inDays(7);
        ApiClient client = api.withHeader("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> body = lockBody(place, date, "09:00");

        List<Race.Outcome<Reply>> outcomes = Race.run(16, i -> client.post("/slots/lock", body));

        List<Reply> replies = outcomes.stream().map(outcome -> {
            assertThat(outcome.failure()).isNull();
            return outcome.value();
        }).toList();
        List<Reply> created = replies.stream().filter(reply -> reply.status() == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(created.stream().map(Reply::body).distinct()).as("every 201 is the first response").hasSize(1);
        for (Reply reply : replies) {
            if (reply.status() != 201) {
                assertProblem(reply, 409, "idempotency_key_in_progress");
            }
        }
        assertThat(slotAt(availability(place, date), date, "09:00").path("capacityUsed").asInt()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------
    // Admin authentication

    Stream<Arguments> adminRoutesAndBadCredentials() {
        List<String[]> routes = List.of(
                new String[] {"POST", "/units"},
                new String[] {"GET", "/units"},
                new String[] {"PATCH", "/units/{unit}"},
                new String[] {"POST", "/units/{unit}/services"},
                new String[] {"PATCH", "/units/{unit}/services/{service}"});
        List<String> credentials = new ArrayList<>();
        credentials.add(null);
        credentials.add("Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8)));
        credentials.add("Bearer wrong-token");
        credentials.add("Bearer");
        credentials.add("Bearer ");
        credentials.add("Token {admin}");
        credentials.add("{admin}");
        credentials.add("Bearer {admin}x");
        return routes.stream().flatMap(route -> credentials.stream()
                .map(credential -> Arguments.of(route[0], route[1], credential)));
    }

    @ParameterizedTest(name = "{0} {1} with Authorization: {2}")
    @MethodSource("adminRoutesAndBadCredentials")
    void admin_routes_refuse_missing_or_wrong_credentials_with_401(String method, String route, String credential) {
        Bookable place = bookable(1);
        String path = route.replace("{unit}", place.unitId()).replace("{service}", place.serviceId());
        ApiClient client = credential == null ? api
                : api.withHeader("Authorization", credential.replace("{admin}", adminToken()));
        Object body = switch (route) {
            case "/units" -> unitBody();
            case "/units/{unit}/services" -> serviceBody(30, 1);
            default -> Map.of("name", "Hijacked");
        };

        Reply reply = method.equals("GET") ? client.get(path)
                : method.equals("POST") ? client.post(path, body) : client.patch(path, body);

        assertProblem(reply, 401, "unauthorized");
        assertThat(reply.header("WWW-Authenticate")).as("RFC 9110: a 401 names the scheme")
                .hasValueSatisfying(scheme -> assertThat(scheme).startsWithIgnoringCase("Bearer"));
        assertThat(reply.body()).doesNotContain(adminToken());
    }

    @Test
    void a_refused_admin_write_changes_nothing() {
        Bookable place = bookable(1);
        String unitPath = "/units/" + place.unitId();
        String servicePath = unitPath + "/services/" + place.serviceId();
        JsonNode unit = ok(api.get(unitPath), 200);
        JsonNode service = ok(api.get(servicePath), 200);
        ApiClient intruder = api.withHeader("Authorization", "Bearer not-the-token");

        assertProblem(intruder.patch(unitPath, Map.of("name", "Hijacked")), 401, "unauthorized");
        assertProblem(intruder.patch(servicePath, Map.of("capacity", 99)), 401, "unauthorized");
        assertProblem(intruder.post(unitPath + "/services", serviceBody(30, 1)), 401, "unauthorized");

        assertThat(ok(api.get(unitPath), 200)).isEqualTo(unit);
        assertThat(ok(api.get(servicePath), 200)).isEqualTo(service);
        assertThat(elements(ok(api.get(unitPath + "/services"), 200).path("services"))).hasSize(1);
    }

    @Test
    void the_bearer_scheme_is_case_insensitive() {
        Reply listed = api.withHeader("Authorization", "bearer " + adminToken()).get("/units");
        assertThat(listed.status()).as(listed.describe()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------
    // Operations and HTTP itself

    @Test
    void health_is_up() {
        Reply health = api.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.contentType()).startsWith("application/json");
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void ready_when_every_dependency_answers() {
        Reply ready = api.get("/ready");

        assertThat(ready.status()).as(ready.describe()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void metrics_are_prometheus_text_with_the_lock_counters() {
        Reply metrics = api.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        for (String counter : List.of("locks_attempts_total", "locks_success_total", "locks_conflicts_total",
                "locks_expired_total")) {
            assertThat(metrics.body()).as(counter).containsPattern("(?m)^# TYPE " + counter + " counter$");
            assertThat(metric(metrics.body(), counter)).as(counter).isNotNull();
        }
    }

    @Test
    void lock_and_availability_latencies_are_histograms_for_percentiles() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        lockOk(place, date, "09:00", 1);
        availability(place, date);

        String body = api.get("/metrics").body();

        for (String timer : List.of("locks_latency_seconds", "availability_latency_seconds")) {
            assertThat(body).as(timer).containsPattern("(?m)^# TYPE " + timer + " histogram$");
            assertThat(body).as(timer).containsPattern("(?m)^" + timer + "_bucket\\{le=\"[0-9.]+\",?\\} [0-9.]+$");
            assertThat(metric(body, timer + "_count")).as(timer).isPositive();
        }
    }

    @Test
    void lock_counters_move_as_locks_happen() {
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        double attempts = metric("locks_attempts_total");
        double success = metric("locks_success_total");
        double conflicts = metric("locks_conflicts_total");

        lockOk(place, date, "09:00", 1);
        assertProblem(lock(place, date, "09:00"), 409, "slot_full");
        assertProblem(lock(place, date, "09:00"), 409, "slot_full");

        assertThat(metric("locks_attempts_total")).isEqualTo(attempts + 3);
        assertThat(metric("locks_success_total")).isEqualTo(success + 1);
        assertThat(metric("locks_conflicts_total")).isEqualTo(conflicts + 2);
    }

    @Test
    void forty_concurrent_locks_on_capacity_three_count_exactly_in_the_services_series() throws Exception {
        Bookable place = bookable(3);
        LocalDate date = inDays(7);

        List<Race.Outcome<Reply>> outcomes = Race.run(40, i -> lock(place, date, "09:00"));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(outcomes).filteredOn(outcome -> outcome.value().status() == 201).hasSize(3);
        assertThat(outcomes).filteredOn(outcome -> outcome.value().status() == 409).hasSize(37);
        String scrape = ok200Text("/metrics");
        String series = "{service=\"" + place.serviceId() + "\",unit=\"" + place.unitId() + "\"}";
        assertThat(scrape).contains("locks_attempts_total" + series + " 40.0")
                .contains("locks_success_total" + series + " 3.0")
                .contains("locks_conflicts_total" + series + " 37.0");
        // CI checks that this scrape parses as Prometheus text (promtool check metrics).
        java.nio.file.Path saved = java.nio.file.Path.of("target", "metrics-scrape-" + getClass().getSimpleName() + ".txt");
        java.nio.file.Files.writeString(saved, scrape);
    }

    @Test
    void the_openapi_document_is_served_byte_for_byte_as_in_docs() throws java.io.IOException {
        byte[] expected = java.nio.file.Files.readAllBytes(OpenApiContract.DOCUMENT);

        Reply document = api.get("/openapi.yaml");

        assertThat(document.status()).as(document.describe()).isEqualTo(200);
        assertThat(document.contentType()).isEqualTo("application/yaml");
        // The body arrives decoded as UTF-8; a byte that is not valid UTF-8 would come back as U+FFFD and
        // differ when encoded again, so equal bytes here mean equal bytes on the wire.
        assertThat(document.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void the_docs_page_is_swagger_ui_on_the_document_with_every_asset_served() {
        Reply page = api.get("/docs");

        assertThat(page.status()).as(page.describe()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("SwaggerUIBundle(").contains("url: \"/openapi.yaml\"");
        Matcher links = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        List<String> assets = new ArrayList<>();
        while (links.find()) {
            assets.add(links.group(1));
        }
        assertThat(assets).as("no CDN: every asset comes from this service")
                .allMatch(asset -> asset.startsWith("/docs/"))
                .contains("/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css");
        for (String asset : assets) {
            Reply served = api.get(asset);
            assertThat(served.status()).as(served.describe()).isEqualTo(200);
            assertThat(served.body()).as(asset).isNotEmpty();
            String type = asset.endsWith(".js") ? "text/javascript" : asset.endsWith(".css") ? "text/css" : "image/png";
            assertThat(served.contentType()).as(asset).startsWith(type);
        }
        assertProblem(api.get("/docs/index.html"), 404, "not_found");
        assertProblem(api.get("/docs/swagger-initializer.js"), 404, "not_found");
    }

    @Test
    void every_operation_of_the_openapi_document_is_a_route_of_the_service() {
        OpenApiContract.operations().forEach((template, methods) -> {
            String path = template.replace("{asset}", "swagger-ui.css").replaceAll("\\{[^}]+}", "x");
            for (String method : methods) {
                Reply reply = api.send(method, path, new byte[0], null);

                assertThat(reply.status()).as("%s %s is documented: %s", method, template, reply.describe())
                        .isNotEqualTo(405);
                assertThat(reply.status() == 404 && "not_found".equals(reply.json().path("code").asText()))
                        .as("%s %s is documented but is no route: %s", method, template, reply.describe())
                        .isFalse();
            }
        });
    }

    @Test
    void an_unknown_route_is_a_404_problem() {
        assertProblem(api.get("/no/such/route"), 404, "not_found");
        assertProblem(api.post("/slots/unlock", Map.of()), 404, "not_found");
        assertProblem(api.admin().get("/units/x/services/y/z"), 404, "not_found");
    }

    @Test
    void a_wrong_method_is_a_405_problem_that_names_the_allowed_methods() {
        Bookable place = bookable(1);
        assertMethodNotAllowed(api.send("DELETE", "/units", new byte[0], null), "GET", "POST");
        assertMethodNotAllowed(api.admin().send("PUT", "/units/" + place.unitId(),
                "{}".getBytes(StandardCharsets.UTF_8), "application/json"), "GET", "PATCH");
        assertMethodNotAllowed(api.get("/slots/lock"), "POST");
        assertMethodNotAllowed(api.send("DELETE", "/slots/locks/" + randomToken(), new byte[0], null), "GET");
        assertMethodNotAllowed(api.post("/health", Map.of()), "GET");
    }

    private static void assertMethodNotAllowed(Reply reply, String... allowed) {
        assertProblem(reply, 405, "method_not_allowed");
        assertThat(reply.header("Allow")).as("RFC 9110: a 405 lists the allowed methods; " + reply.describe())
                .isPresent();
        assertThat(reply.header("Allow").orElseThrow().split(",\\s*")).contains(allowed);
    }

    @Test
    void headers_too_large_for_the_server_are_a_431_problem() {
        Reply reply = api.withHeader("Idempotency-Key", "k".repeat(20_000))
                .post("/slots/lock", lockBody(new Bookable("u", "s"), inDays(7), "09:00"));

        assertProblem(reply, 431, "header_fields_too_large");
    }

    @Test
    void a_request_that_is_not_valid_http_is_a_400_problem() throws java.io.IOException {
        URI base = URI.create(baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nThis header has no colon\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400");
            String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
            assertThat(head).contains("content-type: application/problem+json");
            JsonNode problem = json(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("code").asText()).isEqualTo("bad_request");
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("type").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Malformed input: always a 4xx problem, never a 5xx

    Stream<Case> malformedRequests() {
        return MalformedRequests.all().stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedRequests")
    void malformed_requests_get_a_4xx_problem_never_a_5xx(Case request) {
        Fixture fixture = fixtureFor(request);
        String stateBefore = observableState(request.target(), fixture);

        Reply reply = send(request, fixture);

        if (request.succeeds()) {
            assertThat(reply.status()).as(reply.describe()).isEqualTo(request.expectedStatus());
            return;
        }
        assertProblem(reply, request.expectedStatus(), request.expectedCode());
        if (!request.fields().isEmpty()) {
            assertValidationFailed(reply, request.fields().toArray(String[]::new));
        }
        assertThat(observableState(request.target(), fixture)).as("a refused request changes nothing")
                .isEqualTo(stateBefore);
    }

    /** A unit, a service and a date; then only what the case's target needs, so that the table stays fast. */
    private Fixture fixtureFor(Case request) {
        Bookable place = bookable(2);
        LocalDate date = inDays(7);
        Target target = request.target();
        boolean needsLock = target == Target.RELEASE || target == Target.BOOK || target == Target.RESCHEDULE
                || request.auth() == MalformedRequests.Auth.CLIENT;
        String token = needsLock ? lockOk(place, date, "09:00", 1).path("reservationToken").asText() : null;
        String email = null;
        String code = null;
        if (target == Target.LOGIN_REQUEST || target == Target.LOGIN_VERIFY) {
            email = uniqueEmail();
            if (target == Target.LOGIN_VERIFY) {
                ok(requestCode(email), 202);
                code = latestCode(email);
            }
        }
        String accessToken = null;
        String appointmentId = null;
        if (request.auth() == MalformedRequests.Auth.CLIENT) {
            Session client = login(uniquePhone());
            accessToken = client.accessToken();
            if (target == Target.RESCHEDULE) {
                appointmentId = book(client, lockOk(place, date, "10:00", 1).path("reservationToken").asText())
                        .path("id").asText();
            }
        }
        return new Fixture(place.unitId(), place.serviceId(), date.toString(), token, email, code, accessToken,
                appointmentId);
    }

    private Reply send(Case request, Fixture fixture) {
        ApiClient client = switch (request.auth()) {
            case NONE -> api;
            case ADMIN -> api.admin();
            case CLIENT -> api.withHeader("Authorization", "Bearer " + fixture.accessToken());
        };
        byte[] body = request.body().apply(fixture);
        String path = fixture.fill(request.pathTemplate());
        if (request.target() != null && request.target().isQuery()) {
            return client.get(path + new String(body, StandardCharsets.UTF_8));
        }
        if (request.method().equals("GET")) {
            return client.get(path);
        }
        return request.chunked() ? client.sendChunked(request.method(), path, body, request.contentType())
                : client.send(request.method(), path, body, request.contentType());
    }

    /** What a refused request to that target must leave as it was. */
    private String observableState(Target target, Fixture fixture) {
        if (target == null) {
            return "";
        }
        String unit = "/units/" + fixture.unitId();
        return switch (target) {
            case CREATE_UNIT -> "units: " + ok(api.admin().get("/units"), 200).path("units").size();
            case CREATE_SERVICE -> ok(api.get(unit + "/services"), 200).toString();
            case UPDATE_UNIT -> ok(api.get(unit), 200).toString();
            case UPDATE_SERVICE -> ok(api.get(unit + "/services/" + fixture.serviceId()), 200).toString();
            case LOCK, AVAILABILITY -> availability(new Bookable(fixture.unitId(), fixture.serviceId()),
                    LocalDate.parse(fixture.date())).toString();
            case RELEASE -> ok(api.get("/slots/locks/" + fixture.token()), 200).toString();
            case LOGIN_REQUEST, LOGIN_VERIFY -> mailbox(fixture.email()).toString();
            case BOOK -> ok(api.get("/slots/locks/" + fixture.token()), 200) + " "
                    + ok(bearer(fixture.accessToken()).get("/clients/me/appointments"), 200);
            case RESCHEDULE -> ok(api.get("/slots/locks/" + fixture.token()), 200) + " "
                    + ok(bearer(fixture.accessToken()).get("/appointments/" + fixture.appointmentId()), 200);
            case AGENDA -> "";
        };
    }

    // ------------------------------------------------------------------------------------------------
    // Expiry, events and concurrency

    @Test
    void an_expired_lock_stops_counting_at_once_and_the_sweeper_marks_it_expired_within_seconds() {
        MutableClock clock = requireClock();
        Bookable place = bookable(1);
        LocalDate date = inDays(7);
        String token = lockOk(place, date, "09:00", 1).path("reservationToken").asText();
        double expiredBefore = metric("locks_expired_total");
        assertThat(slotAt(availability(place, date), date, "09:00").path("available").asBoolean()).isFalse();

        clock.advance(LOCK_TTL.plusMillis(1));

        JsonNode slot = slotAt(availability(place, date), date, "09:00");
        assertThat(slot.path("capacityUsed").asInt()).as("an expired lock holds nothing, swept or not").isZero();
        assertThat(slot.path("available").asBoolean()).isTrue();
        assertThat(ok(api.get("/slots/locks/" + token), 200).path("status").asText()).isEqualTo("EXPIRED");

        await("the sweeper counts the expiry").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(metric("locks_expired_total")).isGreaterThan(expiredBefore));
        if (events() != null) {
            ObservedEvent expired = awaitEvent("slot.released", token);
            assertThat(expired.payload().path("reason").asText()).isEqualTo("expired");
            assertThat(expired.payload().path("capacityUsed").asInt()).isZero();
        }
        assertThat(ok(api.get("/slots/locks/" + token), 200).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(lockOk(place, date, "09:00", 1).path("capacityUsed").asInt()).isEqualTo(1);
    }

    @Test
    void locking_and_releasing_publish_slot_events_with_the_contract_payload() {
        EventFeed feed = events();
        assumeTrue(feed != null, "this mode cannot watch events");
        Bookable place = bookable(3);
        LocalDate date = inDays(7);
        JsonNode lock = lockOk(place, date, "14:00", 2);
        String token = lock.path("reservationToken").asText();

        ObservedEvent locked = awaitEvent("slot.locked", token);

        assertThat(UUID.fromString(locked.eventId())).isNotNull();
        assertThat(locked.version()).isEqualTo(1);
        assertThat(Instant.parse(locked.occurredAt())).isNotNull();
        if (clock() != null) {
            assertThat(Instant.parse(locked.occurredAt())).isEqualTo(clock().instant().truncatedTo(ChronoUnit.MILLIS));
        }
        assertThat(fieldNames(locked.payload())).containsExactlyInAnyOrderElementsOf(SLOT_EVENT_FIELDS);
        for (String field : SLOT_EVENT_FIELDS) {
            assertThat(locked.payload().path(field)).as(field).isEqualTo(lock.path(field));
        }

        JsonNode released = ok(release(token), 200);
        ObservedEvent announced = awaitEvent("slot.released", token);

        assertThat(announced.eventId()).isNotEqualTo(locked.eventId());
        Set<String> releasedFields = new HashSet<>(SLOT_EVENT_FIELDS);
        releasedFields.add("reason");
        assertThat(fieldNames(announced.payload())).containsExactlyInAnyOrderElementsOf(releasedFields);
        assertThat(announced.payload().path("reason").asText()).isEqualTo("released");
        assertThat(announced.payload().path("capacityUsed").asInt()).isZero();
        for (String field : SLOT_EVENT_FIELDS) {
            assertThat(announced.payload().path(field)).as(field).isEqualTo(released.path(field));
        }

        ok(release(token), 200);
        await("a second release announces nothing").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> eventsFor("slot.released", token).size() == 1);
    }

    @Test
    void sixty_four_concurrent_locks_on_a_slot_of_three_places_give_exactly_three() {
        Bookable place = bookable(3);
        LocalDate date = inDays(7);
        Map<String, Object> body = lockBody(place, date, "15:00");

        List<Race.Outcome<Reply>> outcomes = Race.run(64, i -> api.post("/slots/lock", body));

        List<Reply> replies = outcomes.stream().map(outcome -> {
            assertThat(outcome.failure()).as("a request failed").isNull();
            return outcome.value();
        }).toList();
        assertThat(replies.stream().filter(reply -> reply.status() == 201)).hasSize(3);
        replies.stream().filter(reply -> reply.status() != 201).forEach(reply -> assertProblem(reply, 409, "slot_full"));
        assertThat(replies.stream().filter(reply -> reply.status() == 409)).hasSize(61);
        JsonNode slot = slotAt(availability(place, date), date, "15:00");
        assertThat(slot.path("capacityUsed").asInt()).isEqualTo(3);
        assertThat(slot.path("available").asBoolean()).isFalse();
    }

    // ------------------------------------------------------------------------------------------------
    // Scenario helpers

    /** A unit with a service: what a client books. */
    record Bookable(String unitId, String serviceId) {
    }

    /** A unit open every day 09:00–12:00 and 13:00–18:00 in São Paulo, with a 30-minute service. */
    Bookable bookable(int capacity) {
        return bookable(unitBody(), serviceBody(30, capacity));
    }

    Bookable bookable(Map<String, Object> unit, Map<String, Object> service) {
        String unitId = createUnit(unit).path("id").asText();
        return new Bookable(unitId, createService(unitId, service).path("id").asText());
    }

    static Map<String, Object> unitBody() {
        return unitBody(everyDay("09:00-12:00", "13:00-18:00"));
    }

    static Map<String, Object> unitBody(Map<String, Object> openingHours) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Unit " + UUID.randomUUID());
        body.put("timeZone", ZONE);
        body.put("openingHours", openingHours);
        return body;
    }

    static Map<String, Object> serviceBody(int durationMinutes, int capacity) {
        return Map.of("name", "Service " + durationMinutes + "m x" + capacity, "durationMinutes", durationMinutes,
                "capacity", capacity);
    }

    /** Opening hours, the same every day: {@code everyDay("09:00-12:00", "13:00-18:00")}. */
    static Map<String, Object> everyDay(String... intervals) {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day.name(), Stream.of(intervals)
                    .map(text -> interval(text.substring(0, 5), text.substring(6)))
                    .toList());
        }
        return hours;
    }

    static Map<String, String> interval(String start, String end) {
        return Map.of("start", start, "end", end);
    }

    JsonNode createUnit(Map<String, Object> body) {
        return ok(api.admin().post("/units", body), 201);
    }

    JsonNode createService(String unitId, Map<String, Object> body) {
        return ok(api.admin().post("/units/" + unitId + "/services", body), 201);
    }

    static Map<String, Object> lockBody(Bookable place, LocalDate date, String startTime) {
        return Map.of("unitId", place.unitId(), "serviceId", place.serviceId(), "date", date.toString(),
                "startTime", startTime);
    }

    Reply lock(Bookable place, LocalDate date, String startTime) {
        return api.post("/slots/lock", lockBody(place, date, startTime));
    }

    Reply lockWithQuantity(Bookable place, LocalDate date, String startTime, int quantity) {
        Map<String, Object> body = new LinkedHashMap<>(lockBody(place, date, startTime));
        body.put("quantity", quantity);
        return api.post("/slots/lock", body);
    }

    JsonNode lockOk(Bookable place, LocalDate date, String startTime, int quantity) {
        return ok(lockWithQuantity(place, date, startTime, quantity), 201);
    }

    Reply release(String token) {
        return api.post("/slots/release", Map.of("reservationToken", token));
    }

    static String availabilityPath(Bookable place, String dates) {
        return "/units/" + place.unitId() + "/availability?serviceId=" + place.serviceId() + "&" + dates;
    }

    JsonNode availability(Bookable place, LocalDate date) {
        return availability(place.unitId(), place.serviceId(), date);
    }

    JsonNode availability(String unitId, String serviceId, LocalDate date) {
        return ok(api.get("/units/" + unitId + "/availability?serviceId=" + serviceId + "&date=" + date), 200);
    }

    /** The slot of the availability at that date and start; fails when it is not listed. */
    static JsonNode slotAt(JsonNode availability, LocalDate date, String startTime) {
        for (JsonNode slot : availability.path("slots")) {
            if (slot.path("date").asText().equals(date.toString()) && slot.path("startTime").asText().equals(startTime)) {
                return slot;
            }
        }
        return fail("no slot on %s at %s in %s", date, startTime, availability);
    }

    static List<String> startTimes(JsonNode availability) {
        return elements(availability.path("slots")).stream().map(slot -> slot.path("startTime").asText()).toList();
    }

    /** Now on the service's clock. */
    Instant now() {
        return clock() == null ? Instant.now() : clock().instant();
    }

    /** Today in the units' time zone, by the service's clock. */
    LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneId.of(ZONE));
    }

    LocalDate inDays(int days) {
        return today().plusDays(days);
    }

    MutableClock requireClock() {
        MutableClock clock = clock();
        assumeTrue(clock != null, "this mode runs on real time");
        return clock;
    }

    static String randomToken() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---- clients

    /** A client logged in over HTTP: its id, its access token, and where its codes and notices go. */
    record Session(String clientId, String accessToken, String recipient, JsonNode login) {
    }

    /** A phone number in E.164 form that no other test of this run uses. */
    static String uniquePhone() {
        return "+55119" + String.format("%08d", PHONES.getAndIncrement() % 100_000_000);
    }

    /** An e-mail address that no other test uses. */
    static String uniqueEmail() {
        return "client-" + UUID.randomUUID() + "@example.com";
    }

    /** {@code {"phone": …}} or {@code {"email": …}}, by the recipient's form. */
    static Map<String, Object> recipientBody(String recipient) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(recipient.startsWith("+") ? "phone" : "email", recipient);
        return body;
    }

    Reply requestCode(String recipient) {
        return api.post("/auth/login-client/request", recipientBody(recipient));
    }

    Reply verifyCode(String recipient, String code) {
        Map<String, Object> body = recipientBody(recipient);
        body.put("code", code);
        return api.post("/auth/login-client/verify", body);
    }

    /** What the dev mailbox holds for a recipient, oldest first ({@code +} sent as {@code %2B}). */
    List<JsonNode> mailbox(String recipient) {
        Reply reply = api.get("/dev/notifications?recipient="
                + URLEncoder.encode(recipient, StandardCharsets.UTF_8));
        return elements(ok(reply, 200).path("notifications"));
    }

    /** The codes sent to a recipient so far, oldest first, read from the dev mailbox. */
    List<String> codesSentTo(String recipient) {
        List<String> codes = new ArrayList<>();
        for (JsonNode notification : mailbox(recipient)) {
            if (notification.path("template").asText().equals("login_code")) {
                Matcher code = SIX_DIGITS.matcher(notification.path("body").asText());
                assertThat(code.find()).as("a 6-digit code in %s", notification).isTrue();
                codes.add(code.group());
            }
        }
        return codes;
    }

    /** The latest code sent to a recipient. */
    String latestCode(String recipient) {
        List<String> codes = codesSentTo(recipient);
        assertThat(codes).as("codes sent to %s", recipient).isNotEmpty();
        return codes.get(codes.size() - 1);
    }

    /** Asks for a code, reads it from the dev mailbox and verifies it. */
    Session login(String recipient) {
        ok(requestCode(recipient), 202);
        JsonNode loggedIn = ok(verifyCode(recipient, latestCode(recipient)), 200);
        return new Session(loggedIn.path("clientId").asText(), loggedIn.path("accessToken").asText(), recipient,
                loggedIn);
    }

    /** A new client, known by a phone number of its own. */
    Session login() {
        return login(uniquePhone());
    }

    /** The anonymous client with that access token. */
    ApiClient bearer(String accessToken) {
        return api.withHeader("Authorization", "Bearer " + accessToken);
    }

    ApiClient as(Session client) {
        return bearer(client.accessToken());
    }

    JsonNode book(Session client, String reservationToken) {
        return ok(as(client).post("/appointments", Map.of("reservationToken", reservationToken)), 201);
    }

    // ---- events

    List<ObservedEvent> eventsFor(String type, String token) {
        return events().received().stream()
                .filter(event -> event.type().equals(type) && token.equals(event.reservationToken()))
                .toList();
    }

    ObservedEvent awaitEvent(String type, String token) {
        return await(type + " for " + token).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> eventsFor(type, token), found -> !found.isEmpty())
                .get(0);
    }

    // ---- metrics

    double metric(String name) {
        Double value = metric(ok200Text("/metrics"), name);
        if (value == null) {
            return fail("no metric %s", name);
        }
        return value;
    }

    /** The sum of a metric's samples in Prometheus text, or null when it is absent. */
    private static Double metric(String scrape, String name) {
        Double sum = null;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            if (rest.startsWith(" ") || rest.startsWith("{")) {
                String[] parts = line.trim().split(" ");
                sum = (sum == null ? 0 : sum) + Double.parseDouble(parts[parts.length - 1]);
            }
        }
        return sum;
    }

    String ok200Text(String path) {
        Reply reply = api.get(path);
        assertThat(reply.status()).as(reply.describe()).isEqualTo(200);
        return reply.body();
    }

    // ---- assertions

    /** The JSON body of a reply that must have that status. */
    static JsonNode ok(Reply reply, int status) {
        assertThat(reply.status()).as(reply.describe()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.describe()).startsWith("application/json");
        return reply.json();
    }

    /** An RFC 9457 problem with that status and code, and every field of the contract. */
    static JsonNode assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.describe()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.describe()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.isObject()).as(reply.describe()).isTrue();
        for (String field : List.of("type", "title", "detail", "code")) {
            assertThat(problem.path(field).isTextual()).as("%s in %s", field, reply.describe()).isTrue();
            assertThat(problem.path(field).asText()).as("%s in %s", field, reply.describe()).isNotBlank();
        }
        assertThat(problem.path("status").isInt()).as(reply.describe()).isTrue();
        assertThat(problem.path("status").asInt()).as(reply.describe()).isEqualTo(status);
        assertThat(problem.path("code").asText()).as(reply.describe()).isEqualTo(code);
        return problem;
    }

    /** A 400 {@code validation_failed} whose {@code errors} name exactly these fields, each with a message. */
    static void assertValidationFailed(Reply reply, String... fields) {
        JsonNode problem = assertProblem(reply, 400, "validation_failed");
        JsonNode errors = problem.path("errors");
        assertThat(errors.isArray()).as(reply.describe()).isTrue();
        assertThat(errors.size()).as(reply.describe()).isPositive();
        for (JsonNode error : errors) {
            assertThat(fieldNames(error)).as(reply.describe()).containsExactlyInAnyOrder("field", "message");
            assertThat(error.path("field").isTextual()).as(reply.describe()).isTrue();
            assertThat(error.path("message").asText()).as(reply.describe()).isNotBlank();
        }
        assertThat(elements(errors).stream().map(error -> error.path("field").asText()).distinct())
                .as(reply.describe()).containsExactlyInAnyOrder(fields);
    }

    static JsonNode json(String text) {
        try {
            return ApiClient.JSON.readTree(text);
        } catch (java.io.IOException malformed) {
            throw new IllegalArgumentException(malformed);
        }
    }

    static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static List<String> texts(JsonNode array) {
        return elements(array).stream().map(JsonNode::asText).toList();
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
