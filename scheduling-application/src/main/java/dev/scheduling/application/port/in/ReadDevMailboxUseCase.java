package dev.scheduling.application.port.in;

import dev.scheduling.application.port.out.Notifier.Notification;
import java.util.List;
import java.util.Optional;

/** For local development and black-box tests: what the development sender has "sent", newest last. */
public interface ReadDevMailboxUseCase {

    List<Notification> sent(Optional<String> recipientAddress);
}
