package dev.scheduling.bootstrap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small client of the service over real HTTP, so that tests read as scenarios:
 * {@code api.admin().post("/units", body)}. Immutable: {@link #admin()} and {@link #withHeader} return a
 * new client. Bodies are JSON: a {@code String} is sent as it is (for malformed input), anything else
 * is serialised with Jackson. Every response is checked against {@code docs/openapi.yaml} by
 * {@link OpenApiContract}: one that the document does not describe fails the test that received it.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One connection pool for every test; HTTP/1.1 so that no h2c upgrade muddles the exchanges. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final String adminToken;
    private final Map<String, String> headers;

    ApiClient(String baseUrl, String adminToken) {
        this(URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl), adminToken,
                Map.of());
    }

    private ApiClient(URI base, String adminToken, Map<String, String> headers) {
        this.base = base;
        this.adminToken = adminToken;
        this.headers = headers;
    }

    /** The same client, sending the admin bearer token. */
    ApiClient admin() {
        return withHeader("Authorization", "Bearer " + adminToken);
    }

    /** The same client, with one more header (or another value for it). */
    ApiClient withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiClient(base, adminToken, Map.copyOf(more));
    }

    Reply get(String path) {
        return send("GET", path, BodyPublishers.noBody(), null);
    }

    Reply post(String path, Object body) {
        return send("POST", path, BodyPublishers.ofString(json(body)), "application/json");
    }

    Reply patch(String path, Object body) {
        return send("PATCH", path, BodyPublishers.ofString(json(body)), "application/json");
    }

    /** A request with a body of known length (sent with {@code Content-Length}). */
    Reply send(String method, String path, byte[] body, String contentType) {
        return send(method, path, BodyPublishers.ofByteArray(body), contentType);
    }

    /** A request whose body length is not declared: sent with {@code Transfer-Encoding: chunked}. */
    Reply sendChunked(String method, String path, byte[] body, String contentType) {
        return send(method, path, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), contentType);
    }

    Reply send(String method, String path, BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Reply reply = new Reply(method + " " + path, response.statusCode(), response.headers(), response.body());
            // Every response must be one that docs/openapi.yaml describes; a drift fails the test that got it.
            OpenApiContract.verify(method, path, reply);
            return reply;
        } catch (IOException failure) {
            throw new UncheckedIOException(method + " " + path + " failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    static String json(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** A response: status, headers and body text, with the request it answers for failure messages. */
    record Reply(String request, int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException notJson) {
                throw new AssertionError(request + " answered " + status + " with a body that is not JSON: "
                        + abbreviated(), notJson);
            }
        }

        /** A text field of the JSON body. */
        String text(String field) {
            JsonNode value = json().get(field);
            if (value == null || !value.isTextual()) {
                throw new AssertionError(request + ": no text field '" + field + "' in " + abbreviated());
            }
            return value.textValue();
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        /** For assertion messages: what was asked, what came back. */
        String describe() {
            return request + " -> " + status + " " + contentType() + " " + abbreviated();
        }

        private String abbreviated() {
            return body.length() <= 600 ? body : body.substring(0, 600) + "…";
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
