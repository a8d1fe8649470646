package dev.scheduling.application.port.out;

import dev.scheduling.domain.client.Recipient;

/** Makes one-time codes and keeps only keyed hashes of them. */
public interface OneTimeCodes {

    /** A new 6-digit code from a cryptographically secure generator. */
    String newCode();

    /** A keyed hash of the code for that recipient: what is stored instead of the code. */
    String hash(Recipient recipient, String code);

    /** Whether the code hashes to {@code storedHash} for that recipient, compared in constant time. */
    boolean matches(String storedHash, Recipient recipient, String code);
}
