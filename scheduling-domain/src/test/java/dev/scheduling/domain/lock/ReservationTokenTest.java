package dev.scheduling.domain.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ReservationToken")
class ReservationTokenTest {

    @Test
    @DisplayName("128 random bits in URL-safe base64 without padding make a well-formed token")
    void base64UrlOf128Bits() {
        byte[] bits = new byte[16];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) (i * 37 - 100);
        }
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);

        assertThat(ReservationToken.isWellFormed(text)).isTrue();
        assertThat(new ReservationToken(text).value()).isEqualTo(text);
        assertThat(new ReservationToken(text)).hasToString(text);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "abcdefghijklmnop",                // 16 characters, the shortest
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
            "a-b_c-d_e-f_g-h_",
    })
    @DisplayName("URL-safe texts of 16 to 128 characters are well formed")
    void wellFormed(String text) {
        assertThat(ReservationToken.isWellFormed(text)).isTrue();
    }

    @Test
    @DisplayName("the length bounds are 16 and 128 characters")
    void lengthBounds() {
        assertThat(ReservationToken.isWellFormed("a".repeat(15))).isFalse();
        assertThat(ReservationToken.isWellFormed("a".repeat(16))).isTrue();
        assertThat(ReservationToken.isWellFormed("a".repeat(128))).isTrue();
        assertThat(ReservationToken.isWellFormed("a".repeat(129))).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {
            "abcdefghijklmno+",   // standard base64, not URL-safe
            "abcdefghijklmno/",
            "abcdefghijklmnop==", // padding
            "abcdefgh ijklmnop",  // space
            "abcdefghijklmnop\n", // trailing newline
            "abcdéfghijklmnop",   // non-ASCII letter
            "../../../etc/passwd",
    })
    @DisplayName("anything else is not well formed")
    void notWellFormed(String text) {
        assertThat(ReservationToken.isWellFormed(text)).isFalse();
    }

    @Test
    @DisplayName("a malformed text cannot become a token")
    void constructorRefusesMalformed() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReservationToken("short"));
        assertThatNullPointerException().isThrownBy(() -> new ReservationToken(null));
    }
}
