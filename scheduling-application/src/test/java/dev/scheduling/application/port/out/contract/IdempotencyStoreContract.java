package dev.scheduling.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.IdempotencyStore;
import dev.scheduling.application.port.out.StoredResponse;
import dev.scheduling.application.port.out.UnitOfWork;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IdempotencyStore}: one owner per key, the response kept once there is one,
 * stale claims taken over, old keys purged, and a claim or a response made in a unit of work that rolls
 * back undone with it. Outside a unit of work each call stands alone. Keys are random; instants are
 * whole seconds.
 */
public abstract class IdempotencyStoreContract {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofMinutes(2);

    /** Fresh ports of the adapter under test, over a store that may hold other tests' data. */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private IdempotencyStore store;
    private UnitOfWork unitOfWork;

    @BeforeEach
    void createPorts() {
        SchedulingPorts ports = newPorts(new MutableClock(NOW));
        store = ports.idempotency();
        unitOfWork = ports.unitOfWork();
    }

    @Test
    void theFirstClaimOfAKeyOwnsIt() {
        assertThat(claim(newKey(), "fingerprint-1", NOW)).isEmpty();
    }

    @Test
    void aSecondClaimGetsTheHoldersEntryWithoutAResponseWhileItRuns() {
        String key = newKey();
        claim(key, "fingerprint-1", NOW);

        Optional<IdempotencyStore.Entry> holder = claim(key, "fingerprint-1", NOW.plusSeconds(1));

        assertThat(holder).isPresent();
        assertThat(holder.get().key()).isEqualTo(key);
        assertThat(holder.get().fingerprint()).isEqualTo("fingerprint-1");
        assertThat(holder.get().claimedAt()).isEqualTo(NOW);
        assertThat(holder.get().response()).isEmpty();
    }

    @Test
    void aClaimWithAnotherFingerprintGetsTheHoldersEntryToo() {
        String key = newKey();
        claim(key, "fingerprint-1", NOW);

        Optional<IdempotencyStore.Entry> holder = claim(key, "fingerprint-2", NOW.plusSeconds(1));

        assertThat(holder).map(IdempotencyStore.Entry::fingerprint).contains("fingerprint-1");
    }

    @Test
    void aCompletedKeyGivesItsResponseByteForByte() {
        String key = newKey();
        claim(key, "fingerprint-1", NOW);
        StoredResponse response = response(201, "{\"reservationToken\":\"abc\",\"note\":\"ç€\"}");

        store.complete(key, NOW, response);

        IdempotencyStore.Entry entry = claim(key, "fingerprint-1", NOW.plusSeconds(5)).orElseThrow();
        assertThat(entry.response()).contains(response);
        assertThat(entry.response().get().body()).isEqualTo(response.body());
        assertThat(entry.response().get().contentType()).isEqualTo("application/json");
        assertThat(entry.fingerprint()).isEqualTo("fingerprint-1");
        assertThat(entry.claimedAt()).isEqualTo(NOW);
    }

    @Test
    void anEmptyBodyIsKeptToo() {
        String key = newKey();
        claim(key, "f", NOW);
        StoredResponse empty = new StoredResponse(204, "application/json", new byte[0]);

        store.complete(key, NOW, empty);

        assertThat(claim(key, "f", NOW).orElseThrow().response()).contains(empty);
    }

    @Test
    void aClaimRolledBackWithItsUnitOfWorkLeavesTheKeyFree() {
        String key = newKey();

        assertThatThrownBy(() -> unitOfWork.execute(() -> {
            assertThat(claim(key, "fingerprint-1", NOW)).isEmpty();
            throw new IllegalStateException("the request failed");
        })).hasMessage("the request failed");

        assertThat(claim(key, "fingerprint-2", NOW.plusSeconds(1))).as("free at once, not after the stale limit")
                .isEmpty();
    }

    @Test
    void aResponseRolledBackWithItsUnitOfWorkIsNotKeptNorIsTheClaim() {
        String key = newKey();

        assertThatThrownBy(() -> unitOfWork.execute(() -> {
            claim(key, "fingerprint-1", NOW);
            store.complete(key, NOW, response(201, "{}"));
            throw new IllegalStateException("the commit failed");
        })).hasMessage("the commit failed");

        assertThat(claim(key, "fingerprint-1", NOW.plusSeconds(1))).isEmpty();
    }

    @Test
    void aClaimAndItsResponseCommittedTogetherAreKept() {
        String key = newKey();
        StoredResponse response = response(201, "{\"together\":true}");

        unitOfWork.execute(() -> {
            claim(key, "fingerprint-1", NOW);
            store.complete(key, NOW, response);
            return null;
        });

        assertThat(claim(key, "fingerprint-1", NOW.plusSeconds(1)).orElseThrow().response()).contains(response);
    }

