package dev.scheduling.application.port.in;

import dev.scheduling.application.port.out.StoredResponse;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a request at most once per {@code Idempotency-Key}: the same key with the same request gets
 * the first response again; the same key with another request is refused with
 * {@code idempotency_key_reused}; a request still running under the key, with
 * {@code idempotency_key_in_progress}.
 */
public interface IdempotentRequestUseCase {

    /**
     * Runs {@code handler} once for the key. A failure that {@code answerFor} turns into a 4xx response
     * (a refusal, invalid input) is an answer: the handler's changes are undone and the response kept,
     * so a retry gets it again. A 5xx response or any other failure keeps nothing: the key is free again
     * and the failure propagates (or the 5xx response is returned).
     */
    StoredResponse execute(Request request, Supplier<StoredResponse> handler,
                           Function<RuntimeException, StoredResponse> answerFor);

    /**
     * @param scope       what the key belongs to: the route, and the caller where there is one
     * @param key         the client's key
     * @param fingerprint a digest of the request, to tell a retry from another request
     */
    record Request(String scope, String key, String fingerprint) {
        public static final int MAX_KEY_LENGTH = 255;

        public Request {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }
}
