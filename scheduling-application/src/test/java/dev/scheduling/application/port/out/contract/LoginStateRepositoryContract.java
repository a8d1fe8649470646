package dev.scheduling.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.LoginStateRepository;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.client.Recipient;
import dev.scheduling.domain.login.LoginCode;
import dev.scheduling.domain.login.LoginState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LoginStateRepository}: a state per recipient, changed only by a
 * compare-and-set on its version, which the store bumps. The login calls it outside any unit of work,
 * so this suite does too. Recipients are random; instants have whole milliseconds.
 */
public abstract class LoginStateRepositoryContract {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00.123Z");

    /** Fresh ports of the adapter under test, over a store that may hold other tests' data. */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private LoginStateRepository states;

    @BeforeEach
    void createPorts() {
        states = newPorts(new MutableClock(NOW)).loginStates();
    }

    private static LoginCode code(String hash, int wrongAttempts, boolean used) {
        return new LoginCode(hash, NOW, NOW.plusSeconds(300), wrongAttempts, used);
    }

    private static LoginState state(Recipient recipient, Optional<LoginCode> code, int failures,
                                    Optional<Instant> lastFailureAt, long version) {
        return new LoginState(recipient, code, failures, lastFailureAt, version);
    }

    private static LoginState issued(Recipient recipient, long version) {
        return state(recipient, Optional.of(code("hash-1", 0, false)), 0, Optional.empty(), version);
    }

    @Test
    void aRecipientThatNeverAskedHasNoState() {
        assertThat(states.find(ClientRepositoryContract.newEmail())).isEmpty();
    }

    @Test
    void savingVersionZeroOfAnAbsentStateInsertsItAtVersionOne() {
        Recipient recipient = ClientRepositoryContract.newEmail();
        LoginState first = issued(recipient, 0);

        assertThat(states.save(first)).isTrue();

        assertThat(states.find(recipient)).contains(first.withVersion(1));
    }

    @Test
    void versionZeroInsertsOnlyOnce() {
        Recipient recipient = ClientRepositoryContract.newPhone();
        LoginState first = issued(recipient, 0);
        states.save(first);
        LoginState other = state(recipient, Optional.of(code("hash-2", 0, false)), 0, Optional.empty(), 0);

        assertThat(states.save(other)).isFalse();

        assertThat(states.find(recipient)).contains(first.withVersion(1));
    }

    @Test
    void savingTheStoredVersionReplacesTheStateAndBumpsTheVersion() {
        Recipient recipient = ClientRepositoryContract.newEmail();
        states.save(issued(recipient, 0));
        LoginState stored = states.find(recipient).orElseThrow();
        LoginState failed = state(recipient, Optional.of(code("hash-1", 1, false)), 1,
                Optional.of(NOW.plusSeconds(5)), stored.version());

        assertThat(states.save(failed)).isTrue();

        assertThat(states.find(recipient)).contains(failed.withVersion(stored.version() + 1));
    }

    @Test
    void aStaleVersionIsRefusedAndChangesNothing() {
        Recipient recipient = ClientRepositoryContract.newEmail();
        states.save(issued(recipient, 0));
        LoginState atOne = states.find(recipient).orElseThrow();
        LoginState second = state(recipient, Optional.of(code("hash-2", 0, false)), 0, Optional.empty(), 1);
        states.save(second);
        LoginState stale = state(recipient, Optional.of(code("hash-1", 1, false)), 1, Optional.of(NOW), atOne.version());

        assertThat(states.save(stale)).isFalse();

        assertThat(states.find(recipient)).contains(second.withVersion(2));
    }

