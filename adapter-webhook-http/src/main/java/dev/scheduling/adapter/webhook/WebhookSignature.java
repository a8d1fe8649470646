package dev.scheduling.adapter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Scheduling-Signature} header of a delivery: {@code t=<unix seconds>,v1=<hex>}, where the hex
 * is the lowercase HMAC-SHA256 of {@code "<t>.<body>"} keyed with the UTF-8 bytes of the webhook's secret.
 * The timestamp is inside the signed text, so a receiver that checks it against its clock refuses a
 * replay of an old delivery. A receiver verifies the same way as {@link #verify}: recompute, compare in
 * constant time, and check that {@code t} is recent.
 */
public final class WebhookSignature {
    static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    public static String sign(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HEX.formatHex(hmac(secret, unixSeconds, body));
    }

    /**
     * Whether {@code header} signs {@code body} with {@code secret} at a time within {@code tolerance} of
     * {@code now}. A header may carry several {@code v1} values (as during a secret's rotation): one that
     * matches is enough. Malformed headers are simply not valid.
     */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(tolerance, "tolerance");
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        List<byte[]> candidates = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 1) {
                return false;
            }
            String key = part.substring(0, equals).strip();
            String value = part.substring(equals + 1).strip();
            if (key.equals("t")) {
                if (timestamp != null || !value.matches("[0-9]{1,12}")) {
                    return false;
                }
                timestamp = Long.parseLong(value);
            } else if (key.equals("v1")) {
                // Compared as the hex text's bytes: no parsing whose errors could tell anything apart.
                candidates.add(value.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (timestamp == null || candidates.isEmpty()) {
            return false;
        }
        long age = Math.abs(now.getEpochSecond() - timestamp);
        if (age > tolerance.getSeconds()) {
            return false;
        }
        byte[] expected = HEX.formatHex(hmac(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (byte[] candidate : candidates) {
            valid |= MessageDigest.isEqual(expected, candidate);
        }
        return valid;
    }

    private static byte[] hmac(String secret, long unixSeconds, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret cannot be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            // Every Java platform has HmacSHA256, and any non-empty key is a valid HMAC key.
            throw new IllegalStateException(ALGORITHM + " is unavailable", impossible);
        }
    }
}
