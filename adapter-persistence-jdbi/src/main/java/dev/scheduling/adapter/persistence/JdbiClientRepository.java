package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.ClientRepository;
import dev.scheduling.domain.client.Channel;
import dev.scheduling.domain.client.Client;
import dev.scheduling.domain.client.ClientId;
import dev.scheduling.domain.client.Recipient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Clients in table {@code clients}, unique per channel and address. */
public final class JdbiClientRepository implements ClientRepository {
    private final JdbiTransactions transactions;

    public JdbiClientRepository(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Client findOrAdd(Client candidate) {
        return transactions.withHandle(handle -> {
            handle.createUpdate("""
                            INSERT INTO clients (id, channel, address, created_at)
                            VALUES (:id, :channel, :address, :createdAt)
                            ON CONFLICT (channel, address) DO NOTHING""")
                    .bind("id", candidate.id().value())
                    .bind("channel", candidate.recipient().channel().name())
                    .bind("address", candidate.recipient().address())
                    .bind("createdAt", SqlTypes.utc(candidate.createdAt()))
                    .execute();
            return handle.createQuery("SELECT * FROM clients WHERE channel = :channel AND address = :address")
                    .bind("channel", candidate.recipient().channel().name())
                    .bind("address", candidate.recipient().address())
                    .map((rs, ctx) -> map(rs))
                    .one();
        });
    }

    @Override
    public Optional<Client> findById(ClientId id) {
        return transactions.withHandle(handle -> handle.createQuery("SELECT * FROM clients WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    private static Client map(ResultSet rs) throws SQLException {
        return new Client(new ClientId(rs.getString("id")),
                new Recipient(Channel.valueOf(rs.getString("channel")), rs.getString("address")),
                SqlTypes.instant(rs, "created_at"));
    }
}
