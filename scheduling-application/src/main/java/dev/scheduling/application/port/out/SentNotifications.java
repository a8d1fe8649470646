package dev.scheduling.application.port.out;

import java.util.List;
import java.util.Optional;

/** What a development sender has "sent", newest last: the dev mailbox. */
public interface SentNotifications {

    /** Every kept notification, or only those to that address. */
    List<Notifier.Notification> sent(Optional<String> recipientAddress);
}
