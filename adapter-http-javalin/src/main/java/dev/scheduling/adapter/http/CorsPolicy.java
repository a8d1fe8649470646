package dev.scheduling.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access to the API routes, for the pages of the origins in {@code SCHEDULING_CORS_ORIGINS}
 * only (none by default). The booking page is same-origin and needs none of this; it is for a business
 * that calls the API from its own site. Operations, development and documentation routes, and the page
 * itself, never answer cross-origin. A request from any other origin is handled exactly as before: no
 * CORS header, so the browser keeps the answer from the calling page.
 * <p>
 * No cookies are involved (clients send a bearer token), so credentials are never allowed.
 */
final class CorsPolicy {
    /** The path prefixes of the API routes (the contract of API.md, less operations and development). */
    private static final List<String> API_PREFIXES = List.of("/units", "/slots/", "/auth/", "/appointments",
            "/clients/");
    static final String ALLOWED_METHODS = "GET, POST, PATCH";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";
    static final String EXPOSED_HEADERS = "Retry-After, WWW-Authenticate, Date";
    static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;

    CorsPolicy(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /**
     * Before every request: the CORS headers on an API route called from a listed origin, and the
     * answer to its preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}), 204, which ends
     * the request there: every later handler is skipped, the after-handlers too. True when it answered.
     */
    boolean apply(Context ctx) {
        if (origins.isEmpty() || !isApiRoute(ctx.path())) {
            return false;
        }
        ctx.header("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (origin == null || !origins.contains(origin)) {
            return false;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
            ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
            ctx.status(204);
            ctx.skipRemainingHandlers();
            return true;
        }
        ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        return false;
    }

    static boolean isApiRoute(String path) {
        return API_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
