package dev.scheduling.adapter.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON of the contract: strict parsing of untrusted bodies, and rendering of responses. */
final class Json {
    static final String APPLICATION_JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

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
        } catch (JsonProcessingException malformed) {
            throw InvalidInputException.of("body", "malformed JSON at line " + malformed.getLocation().getLineNr()
                    + ", column " + malformed.getLocation().getColumnNr());
        } catch (IOException unreadable) {
            throw InvalidInputException.of("body", "unreadable JSON");
        }
        if (root == null || !root.isObject()) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        return (ObjectNode) root;
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
