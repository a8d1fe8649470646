package dev.scheduling.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.domain.InvalidInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;

/**
 * Reads a request body with a hard limit, whether or not the client declared its length, and only
 * as JSON: other media types are refused with 415 rather than guessed at.
 */
final class RequestBodies {
    static final int MAX_BYTES = 64 * 1024;
    /**
     * Up to this much of a refused body is read and dropped before the 413, so that a client still
     * sending gets the answer instead of a connection reset; a larger body has the connection cut.
     */
    private static final long SWALLOW_BYTES = 1024 * 1024;

    private RequestBodies() {
    }

    static ObjectNode jsonObject(Context ctx) {
        return Json.parseObject(bytes(ctx));
    }

    static byte[] bytes(Context ctx) {
        // The raw header: the servlet's getContentType() throws on a charset the JVM does not know.
        String type = ctx.header("Content-Type");
        if (type != null && !isJson(type)) {
            throw new HttpProblem(415, "unsupported_media_type", "send the body as application/json");
        }
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = new MinimumRateInput(ctx.req().getInputStream(), ServerLimits.MIN_REQUEST_BYTES_PER_SECOND,
                ServerLimits.SLOW_BODY_GRACE, System::nanoTime)) {
            if (declared > MAX_BYTES) {
                if (declared <= SWALLOW_BYTES) {
                    swallow(in);
                }
                throw tooLarge();
            }
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                swallow(in);
                throw tooLarge();
            }
            return body;
        } catch (IOException unreadable) {
            throw InvalidInputException.of("body", "could not be read");
        } catch (HttpException.RuntimeException refused) {
            // Jetty's own refusal of the body while it is read (a framing error).
            throw new HttpProblem(400, "bad_request", "the body could not be read");
        }
    }

    /** Best effort: the answer is a 413 whether or not the rest of the body arrives. */
    private static void swallow(InputStream in) {
        byte[] buffer = new byte[8192];
        long left = SWALLOW_BYTES;
        try {
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= read;
            }
        } catch (IOException | HttpException.RuntimeException | HttpProblem gone) {
            // the client stopped sending, or sends too slowly; it still gets the 413 if it listens
        }
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static HttpProblem tooLarge() {
        return new HttpProblem(413, "payload_too_large", "the body exceeds " + MAX_BYTES + " bytes");
    }
}
