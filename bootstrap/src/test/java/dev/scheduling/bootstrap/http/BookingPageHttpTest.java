package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.bootstrap.Configuration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The booking page over HTTP, without a browser: what is served under {@code /book/}, its headers, the
 * framing that {@code SCHEDULING_FRAME_ANCESTORS} allows, and the CORS of {@code SCHEDULING_CORS_ORIGINS}
 * on the API routes only. Responses received through {@link ApiClient} are checked against
 * {@code docs/openapi.yaml}; the CORS preflight, an {@code OPTIONS} request that the document does not
 * list (it is no operation of the API), goes through a plain client.
 */
class BookingPageHttpTest {
    private static final String SHOP = "https://shop.example.com";
    private BookingPageFixture service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void the_page_and_each_of_its_assets_are_served_from_the_jar_with_the_content_security_policy() {
        service = new BookingPageFixture(Clock.systemUTC(), Map.of());

        ApiClient.Reply page = service.api.get("/book/" + service.unitId);

        assertThat(page.status()).as(page.describe()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"en\">").contains("name=\"viewport\"");
        String policy = page.header("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
                .endsWith("frame-ancestors 'self'");
        assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
        List<String> assets = links(page.body());
        assertThat(assets).as("no CDN: every asset comes from this service")
                .containsExactlyInAnyOrder("/book/assets/booking.css", "/book/assets/booking.js")
                .allMatch(asset -> asset.startsWith("/book/assets/"));
        for (String asset : List.of("/book/assets/booking.css", "/book/assets/booking.js", "/book/assets/api.js",
                "/book/assets/messages.js")) {
            ApiClient.Reply served = service.api.get(asset);
            assertThat(served.status()).as(served.describe()).isEqualTo(200);
            assertThat(served.contentType()).startsWith(asset.endsWith(".css") ? "text/css" : "text/javascript");
            assertThat(served.header("Content-Security-Policy")).contains(policy);
            assertThat(served.body()).isNotBlank();
        }
        assertThat(service.api.get("/book/assets/booking.js").body())
                .as("the modules the main script imports are the ones served")
                .contains("from './api.js'").contains("from './messages.js'");
        assertThat(service.api.get("/book/assets/index.html").status()).isEqualTo(404);
    }

    @Test
    void an_unknown_unit_still_gets_the_page_whose_script_shows_the_apis_404() {
        service = new BookingPageFixture(Clock.systemUTC(), Map.of());

        ApiClient.Reply page = service.api.get("/book/" + UUID.randomUUID());

        // ADR 0011: the page is static; GET /units/{unitId} answers 404 unit_not_found and the page says so.
        assertThat(page.status()).as(page.describe()).isEqualTo(200);
        assertThat(page.body()).contains("We could not find this place");
    }

    @Test
    void frame_ancestors_come_from_the_configuration() {
        service = new BookingPageFixture(Clock.systemUTC(), Map.of(Configuration.FRAME_ANCESTORS,
                "'self' https://shop.example.com https://*.example.org"));

        ApiClient.Reply page = service.api.get("/book/" + service.unitId);

        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .endsWith("; frame-ancestors 'self' https://shop.example.com https://*.example.org");
    }

    @Test
    void by_default_no_origin_gets_cors_and_a_preflight_is_the_405_it_always_was() throws Exception {
        service = new BookingPageFixture(Clock.systemUTC(), Map.of());

        ApiClient.Reply unit = service.api.withHeader("Origin", SHOP).get("/units/" + service.unitId);

        assertThat(unit.status()).isEqualTo(200);
        assertThat(unit.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight("/slots/lock", SHOP).statusCode()).isEqualTo(405);
    }

    @Test
    void listed_origins_get_cors_on_the_api_routes_and_nowhere_else() throws Exception {
        service = new BookingPageFixture(Clock.systemUTC(), Map.of(Configuration.CORS_ORIGINS,
                SHOP + ", http://localhost:3000"));
        ApiClient shop = service.api.withHeader("Origin", SHOP);

        ApiClient.Reply unit = shop.get("/units/" + service.unitId);
        assertThat(unit.status()).isEqualTo(200);
        assertThat(unit.header("Access-Control-Allow-Origin")).contains(SHOP);
        assertThat(unit.header("Vary")).contains("Origin");
        assertThat(unit.header("Access-Control-Expose-Headers").orElseThrow()).contains("Retry-After");
        assertThat(unit.header("Access-Control-Allow-Credentials")).as("bearer tokens, never cookies").isEmpty();
        ApiClient.Reply refused = shop.post("/slots/lock", Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Access-Control-Allow-Origin")).as("problems too").contains(SHOP);
        assertThat(service.api.withHeader("Origin", "http://localhost:3000").get("/units/" + service.unitId)
                .header("Access-Control-Allow-Origin")).contains("http://localhost:3000");

        HttpResponse<String> preflight = preflight("/slots/lock", SHOP);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Authorization", "Content-Type", "Idempotency-Key");

        ApiClient.Reply other = service.api.withHeader("Origin", "https://evil.example.net").get("/units/" + service.unitId);
        assertThat(other.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight("/slots/lock", "https://evil.example.net").statusCode()).isEqualTo(405);
        for (String notApi : List.of("/health", "/metrics", "/openapi.yaml", "/book/" + service.unitId,
                "/dev/notifications?recipient=x")) {
            assertThat(shop.get(notApi).header("Access-Control-Allow-Origin")).as(notApi).isEmpty();
        }
        assertThat(preflight("/health", SHOP).statusCode()).isEqualTo(405);
    }

    @Test
    void the_page_has_a_message_of_its_own_for_every_problem_code_of_the_contract() throws IOException {
        service = new BookingPageFixture(Clock.systemUTC(), Map.of());
        Set<String> documented = new TreeSet<>();
        Matcher codes = Pattern.compile("code: \\{type: string, enum: \\[([a-z_]+)]}").matcher(OpenApiContract.text());
        while (codes.find()) {
            documented.add(codes.group(1));
        }
        String messages = service.api.get("/book/assets/messages.js").body();
        Set<String> handled = new TreeSet<>();
        Matcher keys = Pattern.compile("(?m)^  ([a-z_]+): '").matcher(messages);
        while (keys.find()) {
            handled.add(keys.group(1));
        }

        assertThat(documented).hasSizeGreaterThan(20).contains("slot_full", "lock_expired", "invalid_code",
                "too_many_attempts", "otp_cooldown", "validation_failed");
        // The webhooks' codes come from admin routes only, which the page never calls.
        documented.removeAll(Set.of("webhook_not_found", "webhook_url_forbidden", "webhook_inactive",
                "delivery_not_found"));
        assertThat(handled).containsAll(documented);
        assertThat(Files.readString(Path.of("../adapter-http-javalin/src/main/resources/booking/messages.js"),
                StandardCharsets.UTF_8)).isEqualTo(messages);
    }

    private HttpResponse<String> preflight(String path, String origin) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, idempotency-key")
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> links(String html) {
        Matcher links = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        List<String> found = new ArrayList<>();
        while (links.find()) {
            found.add(links.group(1));
        }
        return found;
    }
}
