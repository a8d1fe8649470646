package dev.scheduling.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.ClientRepository;
import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.application.testing.Race;
import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.client.Recipient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ClientRepository}: one client per recipient, whatever the concurrency. The
 * login calls it outside any unit of work, so this suite does too. Recipients and ids are random;
 * instants have whole milliseconds, as the use cases make them.
 */
public abstract class ClientRepositoryContract {
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00.123Z");

    /** Fresh ports of the adapter under test, over a store that may hold other tests' data. */
    protected abstract SchedulingPorts newPorts(Clock clock);

    private ClientRepository clients;

    @BeforeEach
    void createPorts() {
        clients = newPorts(new MutableClock(NOW)).clients();
    }

    static Recipient newEmail() {
        return Recipient.email("client-" + UUID.randomUUID() + "@Example.com");
    }

    static Recipient newPhone() {
        return Recipient.phone("+55" + (10_000_000_000L + ThreadLocalRandom.current().nextLong(89_999_999_999L)));
    }

    private static Client candidate(Recipient recipient, Instant createdAt) {
        return new Client(new ClientId(UUID.randomUUID().toString()), recipient, createdAt);
    }

    @Test
    void theFirstFindOrAddOfARecipientStoresAndReturnsTheCandidate() {
        Client candidate = candidate(newEmail(), NOW);

        Client stored = clients.findOrAdd(candidate);

        assertThat(stored).isEqualTo(candidate);
        assertThat(clients.findById(candidate.id())).contains(candidate);
    }

    @Test
    void aPhoneRecipientIsKeptWithItsChannelAndAddress() {
        Client candidate = candidate(newPhone(), NOW);

        clients.findOrAdd(candidate);

        Client found = clients.findById(candidate.id()).orElseThrow();
        assertThat(found.recipient()).isEqualTo(candidate.recipient());
        assertThat(found.recipient().field()).isEqualTo("phone");
    }

    @Test
    void findOrAddOfAKnownRecipientReturnsTheStoredClientAndDropsTheNewCandidate() {
        Recipient recipient = newEmail();
        Client first = clients.findOrAdd(candidate(recipient, NOW));
        Client later = candidate(recipient, NOW.plusSeconds(3600));

        Client again = clients.findOrAdd(later);

        assertThat(again).isEqualTo(first);
        assertThat(again.createdAt()).isEqualTo(NOW);
        assertThat(clients.findById(later.id())).as("the losing candidate is not stored").isEmpty();
    }

    @Test
    void differentRecipientsAreDifferentClients() {
        Client ana = clients.findOrAdd(candidate(newEmail(), NOW));
        Client bia = clients.findOrAdd(candidate(newEmail(), NOW));
        Client phone = clients.findOrAdd(candidate(newPhone(), NOW));

        assertThat(List.of(ana.id(), bia.id(), phone.id())).doesNotHaveDuplicates();
        assertThat(clients.findById(ana.id())).contains(ana);
        assertThat(clients.findById(bia.id())).contains(bia);
        assertThat(clients.findById(phone.id())).contains(phone);
    }

    @Test
    void anUnknownIdFindsNothing() {
        assertThat(clients.findById(new ClientId(UUID.randomUUID().toString()))).isEmpty();
    }

    @Test
    void concurrentFindOrAddOfOneRecipientFromManyThreadsYieldsOneClient() {
        Recipient recipient = newPhone();
        List<Client> candidates = java.util.stream.IntStream.range(0, 16)
                .mapToObj(i -> candidate(recipient, NOW.plusMillis(i))).toList();

        List<Race.Outcome<Client>> outcomes = Race.run(candidates.size(), i -> clients.findOrAdd(candidates.get(i)));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        List<ClientId> ids = outcomes.stream().map(outcome -> outcome.value().id()).distinct().toList();
        assertThat(ids).hasSize(1);
        Client winner = outcomes.get(0).value();
        assertThat(candidates).contains(winner);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.value()).isEqualTo(winner));
        assertThat(clients.findById(winner.id())).contains(winner);
        assertThat(candidates).filteredOn(candidate -> !candidate.equals(winner))
                .allSatisfy(loser -> assertThat(clients.findById(loser.id())).isEmpty());
    }
}
