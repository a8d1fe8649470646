package dev.scheduling.application.service;

import dev.scheduling.application.port.in.IdempotentRequestUseCase;
import dev.scheduling.application.port.out.IdempotencyStore;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.application.port.out.UnitOfWork;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idempotency keys in the manner of the IETF draft and of payment APIs: the first request under a key
 * runs and its response is kept; a retry with the same request gets that response back. The key is
 * claimed, the command run and its response recorded in ONE unit of work: a request whose process dies
 * anywhere in between leaves nothing (neither the command's effect nor the claim), so its retry runs
 * cleanly, and a committed command always has its response. On PostgreSQL a concurrent retry waits for
 * the first request's outcome and then gets its response; in memory it is refused with
 * {@code idempotency_key_in_progress} while the first one runs. A server error is not kept, so the
 * client may retry.
 */
public final class IdempotencyService implements IdempotentRequestUseCase {
    /** Keys are kept at least this long (the contract says 24 hours). */
    public static final Duration RETENTION = Duration.ofHours(25);
    /** A claim without a response after this long belongs to a request that died. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(2);

    private final IdempotencyStore store;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public IdempotencyService(IdempotencyStore store, UnitOfWork unitOfWork, Clock clock) {
        this.store = store;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public StoredResponse execute(Request request, Supplier<StoredResponse> handler,
                                  Function<RuntimeException, StoredResponse> answerFor) {
        String key = request.scope() + " " + request.key();
        Instant now = Bookkeeping.now(clock);
        try {
            return unitOfWork.execute(() -> {
                Optional<IdempotencyStore.Entry> existing = store.claim(key, request.fingerprint(), now,
                        now.minus(STALE_CLAIM));
                if (existing.isPresent()) {
                    return replay(existing.get(), request);
                }
                StoredResponse response;
                try {
                    response = unitOfWork.executeNested(handler);
                } catch (RuntimeException failure) {
                    StoredResponse answer = answerFor.apply(failure);
                    if (answer.status() >= 500) {
                        throw failure;
                    }
                    response = answer;
                }
                if (response.status() >= 500) {
                    throw new NotKept(response);
                }
                store.complete(key, now, response);
                return response;
            });
        } catch (NotKept notKept) {
            return notKept.response;
        }
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

    /** A 5xx response: it rolls the unit of work back, claim included, and is returned as it is. */
    private static final class NotKept extends RuntimeException {
        private final transient StoredResponse response;

        NotKept(StoredResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
