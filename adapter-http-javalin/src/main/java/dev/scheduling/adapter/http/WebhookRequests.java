package dev.scheduling.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.application.port.in.ManageWebhooksUseCase.NewWebhook;
import dev.scheduling.application.port.in.ManageWebhooksUseCase.WebhookChanges;
import dev.scheduling.domain.Violations;
import dev.scheduling.domain.webhook.Webhook;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns webhook request bodies and query parameters into the use case's requests. Only types and sizes
 * are checked here; the domain checks what a URL and an event pattern must be.
 */
final class WebhookRequests {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    /** Far above the patterns a webhook may hold: the domain says how many; this only bounds the work. */
    private static final int MAX_EVENTS = 1000;
    /** The longest event type is about 25 characters. */
    private static final int MAX_PATTERN_LENGTH = 100;

    private WebhookRequests() {
    }

    static NewWebhook register(ObjectNode root) {
        JsonBody body = JsonBody.of(root);
        String url = body.requiredText("url", Webhook.MAX_URL_LENGTH);
        Optional<List<String>> events = events(body);
        if (events.isEmpty() && !body.has("events")) {
            body.violations().add("events", JsonBody.REQUIRED);
        }
        Optional<String> description = body.optionalText("description", Webhook.MAX_DESCRIPTION_LENGTH);
        body.throwIfInvalid();
        return new NewWebhook(url, events.orElseThrow(), description.orElse(null));
    }

    /** Any of {@code url}, {@code events}, {@code active}, {@code description}; an empty object changes nothing. */
    static WebhookChanges changes(ObjectNode root) {
        JsonBody body = JsonBody.of(root);
        var changes = new WebhookChanges(body.optionalText("url", Webhook.MAX_URL_LENGTH), events(body),
                body.optionalText("description", Webhook.MAX_DESCRIPTION_LENGTH), body.optionalBoolean("active"));
        body.throwIfInvalid();
        return changes;
    }

    /** {@code ?limit=}: how many deliveries, {@value #DEFAULT_LIMIT} when absent, 1 to {@value #MAX_LIMIT}. */
    static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        int limit = 0;
        if (text.matches("\\d{1,3}")) {
            limit = Integer.parseInt(text);
        }
        new Violations().check(limit >= 1 && limit <= MAX_LIMIT, "limit",
                "must be a whole number from 1 to " + MAX_LIMIT).throwIfAny();
        return limit;
    }

    /** The {@code events} array, each element a string; empty and a violation when it is not one. */
    private static Optional<List<String>> events(JsonBody body) {
        Optional<List<JsonNode>> elements = body.optionalArray("events", MAX_EVENTS);
        if (elements.isEmpty()) {
            return Optional.empty();
        }
        List<String> patterns = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < elements.get().size(); i++) {
            JsonNode element = elements.get().get(i);
            String field = body.field("events") + "[" + i + "]";
            if (!element.isTextual()) {
                body.violations().add(field, "must be a string");
                valid = false;
            } else if (element.textValue().length() > MAX_PATTERN_LENGTH) {
                body.violations().add(field, "must be at most " + MAX_PATTERN_LENGTH + " characters");
                valid = false;
            } else {
                patterns.add(element.textValue());
            }
        }
        return valid ? Optional.of(patterns) : Optional.empty();
    }
}
