package dev.scheduling.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The JSON of the contract: strict parsing of untrusted bodies, and rendering of responses. */
final class Json {
    static final String APPLICATION_JSON = "application/json";

    /** Objects and arrays nested deeper than this are refused: the contract's bodies nest 4 levels at most. */
    static final int MAX_NESTING_DEPTH = 32;
    /** Digits of a number: more than any whole number or date of the contract (Jackson's default is 1,000). */
    static final int MAX_NUMBER_LENGTH = 64;
    /** Characters of a field name (Jackson's default is 50,000). */
    static final int MAX_NAME_LENGTH = 1_000;
    /** Characters of a string value: no more than a whole body may hold (Jackson's default is 20,000,000). */
    static final int MAX_STRING_LENGTH = RequestBodies.MAX_BYTES;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxDocumentLength(RequestBodies.MAX_BYTES)
                    .build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    /** Object keys in order, at every depth: one byte form per JSON value. */
    private static final ObjectMapper CANONICAL = MAPPER.copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {
    }

    /** The request body as a JSON object; anything else is a 400 naming {@code body}. */
    static ObjectNode parseObject(byte[] body) {
        if (body.length == 0) {
            throw InvalidInputException.of("body", "a JSON object is required");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (StreamConstraintsException tooComplex) {
            // Jackson's limits (nesting depth, number and string length) come without a location.
            throw InvalidInputException.of("body", "JSON beyond the limits: nesting deeper than " + MAX_NESTING_DEPTH
                    + " levels, a number longer than " + MAX_NUMBER_LENGTH + " digits, a name longer than "
                    + MAX_NAME_LENGTH + " characters or a string longer than " + MAX_STRING_LENGTH + " characters");
        } catch (JsonProcessingException malformed) {
            JsonLocation location = malformed.getLocation();
            throw InvalidInputException.of("body", location == null ? "malformed JSON"
                    : "malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr());
        } catch (IOException unreadable) {
            throw InvalidInputException.of("body", "unreadable JSON");
        }
        if (root == null || !root.isObject()) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        return (ObjectNode) root;
    }

    /**
     * A digest of a request body that tells a retry from another request: the same JSON gives the same
     * digest whatever its spacing or key order; a body that is not JSON is digested as it is.
     */
    static String fingerprint(byte[] body) {
        byte[] canonical;
        try {
            Object value = MAPPER.treeToValue(MAPPER.readTree(body), Object.class);
            canonical = CANONICAL.writeValueAsBytes(value);
        } catch (IOException | RuntimeException notJson) {
            canonical = body;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    static StoredResponse response(int status, Object body) {
        return new StoredResponse(status, APPLICATION_JSON, write(body));
    }
}
