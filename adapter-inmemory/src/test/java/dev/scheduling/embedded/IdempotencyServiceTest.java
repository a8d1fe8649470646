package dev.scheduling.embedded;

import static dev.scheduling.embedded.EmbeddedCore.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.port.in.IdempotentRequestUseCase;
import dev.scheduling.application.port.in.IdempotentRequestUseCase.Request;
import dev.scheduling.application.port.in.LockView;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.domain.Refusal;
import dev.scheduling.domain.catalog.BookableService;
import dev.scheduling.domain.catalog.Unit;
import dev.scheduling.domain.slot.SlotCapacity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

        StoredResponse first = idempotency.execute(request, counted(201, "{\"n\":1}"));
        StoredResponse retry = idempotency.execute(request, counted(201, "{\"n\":2}"));

        assertThat(runs).hasValue(1);
        assertThat(retry).isEqualTo(first);
        assertThat(new String(retry.body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    }

    @Test
    void aClientErrorIsKeptAndReplayedToo() {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");

        StoredResponse first = idempotency.execute(request, counted(409, "{\"code\":\"slot_full\"}"));

        assertThat(idempotency.execute(request, counted(201, "{}"))).isEqualTo(first);
        assertThat(runs).hasValue(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedWithIdempotencyKeyReused() {
        idempotency.execute(new Request(SCOPE, "key-1", "fingerprint-a"), counted(201, "{}"));

        assertThat(refusalOf(() -> idempotency.execute(new Request(SCOPE, "key-1", "fingerprint-b"),
                counted(201, "{}")))).isEqualTo(Refusal.IDEMPOTENCY_KEY_REUSED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aServerErrorIsNotKeptSoThatTheClientMayRetry() {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");
        StoredResponse failed = idempotency.execute(request, counted(503, "{\"code\":\"unavailable\"}"));

        StoredResponse retried = idempotency.execute(request, counted(201, "{\"ok\":true}"));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(runs).hasValue(2);
        assertThat(idempotency.execute(request, counted(201, "{}"))).isEqualTo(retried);
    }

    @Test
    void aRequestThatThrowsLeavesTheKeyFreeAndTheFailurePassesThrough() {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");

        assertThatThrownBy(() -> idempotency.execute(request, () -> {
            throw new IllegalStateException("handler failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("handler failed");

        assertThat(idempotency.execute(request, counted(201, "{}")).status()).isEqualTo(201);
    }

    @Test
    void aRetryWhileTheFirstRequestStillRunsIsRefusedWithIdempotencyKeyInProgress() throws Exception {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<StoredResponse> first = CompletableFuture.supplyAsync(() -> idempotency.execute(request, () -> {
            running.countDown();
            await(finish);
            return response(201, "{\"first\":true}");
        }));
        try {
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(refusalOf(() -> idempotency.execute(request, counted(201, "{}"))))
                    .isEqualTo(Refusal.IDEMPOTENCY_KEY_IN_PROGRESS);
            assertThat(refusalOf(() -> idempotency.execute(new Request(SCOPE, "key-1", "fingerprint-b"),
                    counted(201, "{}")))).as("another request under the key").isEqualTo(Refusal.IDEMPOTENCY_KEY_REUSED);
        } finally {
            finish.countDown();
        }
        StoredResponse firstResponse = first.get(5, TimeUnit.SECONDS);
        assertThat(idempotency.execute(request, counted(201, "{}"))).isEqualTo(firstResponse);
        assertThat(runs).hasValue(0);
    }

    @Test
    void aClaimLeftByARequestThatDiedIsTakenOverAfterTwoMinutes() throws Exception {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<StoredResponse> stuck = CompletableFuture.supplyAsync(() -> idempotency.execute(request, () -> {
            running.countDown();
            await(finish);
            return response(201, "{\"stuck\":true}");
        }));
        try {
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            core.clock.advance(Duration.ofMinutes(2));
            assertThat(refusalOf(() -> idempotency.execute(request, counted(201, "{}"))))
                    .isEqualTo(Refusal.IDEMPOTENCY_KEY_IN_PROGRESS);

            core.clock.advance(Duration.ofSeconds(1));

            assertThat(idempotency.execute(request, counted(201, "{\"retry\":true}")).status()).isEqualTo(201);
            assertThat(runs).hasValue(1);
        } finally {
            finish.countDown();
            stuck.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void keysAreSeparatedByScope() {
        idempotency.execute(new Request("POST /slots/lock", "key-1", "fingerprint-a"), counted(201, "{}"));

        idempotency.execute(new Request("POST /appointments", "key-1", "fingerprint-b"), counted(201, "{}"));

        assertThat(runs).hasValue(2);
    }

    @Test
    void keysAreKeptAtLeastADayAndPurgedAfterTheirRetention() {
        Request request = new Request(SCOPE, "key-1", "fingerprint-a");
        StoredResponse first = idempotency.execute(request, counted(201, "{}"));

        core.clock.advance(Duration.ofHours(24));
        assertThat(core.scheduling.purgeIdempotencyKeys()).isZero();
        assertThat(idempotency.execute(request, counted(201, "{\"again\":true}"))).isEqualTo(first);

        core.clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(core.scheduling.purgeIdempotencyKeys()).isEqualTo(1);
        assertThat(idempotency.execute(request, counted(201, "{\"again\":true}"))).isNotEqualTo(first);
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

        StoredResponse first = idempotency.execute(request, lock);
        StoredResponse retry = idempotency.execute(request, lock);

        assertThat(retry).isEqualTo(first);
        assertThat(core.slotToday(unit, service, "09:00").orElseThrow().capacity()).isEqualTo(new SlotCapacity(2, 1));
        assertThat(core.eventTypes()).containsExactly("slot.locked");
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
