package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The oracle itself: responses that drift from {@code docs/openapi.yaml} are refused, so that the HTTP
 * suites, which check every response through it, cannot pass on a service that no longer matches.
 */
class OpenApiContractTest {
    private static final String UNIT_ID = "0b7e2a52-4f7c-4f7e-9a51-3f0e6a1c2d3e";
    private static final String UNIT = """
            {"id": "%s", "name": "Centro", "timeZone": "America/Sao_Paulo",
             "openingHours": {"MONDAY": [{"start": "09:00", "end": "12:00"}]}, "closedDates": ["2026-12-25"]}"""
            .formatted(UNIT_ID);
    private static final String UNIT_NOT_FOUND = """
            {"type": "urn:scheduling:problem:unit_not_found", "title": "Not Found", "status": 404,
             "detail": "there is no unit x", "code": "unit_not_found"}""";

    @Test
    void the_document_is_a_valid_openapi_3_document() {
        assertThat(OpenApiContract.parserMessages()).isEmpty();
        assertThat(OpenApiContract.text()).startsWith("openapi: 3.0.3");
    }

    @Test
    void a_response_as_documented_passes() {
        assertThatCode(() -> verify("GET", "/units/" + UNIT_ID, 200, "application/json", UNIT)).doesNotThrowAnyException();
        assertThatCode(() -> verify("GET", "/units/x?ignored=1", 404, "application/problem+json", UNIT_NOT_FOUND))
                .doesNotThrowAnyException();
    }

    @Test
    void a_missing_required_field_is_refused() {
        String withoutZone = UNIT.replace("\"timeZone\": \"America/Sao_Paulo\",", "");

        assertThatThrownBy(() -> verify("GET", "/units/" + UNIT_ID, 200, "application/json", withoutZone))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /units/" + UNIT_ID + " -> 200")
                .hasMessageContaining("timeZone");
    }

    @Test
    void a_status_the_operation_does_not_document_is_refused() {
        assertThatThrownBy(() -> verify("GET", "/units/" + UNIT_ID, 202, "application/json", UNIT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("validation.response.status.unknown");
        // A 401 on a public route: the status exists elsewhere in the document, not for this operation.
        assertThatThrownBy(() -> verify("GET", "/units/" + UNIT_ID, 401, "application/problem+json",
                UNIT_NOT_FOUND.replace("404", "401")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("validation.response.status.unknown");
    }

    @Test
    void an_undocumented_field_is_refused() {
        String extra = UNIT.replace("{\"id\"", "{\"color\": \"blue\", \"id\"");

        assertThatThrownBy(() -> verify("GET", "/units/" + UNIT_ID, 200, "application/json", extra))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("color");
    }

    @Test
    void wrong_formats_are_refused() {
        assertThatThrownBy(() -> verify("GET", "/units/" + UNIT_ID, 200, "application/json",
                UNIT.replace("\"09:00\"", "\"9:00\""))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> verify("GET", "/units/" + UNIT_ID, 200, "application/json",
                UNIT.replace("2026-12-25", "25/12/2026"))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> verify("GET", "/units/u1", 200, "application/json",
                UNIT.replace(UNIT_ID, "u1"))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> verify("GET", "/units/" + UNIT_ID, 200, "application/json",
                UNIT.replace("\"MONDAY\"", "\"monday\""))).isInstanceOf(AssertionError.class);
    }

    @Test
    void the_wrong_content_type_is_refused() {
        assertThatThrownBy(() -> verify("GET", "/units/" + UNIT_ID, 200, "text/plain", UNIT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("validation.response.contentType.notAllowed");
        assertThatThrownBy(() -> verify("GET", "/units/x", 404, "application/json", UNIT_NOT_FOUND))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void a_problem_code_the_operation_does_not_document_is_refused() {
        String lockNotFound = UNIT_NOT_FOUND.replace("unit_not_found", "lock_not_found");

        assertThatThrownBy(() -> verify("GET", "/units/x", 404, "application/problem+json", lockNotFound))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> verify("GET", "/units/x", 404, "application/problem+json",
                UNIT_NOT_FOUND.replace("\"status\": 404", "\"status\": 400")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void a_required_header_missing_is_refused() {
        String unauthorized = """
                {"type": "urn:scheduling:problem:unauthorized", "title": "Unauthorized", "status": 401,
                 "detail": "a valid bearer token is required", "code": "unauthorized"}""";

        assertThatCode(() -> OpenApiContract.verify("GET", "/units", 401, Map.of(
                "content-type", List.of("application/problem+json"), "www-authenticate", List.of("Bearer")),
                unauthorized)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify("GET", "/units", 401, "application/problem+json", unauthorized))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("WWW-Authenticate");
    }

    @Test
    void undocumented_routes_may_only_answer_the_generic_404_or_405_problem() {
        String notFound = """
                {"type": "urn:scheduling:problem:not_found", "title": "Not Found", "status": 404,
                 "detail": "no such resource", "code": "not_found"}""";
        String notAllowed = """
                {"type": "urn:scheduling:problem:method_not_allowed", "title": "Method Not Allowed", "status": 405,
                 "detail": "the resource does not allow this method", "code": "method_not_allowed"}""";

        assertThatCode(() -> verify("GET", "/no/such/route", 404, "application/problem+json", notFound))
                .doesNotThrowAnyException();
        assertThatCode(() -> verify("DELETE", "/units", 405, "application/problem+json", notAllowed))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verify("GET", "/no/such/route", 200, "application/json", "{}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> verify("DELETE", "/units", 405, "application/problem+json",
                notAllowed.replace("method_not_allowed", "not_found"))).isInstanceOf(AssertionError.class);
    }

    private static void verify(String method, String path, int status, String contentType, String body) {
        OpenApiContract.verify(method, path, status, Map.of("content-type", List.of(contentType)), body);
    }
}
