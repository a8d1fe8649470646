package dev.scheduling.adapter.http;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The request target as Javalin will read it: a path whose percent-encoding {@link URLDecoder} cannot
 * decode (a lone {@code %}, {@code %zz}, {@code %u0041}) would fail while Javalin extracts the path
 * parameters, as an unexpected failure; it is refused first, as the client's mistake.
 */
final class RequestTargets {

    private RequestTargets() {
    }

    /** Throws 400 {@code bad_request} unless the path decodes the way Javalin decodes path parameters. */
    static void requireDecodablePath(Context ctx) {
        String path = ctx.req().getRequestURI();
        if (path == null || path.indexOf('%') < 0) {
            return;
        }
        try {
            URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new HttpProblem(400, "bad_request", "the path has a malformed percent-encoding");
        }
    }
}