    @Test
    void aVersionAheadOfTheStoredOneIsRefused() {
        Recipient recipient = ClientRepositoryContract.newEmail();
        states.save(issued(recipient, 0));

        assertThat(states.save(issued(recipient, 7))).isFalse();

        assertThat(states.find(recipient).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aVersionOtherThanZeroOfAnAbsentStateIsRefusedAndStoresNothing() {
        Recipient recipient = ClientRepositoryContract.newPhone();

        assertThat(states.save(issued(recipient, 3))).isFalse();

        assertThat(states.find(recipient)).isEmpty();
    }

    @Test
    void everyFieldRoundTrips() {
        Recipient recipient = ClientRepositoryContract.newPhone();
        LoginCode code = new LoginCode("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                Instant.parse("2030-03-04T08:00:00.001Z"), Instant.parse("2030-03-04T08:05:00.999Z"), 4, true);
        LoginState full = state(recipient, Optional.of(code), 57, Optional.of(Instant.parse("2030-03-04T07:59:59.500Z")), 0);

        states.save(full);

        LoginState found = states.find(recipient).orElseThrow();
        assertThat(found).isEqualTo(full.withVersion(1));
        assertThat(found.code().orElseThrow().issuedAt()).isEqualTo(code.issuedAt());
        assertThat(found.code().orElseThrow().expiresAt()).isEqualTo(code.expiresAt());
        assertThat(found.lastFailureAt()).contains(Instant.parse("2030-03-04T07:59:59.500Z"));
    }

    @Test
    void anEmptyCodeAndAnEmptyLastFailureRoundTrip() {
        Recipient recipient = ClientRepositoryContract.newEmail();
        LoginState bare = state(recipient, Optional.empty(), 0, Optional.empty(), 0);

        states.save(bare);

        LoginState found = states.find(recipient).orElseThrow();
        assertThat(found).isEqualTo(bare.withVersion(1));
        assertThat(found.code()).isEmpty();
        assertThat(found.lastFailureAt()).isEmpty();
    }

    @Test
    void aStateCanLoseItsLastFailureAgain() {
        Recipient recipient = ClientRepositoryContract.newEmail();
        states.save(state(recipient, Optional.of(code("hash-1", 2, false)), 2, Optional.of(NOW), 0));
        LoginState succeeded = state(recipient, Optional.of(code("hash-1", 2, true)), 0, Optional.empty(), 1);

        assertThat(states.save(succeeded)).isTrue();

        assertThat(states.find(recipient)).contains(succeeded.withVersion(2));
    }

    @Test
    void recipientsDoNotShareStates() {
        Recipient ana = ClientRepositoryContract.newEmail();
        Recipient bia = ClientRepositoryContract.newEmail();
        states.save(issued(ana, 0));

        assertThat(states.find(bia)).isEmpty();
        assertThat(states.save(state(bia, Optional.empty(), 3, Optional.of(NOW), 0))).isTrue();
        assertThat(states.find(ana)).contains(issued(ana, 1));
        assertThat(states.find(bia).orElseThrow().consecutiveFailures()).isEqualTo(3);
    }

    @Test
    void ofManyConcurrentSavesOfTheSameVersionExactlyOneWins() {
        Recipient recipient = ClientRepositoryContract.newEmail();
        states.save(issued(recipient, 0));
        long version = states.find(recipient).orElseThrow().version();
        List<LoginState> contenders = IntStream.range(0, 16)
                .mapToObj(i -> state(recipient, Optional.of(code("hash-1", 1, false)), i + 1,
                        Optional.of(NOW.plusMillis(i)), version))
                .toList();

        List<Race.Outcome<Boolean>> outcomes = Race.run(contenders.size(), i -> states.save(contenders.get(i)));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<Integer> winners = IntStream.range(0, outcomes.size()).filter(i -> outcomes.get(i).value()).boxed().toList();
        assertThat(winners).hasSize(1);
        assertThat(states.find(recipient)).contains(contenders.get(winners.get(0)).withVersion(version + 1));
    }

    @Test
    void ofManyConcurrentFirstSavesExactlyOneInserts() {
        Recipient recipient = ClientRepositoryContract.newPhone();
        List<LoginState> contenders = IntStream.range(0, 16)
                .mapToObj(i -> state(recipient, Optional.of(code("hash-" + i, 0, false)), 0, Optional.empty(), 0))
                .toList();

        List<Race.Outcome<Boolean>> outcomes = Race.run(contenders.size(), i -> states.save(contenders.get(i)));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<Integer> winners = IntStream.range(0, outcomes.size()).filter(i -> outcomes.get(i).value()).boxed().toList();
        assertThat(winners).hasSize(1);
        assertThat(states.find(recipient)).contains(contenders.get(winners.get(0)).withVersion(1));
    }

    @Test
    void concurrentCompareAndSetLoopsLoseNoUpdate() {
        Recipient recipient = ClientRepositoryContract.newEmail();
        states.save(state(recipient, Optional.empty(), 0, Optional.empty(), 0));
        int contenders = 12;

        List<Race.Outcome<Integer>> outcomes = Race.run(contenders, i -> {
            for (int tries = 1; ; tries++) {
                LoginState current = states.find(recipient).orElseThrow();
                LoginState next = state(recipient, Optional.empty(), current.consecutiveFailures() + 1,
                        Optional.of(NOW), current.version());
                if (states.save(next)) {
                    return tries;
                }
            }
        });

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        LoginState last = states.find(recipient).orElseThrow();
        assertThat(last.consecutiveFailures()).isEqualTo(contenders);
        assertThat(last.version()).isEqualTo(1 + contenders);
    }
}
