package dev.scheduling.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.InvalidInputException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookTest {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");

    @Test
    void aReceiverUrlIsAnAbsoluteHttpOrHttpsUrlWithAHostAndNoCredentials() {
        assertThat(Webhook.receiverUrl("https://crm.example.com/hooks/scheduling?tenant=7"))
                .isEqualTo(URI.create("https://crm.example.com/hooks/scheduling?tenant=7"));
        assertThat(Webhook.receiverUrl("http://[2001:db8::1]:8080/in")).hasHost("[2001:db8::1]");
        for (String bad : new String[] {"", " ", "crm.example.com/hooks", "ftp://crm.example.com/x",
                "file:///etc/passwd", "https://user:pass@crm.example.com/x", "https:///nohost",
                "https://crm.example.com/x#frag", "https://crm example.com/", "javascript:alert(1)",
                "https://example.com/" + "a".repeat(Webhook.MAX_URL_LENGTH)}) {
            assertThatThrownBy(() -> Webhook.receiverUrl(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.violations().get(0).field()).isEqualTo("url"));
        }
        assertThatThrownBy(() -> Webhook.receiverUrl(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void activatingAnInactiveWebhookForgivesItsFailures() {
        Webhook webhook = new Webhook(new WebhookId("w1"), URI.create("https://crm.example.com/in"),
                EventFilter.of(List.of("*")), "", "whsec_x", false, 50, NOW);

        assertThat(webhook.subscribesTo("slot.locked")).isFalse();
        Webhook active = webhook.withActive(true);
        assertThat(active.consecutiveFailures()).isZero();
        assertThat(active.subscribesTo("slot.locked")).isTrue();
        assertThat(active.withActive(true).consecutiveFailures()).isZero();
    }

    @Test
    void theSecretIsNeverInTheTextOfAWebhook() {
        Webhook webhook = Webhook.register(new WebhookId("w1"), URI.create("https://crm.example.com/in?key=k"),
                EventFilter.of(List.of("*")), null, "whsec_supersecret", NOW);

        assertThat(webhook.toString()).doesNotContain("supersecret").doesNotContain("key=k");
        assertThat(webhook.description()).isEmpty();
        assertThatThrownBy(() -> webhook.withDescription("x".repeat(501))).isInstanceOf(InvalidInputException.class);
    }
}
