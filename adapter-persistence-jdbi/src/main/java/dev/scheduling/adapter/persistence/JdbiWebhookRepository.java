package dev.scheduling.adapter.persistence;

import dev.scheduling.application.port.out.WebhookRepository;
import dev.scheduling.domain.webhook.EventFilter;
import dev.scheduling.domain.webhook.Webhook;
import dev.scheduling.domain.webhook.WebhookId;
import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks in table {@code webhooks}, the filter's patterns as a {@code text[]} in their order. Which
 * webhooks an event type matches is the domain's {@link EventFilter} to say: the active ones are read
 * and filtered here (there are few). A failure is counted by one statement that locks the row, so the
 * count is exact and one caller, the one whose failure reaches the limit, deactivates the webhook.
 * Deleting a webhook deletes its deliveries by the foreign key's cascade.
 */
public final class JdbiWebhookRepository implements WebhookRepository {
    private final JdbiTransactions transactions;

    public JdbiWebhookRepository(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void add(Webhook webhook) {
        transactions.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO webhooks (id, url, events, description, secret, active, consecutive_failures,
                            created_at)
                        VALUES (:id, :url, :events, :description, :secret, :active, :failures, :createdAt)""")
                .bind("id", webhook.id().value())
                .bind("url", webhook.url().toString())
                .bindArray("events", String.class, webhook.events().patterns())
                .bind("description", webhook.description())
                .bind("secret", webhook.secret())
                .bind("active", webhook.active())
                .bind("failures", webhook.consecutiveFailures())
                .bind("createdAt", SqlTypes.utc(webhook.createdAt()))
                .execute());
    }

    @Override
    public Optional<Webhook> findById(WebhookId id) {
        return transactions.withHandle(handle -> handle.createQuery("SELECT * FROM webhooks WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public List<Webhook> all() {
        return transactions.withHandle(handle -> handle.createQuery("SELECT * FROM webhooks ORDER BY created_at, id")
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public List<Webhook> subscribedTo(String eventType) {
        return transactions.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM webhooks WHERE active ORDER BY created_at, id")
                .map((rs, ctx) -> map(rs))
                .list()).stream()
                .filter(webhook -> webhook.subscribesTo(eventType))
                .toList();
    }

    @Override
    public void update(Webhook webhook) {
        transactions.withHandle(handle -> handle.createUpdate("""
                        UPDATE webhooks SET url = :url, events = :events, description = :description, active = :active,
                            consecutive_failures = :failures
                        WHERE id = :id""")
                .bind("url", webhook.url().toString())
                .bindArray("events", String.class, webhook.events().patterns())
                .bind("description", webhook.description())
                .bind("active", webhook.active())
                .bind("failures", webhook.consecutiveFailures())
                .bind("id", webhook.id().value())
                .execute());
    }

    @Override
    public boolean delete(WebhookId id) {
        return transactions.withHandle(handle -> handle.createUpdate("DELETE FROM webhooks WHERE id = :id")
                .bind("id", id.value())
                .execute()) == 1;
    }

    @Override
    public void recordSuccess(WebhookId id) {
        transactions.withHandle(handle -> handle.createUpdate(
                        "UPDATE webhooks SET consecutive_failures = 0 WHERE id = :id AND consecutive_failures <> 0")
                .bind("id", id.value())
                .execute());
    }

    /**
     * One statement: the CTE locks the row (waiting for a concurrent failure's transaction, then reading
     * the row as that one left it) and the update counts on that row, so {@code before.active} is the
     * state this very failure changed. {@code FOR NO KEY UPDATE}, as the update itself would take, does
     * not block the inserts of deliveries, whose foreign key only shares the key.
     */
    @Override
    public boolean recordFailure(WebhookId id, int disableAfter) {
        return transactions.withHandle(handle -> handle.createQuery("""
                        WITH before AS (SELECT id, active FROM webhooks WHERE id = :id FOR NO KEY UPDATE)
                        UPDATE webhooks w SET consecutive_failures = w.consecutive_failures + 1,
                            active = w.active AND w.consecutive_failures + 1 < :disableAfter
                        FROM before WHERE w.id = before.id
                        RETURNING before.active AND NOT w.active AS deactivated""")
                .bind("id", id.value())
                .bind("disableAfter", disableAfter)
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
    }

    private static Webhook map(ResultSet rs) throws SQLException {
        Array events = rs.getArray("events");
        List<String> patterns = List.of((String[]) events.getArray());
        return new Webhook(new WebhookId(rs.getString("id")), URI.create(rs.getString("url")),
                new EventFilter(patterns), rs.getString("description"), rs.getString("secret"),
                rs.getBoolean("active"), rs.getInt("consecutive_failures"), SqlTypes.instant(rs, "created_at"));
    }
}
