package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The limits of a request (ADR 0004), each tried on both sides of its edge, over HTTP to an in-memory
 * service: JSON nesting (32 levels), number length (64 digits), field-name length (1,000 characters), the
 * body (64 KiB, declared or chunked), the request line and headers (8 KiB).
 */
class RequestLimitsPropertiesTest {
    private static final int MAX_DEPTH = 32;
    private static final int MAX_NUMBER_DIGITS = 64;
    private static final int MAX_NAME_LENGTH = 1_000;
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 8 * 1024;
    private static HostileService service;

    @BeforeContainer
    static void start() {
        service = new HostileService(Map.of(), List.of());
    }

    @AfterContainer
    static void stop() throws Exception {
        service.close();
    }

    @Property(tries = 60)
    void json_nested_up_to_32_levels_is_read_and_deeper_is_a_400(@ForAll @IntRange(min = 1, max = 200) int arrays) {
        // The object itself is the first level; the unknown field holds the arrays.
        String body = "{\"name\": \"Nested\", \"nested\": " + "[".repeat(arrays) + "]".repeat(arrays) + "}";
        RawHttp.Reply reply = patchUnit(body);
        assertReadOrRefused(1 + arrays <= MAX_DEPTH, reply);
    }

    @Example
    void ten_thousand_open_brackets_are_refused_at_once_without_a_stack_overflow() {
        for (String body : List.of("[".repeat(10_000), "{\"a\":".repeat(10_000), "[".repeat(60_000) + "]".repeat(4_000))) {
            long started = System.nanoTime();
            RawHttp.Reply reply = patchUnit(body);
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertBodyRefused(reply);
            assertThat(millis).as("refused fast").isLessThan(2_000);
        }
    }

    @Property(tries = 40)
    void numbers_up_to_64_digits_are_read_and_longer_are_a_400(@ForAll @IntRange(min = 1, max = 300) int digits) {
        String body = "{\"name\": \"Numbers\", \"big\": " + "9".repeat(digits) + "}";
        RawHttp.Reply reply = patchUnit(body);
        assertReadOrRefused(digits <= MAX_NUMBER_DIGITS, reply);
    }

    @Property(tries = 40)
    void field_names_up_to_1000_characters_are_read_and_longer_are_a_400(
            @ForAll @IntRange(min = 1, max = 3_000) int length) {
        String body = "{\"name\": \"Names\", \"" + "n".repeat(length) + "\": 1}";
        RawHttp.Reply reply = patchUnit(body);
        assertReadOrRefused(length <= MAX_NAME_LENGTH, reply);
    }

    @Property(tries = 60)
    void bodies_up_to_64_KiB_are_read_and_larger_are_a_413(
            @ForAll @IntRange(min = -300, max = 300) int offset, @ForAll boolean chunked,
            @ForAll @IntRange(min = 0, max = 3) int magnitude) {
        int size = magnitude == 0 ? MAX_BODY_BYTES + offset : MAX_BODY_BYTES * (1 << magnitude) + offset;
        String prefix = "{\"name\": \"Sized\", \"padding\": \"";
        String body = prefix + "p".repeat(size - prefix.length() - 2) + "\"}";
        assertThat(body.length()).isEqualTo(size);
        RawHttp.Request request = new RawHttp.Request("PATCH", "/units/" + service.real("unitId"),
                List.of(admin(), json()), body.getBytes(StandardCharsets.UTF_8), chunked);

        RawHttp.Reply reply = RawHttp.exchange(service.port(), request, 15_000);

        RawHttp.assertSafe(request, reply);
        if (size <= MAX_BODY_BYTES) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        } else {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
            assertThat(problem(reply).path("code").asText()).isEqualTo("payload_too_large");
        }
    }

    @Property(tries = 60)
    void headers_up_to_8_KiB_are_read_and_larger_are_a_431(@ForAll @IntRange(min = 0, max = 16_000) int length) {
        RawHttp.Request request = new RawHttp.Request("GET", "/units/" + service.real("unitId"),
                List.of(new SimpleEntry<>("X-Padding", "h".repeat(length))), new byte[0], false);
        int headBytes = request.bytes().length;

        RawHttp.Reply reply = RawHttp.exchange(service.port(), request, 15_000);

        RawHttp.assertSafe(request, reply);
        if (headBytes <= MAX_HEADER_BYTES - 64) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        } else if (headBytes > MAX_HEADER_BYTES) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(431);
            assertThat(problem(reply).path("code").asText()).isEqualTo("header_fields_too_large");
        }
    }

    @Property(tries = 40)
    void request_lines_up_to_8_KiB_are_read_and_longer_are_a_414(@ForAll @IntRange(min = 1, max = 16_000) int length) {
        RawHttp.Request request = new RawHttp.Request("GET", "/units/" + "u".repeat(length), List.of(), new byte[0],
                false);

        RawHttp.Reply reply = RawHttp.exchange(service.port(), request, 15_000);

        RawHttp.assertSafe(request, reply);
        if (length < MAX_HEADER_BYTES - 100) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        } else if (length > MAX_HEADER_BYTES) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(414);
        }
    }

    private static RawHttp.Reply patchUnit(String body) {
        RawHttp.Request request = new RawHttp.Request("PATCH", "/units/" + service.real("unitId"),
                List.of(admin(), json()), body.getBytes(StandardCharsets.UTF_8), false);
        RawHttp.Reply reply = RawHttp.exchange(service.port(), request, 15_000);
        RawHttp.assertSafe(request, reply);
        return reply;
    }

    /** Within the limit, the body is read (200); past it, it is refused with a 400 problem. */
    private static void assertReadOrRefused(boolean withinLimit, RawHttp.Reply reply) {
        if (withinLimit) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        } else {
            assertBodyRefused(reply);
        }
    }

    private static void assertBodyRefused(RawHttp.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        JsonNode problem = problem(reply);
        assertThat(problem.path("code").asText()).isEqualTo("validation_failed");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("body");
    }

    private static JsonNode problem(RawHttp.Reply reply) {
        try {
            return ApiClient.JSON.readTree(reply.body());
        } catch (java.io.IOException notJson) {
            throw new AssertionError(reply.toString(), notJson);
        }
    }

    private static Map.Entry<String, String> admin() {
        return new SimpleEntry<>("Authorization", "Bearer " + service.adminToken());
    }

    private static Map.Entry<String, String> json() {
        return new SimpleEntry<>("Content-Type", "application/json");
    }
}
