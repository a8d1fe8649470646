package dev.scheduling.application.service;

import dev.scheduling.application.port.in.IdempotentRequestUseCase;
import dev.scheduling.application.port.out.IdempotencyStore;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Idempotency keys in the manner of the IETF draft and of payment APIs: the first request under a key
 * runs and its response is kept; a retry with the same request gets that response back; a concurrent
 * retry is refused until the first one finishes. A server error is not kept, so the client may retry.
 */
public final class IdempotencyService implements IdempotentRequestUseCase {
    /** Keys are kept at least this long (the contract says 24 hours). */
    public static final Duration RETENTION = Duration.ofHours(25);
    /** A claim without a response after this long belongs to a request that died. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(2);

    private final IdempotencyStore store;
    private final Clock clock;

    public IdempotencyService(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public StoredResponse execute(Request request, Supplier<StoredResponse> handler) {
        String key = request.scope() + " " + request.key();
        Instant now = Bookkeeping.now(clock);
        Optional<IdempotencyStore.Entry> existing = store.claim(key, request.fingerprint(), now, now.minus(STALE_CLAIM));
        if (existing.isPresent()) {
            return replay(existing.get(), request);
        }
        StoredResponse response;
        try {
            response = handler.get();
        } catch (RuntimeException | Error failure) {
            store.abandon(key, now);
            throw failure;
        }
        if (response.status() >= 500) {
            store.abandon(key, now);
        } else {
            store.complete(key, now, response);
        }
        return response;
    }

    /** Forgets keys past their retention; returns how many. */
    public int purgeExpired() {
        return store.purgeClaimedBefore(clock.instant().minus(RETENTION));
    }

    private static StoredResponse replay(IdempotencyStore.Entry entry, Request request) {
        if (!entry.fingerprint().equals(request.fingerprint())) {
            throw new RefusedException(Refusal.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used with another request");
        }
        return entry.response().orElseThrow(() -> new RefusedException(Refusal.IDEMPOTENCY_KEY_IN_PROGRESS,
                "a request with this Idempotency-Key is still being processed; retry shortly"));
    }
}
