package dev.scheduling.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.scheduling.domain.client.Recipient;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Six-digit codes kept as keyed hashes of recipient and code, compared in constant time. */
class HmacOneTimeCodesTest {
    private static final Recipient ANA = Recipient.phone("+5511999990000");
    private static final Recipient BIA = Recipient.email("bia@example.com");

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    private final HmacOneTimeCodes codes = new HmacOneTimeCodes(key(1));

    @Test
    void codesAreSixAsciiDigitsAndVary() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String code = codes.newCode();
            assertThat(code).matches("[0-9]{6}");
            seen.add(code);
        }
        assertThat(seen).as("a secure generator hardly repeats itself in 1000 draws").hasSizeGreaterThan(990);
    }

    @ParameterizedTest(name = "default locale {0}")
    @ValueSource(strings = {"ar-EG", "fa-IR", "th-TH-u-nu-thai", "mr-IN"})
    void codesAreAsciiDigitsWhateverTheDefaultLocale(String languageTag) {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag(languageTag));
            for (int i = 0; i < 50; i++) {
                assertThat(codes.newCode()).as("a code a client can type on any keypad").matches("[0-9]{6}");
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void theRightCodeMatchesItsHashForItsRecipientOnly() {
        String hash = codes.hash(ANA, "123456");

        assertThat(codes.matches(hash, ANA, "123456")).isTrue();
        assertThat(codes.matches(hash, ANA, "123457")).isFalse();
        assertThat(codes.matches(hash, BIA, "123456")).as("a hash does not carry over to another recipient").isFalse();
        assertThat(codes.matches(hash, ANA, "")).isFalse();
    }

    @Test
    void theHashIsKeyedAndNeverContainsTheCode() {
        String hash = codes.hash(ANA, "123456");
        HmacOneTimeCodes otherKey = new HmacOneTimeCodes(key(2));

        assertThat(hash).doesNotContain("123456").matches("[0-9a-f]{64}");
        assertThat(codes.hash(ANA, "123456")).as("deterministic under one key").isEqualTo(hash);
        assertThat(otherKey.hash(ANA, "123456")).isNotEqualTo(hash);
        assertThat(otherKey.matches(hash, ANA, "123456")).as("codes sent under another key do not verify").isFalse();
        assertThat(codes.hash(BIA, "123456")).isNotEqualTo(hash);
    }

    @Test
    void aKeyHasAtLeast32Bytes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HmacOneTimeCodes(new byte[31]));
    }

    @Test
    void theKeyIsCopiedSoThatTheCallerCannotChangeItAfterwards() {
        byte[] key = key(3);
        HmacOneTimeCodes keyed = new HmacOneTimeCodes(key);
        String hash = keyed.hash(ANA, "123456");

        key[0] ^= 0x7f;

        assertThat(keyed.matches(hash, ANA, "123456")).isTrue();
    }
}
