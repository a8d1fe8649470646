package dev.scheduling.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.port.out.Notifier.Notification;
import dev.scheduling.domain.client.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The development sender's mailbox: newest last, by address, bounded. */
class DevMailboxNotifierTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Recipient ANA = Recipient.phone("+5511999990000");
    private static final Recipient BIA = Recipient.email("bia@example.com");

    private final DevMailboxNotifier mailbox = new DevMailboxNotifier();

    private static Notification notice(Recipient to, String body) {
        return new Notification(UUID.randomUUID(), to, "login_code", body, NOW);
    }

    @Test
    void whatIsSentIsKeptNewestLastAndFilteredByAddress() {
        Notification first = notice(ANA, "Your code is 111111.");
        Notification second = notice(BIA, "Your code is 222222.");
        Notification third = notice(ANA, "Your code is 333333.");
        List.of(first, second, third).forEach(mailbox::send);

        assertThat(mailbox.sent(Optional.empty())).containsExactly(first, second, third);
        assertThat(mailbox.sent(Optional.of(ANA.address()))).containsExactly(first, third);
        assertThat(mailbox.sent(Optional.of(BIA.address()))).containsExactly(second);
        assertThat(mailbox.sent(Optional.of("nobody@example.com"))).isEmpty();
    }

    @Test
    void theMailboxKeepsOnlyTheLatestThousand() {
        for (int i = 0; i < DevMailboxNotifier.CAPACITY + 5; i++) {
            mailbox.send(notice(ANA, "notice " + i));
        }

        List<Notification> kept = mailbox.sent(Optional.empty());
        assertThat(kept).hasSize(DevMailboxNotifier.CAPACITY);
        assertThat(kept.get(0).body()).isEqualTo("notice 5");
        assertThat(kept.get(kept.size() - 1).body()).isEqualTo("notice " + (DevMailboxNotifier.CAPACITY + 4));
    }

    @Test
    void aNotificationPrintsWithoutItsBody() {
        Notification notice = notice(ANA, "Your code is 123456.");

        assertThat(notice.toString()).doesNotContain("123456").doesNotContain(ANA.address());
    }
}
