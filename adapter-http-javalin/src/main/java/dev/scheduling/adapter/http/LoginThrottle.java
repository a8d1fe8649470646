package dev.scheduling.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The before-handler of the login routes: each request takes one from its client address's bucket, and
 * an address whose bucket is empty gets 429 {@code rate_limited} with {@code Retry-After}, before the
 * request is read. The address is the TCP peer's: {@code X-Forwarded-For} is written by the client and is
 * read only from the reverse proxies listed in {@code SCHEDULING_TRUSTED_PROXIES} ({@link TrustedProxies}).
 */
final class LoginThrottle {
    static final List<String> PATHS = List.of("/auth/login-client/request", "/auth/login-client/verify");

    private final AddressRateLimiter limiter;
    private final TrustedProxies proxies;

    LoginThrottle(AddressRateLimiter limiter, TrustedProxies proxies) {
        this.limiter = limiter;
        this.proxies = proxies;
    }

    void check(Context ctx) {
        if (ctx.method() != HandlerType.POST) {
            return; // another method is a 405 that reaches no use case
        }
        Optional<Duration> wait = limiter.acquire(
                proxies.clientAddress(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For")));
        if (wait.isPresent()) {
            // RFC 9110: whole seconds, rounded up so that a client retrying then is not early.
            ctx.header("Retry-After", Long.toString(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
            throw new HttpProblem(429, "rate_limited",
                    "too many login requests from this address; retry after the time in Retry-After");
        }
    }
}
