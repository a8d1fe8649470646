package dev.scheduling.bootstrap.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The table of hostile and sloppy requests that each route must answer with a 4xx problem, never a
 * 5xx, and a few sloppy-but-valid ones (unknown fields) that must succeed. A body or query is a
 * template: {@code {unit}}, {@code {service}}, {@code {date}} and {@code {token}} are replaced by the
 * ids of a fresh fixture (a unit, a service, a bookable date and a live lock on it at 09:00); for the
 * client journey, {@code {email}} by a recipient of its own, {@code {code}} by the code sent to it, and
 * {@code {appointment}} by an appointment of the fixture's client (at 10:00 the same day).
 */
final class MalformedRequests {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String LONG_ID = "a".repeat(4_000);

    private MalformedRequests() {
    }

    /** The credentials a case is sent with. */
    enum Auth {
        NONE,
        /** The admin bearer token. */
        ADMIN,
        /** The access token of the fixture's client. */
        CLIENT
    }

    /** What a case is sent to; templates name the fixture's ids. */
    enum Target {
        CREATE_UNIT("POST", "/units", Auth.ADMIN, "{\"name\": \"Centro\", \"timeZone\": \"America/Sao_Paulo\"}",
                "name", 201),
        CREATE_SERVICE("POST", "/units/{unit}/services", Auth.ADMIN,
                "{\"name\": \"Consulta\", \"durationMinutes\": 30, \"capacity\": 2}", "name", 201),
        UPDATE_UNIT("PATCH", "/units/{unit}", Auth.ADMIN, "{\"name\": \"Renamed\"}", "name", 200),
        UPDATE_SERVICE("PATCH", "/units/{unit}/services/{service}", Auth.ADMIN, "{\"capacity\": 3}", "name", 200),
        LOCK("POST", "/slots/lock", Auth.NONE,
                "{\"unitId\": \"{unit}\", \"serviceId\": \"{service}\", \"date\": \"{date}\", \"startTime\": \"09:00\"}",
                "unitId", 201),
        RELEASE("POST", "/slots/release", Auth.NONE, "{\"reservationToken\": \"{token}\"}", "reservationToken", 200),
        /** A GET whose "body" template is the query string. */
        AVAILABILITY("GET", "/units/{unit}/availability?", Auth.NONE, "serviceId={service}&date={date}", null, 200),
        LOGIN_REQUEST("POST", "/auth/login-client/request", Auth.NONE, "{\"email\": \"{email}\"}", "email", 202),
        LOGIN_VERIFY("POST", "/auth/login-client/verify", Auth.NONE,
                "{\"email\": \"{email}\", \"code\": \"{code}\"}", "code", 200),
        /** Books the fixture's lock for the fixture's client. */
        BOOK("POST", "/appointments", Auth.CLIENT, "{\"reservationToken\": \"{token}\"}", "reservationToken", 201),
        /** Moves the fixture's appointment (10:00) to the fixture's lock (09:00). */
        RESCHEDULE("POST", "/appointments/{appointment}/reschedule", Auth.CLIENT,
                "{\"reservationToken\": \"{token}\"}", "reservationToken", 200),
        /** A GET whose "body" template is the query string. */
        AGENDA("GET", "/units/{unit}/appointments?", Auth.ADMIN, "date={date}", null, 200);

        final String method;
        final String path;
        final Auth auth;
        /** A request that succeeds, for variations on it. */
        final String validBody;
        /** A text field of the body, for the huge-string case. */
        final String textField;
        /** The status of the valid request. */
        final int successStatus;

        Target(String method, String path, Auth auth, String validBody, String textField, int successStatus) {
            this.method = method;
            this.path = path;
            this.auth = auth;
            this.validBody = validBody;
            this.textField = textField;
            this.successStatus = successStatus;
        }

        boolean hasJsonBody() {
            return !isQuery();
        }

        /** A GET whose cases vary its query string. */
        boolean isQuery() {
            return this == AVAILABILITY || this == AGENDA;
        }
    }

    /**
     * The ids a case is sent with; those its target does not need are null.
     *
     * @param email         a recipient of this fixture alone (login targets)
     * @param code          the code last sent to {@code email} (login verification)
     * @param accessToken   the access token of the fixture's client (client routes)
     * @param appointmentId an appointment of that client at 10:00 on {@code date} (rescheduling)
     */
    record Fixture(String unitId, String serviceId, String date, String token, String email, String code,
                   String accessToken, String appointmentId) {

        Fixture(String unitId, String serviceId, String date, String token) {
            this(unitId, serviceId, date, token, null, null, null, null);
        }

        String fill(String template) {
            return template.replace("{unit}", unitId).replace("{service}", serviceId).replace("{date}", date)
                    .replace("{token}", orEmpty(token)).replace("{email}", orEmpty(email))
                    .replace("{code}", orEmpty(code)).replace("{appointment}", orEmpty(appointmentId));
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }
    }

