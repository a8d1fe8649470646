package dev.scheduling.domain.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.domain.InvalidInputException;
import dev.scheduling.domain.Violation;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Recipient: a phone in E.164 form or a normalised e-mail address")
class RecipientTest {

    @Nested
    @DisplayName("phone")
    class Phone {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"+5511999990000", "+14155552671", "+442071838750", "+12345678", "+123456789012345"})
        @DisplayName("an E.164 number (a plus, a non-zero first digit, 8 to 15 digits) is accepted as it is")
        void accepted(String number) {
            Recipient recipient = Recipient.phone(number);

            assertThat(recipient.channel()).isEqualTo(Channel.SMS);
            assertThat(recipient.address()).isEqualTo(number);
            assertThat(recipient.field()).isEqualTo("phone");
            assertThat(recipient).hasToString("SMS:" + number);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @NullAndEmptySource
        @ValueSource(strings = {"5511999990000", "+0511999990000", "+1234567", "+1234567890123456",
                "+55 11 99999 0000", "+55(11)999990000", "+55-11-99999-0000", " +5511999990000", "+5511999990000 ",
                "+5511999990000\n", "++5511999990000", "+551199999000a", "00551199999000"})
        @DisplayName("anything else is refused as invalid input on the field phone")
        void refused(String number) {
            assertRefusedOn("phone", () -> Recipient.phone(number));
        }

        @Test
        @DisplayName("the same number is the same recipient")
        void equality() {
            assertThat(Recipient.phone("+5511999990000")).isEqualTo(Recipient.phone("+5511999990000"))
                    .isNotEqualTo(Recipient.phone("+5511999990001"));
        }
    }

    @Nested
    @DisplayName("email")
    class Email {
        @Test
        @DisplayName("an address is trimmed and lower-cased, so that one person is one recipient")
        void normalised() {
            Recipient recipient = Recipient.email("  Ana.Silva+Booking@Example.COM ");

            assertThat(recipient.channel()).isEqualTo(Channel.EMAIL);
            assertThat(recipient.address()).isEqualTo("ana.silva+booking@example.com");
            assertThat(recipient.field()).isEqualTo("email");
            assertThat(recipient).hasToString("EMAIL:ana.silva+booking@example.com");
        }

        @Test
        @DisplayName("ANA@Example.com and ana@example.com are the same recipient")
        void caseInsensitive() {
            assertThat(Recipient.email("ANA@Example.com")).isEqualTo(Recipient.email("ana@example.com"));
        }

        @Test
        @DisplayName("lower-casing does not depend on the default locale (a Turkish JVM keeps the dotted i)")
        void localeIndependent() {
            Locale before = Locale.getDefault();
            try {
                Locale.setDefault(Locale.forLanguageTag("tr-TR"));
                assertThat(Recipient.email("TITO@EXAMPLE.IO").address()).isEqualTo("tito@example.io");
            } finally {
                Locale.setDefault(before);
            }
        }

        @Test
        @DisplayName("a local part of 64 characters and an address of 254 characters are accepted")
        void longestAccepted() {
            String local = "a".repeat(64);
            assertThat(Recipient.email(local + "@example.com").address()).isEqualTo(local + "@example.com");

            String domain = "d".repeat(254 - 64 - 1 - 4) + ".com";
            String longest = local + "@" + domain;
            assertThat(longest).hasSize(Recipient.MAX_EMAIL_LENGTH);
            assertThat(Recipient.email(longest).address()).isEqualTo(longest);
        }

        @Test
        @DisplayName("a local part over 64 characters or an address over 254 characters is refused")
        void tooLong() {
            assertRefusedOn("email", () -> Recipient.email("a".repeat(65) + "@example.com"));
            String domain = "d".repeat(254 - 64 - 1 - 4 + 1) + ".com";
            assertRefusedOn("email", () -> Recipient.email("a".repeat(64) + "@" + domain));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "ana", "ana@", "@example.com", "ana@example", "ana@example.", "ana@.com",
                "ana @example.com", "ana@exa mple.com", "ana@@example.com", "ana@b@example.com", "ana@example.com.",
                "+5511999990000"})
        @DisplayName("anything that is not an address is refused as invalid input on the field email")
        void refused(String address) {
            assertRefusedOn("email", () -> Recipient.email(address));
        }
    }

    @Test
    @DisplayName("a phone and an e-mail never collide, even with the same text")
    void channelsDiffer() {
        assertThat(new Recipient(Channel.SMS, "x")).isNotEqualTo(new Recipient(Channel.EMAIL, "x"));
    }

    private static void assertRefusedOn(String field, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class, invalid ->
                assertThat(invalid.violations()).extracting(Violation::field).containsExactly(field));
    }
}
