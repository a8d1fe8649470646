package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.Notifier;
import dev.scheduling.application.port.out.SentNotifications;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The development sender: it "sends" by logging and keeping the latest notifications in a bounded
 * mailbox, readable at {@code /dev/notifications} when enabled. The only place where one-time codes
 * are ever written out; real SMS and e-mail providers implement the same port.
 */
public final class DevMailboxNotifier implements Notifier, SentNotifications {
    private static final System.Logger LOG = System.getLogger(DevMailboxNotifier.class.getName());
    public static final int CAPACITY = 1_000;

    private final Deque<Notification> mailbox = new ArrayDeque<>();

    @Override
    public void send(Notification notification) {
        LOG.log(System.Logger.Level.INFO, "dev sender: notice {0} {1} to {2} {3}: {4}", notification.id(),
                notification.template(),
                notification.recipient().channel(), notification.recipient().address(), notification.body());
        synchronized (mailbox) {
            if (mailbox.size() == CAPACITY) {
                mailbox.removeFirst();
            }
            mailbox.addLast(notification);
        }
    }

    @Override
    public List<Notification> sent(Optional<String> recipientAddress) {
        synchronized (mailbox) {
            return mailbox.stream()
                    .filter(notification -> recipientAddress.map(notification.recipient().address()::equals).orElse(true))
                    .toList();
        }
    }
}
