package dev.scheduling.bootstrap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of hostile requests, derived from {@code docs/openapi.yaml}: every documented operation
 * (a route added to the document is fuzzed without a change here), its path parameters, its query
 * parameters and the fields of its JSON body, each replaced by values no client should send.
 */
final class HostileInput {
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private HostileInput() {
    }

    /** One documented operation, with what the document says of its inputs. */
    record Route(String method, String template, List<String> pathParameters, List<String> queryParameters,
                 Map<String, Schema<?>> bodyFields, boolean admin, boolean client) {

        boolean hasBody() {
            return !bodyFields.isEmpty() || method.equals("POST") || method.equals("PATCH");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** Every operation of the document. */
    static List<Route> routes() {
        OpenAPI api = OpenApiContract.model();
        List<Route> routes = new ArrayList<>();
        api.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) -> {
            List<String> pathParameters = new ArrayList<>();
            Matcher names = PARAMETER.matcher(template);
            while (names.find()) {
                pathParameters.add(names.group(1));
            }
            Set<String> query = new LinkedHashSet<>();
            for (Parameter parameter : parameters(api, item, operation)) {
                if ("query".equals(parameter.getIn())) {
                    query.add(parameter.getName());
                }
            }
            Set<String> schemes = new LinkedHashSet<>();
            List<SecurityRequirement> security = operation.getSecurity() != null ? operation.getSecurity()
                    : api.getSecurity();
            if (security != null) {
                security.forEach(requirement -> schemes.addAll(requirement.keySet()));
            }
            routes.add(new Route(method.name(), template, pathParameters, List.copyOf(query),
                    bodyFields(api, operation), schemes.contains("adminToken"), schemes.contains("clientToken")));
        }));
        return routes;
    }

    private static List<Parameter> parameters(OpenAPI api, PathItem item, Operation operation) {
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all.stream().map(parameter -> parameter.get$ref() == null ? parameter
                : api.getComponents().getParameters().get(simpleName(parameter.get$ref()))).toList();
    }

    /** The properties of the JSON body's schema (of each alternative, when it has several). */
    private static Map<String, Schema<?>> bodyFields(OpenAPI api, Operation operation) {
        Map<String, Schema<?>> fields = new LinkedHashMap<>();
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return fields;
        }
        MediaType json = operation.getRequestBody().getContent().get("application/json");
        if (json != null && json.getSchema() != null) {
            collectFields(api, json.getSchema(), fields, 0);
        }
        return fields;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void collectFields(OpenAPI api, Schema<?> schema, Map<String, Schema<?>> fields, int depth) {
        Schema<?> resolved = resolve(api, schema);
        if (resolved == null || depth > 4) {
            return;
        }
        if (resolved.getProperties() != null) {
            resolved.getProperties().forEach((name, property) -> fields.putIfAbsent(name, resolve(api, property)));
        }
        for (List alternatives : new List[] {resolved.getAllOf(), resolved.getOneOf(), resolved.getAnyOf()}) {
            if (alternatives != null) {
                for (Object alternative : alternatives) {
                    collectFields(api, (Schema<?>) alternative, fields, depth + 1);
                }
            }
        }
    }

    static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
        if (schema != null && schema.get$ref() != null) {
            return api.getComponents().getSchemas().get(simpleName(schema.get$ref()));
        }
        return schema;
    }

    private static String simpleName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    // ------------------------------------------------------------------------------------------------
    // Values

    /** Strings no field expects: control characters, lone surrogates, injections, odd lengths. */
    static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5),
                Arbitraries.strings().withChars('\uD800', '\uDC00', '\uDFFF', '\uFFFE', '\uFEFF', '\u202E', '\u0000')
                        .ofMinLength(1).ofMaxLength(4),
                Arbitraries.of("", " ", "\u0000", "a\u0000b", "null", "undefined", "NaN", "../../etc/passwd",
                        "..", "%00", "%2e%2e%2f", "<script>alert(1)</script>", "' OR '1'='1' --", "\"; DROP TABLE x; --",
                        "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "\uD83D\uDE00\uD83D\uDE00", "\u00e9\u0301",
                        "2026-02-30", "2026-13-01", "0000-00-00", "+999999999-12-31", "24:00", "23:60", "9:00",
                        "-1", "0", "1e309", "0x10", "+5511999990000", "a@b", "ana@example.com",
                        "http://169.254.169.254/latest", "file:///etc/passwd", "http://[::1]:1/", "ftp://x",
                        "appointment.*", "*", "slot.#", "America/Sao_Paulo", "Mars/Base", "UTC", "Z", "GMT+25"),
                Combinators.combine(Arbitraries.of("a", "9", "\u00e9", "\uD83D\uDE00", "%", "/"),
                        Arbitraries.integers().between(100, 70_000)).as((unit, times) -> unit.repeat(times)));
    }

    /** JSON values (as text) of every type and of extreme sizes. */
    static Arbitrary<String> hostileJsonValue() {
        return Arbitraries.oneOf(
                hostileText().map(HostileInput::jsonString),
                Arbitraries.of("null", "true", "false", "0", "-0", "1.0", "0.5", "-1", "1e309", "-1e-400", "1E2",
                        "2147483648", "-2147483649", "9223372036854775808", "123456789012345678901234567890",
                        "[]", "{}", "[null]", "{\"\": null}", "\"\\ud800\"", "\"\\u0000\"", "\"\\uDFFF\\uD800\""),
                Arbitraries.integers().between(1, 3_000).map(digits -> "1" + "0".repeat(digits)),
                Arbitraries.integers().between(1, 3_000).map(digits -> "0." + "1".repeat(digits)),
                Arbitraries.integers().between(1, 20_000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(1, 5_000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Arbitraries.integers().between(1, 8_000).map(size -> "[" + "1,".repeat(size) + "1]"),
                Arbitraries.integers().between(1, 2_000).map(size -> "{" + "\"k\":1,".repeat(size) + "\"k\":2}"));
    }

    static String jsonString(String text) {
        try {
            return ApiClient.JSON.writeValueAsString(text);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** A plausible value for a field of that schema, real ids first, so that the rest of a body gets read. */
    static String plausible(HostileService service, String name, Schema<?> schema) {
        String real = service.real(name);
        if (real != null) {
            return jsonString(real);
        }
        if (schema == null || schema.getType() == null) {
            return name.equals("events") ? "[\"appointment.*\"]" : "\"x\"";
        }
        return switch (schema.getType()) {
            case "integer", "number" -> "30";
            case "boolean" -> "true";
            case "array" -> name.equals("events") ? "[\"appointment.*\"]" : "[]";
            case "object" -> "{}";
            default -> schema.getEnum() != null && !schema.getEnum().isEmpty()
                    ? jsonString(String.valueOf(schema.getEnum().get(0))) : jsonString("Hostile " + name);
        };
    }

    // ------------------------------------------------------------------------------------------------
    // Bodies

    /** What is done to a plausible body. */
    enum Mutation {
        NONE, REPLACE_FIELD, ADD_UNKNOWN_FIELD, DUPLICATE_KEY, DROP_FIELD, ALL_NULL, TRUNCATE, TRAILING_GARBAGE,
        NOT_AN_OBJECT, RANDOM_BYTES, NESTED_UNDER_FIELD, BOM_PREFIX, NOT_UTF8
    }

    /** A body: the plausible fields of the route, then one or two mutations with generated values. */
    static Arbitrary<byte[]> body(HostileService service, Route route) {
        List<String> names = new ArrayList<>(route.bodyFields().keySet());
        return Combinators.combine(Arbitraries.of(Mutation.class).list().ofMinSize(1).ofMaxSize(2),
                        Arbitraries.integers().between(0, Math.max(0, names.size() - 1)), hostileJsonValue(),
                        hostileText(), Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                        Arbitraries.doubles().between(0, 1))
                .as((mutations, index, value, text, bytes, fraction) -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    route.bodyFields().forEach((name, schema) -> fields.put(name, plausible(service, name, schema)));
                    String json = null;
                    byte[] raw = null;
                    String field = names.isEmpty() ? "x" : names.get(index);
                    for (Mutation mutation : mutations) {
                        switch (mutation) {
                            case NONE -> { }
                            case REPLACE_FIELD -> fields.put(field, value);
                            case ADD_UNKNOWN_FIELD -> fields.put(text.isEmpty() ? "unknown" : text, value);
                            case DROP_FIELD -> fields.remove(field);
                            case ALL_NULL -> fields.replaceAll((name, old) -> "null");
                            case NESTED_UNDER_FIELD -> fields.put(field, "{\"" + field + "\": " + value + "}");
                            default -> { }
                        }
                    }
                    json = object(fields, mutations.contains(Mutation.DUPLICATE_KEY) ? field : null);
                    for (Mutation mutation : mutations) {
                        switch (mutation) {
                            case TRUNCATE -> json = json.substring(0, (int) (json.length() * fraction));
                            case TRAILING_GARBAGE -> json = json + (text.isEmpty() ? "}" : text);
                            case NOT_AN_OBJECT -> json = value;
                            case BOM_PREFIX -> json = "\uFEFF" + json;
                            case RANDOM_BYTES -> raw = bytes;
                            case NOT_UTF8 -> raw = concat(json.getBytes(StandardCharsets.UTF_8),
                                    new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
                            default -> { }
                        }
                    }
                    return raw != null ? raw : json.getBytes(StandardCharsets.UTF_8);
                });
    }

    private static String object(Map<String, String> fields, String duplicate) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? ", " : "").append(jsonString(name))
                .append(": ").append(value));
        if (duplicate != null && fields.containsKey(duplicate)) {
            json.append(json.length() > 1 ? ", " : "").append(jsonString(duplicate)).append(": ")
                    .append(fields.get(duplicate));
        }
        return json.append('}').toString();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static Arbitrary<String> contentType() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "application/json; charset=UTF-16",
                "application/json; charset=nonsense", "APPLICATION/JSON", "application/problem+json",
                "application/vnd.api+json", "text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "", ";", "application/json;;;", "application/json, text/plain",
                "*/*", "application/", "\u00e9/json");
    }

    // ------------------------------------------------------------------------------------------------
    // Paths and queries

    /** A value for a path segment or a query parameter, as it goes on the request line. */
    static Arbitrary<String> hostileSegment() {
        return Arbitraries.oneOf(
                hostileText().map(text -> URLEncoder.encode(text, StandardCharsets.UTF_8)),
                Arbitraries.of("..", ".", "%2e%2e", "%2E%2E%2F..", "%2F", "a%2Fb", "%00", "%", "%zz", "%C3%28",
                        "%FF%FE", "%ED%A0%80", "x;y=z", ";", "", "%20", "+", "%2B", "~", "a%5Cb", "%u0041", "\\",
                        "%0d%0aSet-Cookie:%20x=y", "*", "@", ":", "a:b@c"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30)
                        .filter(text -> !text.contains("/") && !text.contains("?") && !text.contains("#")),
                Arbitraries.integers().between(1_000, 12_000).map("b"::repeat));
    }

    /** A query string: the route's parameters and others, each with a hostile value, sometimes malformed. */
    static Arbitrary<String> query(Route route) {
        List<String> names = new ArrayList<>(route.queryParameters());
        names.addAll(List.of("serviceId", "date", "from", "to", "recipient", "limit", "x", ""));
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of(names), hostileSegment(),
                Arbitraries.of(true, true, true, false)).as((name, value, withEquals) ->
                withEquals ? name + "=" + value : name + value);
        return Arbitraries.oneOf(
                pair.list().ofMaxSize(5).map(pairs -> String.join("&", pairs)),
                Arbitraries.of("", "&", "&&&", "=", "==", "?", "a=1&a=2&a=3", "date=&from=&to=", "%", "%zz=1",
                        "serviceId[]=1", "serviceId=%00"));
    }
}
