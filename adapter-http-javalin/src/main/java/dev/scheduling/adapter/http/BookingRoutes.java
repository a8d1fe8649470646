package dev.scheduling.adapter.http;

import dev.scheduling.application.port.out.StoredResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The client's booking page, {@code GET /book/{unitId}}: static HTML, CSS and JavaScript modules from this
 * jar ({@code src/main/resources/booking/}), no build step, no framework. The page talks to the API routes
 * of the same origin, as any client would.
 * <p>
 * The page is served whatever the unit id: the script asks {@code GET /units/{unitId}} and shows a
 * friendly not-found view on its 404 {@code unit_not_found}. So the page stays a static document (cacheable,
 * no storage call per view) and the API stays the one judge of what exists (ADR 0011).
 * <p>
 * Every response of the page carries a Content-Security-Policy that allows only this origin's scripts,
 * styles and API, and lets only {@code frame-ancestors} (from {@code SCHEDULING_FRAME_ANCESTORS}) frame it.
 */
final class BookingRoutes {
    static final String ASSET_PREFIX = "/book/assets/";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String JS = "text/javascript; charset=utf-8";
    /** Every asset the page loads, and its media type; nothing else under /book/assets/ is served. */
    static final Map<String, String> ASSETS = Map.of(
            "booking.css", CSS,
            "booking.js", JS,
            "api.js", JS,
            "messages.js", JS);

    private final byte[] page;
    private final Map<String, byte[]> assets;
    private final String contentSecurityPolicy;

    BookingRoutes(List<String> frameAncestors) {
        this.page = read("index.html");
        this.assets = Map.copyOf(ASSETS.keySet().stream()
                .collect(java.util.stream.Collectors.toMap(name -> name, BookingRoutes::read)));
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
                + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors "
                + String.join(" ", frameAncestors);
    }

    /** {@code GET /book/{unitId}}: the page; its script reads the unit id from the address. */
    StoredResponse page(Context ctx) {
        secure(ctx);
        return new StoredResponse(200, HTML, page);
    }

    /** {@code GET /book/assets/<name>}, one route per asset. */
    StoredResponse asset(Context ctx, String name) {
        secure(ctx);
        return new StoredResponse(200, ASSETS.get(name), assets.get(name));
    }

    private void secure(Context ctx) {
        ctx.header("Content-Security-Policy", contentSecurityPolicy);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        // Small files that change with each release: revalidated, never served stale after an upgrade.
        ctx.header("Cache-Control", "no-cache");
    }

    private static byte[] read(String name) {
        try (InputStream in = BookingRoutes.class.getResourceAsStream("/booking/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/booking/" + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
