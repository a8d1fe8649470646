package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.OneTimeCodes;
import dev.scheduling.domain.client.Recipient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Six-digit codes from the JDK's strong generator, kept as HMAC-SHA256 of recipient and code under a
 * secret key: a leaked table of hashes cannot be brute-forced without the key, and the recipient in the
 * hash stops one code's hash from matching another recipient. Hashes are compared in constant time.
 */
public final class HmacOneTimeCodes implements OneTimeCodes {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    /** {@code key} should be at least 32 random bytes, shared by every instance. */
    public HmacOneTimeCodes(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the code-hashing key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    @Override
    public String newCode() {
        // Locale.ROOT: ASCII digits, which every keypad types, whatever the default locale (not ٠١٢ in ar-EG).
        return String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
    }

    @Override
    public String hash(Recipient recipient, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((recipient.channel() + ":" + recipient.address() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, impossible);
        }
    }

    @Override
    public boolean matches(String storedHash, Recipient recipient, String code) {
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(recipient, code).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
