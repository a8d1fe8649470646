package dev.scheduling.bootstrap.http;

import dev.scheduling.bootstrap.http.HostileInput.Route;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Hostile input at every operation of {@code docs/openapi.yaml}, over real HTTP to one running service:
 * generated bodies, path parameters, query strings and headers. Whatever arrives, the answer is below
 * 500, a 4xx is a problem with a {@code code}, and nothing in an answer shows a stack or a Java class
 * ({@link RawHttp#assertSafe}). A subclass starts the service in its mode ({@link #service}) and sets the
 * number of tries with {@code @PropertyDefaults}.
 */
abstract class HostileInputProperties {
    /** The service of the running subclass, started in its {@code @BeforeContainer}. */
    static HostileService service;
    private static final int TIMEOUT_MILLIS = 15_000;

    /** A documented operation with a generated body, content type and credentials. */
    @Property
    void any_body_to_any_route_is_answered_without_a_5xx_or_a_stack(@ForAll("bodies") RawHttp.Request request) {
        RawHttp.assertSafe(request, RawHttp.exchange(service.port(), request, TIMEOUT_MILLIS));
    }

    /** Generated path parameters, query strings and methods, on every documented path. */
    @Property
    void any_path_and_query_is_answered_without_a_5xx_or_a_stack(@ForAll("targets") RawHttp.Request request) {
        RawHttp.assertSafe(request, RawHttp.exchange(service.port(), request, TIMEOUT_MILLIS));
    }

    /** Odd, malformed and oversized headers: credentials, idempotency keys, origins, encodings. */
    @Property
    void any_headers_are_answered_without_a_5xx_or_a_stack(@ForAll("headerSets") RawHttp.Request request) {
        RawHttp.assertSafe(request, RawHttp.exchange(service.port(), request, TIMEOUT_MILLIS));
    }

    @Provide
    Arbitrary<RawHttp.Request> bodies() {
        return Arbitraries.of(HostileInput.routes()).flatMap(route -> Combinators.combine(
                        HostileInput.body(service, route), HostileInput.contentType().injectNull(0.1),
                        credentials(route), Arbitraries.of(false, false, false, true), idempotencyKey().injectNull(0.7))
                .as((body, contentType, auth, chunked, key) -> {
                    List<Map.Entry<String, String>> headers = new ArrayList<>();
                    auth.ifPresent(value -> headers.add(new SimpleEntry<>("Authorization", value)));
                    if (contentType != null) {
                        headers.add(new SimpleEntry<>("Content-Type", contentType));
                    }
                    if (key != null) {
                        headers.add(new SimpleEntry<>("Idempotency-Key", key));
                    }
                    return new RawHttp.Request(route.method(), path(route, List.of()), headers, body, chunked);
                }));
    }

    @Provide
    Arbitrary<RawHttp.Request> targets() {
        return Arbitraries.of(HostileInput.routes()).flatMap(route -> Combinators.combine(
                        HostileInput.hostileSegment().injectDuplicates(0.1).list().ofSize(route.pathParameters().size()),
                        Arbitraries.of(true, false).list().ofSize(route.pathParameters().size()),
                        HostileInput.query(route).injectNull(0.2),
                        Arbitraries.of(route.method(), route.method(), route.method(), "HEAD", "OPTIONS", "PUT", "DELETE",
                                "PATCH", "TRACE", "get", "FOO", "CONNECT"),
                        credentials(route))
                .as((segments, useHostile, query, method, auth) -> {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < segments.size(); i++) {
                        String real = service.real(route.pathParameters().get(i));
                        values.add(useHostile.get(i) || real == null ? segments.get(i) : real);
                    }
                    String target = path(route, values) + (query == null ? "" : "?" + query);
                    List<Map.Entry<String, String>> headers = new ArrayList<>();
                    auth.ifPresent(value -> headers.add(new SimpleEntry<>("Authorization", value)));
                    boolean body = route.hasBody() && !method.equals("GET") && !method.equals("HEAD");
                    if (body) {
                        headers.add(new SimpleEntry<>("Content-Type", "application/json"));
                    }
                    return new RawHttp.Request(method, target, headers, body ? "{}".getBytes() : new byte[0], false);
                }));
    }

    @Provide
    Arbitrary<RawHttp.Request> headerSets() {
        return Arbitraries.of(HostileInput.routes()).flatMap(route -> Combinators.combine(
                        header().list().ofMaxSize(5), HostileInput.body(service, route),
                        Arbitraries.of(true, false))
                .as((headers, body, withBody) -> new RawHttp.Request(route.method(), path(route, List.of()), headers,
                        withBody && route.hasBody() ? body : new byte[0], false)));
    }

    /** The route's path with real ids, or with the given values in place of its parameters. */
    private static String path(Route route, List<String> values) {
        String path = route.template();
        for (int i = 0; i < route.pathParameters().size(); i++) {
            String name = route.pathParameters().get(i);
            String value = i < values.size() ? values.get(i) : service.real(name);
            path = path.replace("{" + name + "}", value == null ? "x" : value);
        }
        return path;
    }

    /** Mostly the credentials the route wants; sometimes none, the other kind, or a broken one. */
    private static Arbitrary<Optional<String>> credentials(Route route) {
        String admin = "Bearer " + service.adminToken();
        String client = "Bearer " + service.clientToken();
        String right = route.admin() ? admin : client;
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(6, Arbitraries.just(Optional.of(right))),
                Tuple.of(2, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(1, Arbitraries.of(admin, client).map(Optional::of)),
                Tuple.of(2, authorization().map(Optional::of))));
    }

    private static Arbitrary<String> authorization() {
        String admin = service.adminToken();
        String client = service.clientToken();
        String tampered = client.substring(0, client.length() - 2) + (client.endsWith("A") ? "BB" : "AA");
        String[] parts = client.split("\\.");
        String unsigned = parts.length == 3 ? parts[0] + "." + parts[1] + "." : client;
        return Arbitraries.oneOf(
                Arbitraries.of("Bearer", "Bearer ", "Bearer  " + admin, "bearer " + admin, "BEARER " + client,
                        "Basic YWRtaW46YWRtaW4=", "Bearer " + admin + " extra", "Bearer " + tampered,
                        "Bearer " + unsigned, "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                        "Bearer " + admin + "," + client, "Bearer \u00e9\u00e9", "Bearer null", "Bearer ...",
                        "Digest username=\"x\"", "Bearer " + client.replace('.', '!')),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200).map(text -> "Bearer " + text),
                Arbitraries.integers().between(1_000, 9_000).map(size -> "Bearer " + "x".repeat(size)));
    }

    private static Arbitrary<String> idempotencyKey() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "k", "fixed-hostile-key", "\u00e9", "a b", "\t", "key\u007f"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(300),
                Arbitraries.strings().withCharRange('\u0080', '\u00ff').ofMinLength(1).ofMaxLength(10));
    }

    private static Arbitrary<Map.Entry<String, String>> header() {
        Arbitrary<String> anyValue = Arbitraries.strings().withCharRange(' ', '\u00ff').ofMaxLength(100);
        return Arbitraries.oneOf(
                authorization().map(value -> new SimpleEntry<>("Authorization", value)),
                idempotencyKey().map(value -> new SimpleEntry<>("Idempotency-Key", value)),
                HostileInput.contentType().map(value -> new SimpleEntry<>("Content-Type", value)),
                Arbitraries.of("null", "https://evil.example", "http://127.0.0.1", "*", "file://", "\u00e9",
                        "https://shop.example.com").map(value -> new SimpleEntry<>("Origin", value)),
                Arbitraries.of("application/xml", "*/*", "text/html", "application/json;q=0", ";;;")
                        .map(value -> new SimpleEntry<>("Accept", value)),
                Arbitraries.of("gzip", "br", "deflate", "x-nonsense", "*;q=0")
                        .map(value -> new SimpleEntry<>("Accept-Encoding", value)),
                Arbitraries.of("gzip", "deflate", "x-nonsense", "identity")
                        .map(value -> new SimpleEntry<>("Content-Encoding", value)),
                Arbitraries.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "00-xyz", "ff-0-0-0", "")
                        .map(value -> new SimpleEntry<>("traceparent", value)),
                Arbitraries.of("bytes=0-1", "bytes=-1", "bytes=999999999-", "nonsense")
                        .map(value -> new SimpleEntry<>("Range", value)),
                Arbitraries.of("GET", "DELETE", "x").map(value -> new SimpleEntry<>("Access-Control-Request-Method", value)),
                Arbitraries.of("X-Forwarded-For", "X-Forwarded-Host", "Forwarded", "Cookie", "If-None-Match",
                        "If-Modified-Since", "User-Agent", "X-Request-Id", "Referer")
                        .flatMap(name -> anyValue.map(value -> new SimpleEntry<>(name, value))),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30)
                        .flatMap(name -> anyValue.map(value -> new SimpleEntry<>("X-" + name, value))),
                Arbitraries.integers().between(100, 12_000)
                        .map(size -> new SimpleEntry<>("X-Large", "v".repeat(size))));
    }
}
