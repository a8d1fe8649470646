package dev.scheduling.bootstrap.http;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code docs/openapi.yaml} as a test oracle: every response that {@link ApiClient} receives must be one
 * the document describes for that operation (a documented status, its content type, its body schema,
 * its required headers), or the test that received it fails. The validator is Atlassian's
 * swagger-request-validator, which also treats every object schema as closed unless it says otherwise.
 * <p>
 * A request to a path or a method the document does not list (the tests that probe 404 {@code not_found}
 * on unknown routes and 405 {@code method_not_allowed} on wrong methods) has no operation to validate
 * against; its response must instead be exactly the generic problem the document's description promises
 * ({@code NotFoundProblem} or {@code MethodNotAllowedProblem}).
 */
final class OpenApiContract {
    /** The single source of the contract; surefire runs in the module's folder. */
    static final Path DOCUMENT = Path.of(System.getProperty("scheduling.openapi", "../docs/openapi.yaml"));

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Set<String> UNDOCUMENTED = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");
    private static final String TEXT = read();
    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(TEXT).build();
    private static final OpenAPI MODEL = parse();
    private static final SchemaValidator SCHEMAS = new SchemaValidator(MODEL, new MessageResolver());

    private OpenApiContract() {
    }

    /** The document's text, as the service must serve it. */
    static String text() {
        return TEXT;
    }

    /** Each path template of the document, and the methods it lists (upper case). */
    static Map<String, Set<String>> operations() {
        Map<String, Set<String>> operations = new java.util.TreeMap<>();
        MODEL.getPaths().forEach((path, item) -> operations.put(path, item.readOperationsMap().keySet().stream()
                .map(method -> method.name()).collect(Collectors.toCollection(java.util.TreeSet::new))));
        return operations;
    }

    /** The parsed document, for tests that derive requests from it (the hostile-input properties). */
    static OpenAPI model() {
        return MODEL;
    }

    /**
     * The operations the document secures with the given scheme ({@code adminToken}, {@code clientToken}),
     * as {@code "METHOD /path/{template}"}, in order.
     */
    static List<String> operationsSecuredBy(String scheme) {
        List<String> secured = new java.util.ArrayList<>();
        MODEL.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            var security = operation.getSecurity() != null ? operation.getSecurity() : MODEL.getSecurity();
            if (security != null && security.stream().anyMatch(requirement -> requirement.containsKey(scheme))) {
                secured.add(method.name() + " " + path);
            }
        }));
        java.util.Collections.sort(secured);
        return secured;
    }

    /** What the parser had to say about the document; empty for a valid OpenAPI 3 document. */
    static List<String> parserMessages() {
        return parseResult().getMessages();
    }

    /** Fails with the violations when the reply is not one the document describes. */
    static void verify(String method, String pathAndQuery, ApiClient.Reply reply) {
        verify(method, pathAndQuery, reply.status(), reply.headers().map(), reply.body());
    }

    static void verify(String method, String pathAndQuery, int status, Map<String, List<String>> headers,
                       String body) {
        String path = pathAndQuery.split("\\?", 2)[0];
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body);
        headers.forEach(response::withHeader);
        headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .flatMap(header -> header.getValue().stream())
                .findFirst()
                .ifPresent(response::withContentType);
        ValidationReport report = VALIDATOR.validateResponse(path,
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
        if (report.getMessages().stream().anyMatch(message -> UNDOCUMENTED.contains(message.getKey()))) {
            report = undocumented(status, headers, body);
        }
        if (report.hasErrors()) {
            throw new AssertionError("the response does not match " + DOCUMENT + ": " + method + " " + pathAndQuery
                    + " -> " + status + " " + contentType(headers) + " " + abbreviated(body) + "\n"
                    + describe(report));
        }
    }

    /** A route the document does not list: only the generic 404 or 405 problem is allowed. */
    private static ValidationReport undocumented(int status, Map<String, List<String>> headers, String body) {
        String schema = switch (status) {
            case 404 -> "NotFoundProblem";
            case 405 -> "MethodNotAllowedProblem";
            default -> null;
        };
        if (schema == null) {
            return ValidationReport.singleton(ValidationReport.Message.create("undocumented.status",
                    "a path or method that the document does not list answered " + status
                            + "; only 404 not_found or 405 method_not_allowed may").build());
        }
        if (!contentType(headers).startsWith(PROBLEM_JSON)) {
            return ValidationReport.singleton(ValidationReport.Message.create("undocumented.contentType",
                    "expected " + PROBLEM_JSON + ", got '" + contentType(headers) + "'").build());
        }
        Schema<?> problem = MODEL.getComponents().getSchemas().get(schema);
        return SCHEMAS.validate(body, problem, "undocumented.body");
    }

    private static String contentType(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .flatMap(header -> header.getValue().stream())
                .findFirst().orElse("");
    }

    private static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .map(message -> "  - [" + message.getLevel() + "] " + message.getKey() + ": " + message.getMessage()
                        + message.getNestedMessages().stream()
                        .map(nested -> "\n      " + nested.getMessage())
                        .collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }

    private static String abbreviated(String body) {
        return body.length() <= 400 ? body : body.substring(0, 400) + "…";
    }

    private static String read() {
        try {
            return Files.readString(DOCUMENT);
        } catch (IOException missing) {
            throw new UncheckedIOException("the contract " + DOCUMENT.toAbsolutePath() + " cannot be read", missing);
        }
    }

    private static SwaggerParseResult parseResult() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(TEXT, null, options);
    }

    private static OpenAPI parse() {
        OpenAPI api = parseResult().getOpenAPI();
        if (api == null) {
            throw new IllegalStateException(DOCUMENT + " is not an OpenAPI document: " + parserMessages());
        }
        return api;
    }
}