    /**
     * One request and what it must get.
     *
     * @param expectedStatus the status; a 2xx for the cases that must succeed
     * @param expectedCode   the problem code; null for a success
     * @param fields         for 400 {@code validation_failed}, exactly the fields the {@code errors} must name
     */
    record Case(String name, Target target, String method, String pathTemplate, Auth auth,
                Function<Fixture, byte[]> body, String contentType, boolean chunked, int expectedStatus,
                String expectedCode, List<String> fields) {

        boolean succeeds() {
            return expectedStatus < 300;
        }

        @Override
        public String toString() {
            return method + " " + shortPath() + ": " + name;
        }

        private String shortPath() {
            String path = pathTemplate.length() > 60 ? pathTemplate.substring(0, 40) + "…" : pathTemplate;
            return path.endsWith("?") ? path.substring(0, path.length() - 1) : path;
        }
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (Target target : Target.values()) {
            if (target.hasJsonBody()) {
                cases.addAll(bodyCases(target));
            }
        }
        cases.addAll(createUnit());
        cases.addAll(createService());
        cases.addAll(updateUnit());
        cases.addAll(updateService());
        cases.addAll(lock());
        cases.addAll(release());
        cases.addAll(availability());
        cases.addAll(loginRequest());
        cases.addAll(loginVerify());
        cases.addAll(book());
        cases.addAll(reschedule());
        cases.addAll(agenda());
        cases.addAll(pathIds());
        return cases;
    }

