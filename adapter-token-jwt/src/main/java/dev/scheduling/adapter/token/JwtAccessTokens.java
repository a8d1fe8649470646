package dev.scheduling.adapter.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.scheduling.application.port.out.AccessTokens;
import dev.scheduling.domain.client.ClientId;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Client access tokens as compact JWTs signed with HMAC-SHA256 (Nimbus JOSE + JWT). A token names its
 * client ({@code sub}), its issuer and audience, when it was issued and when it expires; it is accepted
 * only with the HS256 algorithm, a valid signature, the expected issuer and audience, before its
 * expiry and not before its {@code nbf} when it has one. Key hints in the header ({@code kid}, {@code jku},
 * {@code jwk}, {@code x5u}) are ignored: the one secret verifies every token. Nothing is stored: any
 * instance with the same secret verifies it.
 */
public final class JwtAccessTokens implements AccessTokens {
    public static final int MIN_SECRET_BYTES = 32;
    static final String ISSUER = "scheduling-service";
    static final String AUDIENCE = "scheduling-clients";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;

    public JwtAccessTokens(byte[] secret, Duration lifetime) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("an HS256 secret has at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (lifetime.isZero() || lifetime.isNegative()) {
            throw new IllegalArgumentException("a token must live some time");
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException unusable) {
            throw new IllegalArgumentException("the secret cannot sign HS256 tokens", unusable);
        }
        this.lifetime = lifetime;
    }

    @Override
    public IssuedToken issue(ClientId clientId, Instant now) {
        // JWT times are whole seconds: the token carries its expiry rounded down, and so is it reported.
        Instant expiresAt = now.plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(clientId.value())
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException impossible) {
            throw new IllegalStateException("signing failed", impossible);
        }
        return new IssuedToken(jwt.serialize(), expiresAt);
    }

    @Override
    public Optional<ClientId> verify(String token, Instant now) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            // RFC 7519 4.1.5: never before "nbf". This service issues none; a token with one is honoured.
            Date notBefore = claims.getNotBeforeTime();
            boolean valid = expiry != null && now.isBefore(expiry.toInstant())
                    && (notBefore == null || !now.isBefore(notBefore.toInstant()))
                    && ISSUER.equals(claims.getIssuer())
                    && claims.getAudience().contains(AUDIENCE)
                    && claims.getSubject() != null && !claims.getSubject().isBlank();
            return valid ? Optional.of(new ClientId(claims.getSubject())) : Optional.empty();
        } catch (ParseException | JOSEException | IllegalStateException malformed) {
            return Optional.empty();
        }
    }
}
