package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.LoginStateRepository;
import dev.scheduling.domain.client.Channel;
import dev.scheduling.domain.client.Recipient;
import dev.scheduling.domain.login.LoginCode;
import dev.scheduling.domain.login.LoginState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Login states in table {@code login_states}. A save is a compare-and-set on {@code version}: an insert
 * that does nothing when a row exists already, or an update of the row with the expected version.
 */
public final class JdbiLoginStateRepository implements LoginStateRepository {
    private final JdbiTransactions transactions;

    public JdbiLoginStateRepository(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<LoginState> find(Recipient recipient) {
        return transactions.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM login_states WHERE channel = :channel AND address = :address")
                .bind("channel", recipient.channel().name())
                .bind("address", recipient.address())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public boolean save(LoginState next) {
        Optional<LoginCode> code = next.code();
        String sql = next.version() == 0
                ? """
                  INSERT INTO login_states (channel, address, code_hash, code_issued_at, code_expires_at,
                      code_wrong_attempts, code_used, consecutive_failures, last_failure_at, version)
                  VALUES (:channel, :address, :hash, :issuedAt, :expiresAt, :wrongAttempts, :used, :failures,
                      :lastFailureAt, 1)
                  ON CONFLICT (channel, address) DO NOTHING"""
                : """
                  UPDATE login_states SET code_hash = :hash, code_issued_at = :issuedAt,
                      code_expires_at = :expiresAt, code_wrong_attempts = :wrongAttempts, code_used = :used,
                      consecutive_failures = :failures, last_failure_at = :lastFailureAt, version = version + 1
                  WHERE channel = :channel AND address = :address AND version = :version""";
        return transactions.withHandle(handle -> handle.createUpdate(sql)
                .bind("channel", next.recipient().channel().name())
                .bind("address", next.recipient().address())
                .bind("hash", code.map(LoginCode::hash).orElse(null))
                .bind("issuedAt", code.map(current -> SqlTypes.utc(current.issuedAt())).orElse(null))
                .bind("expiresAt", code.map(current -> SqlTypes.utc(current.expiresAt())).orElse(null))
                .bind("wrongAttempts", code.map(LoginCode::wrongAttempts).orElse(0))
                .bind("used", code.map(LoginCode::used).orElse(false))
                .bind("failures", next.consecutiveFailures())
                .bind("lastFailureAt", next.lastFailureAt().map(SqlTypes::utc).orElse(null))
                .bind("version", next.version())
                .execute()) == 1;
    }

    private static LoginState map(ResultSet rs) throws SQLException {
        Recipient recipient = new Recipient(Channel.valueOf(rs.getString("channel")), rs.getString("address"));
        String hash = rs.getString("code_hash");
        Optional<LoginCode> code = hash == null ? Optional.empty() : Optional.of(new LoginCode(hash,
                SqlTypes.instant(rs, "code_issued_at"), SqlTypes.instant(rs, "code_expires_at"),
                rs.getInt("code_wrong_attempts"), rs.getBoolean("code_used")));
        return new LoginState(recipient, code, rs.getInt("consecutive_failures"),
                Optional.ofNullable(SqlTypes.instant(rs, "last_failure_at")), rs.getLong("version"));
    }
}
