package dev.scheduling.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresDatabaseTest {

    /**
     * A server that accepts connections but never answers (a partitioned network, a hung host) must not
     * hold the start: the driver would wait for the login reply forever unless told otherwise.
     */
    @Test
    void openingFailsFastWhenTheServerAcceptsConnectionsButNeverAnswers() throws IOException {
        // Nobody accepts on this socket: the kernel completes each handshake, then nothing is ever said.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            PostgresSettings settings = new PostgresSettings("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
                    + "/test", "postgres", "", 1, Optional.empty());

            assertTimeoutPreemptively(PostgresDatabase.CONNECTION_TIMEOUT.plus(Duration.ofSeconds(5)), () ->
                    assertThatThrownBy(() -> PostgresDatabase.open(settings).close())
                            .isInstanceOf(DatabaseUnavailableException.class)
                            .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:"
                                    + silent.getLocalPort()));
        }
    }
}
