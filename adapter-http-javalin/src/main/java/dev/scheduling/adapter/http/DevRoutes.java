package dev.scheduling.adapter.http;

import dev.scheduling.application.port.in.ReadDevMailboxUseCase;
import dev.scheduling.application.port.out.Notifier.Notification;
import dev.scheduling.application.port.out.StoredResponse;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code /dev/notifications}: what the development sender has "sent", served only when enabled. */
final class DevRoutes {
    private final ReadDevMailboxUseCase mailbox;

    DevRoutes(ReadDevMailboxUseCase mailbox) {
        this.mailbox = mailbox;
    }

    StoredResponse notifications(Context ctx) {
        Optional<String> recipient = Optional.ofNullable(ctx.queryParam("recipient")).map(DevRoutes::normalised);
        return Json.response(200, Map.of("notifications",
                mailbox.sent(recipient).stream().map(DevRoutes::view).toList()));
    }

    /**
     * Recipients as stored: e-mail addresses in lower case; a phone number whose {@code +} arrived as a
     * space (an unencoded {@code +} in a query string) gets it back.
     */
    private static String normalised(String recipient) {
        String trimmed = recipient.strip();
        if (recipient.startsWith(" ") && trimmed.chars().allMatch(Character::isDigit)) {
            return "+" + trimmed;
        }
        return trimmed.contains("@") ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
    }

    private static Map<String, Object> view(Notification notification) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", notification.id().toString());
        view.put("recipient", notification.recipient().address());
        view.put("channel", notification.recipient().channel().name());
        view.put("template", notification.template());
        view.put("body", notification.body());
        view.put("createdAt", Views.instant(notification.createdAt()));
        return view;
    }
}
