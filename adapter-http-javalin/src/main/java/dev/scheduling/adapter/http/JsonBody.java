package dev.scheduling.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.domain.Violations;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads the fields of an untrusted JSON object with the types of the contract, collecting a violation
 * for each field that is missing or of the wrong type or format, so that one 400 lists them all.
 * Unknown fields are ignored; {@code null} counts as absent.
 */
final class JsonBody {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    static final String REQUIRED = "is required";

    private final JsonNode node;
    private final String path;
    private final Violations violations;

    private JsonBody(JsonNode node, String path, Violations violations) {
        this.node = node;
        this.path = path;
        this.violations = violations;
    }

    /** The top-level object of a request; {@code root} must be an object (the caller checks). */
    static JsonBody of(ObjectNode root) {
        return new JsonBody(root, "", new Violations());
    }

    Violations violations() {
        return violations;
    }

    /** Throws the collected violations, if any: call it before using what was read. */
    void throwIfInvalid() {
        violations.throwIfAny();
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    String requiredText(String name, int maxLength) {
        return optionalText(name, maxLength).orElseGet(() -> missing(name, null));
    }

    Optional<String> optionalText(String name, int maxLength) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            return invalid(name, "must be a string");
        }
        if (value.textValue().length() > maxLength) {
            return invalid(name, "must be at most " + maxLength + " characters");
        }
        return Optional.of(value.textValue());
    }

    /** An identifier: a non-blank string of reasonable length. */
    String requiredId(String name) {
        String id = requiredText(name, 256);
        if (id != null && id.isBlank()) {
            violations.add(field(name), "must not be blank");
        }
        return id;
    }

    int requiredInt(String name) {
        OptionalInt value = optionalInt(name);
        if (value.isEmpty() && !has(name)) {
            violations.add(field(name), REQUIRED);
        }
        return value.orElse(0);
    }

    OptionalInt optionalInt(String name) {
        if (!has(name)) {
            return OptionalInt.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            violations.add(field(name), value.isNumber() ? "must be a whole number in range" : "must be a whole number");
            return OptionalInt.empty();
        }
        return OptionalInt.of(value.intValue());
    }

    Optional<Boolean> optionalBoolean(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        return value.isBoolean() ? Optional.of(value.booleanValue()) : invalid(name, "must be true or false");
    }

    LocalDate requiredDate(String name) {
        return optionalDate(name).orElseGet(() -> missing(name, null));
    }

    Optional<LocalDate> optionalDate(String name) {
        return optionalText(name, 10).flatMap(text -> parseDate(text, field(name), violations));
    }

    LocalTime requiredTime(String name) {
        return optionalTime(name).orElseGet(() -> missing(name, null));
    }

    Optional<LocalTime> optionalTime(String name) {
        return optionalText(name, 5).flatMap(text -> parseTime(text, field(name), violations));
    }

    /** The elements of an array field; empty and a violation when it is not an array. */
    Optional<List<JsonNode>> optionalArray(String name, int maxSize) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            return invalid(name, "must be an array");
        }
        if (value.size() > maxSize) {
            return invalid(name, "must have at most " + maxSize + " elements");
        }
        List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        return Optional.of(elements);
    }

    /** A nested object, read with the same violations and its path as prefix. */
    Optional<JsonBody> optionalObject(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        return value.isObject() ? Optional.of(new JsonBody(value, field(name), violations))
                : invalid(name, "must be an object");
    }

    /** Reads an element of an array as an object, with {@code name[index]} as its path. */
    Optional<JsonBody> element(String arrayName, int index, JsonNode element) {
        String elementPath = field(arrayName) + "[" + index + "]";
        if (!element.isObject()) {
            violations.add(elementPath, "must be an object");
            return Optional.empty();
        }
        return Optional.of(new JsonBody(element, elementPath, violations));
    }

    Iterator<Map.Entry<String, JsonNode>> fields() {
        return node.fields();
    }

    static Optional<LocalDate> parseDate(String text, String field, Violations violations) {
        // The pattern has checked the shape; LocalDate.of checks the day exists (February 30th does not).
        // LocalDate.parse would do both through the general ISO formatter: 4% of a lock's request thread.
        if (DATE.matcher(text).matches()) {
            try {
                return Optional.of(LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                        Integer.parseInt(text, 8, 10, 10)));
            } catch (DateTimeException notADate) {
                // falls through to the violation
            }
        }
        violations.add(field, "must be a date YYYY-MM-DD");
        return Optional.empty();
    }

    static Optional<LocalTime> parseTime(String text, String field, Violations violations) {
        if (TIME.matcher(text).matches()) {
            return Optional.of(LocalTime.of(Integer.parseInt(text, 0, 2, 10), Integer.parseInt(text, 3, 5, 10)));
        }
        violations.add(field, "must be a time HH:mm");
        return Optional.empty();
    }

    private <T> Optional<T> invalid(String name, String message) {
        violations.add(field(name), message);
        return Optional.empty();
    }

    private <T> T missing(String name, T placeholder) {
        if (!has(name)) {
            violations.add(field(name), REQUIRED);
        }
        return placeholder;
    }
}
