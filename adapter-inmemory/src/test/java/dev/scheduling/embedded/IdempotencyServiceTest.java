package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.port.in.IdempotentRequestUseCase;
import dev.scheduling.application.port.in.IdempotentRequestUseCase.Request;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.application.port.out.IdempotencyStore;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.application.service.IdempotencyService;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.RefusedException;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.slot.SlotCapacity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Requests under an {@code Idempotency-Key}: run once, replayed after, refused when reused or still running. */
class IdempotencyServiceTest {
    private static final String SCOPE = "POST /slots/lock";

    private final EmbeddedCore core = EmbeddedCore.start();
    private final IdempotentRequestUseCase idempotency = core.scheduling.idempotentRequests();
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void theSameKeyWithTheSameRequestReplaysTheFirstResponseWithoutRunningAgain() {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");

        StoredResponse first = execute(request, counted(201, "{\"n\":1}"));
        StoredResponse retry = execute(request, counted(201, "{\"n\":2}"));

        assertThat(runs).hasValue(1);
        assertThat(retry).isEqualTo(first);
        assertThat(new String(retry.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    }

    @Test
    void aClientErrorIsKeptAndReplayedToo() {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");

        StoredResponse first = execute(request, counted(409, "{\"code\":\"slot_full\"}"));

        assertThat(execute(request, counted(201, "{}"))).isEqualTo(first);
        assertThat(runs).hasValue(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedWithIdempotencyKeyReused() {
        execute(new Request(SCOPE, "key-1", "fingerprint-a"), counted(201, "{}"));

        assertThat(refusalOf(() -> execute(new Request(SCOPE, "key-1", "fingerprint-b"),
                counted(201, "{}")))).isEqualTo(Refusal.IDEMPOTENCY_KEY_REUSED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aServerErrorIsNotKeptSoThatTheClientMayRetry() {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");
        StoredResponse failed = execute(request, counted(503, "{\"code\":\"unavailable\"}"));

        StoredResponse retried = execute(request, counted(201, "{\"ok\":true}"));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(runs).hasValue(2);
        assertThat(execute(request, counted(201, "{}"))).isEqualTo(retried);
    }

    @Test
    void aRequestThatThrowsLeavesTheKeyFreeAndTheFailurePassesThrough() {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");

        assertThatThrownBy(() -> execute(request, () -> {
            throw new IllegalStateException("handler failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("handler failed");

        assertThat(execute(request, counted(201, "{}")).status()).isEqualTo(201);
    }

    @Test
    void aRetryWhileTheFirstRequestStillRunsIsRefusedWithIdempotencyKeyInProgress() throws Exception {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<StoredResponse> first = CompletableFuture.supplyAsync(() -> execute(request, () -> {
            running.countDown();
            await(finish);
            return response(201, "{\"first\":true}");
        }));
        try {
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(refusalOf(() -> execute(request, counted(201, "{}"))))
                    .isEqualTo(Refusal.IDEMPOTENCY_KEY_IN_PROGRESS);
            assertThat(refusalOf(() -> execute(new Request(SCOPE, "key-1", "fingerprint-b"),
                    counted(201, "{}")))).as("another request under the key").isEqualTo(Refusal.IDEMPOTENCY_KEY_REUSED);
        } finally {
            finish.countDown();
        }
        StoredResponse firstResponse = first.get(5, TimeUnit.SECONDS);
        assertThat(execute(request, counted(201, "{}"))).isEqualTo(firstResponse);
        assertThat(runs).hasValue(0);
    }

    @Test
    void aClaimLeftByARequestThatDiedIsTakenOverAfterTwoMinutes() throws Exception {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<StoredResponse> stuck = CompletableFuture.supplyAsync(() -> execute(request, () -> {
            running.countDown();
            await(finish);
            return response(201, "{\"stuck\":true}");
        }));
        try {
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            core.clock.advance(Duration.ofMinutes(2));
            assertThat(refusalOf(() -> execute(request, counted(201, "{}"))))
                    .isEqualTo(Refusal.IDEMPOTENCY_KEY_IN_PROGRESS);

            core.clock.advance(Duration.ofSeconds(1));

            assertThat(execute(request, counted(201, "{\"retry\":true}")).status()).isEqualTo(201);
            assertThat(runs).hasValue(1);
        } finally {
            finish.countDown();
            stuck.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void keysAreSeparatedByScope() {
        execute(new Request("POST /slots/lock", "key-1", "fingerprint-a"), counted(201, "{}"));

        execute(new Request("POST /appointments", "key-1", "fingerprint-b"), counted(201, "{}"));

        assertThat(runs).hasValue(2);
    }

    @Test
    void keysAreKeptAtLeastADayAndPurgedAfterTheirRetention() {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");
        StoredResponse first = execute(request, counted(201, "{}"));

        core.clock.advance(Duration.ofHours(24));
        assertThat(core.scheduling.purgeIdempotencyKeys()).isZero();
        assertThat(execute(request, counted(201, "{\"again\":true}"))).isEqualTo(first);

        core.clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(core.scheduling.purgeIdempotencyKeys()).isEqualTo(1);
        assertThat(execute(request, counted(201, "{\"again\":true}"))).isNotEqualTo(first);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRetriedLockRequestTakesTheSlotOnce() {
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService service = core.service(unit).capacity(2).create();
        Request request = new Request(SCOPE + " client-1", "key-1", "lock 09:00 x1");
        Supplier<StoredResponse> lock = () -> {
            LockView view = core.lockToday(unit, service, "09:00");
            return response(201, "{\"reservationToken\":\"" + view.lock().token().value() + "\"}");
        };

        StoredResponse first = execute(request, lock);
        StoredResponse retry = execute(request, lock);

        assertThat(retry).isEqualTo(first);
        assertThat(core.slotToday(unit, service, "09:00").orElseThrow().capacity()).isEqualTo(new SlotCapacity(2, 1));
        assertThat(core.eventTypes()).containsExactly("slot.locked");
    }

    @Test
    void aRefusalIsKeptAsTheAnswerAndWhatTheRefusedCommandChangedIsUndone() {
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService service = core.service(unit).capacity(2).create();
        Request request = new Request(SCOPE, "key-1", "lock 09:00 x1");
        Supplier<StoredResponse> lockThenRefuse = () -> {
            runs.incrementAndGet();
            core.lockToday(unit, service, "09:00");
            throw new RefusedException(Refusal.SLOT_FULL, "refused after it had taken the slot");
        };

        StoredResponse refused = execute(request, lockThenRefuse);
        StoredResponse retry = execute(request, lockThenRefuse);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(retry).isEqualTo(refused);
        assertThat(runs).hasValue(1);
        assertThat(core.slotToday(unit, service, "09:00").orElseThrow().capacity()).isEqualTo(new SlotCapacity(2, 0));
        assertThat(core.eventTypes()).as("no event of the undone hold").isEmpty();
    }

    @Test
    void aCommandWhoseResponseIsNotRecordedIsUndoneWithItsClaimSoTheRetryRunsItOnce() {
        Unit unit = core.unitOpen("09:00-12:00");
        BookableService service = core.service(unit).capacity(2).create();
        Request request = new Request(SCOPE, "key-1", "lock 09:00 x1");
        Supplier<StoredResponse> lock = () -> {
            LockView view = core.lockToday(unit, service, "09:00");
            return response(201, "{\"reservationToken\":\"" + view.lock().token().value() + "\"}");
        };
        // The process dies after the command and before its response is recorded: here, the recording fails.
        IdempotencyStore store = core.ports.idempotency();
        IdempotencyStore dying = new IdempotencyStore() {
            @Override
            public Optional<Entry> claim(String key, String fingerprint, Instant now, Instant staleBefore) {
                return store.claim(key, fingerprint, now, staleBefore);
            }

            @Override
            public void complete(String key, Instant claimedAt, StoredResponse response) {
                throw new IllegalStateException("the process died");
            }

            @Override
            public int purgeClaimedBefore(Instant cutoff) {
                return store.purgeClaimedBefore(cutoff);
            }
        };
        IdempotencyService dyingService = new IdempotencyService(dying, core.ports.unitOfWork(), core.clock);

        assertThatThrownBy(() -> dyingService.execute(request, lock, IdempotencyServiceTest::answerFor)).hasMessage("the process died");
        assertThat(core.slotToday(unit, service, "09:00").orElseThrow().capacity()).isEqualTo(new SlotCapacity(2, 0));
        assertThat(core.eventTypes()).isEmpty();

        StoredResponse retry = execute(request, lock);

        assertThat(retry.status()).as("at once, not after a stale claim's two minutes").isEqualTo(201);
        assertThat(core.slotToday(unit, service, "09:00").orElseThrow().capacity()).isEqualTo(new SlotCapacity(2, 1));
        assertThat(core.eventTypes()).containsExactly("slot.locked");
    }

    /** Like the HTTP adapter: a refusal is a 409 answer, anything else a server error that is not kept. */
    private StoredResponse execute(Request request, Supplier<StoredResponse> handler) {
        return idempotency.execute(request, handler, IdempotencyServiceTest::answerFor);
    }

    private static StoredResponse answerFor(RuntimeException failure) {
        if (failure instanceof RefusedException refused) {
            return response(409, "{\"code\":\"" + refused.refusal().code() + "\"}");
        }
        return response(500, "{\"code\":\"internal_error\"}");
    }

    private Supplier<StoredResponse> counted(int status, String json) {
        return () -> {
            runs.incrementAndGet();
            return response(status, json);
        };
    }

    private static StoredResponse response(int status, String json) {
        return new StoredResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }
}
