package dev.scheduling.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.scheduling.application.port.out.AccessTokens.IssuedToken;
import dev.scheduling.domain.client.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Opaque random tokens of the embedded mode, valid for their lifetime in this process. */
class InMemoryAccessTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final ClientId ANA = new ClientId("ana");

    private final InMemoryAccessTokens tokens = new InMemoryAccessTokens(Duration.ofHours(1));

    @Test
    void anIssuedTokenNamesItsClientUntilJustBeforeItExpires() {
        IssuedToken issued = tokens.issue(ANA, NOW);

        assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(tokens.verify(issued.token(), NOW)).contains(ANA);
        assertThat(tokens.verify(issued.token(), issued.expiresAt().minusMillis(1))).contains(ANA);
        assertThat(tokens.verify(issued.token(), issued.expiresAt())).isEmpty();
    }

    @Test
    void tokensAreUrlSafeRandomAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String token = tokens.issue(ANA, NOW).token();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            seen.add(token);
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void unknownTamperedOrMissingTokensNameNobody() {
        String token = tokens.issue(ANA, NOW).token();

        assertThat(tokens.verify(token + "x", NOW)).isEmpty();
        assertThat(tokens.verify(new InMemoryAccessTokens(Duration.ofHours(1)).issue(ANA, NOW).token(), NOW)).isEmpty();
        assertThat(tokens.verify("", NOW)).isEmpty();
        assertThat(tokens.verify(null, NOW)).isEmpty();
    }

    @Test
    void eachClientGetsItsOwnTokens() {
        IssuedToken ana = tokens.issue(ANA, NOW);
        IssuedToken bia = tokens.issue(new ClientId("bia"), NOW);

        assertThat(tokens.verify(ana.token(), NOW)).contains(ANA);
        assertThat(tokens.verify(bia.token(), NOW)).contains(new ClientId("bia"));
    }

    @Test
    void anIssuedTokenPrintsWithoutItsSecret() {
        IssuedToken issued = tokens.issue(ANA, NOW);

        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void aTokenMustLiveSomeTime() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryAccessTokens(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryAccessTokens(Duration.ofSeconds(-1)));
    }
}
