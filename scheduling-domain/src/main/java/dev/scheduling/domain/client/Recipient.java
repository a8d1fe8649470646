package dev.scheduling.domain.client;

import dev.scheduling.domain.InvalidInputException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a client receives codes and notices: a phone number in E.164 form or an e-mail address,
 * normalised so that one person is one recipient ({@code ANA@Example.com} is {@code ana@example.com}).
 */
public record Recipient(Channel channel, String address) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    /** Deliberately plain: one @, no spaces, a dot in the domain; delivery is the real test. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]+");
    public static final int MAX_EMAIL_LENGTH = 254;

    public Recipient {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
    }

    public static Recipient phone(String number) {
        if (number == null || !E164.matcher(number).matches()) {
            throw InvalidInputException.of("phone", "must be a phone number in E.164 form, such as +5511999990000");
        }
        return new Recipient(Channel.SMS, number);
    }

    public static Recipient email(String address) {
        String normalised = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
        if (normalised.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(normalised).matches()) {
            throw InvalidInputException.of("email", "must be an e-mail address such as ana@example.com");
        }
        return new Recipient(Channel.EMAIL, normalised);
    }

    /** The API field this recipient came from: {@code phone} or {@code email}. */
    public String field() {
        return channel == Channel.SMS ? "phone" : "email";
    }

    @Override
    public String toString() {
        return channel + ":" + address;
    }
}
