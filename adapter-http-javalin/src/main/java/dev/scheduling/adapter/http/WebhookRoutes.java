package dev.scheduling.adapter.http;

import dev.scheduling.application.port.in.ManageWebhooksUseCase;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookId;
import io.javalin.http.Context;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The operators' webhooks (admin token): the registry, and the log of deliveries with their redelivery.
 * The signing secret is in the answer to the registration only.
 */
final class WebhookRoutes {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ManageWebhooksUseCase webhooks;

    WebhookRoutes(ManageWebhooksUseCase webhooks) {
        this.webhooks = webhooks;
    }

    StoredResponse register(Context ctx) {
        Webhook registered = webhooks.register(WebhookRequests.register(RequestBodies.jsonObject(ctx)));
        ctx.header("Location", "/webhooks/" + registered.id().value());
        return Json.response(201, Views.newWebhook(registered));
    }

    StoredResponse list(Context ctx) {
        return Json.response(200, Map.of("webhooks", webhooks.list().stream().map(Views::webhook).toList()));
    }

    StoredResponse webhook(Context ctx) {
        return Json.response(200, Views.webhook(webhooks.get(webhookId(ctx))));
    }

    StoredResponse update(Context ctx) {
        WebhookId id = webhookId(ctx);
        var changes = WebhookRequests.changes(RequestBodies.jsonObject(ctx));
        return Json.response(200, Views.webhook(webhooks.update(id, changes)));
    }

    StoredResponse delete(Context ctx) {
        webhooks.delete(webhookId(ctx));
        return new StoredResponse(204, Json.APPLICATION_JSON, new byte[0]);
    }

    StoredResponse deliveries(Context ctx) {
        WebhookId id = webhookId(ctx);
        int limit = WebhookRequests.limit(ctx);
        return Json.response(200, Map.of("deliveries",
                webhooks.deliveries(id, limit).stream().map(Views::delivery).toList()));
    }

    StoredResponse redeliver(Context ctx) {
        WebhookId id = webhookId(ctx);
        return Json.response(202, Views.delivery(webhooks.redeliver(id, deliveryId(ctx, id))));
    }

    /** The webhook of the path; a blank id names none. */
    private static WebhookId webhookId(Context ctx) {
        String id = ctx.pathParam("webhookId");
        if (id.isBlank()) {
            throw new RefusedException(Refusal.WEBHOOK_NOT_FOUND, "there is no webhook with a blank id");
        }
        return new WebhookId(id);
    }

    /** The delivery of the path; text that is not a UUID names none, and an unknown webhook is reported first. */
    private UUID deliveryId(Context ctx, WebhookId webhookId) {
        String id = ctx.pathParam("deliveryId");
        if (!UUID_TEXT.matcher(id).matches()) {
            webhooks.get(webhookId);
            throw new RefusedException(Refusal.DELIVERY_NOT_FOUND,
                    "webhook " + webhookId + " has no delivery with that id");
        }
        return UUID.fromString(id);
    }
}