    @Test
    void aStaleClaimWithoutResponseIsTakenOver() {
        String key = newKey();
        claim(key, "fingerprint-1", NOW);
        Instant later = NOW.plus(STALE_AFTER).plusSeconds(1);

        assertThat(claim(key, "fingerprint-2", later)).as("taken over").isEmpty();

        IdempotencyStore.Entry entry = claim(key, "fingerprint-3", later.plusSeconds(1)).orElseThrow();
        assertThat(entry.fingerprint()).isEqualTo("fingerprint-2");
        assertThat(entry.claimedAt()).isEqualTo(later);
    }

    @Test
    void theRequestWhoseStaleClaimWasTakenOverCannotCompleteTheNewClaim() {
        String key = newKey();
        claim(key, "fingerprint-1", NOW);
        Instant later = NOW.plus(STALE_AFTER).plusSeconds(1);
        claim(key, "fingerprint-2", later);

        store.complete(key, NOW, response(201, "{\"late\":true}"));

        IdempotencyStore.Entry entry = claim(key, "fingerprint-3", later.plusSeconds(1)).orElseThrow();
        assertThat(entry.fingerprint()).isEqualTo("fingerprint-2");
        assertThat(entry.claimedAt()).isEqualTo(later);
        assertThat(entry.response()).as("the new holder's request is still running").isEmpty();
    }

    @Test
    void aClaimExactlyAtTheStaleLimitIsNotStaleYet() {
        String key = newKey();
        claim(key, "fingerprint-1", NOW);

        assertThat(claim(key, "fingerprint-2", NOW.plus(STALE_AFTER))).map(IdempotencyStore.Entry::fingerprint)
                .contains("fingerprint-1");
    }

    @Test
    void aCompletedKeyIsNeverTakenOverHoweverOld() {
        String key = newKey();
        claim(key, "fingerprint-1", NOW);
        StoredResponse response = response(201, "{}");
        store.complete(key, NOW, response);

        Optional<IdempotencyStore.Entry> entry = claim(key, "fingerprint-2", NOW.plus(Duration.ofHours(20)));

        assertThat(entry).map(IdempotencyStore.Entry::response).contains(Optional.of(response));
        assertThat(entry).map(IdempotencyStore.Entry::fingerprint).contains("fingerprint-1");
    }

    @Test
    void purgeForgetsKeysClaimedBeforeTheCutoffAndKeepsTheOthers() {
        // An era of this test's own, cleared first, so that the count covers this test's keys only.
        Instant era = StoreFixtures.anEraOfItsOwn();
        Instant cutoff = era.plus(Duration.ofHours(1));
        store.purgeClaimedBefore(cutoff);
        String old = newKey();
        String oldCompleted = newKey();
        String atCutoff = newKey();
        String recent = newKey();
        claim(old, "f", era);
        claim(oldCompleted, "f", era.plusSeconds(1));
        store.complete(oldCompleted, era.plusSeconds(1), response(200, "{}"));
        claim(atCutoff, "f", cutoff);
        claim(recent, "f", cutoff.plus(Duration.ofHours(1)));

        int purged = store.purgeClaimedBefore(cutoff);

        assertThat(purged).isEqualTo(2);
        assertThat(claim(old, "g", cutoff)).as("forgotten").isEmpty();
        assertThat(claim(oldCompleted, "g", cutoff)).as("forgotten").isEmpty();
        assertThat(claim(atCutoff, "g", cutoff)).as("kept: claimed at the cutoff, not before").isPresent();
        assertThat(claim(recent, "g", cutoff)).as("kept").isPresent();
    }

    @Test
    void ofManyConcurrentClaimsOfOneKeyExactlyOneOwnsIt() {
        String key = newKey();

        List<Race.Outcome<Optional<IdempotencyStore.Entry>>> outcomes =
                Race.run(32, i -> claim(key, "fingerprint-" + i, NOW));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<Integer> owners = java.util.stream.IntStream.range(0, outcomes.size())
                .filter(i -> outcomes.get(i).value().isEmpty()).boxed().toList();
        assertThat(owners).hasSize(1);
        String winner = "fingerprint-" + owners.get(0);
        assertThat(outcomes).filteredOn(outcome -> outcome.value().isPresent())
                .allSatisfy(outcome -> assertThat(outcome.value().get().fingerprint()).isEqualTo(winner));
    }

    @Test
    void ofManyConcurrentTakeoversOfAStaleKeyExactlyOneOwnsIt() {
        String key = newKey();
        claim(key, "dead", NOW);
        Instant later = NOW.plus(STALE_AFTER).plusSeconds(30);

        List<Race.Outcome<Optional<IdempotencyStore.Entry>>> outcomes =
                Race.run(32, i -> claim(key, "fingerprint-" + i, later));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(Race.count(outcomes, outcome -> outcome.value().isEmpty())).isEqualTo(1);
    }

    private Optional<IdempotencyStore.Entry> claim(String key, String fingerprint, Instant at) {
        return store.claim(key, fingerprint, at, at.minus(STALE_AFTER));
    }

    private static String newKey() {
        return "contract " + UUID.randomUUID();
    }

    private static StoredResponse response(int status, String json) {
        return new StoredResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
