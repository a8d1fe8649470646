package dev.scheduling.adapter.inmemory;

import dev.scheduling.application.port.out.IdentifierGenerator;
import dev.scheduling.domain.lock.ReservationToken;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Ids and tokens from the JDK's cryptographically strong generator. It needs no infrastructure, so
 * every mode uses it. Reservation tokens carry 256 random bits, URL-safe base64 without padding.
 */
public final class SecureRandomIdentifiers implements IdentifierGenerator {
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    @Override
    public String newId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public UUID newUuid() {
        return UUID.randomUUID();
    }

    @Override
    public ReservationToken newReservationToken() {
        return new ReservationToken(randomText());
    }

    /** {@code whsec_} and 256 random bits: the prefix tells a leaked secret apart in a scanner's report. */
    @Override
    public String newSecret() {
        return "whsec_" + randomText();
    }

    private String randomText() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
