package dev.scheduling.adapter.http;

import dev.scheduling.application.port.in.IdempotentRequestUseCase;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.InvalidInputException;
import io.javalin.http.Context;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header: with a key, a retry of the same request gets the first response
 * again; without one, the request simply runs. The body is read here once and handed to the handler.
 */
final class IdempotentRequests {
    static final String HEADER = "Idempotency-Key";
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotentRequestUseCase idempotency;

    IdempotentRequests(IdempotentRequestUseCase idempotency) {
        this.idempotency = idempotency;
    }

    /** Runs {@code handler} on the body at most once per key within {@code scope} (the route, and the caller). */
    StoredResponse run(Context ctx, String scope, Function<byte[], StoredResponse> handler) {
        String key = ctx.header(HEADER);
        byte[] body = RequestBodies.bytes(ctx);
        if (key == null) {
            return handler.apply(body);
        }
        if (!VISIBLE_ASCII.matcher(key).matches()) {
            throw InvalidInputException.of(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        var request = new IdempotentRequestUseCase.Request(scope, key, Json.fingerprint(body));
        // A refusal or a 400 is an answer too, and a retry gets it again; a 5xx is not kept.
        return idempotency.execute(request, () -> handler.apply(body), Problems::of);
    }
}
