package dev.scheduling.adapter.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** Checks {@code Authorization: Bearer <token>} against a secret in constant time. */
final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private final byte[] expectedDigest;

    BearerToken(String expected) {
        this.expectedDigest = sha256(expected);
    }

    /** Throws 401 {@code unauthorized} unless the request carries the token. */
    void require(Context ctx) {
        Optional<String> presented = presented(ctx);
        // Digests have one length whatever was sent, so the comparison time says nothing of the secret.
        if (presented.isEmpty() || !MessageDigest.isEqual(expectedDigest, sha256(presented.get()))) {
            throw HttpProblem.unauthorized();
        }
    }

    static Optional<String> presented(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(SCHEME.length()).trim());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
