package dev.scheduling.adapter.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.scheduling.application.port.out.AccessTokens.IssuedToken;
import dev.scheduling.domain.client.ClientId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtAccessTokensTest {
    private static final byte[] SECRET = "a-test-secret-of-more-than-32-bytes!".getBytes(StandardCharsets.UTF_8);
    private static final Duration LIFETIME = Duration.ofHours(1);
    /** With milliseconds on purpose: JWT times are whole seconds. */
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00.250Z");
    private static final ClientId CLIENT = new ClientId("client-" + UUID.randomUUID());

    private final JwtAccessTokens tokens = new JwtAccessTokens(SECRET, LIFETIME);

    // ---- issue and verify

    @Test
    void an_issued_token_verifies_to_its_client() {
        IssuedToken issued = tokens.issue(CLIENT, NOW);

        assertThat(issued.token()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(tokens.verify(issued.token(), NOW)).contains(CLIENT);
        assertThat(tokens.verify(issued.token(), NOW.plus(Duration.ofMinutes(59)))).contains(CLIENT);
    }

    @Test
    void another_instance_with_the_same_secret_verifies_the_token() {
        IssuedToken issued = tokens.issue(CLIENT, NOW);

        assertThat(new JwtAccessTokens(SECRET.clone(), Duration.ofMinutes(5)).verify(issued.token(), NOW))
                .contains(CLIENT);
    }

    @Test
    void the_token_carries_the_documented_claims_and_an_hs256_header() throws Exception {
        IssuedToken issued = tokens.issue(CLIENT, NOW);

        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(CLIENT.value());
        assertThat(claims.getIssuer()).isEqualTo(JwtAccessTokens.ISSUER);
        assertThat(claims.getAudience()).containsExactly(JwtAccessTokens.AUDIENCE);
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().toInstant()).isAfter(NOW.plus(LIFETIME).minusSeconds(1));
    }

    @Test
    void every_token_has_its_own_id() throws Exception {
        String first = SignedJWT.parse(tokens.issue(CLIENT, NOW).token()).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(tokens.issue(CLIENT, NOW).token()).getJWTClaimsSet().getJWTID();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void the_expiry_reported_is_the_one_the_token_carries() throws Exception {
        IssuedToken issued = tokens.issue(CLIENT, NOW);

        Instant carried = SignedJWT.parse(issued.token()).getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(issued.expiresAt()).isEqualTo(carried);
        assertThat(issued.expiresAt()).isBetween(NOW.plus(LIFETIME).minusSeconds(1), NOW.plus(LIFETIME));
    }

    // ---- expiry

    @Test
    void a_token_is_valid_until_just_before_its_expiry_and_refused_at_it_and_after() {
        IssuedToken issued = tokens.issue(CLIENT, NOW);

        assertThat(tokens.verify(issued.token(), issued.expiresAt().minusMillis(1))).contains(CLIENT);
        assertThat(tokens.verify(issued.token(), issued.expiresAt())).isEmpty();
        assertThat(tokens.verify(issued.token(), issued.expiresAt().plusMillis(1))).isEmpty();
        assertThat(tokens.verify(issued.token(), NOW.plus(LIFETIME))).isEmpty();
        assertThat(tokens.verify(issued.token(), NOW.plus(Duration.ofDays(365)))).isEmpty();
    }

    @Test
    void a_token_without_an_expiry_is_refused() throws Exception {
        String token = signedWith(SECRET, JWSAlgorithm.HS256, claims().expirationTime(null).build());

        assertThat(tokens.verify(token, NOW)).isEmpty();
    }

    @Test
    void a_token_expiring_in_the_far_future_but_otherwise_valid_is_accepted() throws Exception {
        // The check is the signature: a token the service did not sign cannot claim a long life.
        String token = signedWith(SECRET, JWSAlgorithm.HS256,
                claims().expirationTime(Date.from(NOW.plus(Duration.ofDays(3650)))).build());

        assertThat(tokens.verify(token, NOW)).contains(CLIENT);
    }

    // ---- signature and algorithm

    @Test
    void a_token_signed_with_another_secret_is_refused() throws Exception {
        byte[] other = "another-secret-of-more-than-32-bytes".getBytes(StandardCharsets.UTF_8);
        String forged = new JwtAccessTokens(other, LIFETIME).issue(CLIENT, NOW).token();

        assertThat(tokens.verify(forged, NOW)).isEmpty();
        assertThat(tokens.verify(signedWith(other, JWSAlgorithm.HS256, claims().build()), NOW)).isEmpty();
    }

    @Test
    void a_token_whose_payload_was_changed_is_refused() {
        String token = tokens.issue(CLIENT, NOW).token();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = payload.replace(CLIENT.value(), "someone-else");
        assertThat(tampered).isNotEqualTo(payload);

        String forged = parts[0] + "." + base64Url(tampered) + "." + parts[2];

        assertThat(tokens.verify(forged, NOW)).isEmpty();
    }

    @Test
    void a_token_whose_signature_was_changed_or_removed_is_refused() {
        String token = tokens.issue(CLIENT, NOW).token();
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[0] ^= 1;

        assertThat(tokens.verify(parts[0] + "." + parts[1] + "." + base64Url(signature), NOW)).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + parts[1] + ".", NOW)).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + parts[1], NOW)).isEmpty();
    }

    @Test
    void an_unsigned_token_with_alg_none_is_refused() {
        PlainJWT unsigned = new PlainJWT(claims().build());

        assertThat(tokens.verify(unsigned.serialize(), NOW)).isEmpty();
        String[] parts = tokens.issue(CLIENT, NOW).token().split("\\.");
        for (String none : List.of("none", "None", "NONE")) {
            String header = base64Url("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}");
            assertThat(tokens.verify(header + "." + parts[1] + ".", NOW)).as(none).isEmpty();
            assertThat(tokens.verify(header + "." + parts[1] + "." + parts[2], NOW)).as(none).isEmpty();
        }
    }

    @Test
    void a_token_signed_with_rs256_is_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims().build());
        jwt.sign(new RSASSASigner(pair.getPrivate()));

        assertThat(tokens.verify(jwt.serialize(), NOW)).isEmpty();
    }

    @Test
    void an_hs256_signature_under_another_algorithm_name_is_refused() {
        String[] parts = tokens.issue(CLIENT, NOW).token().split("\\.");
        for (String alg : List.of("RS256", "HS384", "HS512", "ES256", "PS256", "hs256")) {
            String header = base64Url("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
            assertThat(tokens.verify(header + "." + parts[1] + "." + parts[2], NOW)).as(alg).isEmpty();
        }
    }

    @Test
    void a_token_signed_with_the_right_secret_but_hs512_or_hs384_is_refused() throws Exception {
        byte[] longSecret = new byte[64];
        new SecureRandom().nextBytes(longSecret);
        JwtAccessTokens verifier = new JwtAccessTokens(longSecret, LIFETIME);
        assertThat(verifier.verify(signedWith(longSecret, JWSAlgorithm.HS256, claims().build()), NOW))
                .as("the same claims under HS256 pass").contains(CLIENT);

        assertThat(verifier.verify(signedWith(longSecret, JWSAlgorithm.HS512, claims().build()), NOW)).isEmpty();
        assertThat(verifier.verify(signedWith(longSecret, JWSAlgorithm.HS384, claims().build()), NOW)).isEmpty();
    }

    @Test
    void a_token_with_a_critical_header_parameter_is_refused() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .criticalParams(java.util.Set.of("exp-check"))
                .customParam("exp-check", true)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims().build());
        jwt.sign(new MACSigner(SECRET));

        assertThat(tokens.verify(jwt.serialize(), NOW)).isEmpty();
    }

    @Test
    void keys_named_or_embedded_in_the_header_are_never_used_only_the_secret_is() throws Exception {
        byte[] attackersKey = "the-attacker-s-own-hmac-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);
        OctetSequenceKey attackersJwk = new OctetSequenceKey.Builder(attackersKey).keyID("attacker").build();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey attackersRsa = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) pair.getPublic()).build();
        List<JWSHeader> tricks = List.of(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("../../../../dev/null").build(),
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("attacker").jwkURL(URI.create("https://evil.example/jwks.json")).build(),
                new JWSHeader.Builder(JWSAlgorithm.HS256).x509CertURL(URI.create("https://evil.example/cert.pem")).build());
        for (JWSHeader header : tricks) {
            SignedJWT forged = new SignedJWT(header, claims().build());
            forged.sign(new MACSigner(attackersKey));
            assertThat(tokens.verify(forged.serialize(), NOW)).as("signed with the key the header points to: %s", header)
                    .isEmpty();

            SignedJWT genuine = new SignedJWT(header, claims().build());
            genuine.sign(new MACSigner(SECRET));
            assertThat(tokens.verify(genuine.serialize(), NOW)).as("the header's key hints change nothing: %s", header)
                    .contains(CLIENT);
        }
        // An HS256 header that embeds the attacker's own key (RFC 7515 "jwk"): a JOSE library that trusted it
        // would verify anything. Nimbus refuses to put a symmetric key there, so the header is written by hand.
        String embedded = base64Url("{\"alg\":\"HS256\",\"jwk\":" + attackersJwk.toJSONString() + "}");
        String payload = base64Url(claims().build().toString());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(attackersKey, "HmacSHA256"));
        String signature = base64Url(mac.doFinal((embedded + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        assertThat(tokens.verify(embedded + "." + payload + "." + signature, NOW)).isEmpty();
        // RS256 with the attacker's public key in the header, signed with its private key.
        SignedJWT rsa = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(attackersRsa).build(), claims().build());
        rsa.sign(new RSASSASigner(pair.getPrivate()));
        assertThat(tokens.verify(rsa.serialize(), NOW)).isEmpty();
    }

    @Test
    void rs_hs_confusion_has_no_public_key_to_abuse_an_hmac_under_any_public_key_is_refused() throws Exception {
        // The classic confusion signs HS256 with the server's RSA public key; this service has none, and an
        // HMAC under any key but the secret fails, whatever key material an attacker picks.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] publicKey = generator.generateKeyPair().getPublic().getEncoded();
        assertThat(tokens.verify(signedWith(publicKey, JWSAlgorithm.HS256, claims().build()), NOW)).isEmpty();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(publicKey) + "\n-----END PUBLIC KEY-----\n";
        assertThat(tokens.verify(signedWith(pem.getBytes(StandardCharsets.US_ASCII), JWSAlgorithm.HS256, claims().build()),
                NOW)).isEmpty();
    }

    @Test
    void an_encrypted_token_is_refused() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        EncryptedJWT encrypted = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), claims().build());
        encrypted.encrypt(new DirectEncrypter(key));

        assertThat(tokens.verify(encrypted.serialize(), NOW)).isEmpty();
    }

    @Test
    void a_token_not_valid_before_a_later_time_is_refused_until_then() throws Exception {
        String notYet = signedWith(SECRET, JWSAlgorithm.HS256, claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build());

        assertThat(tokens.verify(notYet, NOW)).isEmpty();
        assertThat(tokens.verify(notYet, NOW.plusSeconds(60))).contains(CLIENT);
        assertThat(tokens.verify(signedWith(SECRET, JWSAlgorithm.HS256,
                claims().notBeforeTime(Date.from(NOW.minusSeconds(1))).build()), NOW)).contains(CLIENT);
    }

    // ---- claims

    @Test
    void a_wrong_issuer_is_refused() throws Exception {
        assertThat(tokens.verify(signedWith(SECRET, JWSAlgorithm.HS256, claims().issuer("someone-else").build()),
                NOW)).isEmpty();
        assertThat(tokens.verify(signedWith(SECRET, JWSAlgorithm.HS256, claims().issuer(null).build()), NOW))
                .isEmpty();
    }

    @Test
    void a_wrong_audience_is_refused() throws Exception {
        assertThat(tokens.verify(signedWith(SECRET, JWSAlgorithm.HS256, claims().audience("admins").build()),
                NOW)).isEmpty();
        assertThat(tokens.verify(signedWith(SECRET, JWSAlgorithm.HS256,
                claims().audience((String) null).build()), NOW)).isEmpty();
        assertThat(tokens.verify(signedWith(SECRET, JWSAlgorithm.HS256,
                claims().audience(List.of("admins", JwtAccessTokens.AUDIENCE)).build()), NOW))
                .as("one of several audiences is enough").contains(CLIENT);
    }

    @Test
    void a_token_without_a_subject_is_refused() throws Exception {
        assertThat(tokens.verify(signedWith(SECRET, JWSAlgorithm.HS256, claims().subject(null).build()), NOW))
                .isEmpty();
        assertThat(tokens.verify(signedWith(SECRET, JWSAlgorithm.HS256, claims().subject(" ").build()), NOW))
                .isEmpty();
    }

    static Stream<String> oddPayloads() {
        String valid = "\"iss\":\"" + JwtAccessTokens.ISSUER + "\",\"aud\":\"" + JwtAccessTokens.AUDIENCE + "\"";
        long exp = NOW.plusSeconds(600).getEpochSecond();
        return Stream.of(
                "[]",
                "\"a string\"",
                "42",
                "null",
                "{",
                "{}",
                "{" + valid + ",\"sub\":\"c\",\"exp\":\"tomorrow\"}",
                "{" + valid + ",\"sub\":\"c\",\"exp\":1e400}",
                "{" + valid + ",\"sub\":\"c\",\"exp\":99999999999999999999999999}",
                "{" + valid + ",\"sub\":\"c\",\"exp\":-99999999999999999999}",
                "{" + valid + ",\"sub\":\"c\",\"exp\":" + exp + ".5e300}",
                "{" + valid + ",\"sub\":{\"id\":\"c\"},\"exp\":" + exp + "}",
                "{" + valid + ",\"sub\":[\"c\"],\"exp\":" + exp + "}",
                "{\"iss\":42,\"aud\":\"" + JwtAccessTokens.AUDIENCE + "\",\"sub\":\"c\",\"exp\":" + exp + "}",
                "{\"iss\":\"" + JwtAccessTokens.ISSUER + "\",\"aud\":42,\"sub\":\"c\",\"exp\":" + exp + "}",
                "{\"iss\":\"" + JwtAccessTokens.ISSUER + "\",\"aud\":[42,{}],\"sub\":\"c\",\"exp\":" + exp + "}",
                "{" + valid + ",\"sub\":\"c\",\"exp\":" + exp + ",\"iat\":\"now\"}",
                "{" + valid + ",\"sub\":\"c\",\"exp\":" + exp + ",\"nbf\":[1]}",
                "{" + valid + ",\"sub\":\"c\",\"exp\":" + exp + ",\"sub\":\"d\"}",
                "{" + valid + ",\"sub\":\"c\",\"exp\":" + exp + ",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000)
                        + "}");
    }

    @ParameterizedTest
    @MethodSource("oddPayloads")
    void a_well_signed_token_with_an_odd_payload_is_refused_without_throwing(String payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                new Payload(payload));
        jws.sign(new MACSigner(SECRET));
        String token = jws.serialize();

        assertThatCode(() -> tokens.verify(token, NOW)).doesNotThrowAnyException();
        assertThat(tokens.verify(token, NOW)).isEmpty();
    }

    // ---- garbage

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "..", "...", "a.b.c", "a.b", "abc", "Bearer x", "eyJ.eyJ.eyJ",
            "%%%.%%%.%%%", "e30.e30.", "e30.e30.e30", "e30..", "..e30", "a.b.c.d.e", "\u0000\u0000", "ÿÿÿ.ÿÿÿ.ÿÿÿ",
            "null", "{\"alg\":\"HS256\"}"})
    void garbage_is_refused(String garbage) {
        assertThat(tokens.verify(garbage, NOW)).isEmpty();
    }

    @Test
    void null_is_refused() {
        assertThat(tokens.verify(null, NOW)).isEmpty();
    }

    @Test
    void very_long_strings_are_refused() {
        assertThat(tokens.verify("a".repeat(100_000), NOW)).isEmpty();
        assertThat(tokens.verify("a".repeat(5_000) + "." + "b".repeat(5_000) + "." + "c".repeat(5_000), NOW))
                .isEmpty();
        String valid = tokens.issue(CLIENT, NOW).token();
        assertThat(tokens.verify(valid + "a".repeat(1_000_000), NOW)).isEmpty();
    }

    @Test
    void a_well_signed_token_over_the_length_limit_is_refused() throws Exception {
        String big = signedWith(SECRET, JWSAlgorithm.HS256, claims().claim("padding", "p".repeat(5_000)).build());
        assertThat(big.length()).isGreaterThan(4096);

        assertThat(tokens.verify(big, NOW)).isEmpty();
    }

    @Test
    void random_bytes_shaped_like_a_token_are_refused_without_throwing() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            String token = randomSegment(random) + "." + randomSegment(random) + "." + randomSegment(random);
            assertThatCode(() -> assertThat(tokens.verify(token, NOW)).isEmpty()).as(token)
                    .doesNotThrowAnyException();
        }
    }

    // ---- construction

    @Test
    void a_secret_shorter_than_32_bytes_is_refused_at_construction() {
        assertThatThrownBy(() -> new JwtAccessTokens(new byte[31], LIFETIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
        assertThatThrownBy(() -> new JwtAccessTokens(new byte[0], LIFETIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtAccessTokens("short".getBytes(StandardCharsets.UTF_8), LIFETIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new JwtAccessTokens(new byte[32], LIFETIME)).doesNotThrowAnyException();
    }

    @Test
    void a_lifetime_that_is_not_positive_is_refused_at_construction() {
        assertThatThrownBy(() -> new JwtAccessTokens(SECRET, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtAccessTokens(SECRET, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_issued_token_prints_without_its_secret_part() {
        IssuedToken issued = tokens.issue(CLIENT, NOW);

        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    // ---- helpers

    /** The claims the service itself would issue, to vary one at a time. */
    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .subject(CLIENT.value())
                .issuer(JwtAccessTokens.ISSUER)
                .audience(JwtAccessTokens.AUDIENCE)
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String signedWith(byte[] secret, JWSAlgorithm algorithm, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String base64Url(String text) {
        return base64Url(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String randomSegment(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            // Sometimes a JSON-looking segment, so that the parser gets past base64.
            return base64Url("{\"alg\":\"HS256\",\"x\":" + random.nextInt() + "}");
        }
        return base64Url(bytes);
    }
}
