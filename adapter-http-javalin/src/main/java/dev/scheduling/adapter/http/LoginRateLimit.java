package dev.scheduling.adapter.http;

/**
 * The limit on the login routes per client address: a token bucket of {@code burst} requests, refilled at
 * {@code perSecond} requests a second. A legitimate client asks for a code and verifies it, a few requests;
 * the limit is for a script that tries codes or recipients by the thousand from one address.
 *
 * @param burst     requests an address may make at once, after it was quiet for a while
 * @param perSecond requests an address may make each second, sustained
 */
public record LoginRateLimit(int burst, int perSecond) {
    /**
     * The default, 20 a second after a burst of 600: far above any person, and above a test client that logs
     * in hundreds of times in a row (this project's HTTP suites peak at about 110 login requests in a second
     * and 360 in ten); far below a script that sprays guesses (ADR 0013).
     */
    public static final LoginRateLimit DEFAULT = new LoginRateLimit(600, 20);

    public LoginRateLimit {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("a rate limit needs a burst and a rate of at least 1, got "
                    + burst + " and " + perSecond);
        }
    }
}