    /** What every JSON route must refuse, whatever its fields. */
    private static List<Case> bodyCases(Target target) {
        String valid = target.validBody;
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        List<Case> cases = new ArrayList<>(List.of(
                invalid(target, "malformed JSON", "{\"name\": ", "body"),
                invalid(target, "an unterminated string", "{\"name\": \"Cent", "body"),
                invalid(target, "single quotes", "{'name': 'Centro'}", "body"),
                invalid(target, "an empty body", "", "body"),
                invalid(target, "whitespace only", "   \n", "body"),
                invalid(target, "a JSON array instead of an object", "[" + valid + "]", "body"),
                invalid(target, "a JSON string instead of an object", "\"Centro\"", "body"),
                invalid(target, "a JSON number instead of an object", "42", "body"),
                invalid(target, "JSON null instead of an object", "null", "body"),
                invalid(target, "duplicate keys", valid.replaceFirst("\\{", "{\"dup\": 1, \"dup\": 2, "), "body"),
                invalid(target, "trailing garbage after the object", valid + " garbage", "body"),
                invalid(target, "a second object after the first", valid + valid, "body"),
                invalid(target, "deeply nested arrays (5000 levels)",
                        valid.replaceFirst("\\{", "{\"nested\": " + deep + ", "), "body"),
                invalid(target, "a number of 2000 digits",
                        valid.replaceFirst("\\{", "{\"big\": 1" + "0".repeat(2_000) + ", "), "body"),
                invalidBytes(target, "bytes that are not UTF-8",
                        new byte[] {'{', '"', 'n', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "body"),
                invalid(target, "a huge string (60 000 characters)", withText(valid, target.textField,
                        "x".repeat(60_000)), target.textField),
                tooLarge(target, false),
                tooLarge(target, true),
                new Case("a text/plain body", target, target.method, target.path, target.auth, utf8(valid),
                        "text/plain", false, 415, "unsupported_media_type", List.of()),
                new Case("a form-encoded body", target, target.method, target.path, target.auth,
                        utf8("name=Centro"), "application/x-www-form-urlencoded", false, 415,
                        "unsupported_media_type", List.of()),
                accepted(target, "unknown fields are ignored",
                        valid.replaceFirst("\\{", "{\"color\": \"blue\", \"extra\": {\"a\": [1, 2]}, "),
                        target.successStatus),
                exactlyMaxSize(target)));
        if (target == Target.UPDATE_UNIT || target == Target.UPDATE_SERVICE) {
            cases.add(accepted(target, "an empty object changes nothing", "{}", 200));
        }
        return cases;
    }

    private static List<Case> createUnit() {
        Target t = Target.CREATE_UNIT;
        String zone = "\"timeZone\": \"America/Sao_Paulo\"";
        return List.of(
                invalid(t, "name missing", "{" + zone + "}", "name"),
                invalid(t, "name given twice", "{\"name\": \"A\", \"name\": \"B\", " + zone + "}", "body"),
                invalid(t, "time zone missing", "{\"name\": \"Centro\"}", "timeZone"),
                invalid(t, "both required fields missing", "{}", "name", "timeZone"),
                invalid(t, "name null", "{\"name\": null, " + zone + "}", "name"),
                invalid(t, "time zone null", "{\"name\": \"Centro\", \"timeZone\": null}", "timeZone"),
                invalid(t, "name a number", "{\"name\": 42, " + zone + "}", "name"),
                invalid(t, "name an object", "{\"name\": {\"first\": \"C\"}, " + zone + "}", "name"),
                invalid(t, "name blank", "{\"name\": \"   \", " + zone + "}", "name"),
                invalid(t, "name of 201 characters", "{\"name\": \"" + "n".repeat(201) + "\", " + zone + "}", "name"),
                invalid(t, "time zone Mars/Base", "{\"name\": \"Centro\", \"timeZone\": \"Mars/Base\"}", "timeZone"),
                invalid(t, "time zone +03:00 (an offset, not a region)",
                        "{\"name\": \"Centro\", \"timeZone\": \"+03:00\"}", "timeZone"),
                invalid(t, "time zone empty", "{\"name\": \"Centro\", \"timeZone\": \"\"}", "timeZone"),
                invalid(t, "time zone a number", "{\"name\": \"Centro\", \"timeZone\": 3}", "timeZone"),
                invalid(t, "opening hours day FUNDAY",
                        unit("\"openingHours\": {\"FUNDAY\": [{\"start\": \"09:00\", \"end\": \"12:00\"}]}"),
                        "openingHours.FUNDAY"),
                invalid(t, "opening hours day in lower case",
                        unit("\"openingHours\": {\"monday\": [{\"start\": \"09:00\", \"end\": \"12:00\"}]}"),
                        "openingHours.monday"),
                invalid(t, "opening hours an array", unit("\"openingHours\": []"), "openingHours"),
                invalid(t, "a day's intervals an object",
                        unit("\"openingHours\": {\"MONDAY\": {\"start\": \"09:00\", \"end\": \"12:00\"}}"),
                        "openingHours.MONDAY"),
                invalid(t, "an interval a string", unit("\"openingHours\": {\"MONDAY\": [\"09:00-12:00\"]}"),
                        "openingHours.MONDAY[0]"),
                invalid(t, "start 9:00", unit(hours("9:00", "12:00")), "openingHours.MONDAY[0].start"),
                invalid(t, "start 25:00", unit(hours("25:00", "26:00")),
                        "openingHours.MONDAY[0].start", "openingHours.MONDAY[0].end"),
                invalid(t, "end 12:60", unit(hours("09:00", "12:60")), "openingHours.MONDAY[0].end"),
                invalid(t, "start with seconds", unit(hours("09:00:00", "12:00")), "openingHours.MONDAY[0].start"),
                invalid(t, "start a number", unit("\"openingHours\": {\"MONDAY\": [{\"start\": 900, \"end\": \"12:00\"}]}"),
                        "openingHours.MONDAY[0].start"),
                invalid(t, "end missing", unit("\"openingHours\": {\"MONDAY\": [{\"start\": \"09:00\"}]}"),
                        "openingHours.MONDAY[0].end"),
                invalid(t, "end null",
                        unit("\"openingHours\": {\"MONDAY\": [{\"start\": \"09:00\", \"end\": null}]}"),
                        "openingHours.MONDAY[0].end"),
                invalid(t, "an inverted interval", unit(hours("12:00", "09:00")), "openingHours.MONDAY[0].end"),
                invalid(t, "an empty interval", unit(hours("09:00", "09:00")), "openingHours.MONDAY[0].end"),
                invalid(t, "overlapping intervals",
                        unit("\"openingHours\": {\"MONDAY\": [{\"start\": \"09:00\", \"end\": \"12:00\"}, "
                                + "{\"start\": \"11:00\", \"end\": \"14:00\"}]}"),
                        "openingHours.MONDAY"),
                invalid(t, "closed date 2026-13-01", unit("\"closedDates\": [\"2026-13-01\"]"), "closedDates[0]"),
                invalid(t, "closed date 2026-02-30", unit("\"closedDates\": [\"2026-02-30\"]"), "closedDates[0]"),
                invalid(t, "closed date 25/12/2026", unit("\"closedDates\": [\"2026-12-25\", \"25/12/2026\"]"),
                        "closedDates[1]"),
                invalid(t, "closed date a number", unit("\"closedDates\": [20261225]"), "closedDates[0]"),
                invalid(t, "closed dates a string", unit("\"closedDates\": \"2026-12-25\""), "closedDates"),
                invalid(t, "every field wrong at once",
                        "{\"name\": 1, \"timeZone\": \"Mars/Base\", \"closedDates\": [true]}",
                        "name", "timeZone", "closedDates[0]"));
    }

    private static List<Case> createService() {
        Target t = Target.CREATE_SERVICE;
        return List.of(
                invalid(t, "name missing", "{\"durationMinutes\": 30, \"capacity\": 2}", "name"),
                invalid(t, "duration missing", "{\"name\": \"Consulta\", \"capacity\": 2}", "durationMinutes"),
                invalid(t, "capacity missing", "{\"name\": \"Consulta\", \"durationMinutes\": 30}", "capacity"),
                invalid(t, "every required field missing", "{}", "name", "durationMinutes", "capacity"),
                invalid(t, "capacity null", service("\"capacity\": null"), "capacity"),
                invalid(t, "name null", "{\"name\": null, \"durationMinutes\": 30, \"capacity\": 2}", "name"),
                invalid(t, "name a number", "{\"name\": 42, \"durationMinutes\": 30, \"capacity\": 2}", "name"),
                invalid(t, "capacity a string", service("\"capacity\": \"2\""), "capacity"),
                invalid(t, "capacity a boolean", service("\"capacity\": true"), "capacity"),
                invalid(t, "capacity 1.5", service("\"capacity\": 1.5"), "capacity"),
                invalid(t, "capacity 0", service("\"capacity\": 0"), "capacity"),
                invalid(t, "capacity -1", service("\"capacity\": -1"), "capacity"),
                invalid(t, "capacity 10001", service("\"capacity\": 10001"), "capacity"),
                invalid(t, "capacity 2^31", service("\"capacity\": 2147483648"), "capacity"),
                invalid(t, "capacity -2^31-1", service("\"capacity\": -2147483649"), "capacity"),
                invalid(t, "capacity 2^63", service("\"capacity\": 9223372036854775808"), "capacity"),
                invalid(t, "capacity 1e400", service("\"capacity\": 1e400"), "capacity"),
                invalid(t, "duration 0", service("\"durationMinutes\": 0, \"slotIntervalMinutes\": 30"), "durationMinutes"),
                invalid(t, "duration 1441", service("\"durationMinutes\": 1441, \"slotIntervalMinutes\": 30"),
                        "durationMinutes"),
                invalid(t, "duration a string", service("\"durationMinutes\": \"30\""), "durationMinutes"),
                invalid(t, "slot interval 0", service("\"slotIntervalMinutes\": 0"), "slotIntervalMinutes"),
                invalid(t, "slot interval a string", service("\"slotIntervalMinutes\": \"15\""), "slotIntervalMinutes"),
                invalid(t, "min notice -1", service("\"minNoticeMinutes\": -1"), "minNoticeMinutes"),
                invalid(t, "min notice 1.5", service("\"minNoticeMinutes\": 1.5"), "minNoticeMinutes"),
                invalid(t, "booking window -1", service("\"bookingWindowDays\": -1"), "bookingWindowDays"),
                invalid(t, "booking window 3661", service("\"bookingWindowDays\": 3661"), "bookingWindowDays"),
                invalid(t, "booking window 2^31", service("\"bookingWindowDays\": 2147483648"), "bookingWindowDays"),
                invalid(t, "several fields wrong at once",
                        "{\"name\": \"\", \"durationMinutes\": 0, \"slotIntervalMinutes\": 30, \"capacity\": -5}",
                        "name", "durationMinutes", "capacity"));
    }

    private static List<Case> updateUnit() {
        Target t = Target.UPDATE_UNIT;
        return List.of(
                invalid(t, "time zone given (it is fixed)", "{\"timeZone\": \"Europe/Lisbon\"}", "timeZone"),
                invalid(t, "time zone given with a valid name", "{\"name\": \"X\", \"timeZone\": \"Mars/Base\"}",
                        "timeZone"),
                invalid(t, "name a number", "{\"name\": 42}", "name"),
                invalid(t, "name blank", "{\"name\": \" \"}", "name"),
                invalid(t, "name of 201 characters", "{\"name\": \"" + "n".repeat(201) + "\"}", "name"),
                invalid(t, "opening hours day FUNDAY",
                        "{\"openingHours\": {\"FUNDAY\": [{\"start\": \"09:00\", \"end\": \"12:00\"}]}}",
                        "openingHours.FUNDAY"),
                invalid(t, "start 9:00", "{" + hours("9:00", "12:00") + "}", "openingHours.MONDAY[0].start"),
                invalid(t, "an inverted interval", "{" + hours("18:00", "09:00") + "}", "openingHours.MONDAY[0].end"),
                invalid(t, "overlapping intervals",
                        "{\"openingHours\": {\"MONDAY\": [{\"start\": \"09:00\", \"end\": \"12:00\"}, "
                                + "{\"start\": \"08:00\", \"end\": \"10:00\"}]}}",
                        "openingHours.MONDAY"),
                invalid(t, "opening hours a string", "{\"openingHours\": \"09:00-18:00\"}", "openingHours"),
                invalid(t, "closed date 2026-02-30", "{\"closedDates\": [\"2026-02-30\"]}", "closedDates[0]"),
                invalid(t, "closed date a boolean", "{\"closedDates\": [false]}", "closedDates[0]"));
    }

    private static List<Case> updateService() {
        Target t = Target.UPDATE_SERVICE;
        return List.of(
                invalid(t, "duration given (it is fixed)", "{\"durationMinutes\": 60}", "durationMinutes"),
                invalid(t, "slot interval given (it is fixed)", "{\"slotIntervalMinutes\": 15}", "slotIntervalMinutes"),
                invalid(t, "capacity a string", "{\"capacity\": \"3\"}", "capacity"),
                invalid(t, "capacity 0", "{\"capacity\": 0}", "capacity"),
                invalid(t, "capacity -1", "{\"capacity\": -1}", "capacity"),
                invalid(t, "capacity 2^31", "{\"capacity\": 2147483648}", "capacity"),
                invalid(t, "capacity 1e400", "{\"capacity\": 1e400}", "capacity"),
                invalid(t, "capacity 2.5", "{\"capacity\": 2.5}", "capacity"),
                invalid(t, "name a number", "{\"name\": 42}", "name"),
                invalid(t, "name blank", "{\"name\": \"\"}", "name"),
                invalid(t, "active \"yes\"", "{\"active\": \"yes\"}", "active"),
                invalid(t, "active 1", "{\"active\": 1}", "active"),
                invalid(t, "min notice -1", "{\"minNoticeMinutes\": -1}", "minNoticeMinutes"),
                invalid(t, "min notice a string", "{\"minNoticeMinutes\": \"60\"}", "minNoticeMinutes"),
                invalid(t, "booking window 3661", "{\"bookingWindowDays\": 3661}", "bookingWindowDays"),
                invalid(t, "booking window 1.5", "{\"bookingWindowDays\": 1.5}", "bookingWindowDays"),
                invalid(t, "several fields wrong at once", "{\"capacity\": \"x\", \"active\": null, "
                        + "\"durationMinutes\": 5, \"bookingWindowDays\": \"soon\"}",
                        "capacity", "durationMinutes", "bookingWindowDays"));
    }

    private static List<Case> lock() {
        Target t = Target.LOCK;
        String ids = "\"unitId\": \"{unit}\", \"serviceId\": \"{service}\", ";
        String slot = "\"date\": \"{date}\", \"startTime\": \"09:00\"";
        return List.of(
                invalid(t, "start time 9:00", "{" + ids + "\"date\": \"{date}\", \"startTime\": \"9:00\"}", "startTime"),
                invalid(t, "start time 25:00", "{" + ids + "\"date\": \"{date}\", \"startTime\": \"25:00\"}", "startTime"),
                invalid(t, "start time 09:00:00", "{" + ids + "\"date\": \"{date}\", \"startTime\": \"09:00:00\"}",
                        "startTime"),
                invalid(t, "start time a number", "{" + ids + "\"date\": \"{date}\", \"startTime\": 900}", "startTime"),
                invalid(t, "date 2026-13-01", "{" + ids + "\"date\": \"2026-13-01\", \"startTime\": \"09:00\"}", "date"),
                invalid(t, "date 2026-02-30", "{" + ids + "\"date\": \"2026-02-30\", \"startTime\": \"09:00\"}", "date"),
                invalid(t, "date 2026-2-3", "{" + ids + "\"date\": \"2026-2-3\", \"startTime\": \"09:00\"}", "date"),
                invalid(t, "date a boolean", "{" + ids + "\"date\": true, \"startTime\": \"09:00\"}", "date"),
                invalid(t, "date with a time", "{" + ids + "\"date\": \"{date}T09:00\", \"startTime\": \"09:00\"}",
                        "date"),
                invalid(t, "quantity 1.5", "{" + ids + slot + ", \"quantity\": 1.5}", "quantity"),
                invalid(t, "quantity \"1\"", "{" + ids + slot + ", \"quantity\": \"1\"}", "quantity"),
                invalid(t, "quantity 0", "{" + ids + slot + ", \"quantity\": 0}", "quantity"),
                invalid(t, "quantity -1", "{" + ids + slot + ", \"quantity\": -1}", "quantity"),
                invalid(t, "quantity 1001", "{" + ids + slot + ", \"quantity\": 1001}", "quantity"),
                invalid(t, "quantity 2^31", "{" + ids + slot + ", \"quantity\": 2147483648}", "quantity"),
                invalid(t, "quantity 1e400", "{" + ids + slot + ", \"quantity\": 1e400}", "quantity"),
                invalid(t, "unit id a number", "{\"unitId\": 42, \"serviceId\": \"{service}\", " + slot + "}", "unitId"),
                invalid(t, "unit id blank", "{\"unitId\": \" \", \"serviceId\": \"{service}\", " + slot + "}", "unitId"),
                invalid(t, "service id null", "{\"unitId\": \"{unit}\", \"serviceId\": null, " + slot + "}", "serviceId"),
                invalid(t, "service id an array", "{\"unitId\": \"{unit}\", \"serviceId\": [\"{service}\"], " + slot + "}",
                        "serviceId"),
                invalid(t, "unit id of 300 characters",
                        "{\"unitId\": \"" + "u".repeat(300) + "\", \"serviceId\": \"{service}\", " + slot + "}", "unitId"),
                invalid(t, "every field missing", "{}", "unitId", "serviceId", "date", "startTime"),
                invalid(t, "every field null",
                        "{\"unitId\": null, \"serviceId\": null, \"date\": null, \"startTime\": null, \"quantity\": null}",
                        "unitId", "serviceId", "date", "startTime"),
                invalid(t, "date and start time missing", "{" + ids.substring(0, ids.length() - 2) + "}",
                        "date", "startTime"));
    }

    private static List<Case> release() {
        Target t = Target.RELEASE;
        return List.of(
                invalid(t, "token missing", "{}", "reservationToken"),
                invalid(t, "token null", "{\"reservationToken\": null}", "reservationToken"),
                invalid(t, "token a number", "{\"reservationToken\": 42}", "reservationToken"),
                invalid(t, "token an object", "{\"reservationToken\": {\"value\": \"{token}\"}}", "reservationToken"),
                invalid(t, "token of 300 characters", "{\"reservationToken\": \"" + "t".repeat(300) + "\"}",
                        "reservationToken"),
                problem(t, "a token that cannot be one", "{\"reservationToken\": \"not a token!\"}", 404,
                        "lock_not_found"),
                problem(t, "a well-formed token of no lock", "{\"reservationToken\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
                        404, "lock_not_found"));
    }

    private static List<Case> availability() {
        Target t = Target.AVAILABILITY;
        return List.of(
                invalid(t, "service id missing", "date={date}", "serviceId"),
                invalid(t, "service id empty", "serviceId=&date={date}", "serviceId"),
                invalid(t, "no date at all", "serviceId={service}", "from", "to"),
                invalid(t, "date 2026-13-01", "serviceId={service}&date=2026-13-01", "date"),
                invalid(t, "date 2026-02-30", "serviceId={service}&date=2026-02-30", "date"),
                invalid(t, "date tomorrow", "serviceId={service}&date=tomorrow", "date"),
                invalid(t, "date empty", "serviceId={service}&date=", "date"),
                invalid(t, "date 07/12/2026", "serviceId={service}&date=07%2F12%2F2026", "date"),
                invalid(t, "date with a time", "serviceId={service}&date={date}T09:00", "date"),
                invalid(t, "date of 5000 characters", "serviceId={service}&date=" + "9".repeat(5_000), "date"),
                invalid(t, "date and a range", "serviceId={service}&date={date}&from={date}&to={date}", "date"),
                invalid(t, "from without to", "serviceId={service}&from={date}", "to"),
                invalid(t, "to without from", "serviceId={service}&to={date}", "from"),
                invalid(t, "from malformed", "serviceId={service}&from=2026-00-10&to={date}", "from"),
                invalid(t, "to before from", "serviceId={service}&from=2026-12-10&to=2026-12-09", "to"),
                invalid(t, "a range of 32 days", "serviceId={service}&from=2026-12-01&to=2027-01-01", "to"),
                invalid(t, "a range of ten years", "serviceId={service}&from=2026-01-01&to=2036-01-01", "to"),
                invalid(t, "everything wrong at once", "date=nope", "serviceId", "date"),
                accepted(t, "unknown query parameters are ignored", "serviceId={service}&date={date}&color=blue", 200),
                problem(t, "a service id of 5000 characters", "serviceId=" + LONG_ID + "&date={date}", 404,
                        "service_not_found"));
    }

    private static List<Case> loginRequest() {
        Target t = Target.LOGIN_REQUEST;
        return List.of(
                invalid(t, "phone without +", "{\"phone\": \"5511999990000\"}", "phone"),
                invalid(t, "phone with spaces and a dash", "{\"phone\": \"+55 11 99999-0000\"}", "phone"),
                invalid(t, "phone with letters", "{\"phone\": \"+55119999ABCD\"}", "phone"),
                invalid(t, "phone starting +0", "{\"phone\": \"+0511999990000\"}", "phone"),
                invalid(t, "phone of 7 digits", "{\"phone\": \"+1234567\"}", "phone"),
                invalid(t, "phone of 16 digits", "{\"phone\": \"+1234567890123456\"}", "phone"),
                invalid(t, "phone of 33 characters", "{\"phone\": \"+" + "1".repeat(32) + "\"}", "phone"),
                invalid(t, "phone with a trailing newline", "{\"phone\": \"+5511999990000\\n\"}", "phone"),
                invalid(t, "phone empty", "{\"phone\": \"\"}", "phone"),
                invalid(t, "phone a number", "{\"phone\": 5511999990000}", "phone"),
                invalid(t, "phone an array", "{\"phone\": [\"+5511999990000\"]}", "phone"),
                invalid(t, "e-mail without @", "{\"email\": \"ana.example.com\"}", "email"),
                invalid(t, "e-mail without a dot in the domain", "{\"email\": \"ana@example\"}", "email"),
                invalid(t, "e-mail with two @", "{\"email\": \"ana@@example.com\"}", "email"),
                invalid(t, "e-mail with a space inside", "{\"email\": \"ana maria@example.com\"}", "email"),
                invalid(t, "e-mail empty", "{\"email\": \"\"}", "email"),
                invalid(t, "e-mail of 255 characters",
                        "{\"email\": \"" + "a".repeat(64) + "@" + "b".repeat(186) + ".com\"}", "email"),
                invalid(t, "e-mail with a local part of 65 characters",
                        "{\"email\": \"" + "a".repeat(65) + "@example.com\"}", "email"),
                invalid(t, "e-mail a number", "{\"email\": 42}", "email"),
                invalid(t, "e-mail an object", "{\"email\": {\"address\": \"{email}\"}}", "email"),
                accepted(t, "phone null beside a valid e-mail", "{\"phone\": null, \"email\": \"{email}\"}", 202));
    }

    private static List<Case> loginVerify() {
        Target t = Target.LOGIN_VERIFY;
        return List.of(
                invalid(t, "code missing", "{\"email\": \"{email}\"}", "code"),
                invalid(t, "code null", "{\"email\": \"{email}\", \"code\": null}", "code"),
                invalid(t, "code a number", "{\"email\": \"{email}\", \"code\": 123456}", "code"),
                invalid(t, "code an array", "{\"email\": \"{email}\", \"code\": [\"{code}\"]}", "code"),
                invalid(t, "code of 33 characters", "{\"email\": \"{email}\", \"code\": \"" + "1".repeat(33) + "\"}",
                        "code"),
                invalid(t, "e-mail malformed", "{\"email\": \"nope\", \"code\": \"{code}\"}", "email"),
                invalid(t, "phone malformed", "{\"phone\": \"12\", \"code\": \"{code}\"}", "phone"),
                invalid(t, "e-mail and code of the wrong types", "{\"email\": 1, \"code\": 2}", "email", "code"),
                problem(t, "a code of letters", "{\"email\": \"{email}\", \"code\": \"abcdef\"}", 401, "invalid_code"),
                problem(t, "an empty code", "{\"email\": \"{email}\", \"code\": \"\"}", 401, "invalid_code"),
                problem(t, "the code given for a recipient that never asked",
                        "{\"email\": \"never-{email}\", \"code\": \"{code}\"}", 401, "invalid_code"),
                problem(t, "the code given for a phone instead", "{\"phone\": \"+5511000000000\", \"code\": \"{code}\"}",
                        401, "invalid_code"));
    }

    private static List<Case> book() {
        Target t = Target.BOOK;
        String token = "\"reservationToken\": \"{token}\"";
        return List.of(
                invalid(t, "token missing", "{}", "reservationToken"),
                invalid(t, "token null", "{\"reservationToken\": null}", "reservationToken"),
                invalid(t, "token a number", "{\"reservationToken\": 42}", "reservationToken"),
                invalid(t, "token an array", "{\"reservationToken\": [\"{token}\"]}", "reservationToken"),
                invalid(t, "token of 300 characters", "{\"reservationToken\": \"" + "t".repeat(300) + "\"}",
                        "reservationToken"),
                invalid(t, "notes of 501 characters", "{" + token + ", \"notes\": \"" + "n".repeat(501) + "\"}",
                        "notes"),
                invalid(t, "notes a number", "{" + token + ", \"notes\": 42}", "notes"),
                invalid(t, "notes an object", "{" + token + ", \"notes\": {\"text\": \"hi\"}}", "notes"),
                invalid(t, "token missing and notes too long", "{\"notes\": \"" + "n".repeat(501) + "\"}",
                        "reservationToken", "notes"),
                problem(t, "a token that cannot be one", "{\"reservationToken\": \"not a token!\"}", 404,
                        "lock_not_found"),
                problem(t, "a well-formed token of no lock",
                        "{\"reservationToken\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}", 404, "lock_not_found"),
                accepted(t, "notes null", "{" + token + ", \"notes\": null}", 201),
                accepted(t, "notes of exactly 500 characters", "{" + token + ", \"notes\": \"" + "é".repeat(500) + "\"}",
                        201));
    }

    private static List<Case> reschedule() {
        Target t = Target.RESCHEDULE;
        return List.of(
                invalid(t, "token missing", "{}", "reservationToken"),
                invalid(t, "token null", "{\"reservationToken\": null}", "reservationToken"),
                invalid(t, "token a number", "{\"reservationToken\": 42}", "reservationToken"),
                invalid(t, "token an object", "{\"reservationToken\": {\"value\": \"{token}\"}}", "reservationToken"),
                invalid(t, "token of 300 characters", "{\"reservationToken\": \"" + "t".repeat(300) + "\"}",
                        "reservationToken"),
                problem(t, "a token that cannot be one", "{\"reservationToken\": \"not a token!\"}", 404,
                        "lock_not_found"),
                problem(t, "a well-formed token of no lock",
                        "{\"reservationToken\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}", 404, "lock_not_found"));
    }

    private static List<Case> agenda() {
        Target t = Target.AGENDA;
        return List.of(
                invalid(t, "no date at all", "", "from", "to"),
                invalid(t, "date 2026-13-01", "date=2026-13-01", "date"),
                invalid(t, "date tomorrow", "date=tomorrow", "date"),
                invalid(t, "date empty", "date=", "date"),
                invalid(t, "date of 5000 characters", "date=" + "9".repeat(5_000), "date"),
                invalid(t, "date and a range", "date={date}&from={date}&to={date}", "date"),
                invalid(t, "from without to", "from={date}", "to"),
                invalid(t, "to without from", "to={date}", "from"),
                invalid(t, "to before from", "from=2026-12-10&to=2026-12-09", "to"),
                invalid(t, "a range of 32 days", "from=2026-12-01&to=2027-01-01", "to"),
                invalid(t, "a range of ten years", "from=2026-01-01&to=2036-01-01", "to"),
                accepted(t, "a range of 31 days", "from=2026-12-01&to=2026-12-31", 200),
                accepted(t, "unknown query parameters are ignored", "date={date}&color=blue", 200));
    }

    /** Ids in paths: very long ones, and ones that are blank once decoded, name nothing. */
    private static List<Case> pathIds() {
        String service = "{\"capacity\": 3}";
        return List.of(
                path("GET", "/units/" + LONG_ID, Auth.NONE, null, 404, "unit_not_found"),
                path("GET", "/units/" + LONG_ID + "/services", Auth.NONE, null, 404, "unit_not_found"),
                path("GET", "/units/{unit}/services/" + LONG_ID, Auth.NONE, null, 404, "service_not_found"),
                path("PATCH", "/units/" + LONG_ID, Auth.ADMIN, "{\"name\": \"X\"}", 404, "unit_not_found"),
                path("POST", "/units/" + LONG_ID + "/services", Auth.ADMIN,
                        "{\"name\": \"Consulta\", \"durationMinutes\": 30, \"capacity\": 2}", 404, "unit_not_found"),
                path("PATCH", "/units/{unit}/services/" + LONG_ID, Auth.ADMIN, service, 404, "service_not_found"),
                path("GET", "/units/" + LONG_ID + "/availability?serviceId={service}&date={date}", Auth.NONE, null,
                        404, "unit_not_found"),
                path("GET", "/slots/locks/" + LONG_ID, Auth.NONE, null, 404, "lock_not_found"),
                path("GET", "/units/%20", Auth.NONE, null, 404, "unit_not_found"),
                path("GET", "/units/%20/services", Auth.NONE, null, 404, "unit_not_found"),
                path("GET", "/units/{unit}/services/%20", Auth.NONE, null, 404, "service_not_found"),
                path("PATCH", "/units/%20", Auth.ADMIN, "{\"name\": \"X\"}", 404, "unit_not_found"),
                path("PATCH", "/units/{unit}/services/%20", Auth.ADMIN, service, 404, "service_not_found"),
                path("POST", "/units/%20/services", Auth.ADMIN,
                        "{\"name\": \"Consulta\", \"durationMinutes\": 30, \"capacity\": 2}", 404, "unit_not_found"),
                path("GET", "/units/%20/availability?serviceId={service}&date={date}", Auth.NONE, null, 404,
                        "unit_not_found"),
                path("GET", "/slots/locks/%20", Auth.NONE, null, 404, "lock_not_found"),
                path("GET", "/units/a%2Fb", Auth.NONE, null, 404, "unit_not_found"),
                path("GET", "/units/" + "b".repeat(20_000), Auth.NONE, null, 414, "uri_too_long"),
                path("GET", "/appointments/" + LONG_ID, Auth.CLIENT, null, 404, "appointment_not_found"),
                path("GET", "/appointments/%20", Auth.CLIENT, null, 404, "appointment_not_found"),
                path("GET", "/appointments/a%2Fb", Auth.CLIENT, null, 404, "appointment_not_found"),
                path("POST", "/appointments/" + LONG_ID + "/cancel", Auth.CLIENT, "{}", 404, "appointment_not_found"),
                path("POST", "/appointments/%20/cancel", Auth.CLIENT, "{}", 404, "appointment_not_found"),
                path("POST", "/appointments/" + LONG_ID + "/reschedule", Auth.CLIENT,
                        "{\"reservationToken\": \"{token}\"}", 404, "appointment_not_found"),
                path("POST", "/appointments/%20/reschedule", Auth.CLIENT, "{\"reservationToken\": \"{token}\"}",
                        404, "appointment_not_found"),
                path("GET", "/units/" + LONG_ID + "/appointments?date={date}", Auth.ADMIN, null, 404,
                        "unit_not_found"),
                path("GET", "/units/%20/appointments?date={date}", Auth.ADMIN, null, 404, "unit_not_found"));
    }

    // ---- builders

    private static Case invalid(Target target, String name, String body, String... fields) {
        return new Case(name, target, target.method, target.path, target.auth, template(target, body),
                contentType(target), false, 400, "validation_failed", List.of(fields));
    }

    private static Case invalidBytes(Target target, String name, byte[] body, String... fields) {
        return new Case(name, target, target.method, target.path, target.auth, fixture -> body,
                contentType(target), false, 400, "validation_failed", List.of(fields));
    }

    private static Case problem(Target target, String name, String body, int status, String code) {
        return new Case(name, target, target.method, target.path, target.auth, template(target, body),
                contentType(target), false, status, code, List.of());
    }

    private static Case accepted(Target target, String name, String body, int status) {
        return new Case(name, target, target.method, target.path, target.auth, template(target, body),
                contentType(target), false, status, null, List.of());
    }

    private static Case path(String method, String path, Auth auth, String body, int status, String code) {
        return new Case("a path id that names nothing", null, method, path, auth,
                body == null ? fixture -> new byte[0] : utf8(body), body == null ? null : "application/json",
                false, status, code, List.of());
    }

    /** A valid body padded past 64 KiB with an unknown field, so that only its size is wrong. */
    private static Case tooLarge(Target target, boolean chunked) {
        String valid = target.validBody;
        String padded = valid.replaceFirst("\\{", "{\"padding\": \"" + "p".repeat(MAX_BODY_BYTES) + "\", ");
        return new Case("a body over 64 KiB" + (chunked ? ", chunked" : ", with Content-Length"), target,
                target.method, target.path, target.auth, utf8(padded), "application/json", chunked, 413,
                "payload_too_large", List.of());
    }

    /** A valid body padded to exactly 64 KiB: the limit itself is allowed. */
    private static Case exactlyMaxSize(Target target) {
        int status = target.successStatus;
        Function<Fixture, byte[]> body = fixture -> {
            String valid = fixture.fill(target.validBody);
            String prefix = "{\"padding\": \"";
            String suffix = "\", " + valid.substring(1);
            int padding = MAX_BODY_BYTES - prefix.length() - suffix.getBytes(StandardCharsets.UTF_8).length;
            byte[] bytes = (prefix + "p".repeat(padding) + suffix).getBytes(StandardCharsets.UTF_8);
            if (bytes.length != MAX_BODY_BYTES) {
                throw new IllegalStateException("padding miscounted: " + bytes.length);
            }
            return bytes;
        };
        return new Case("a body of exactly 64 KiB", target, target.method, target.path, target.auth, body,
                "application/json", false, status, null, List.of());
    }

    private static Function<Fixture, byte[]> template(Target target, String body) {
        return fixture -> fixture.fill(body).getBytes(StandardCharsets.UTF_8);
    }

    private static Function<Fixture, byte[]> utf8(String body) {
        return fixture -> fixture.fill(body).getBytes(StandardCharsets.UTF_8);
    }

    private static String contentType(Target target) {
        return target.hasJsonBody() ? "application/json" : null;
    }

    /** The body with that text field set to the value (added when the body lacks it). */
    private static String withText(String body, String field, String value) {
        String replaced = body.replaceFirst("\"" + field + "\": \"[^\"]*\"", "\"" + field + "\": \"" + value + "\"");
        return replaced.equals(body)
                ? body.replaceFirst("\\{", "{\"" + field + "\": \"" + value + "\", ")
                : replaced;
    }

    private static String unit(String field) {
        return "{\"name\": \"Centro\", \"timeZone\": \"America/Sao_Paulo\", " + field + "}";
    }

    private static String hours(String start, String end) {
        return "\"openingHours\": {\"MONDAY\": [{\"start\": \"" + start + "\", \"end\": \"" + end + "\"}]}";
    }

    private static String service(String override) {
        String field = override.substring(0, override.indexOf(':'));
        StringBuilder body = new StringBuilder("{");
        for (String part : List.of("\"name\": \"Consulta\"", "\"durationMinutes\": 30", "\"capacity\": 2")) {
            if (!part.startsWith(field)) {
                body.append(part).append(", ");
            }
        }
        return body.append(override).append('}').toString();
    }
}
