package dev.scheduling.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String SECRET = "whsec_0123456789abcdef";
    private static final byte[] BODY = "{\"eventId\":\"e-1\",\"type\":\"slot.locked\",\"note\":\"café\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.parse("2026-12-07T11:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void the_header_is_the_timestamp_and_the_hex_hmac_of_timestamp_dot_body() throws Exception {
        String header = WebhookSignature.sign(SECRET, AT.getEpochSecond(), BODY);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((AT.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(mac.doFinal(BODY));
        assertThat(header).isEqualTo("t=" + AT.getEpochSecond() + ",v1=" + expected);
        assertThat(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void a_signature_verifies_with_the_same_secret_and_body_within_the_tolerance() {
        String header = WebhookSignature.sign(SECRET, AT.getEpochSecond(), BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT, TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT.plus(TOLERANCE), TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT.minusSeconds(30), TOLERANCE)).isTrue();
    }

    @Test
    void another_secret_another_body_or_an_old_timestamp_does_not_verify() {
        String header = WebhookSignature.sign(SECRET, AT.getEpochSecond(), BODY);
        byte[] tampered = "{\"eventId\":\"e-2\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.verify("whsec_other", header, BODY, AT, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, tampered, AT, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT.plus(TOLERANCE).plusSeconds(1), TOLERANCE))
                .as("a replay after the tolerance").isFalse();
    }

    @Test
    void a_header_whose_timestamp_was_changed_does_not_verify() {
        String header = WebhookSignature.sign(SECRET, AT.getEpochSecond(), BODY);
        String moved = header.replace("t=" + AT.getEpochSecond(), "t=" + (AT.getEpochSecond() + 60));

        assertThat(WebhookSignature.verify(SECRET, moved, BODY, AT, TOLERANCE)).isFalse();
    }

    @Test
    void one_matching_v1_among_several_is_enough() {
        String header = WebhookSignature.sign(SECRET, AT.getEpochSecond(), BODY);
        String rotated = header + ",v1=" + "0".repeat(64);
        String rotatedFirst = "t=" + AT.getEpochSecond() + ",v1=" + "0".repeat(64) + ","
                + header.substring(header.indexOf("v1="));

        assertThat(WebhookSignature.verify(SECRET, rotated, BODY, AT, TOLERANCE)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, rotatedFirst, BODY, AT, TOLERANCE)).isTrue();
    }

    @Test
    void malformed_headers_do_not_verify() {
        String v1 = WebhookSignature.sign(SECRET, AT.getEpochSecond(), BODY).split(",")[1];
        for (String header : new String[] {null, "", "garbage", v1, "t=" + AT.getEpochSecond(),
                "t=abc," + v1, "t=-5," + v1, "t=1,t=" + AT.getEpochSecond() + "," + v1, "=x," + v1}) {
            assertThat(WebhookSignature.verify(SECRET, header, BODY, AT, TOLERANCE)).as("%s", header).isFalse();
        }
    }

    @Test
    void an_empty_secret_signs_nothing() {
        assertThatThrownBy(() -> WebhookSignature.sign("", 1, BODY)).isInstanceOf(IllegalArgumentException.class);
    }
}
