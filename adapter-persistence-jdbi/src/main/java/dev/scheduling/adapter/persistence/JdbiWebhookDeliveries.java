package dev.scheduling.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.application.port.out.WebhookDeliveries;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.domain.webhook.DeliveryAttempt;
import dev.scheduling.domain.webhook.DeliveryStatus;
import dev.scheduling.domain.webhook.WebhookDelivery;
import dev.scheduling.domain.webhook.WebhookId;
import dev.scheduling.events.json.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Deliveries in table {@code webhook_deliveries}: the event as its JSON ({@link EventJson}) with its
 * trace context in the columns the outbox has, the attempts as a JSON array (instants as ISO-8601
 * text, durations in milliseconds).
 *
 * <p>Taking the due deliveries is one statement: it picks the soonest due delivery of each active,
 * not excluded webhook, locks the soonest of those with {@code FOR UPDATE SKIP LOCKED} (rows another
 * dispatcher is taking are passed over, not waited for) and moves their next attempt to the lease's
 * end. Since the candidates hold one delivery per webhook before any is locked, a skipped row never
 * lets a second delivery of its webhook in; and a row that another dispatcher leased after this
 * statement's snapshot is read again when locked, found no longer due, and left.
 */
public final class JdbiWebhookDeliveries implements WebhookDeliveries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbiTransactions transactions;

    public JdbiWebhookDeliveries(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public boolean add(WebhookDelivery delivery) {
        EventEnvelope event = delivery.event();
        return transactions.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, envelope, traceparent,
                            tracestate, status, created_at, round_started_at, next_attempt_at, attempts)
                        VALUES (:id, :webhookId, :eventId, :eventType, :envelope, :traceparent, :tracestate, :status,
                            :createdAt, :roundStartedAt, :nextAttemptAt, CAST(:attempts AS jsonb))
                        ON CONFLICT (id) DO NOTHING""")
                .bind("id", delivery.id())
                .bind("webhookId", delivery.webhookId().value())
                .bind("eventId", event.eventId())
                .bind("eventType", event.type())
                .bind("envelope", EventJson.encode(event))
                .bind("traceparent", event.traceContext().get(OutboxRelay.TRACEPARENT))
                .bind("tracestate", event.traceContext().get(OutboxRelay.TRACESTATE))
                .bind("status", delivery.status().name())
                .bind("createdAt", SqlTypes.utc(delivery.createdAt()))
                .bind("roundStartedAt", SqlTypes.utc(delivery.roundStartedAt()))
                .bind("nextAttemptAt", delivery.nextAttemptAt().map(SqlTypes::utc).orElse(null))
                .bind("attempts", attemptsDocument(delivery.attempts()))
                .execute()) == 1;
    }

    @Override
    public Optional<WebhookDelivery> findById(UUID id) {
        return transactions.withHandle(handle -> handle.createQuery("SELECT * FROM webhook_deliveries WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    @Override
    public List<WebhookDelivery> latestOf(WebhookId webhook, int limit) {
        return transactions.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM webhook_deliveries WHERE webhook_id = :webhookId
                        ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .bind("webhookId", webhook.value())
                .bind("limit", Math.max(0, limit))
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, Instant leaseEnd, int limit, Set<WebhookId> excluded) {
        if (limit <= 0) {
            return List.of();
        }
        return transactions.withHandle(handle -> handle.createQuery("""
                        WITH candidates AS (
                            SELECT DISTINCT ON (d.webhook_id) d.id, d.next_attempt_at
                            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                            WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                                AND w.active AND w.id <> ALL (:excluded)
                            ORDER BY d.webhook_id, d.next_attempt_at, d.id
                        ), taken AS (
                            SELECT d.id, c.next_attempt_at AS due
                            FROM webhook_deliveries d JOIN candidates c ON c.id = d.id
                            WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                            ORDER BY c.next_attempt_at, d.id
                            LIMIT :limit
                            FOR UPDATE OF d SKIP LOCKED
                        ), leased AS (
                            UPDATE webhook_deliveries d SET next_attempt_at = :leaseEnd
                            FROM taken WHERE d.id = taken.id
                            RETURNING d.*, taken.due
                        )
                        SELECT * FROM leased ORDER BY due, id""")
                .bind("now", SqlTypes.utc(now))
                .bind("leaseEnd", SqlTypes.utc(leaseEnd))
                .bind("limit", limit)
                .bindArray("excluded", String.class, excluded.stream().map(WebhookId::value).toList())
                .map((rs, ctx) -> map(rs))
                .list());
    }

    @Override
    public boolean replace(WebhookDelivery expected, WebhookDelivery next) {
        return transactions.withHandle(handle -> handle.createUpdate("""
                        UPDATE webhook_deliveries SET status = :status, round_started_at = :roundStartedAt,
                            next_attempt_at = :nextAttemptAt, attempts = CAST(:attempts AS jsonb)
                        WHERE id = :id AND status = :expectedStatus AND round_started_at = :expectedRound
                            AND next_attempt_at IS NOT DISTINCT FROM CAST(:expectedNext AS timestamptz)
                            AND attempts = CAST(:expectedAttempts AS jsonb)""")
                .bind("status", next.status().name())
                .bind("roundStartedAt", SqlTypes.utc(next.roundStartedAt()))
                .bind("nextAttemptAt", next.nextAttemptAt().map(SqlTypes::utc).orElse(null))
                .bind("attempts", attemptsDocument(next.attempts()))
                .bind("id", next.id())
                .bind("expectedStatus", expected.status().name())
                .bind("expectedRound", SqlTypes.utc(expected.roundStartedAt()))
                .bind("expectedNext", expected.nextAttemptAt().map(SqlTypes::utc).orElse(null))
                .bind("expectedAttempts", attemptsDocument(expected.attempts()))
                .execute()) == 1;
    }

    @Override
    public long pendingRetries() {
        return transactions.withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM webhook_deliveries
                        WHERE status = 'PENDING' AND jsonb_array_length(attempts) > 0""")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public int purgeFinishedBefore(Instant cutoff) {
        return transactions.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM webhook_deliveries WHERE status <> 'PENDING' AND created_at < :cutoff")
                .bind("cutoff", SqlTypes.utc(cutoff))
                .execute());
    }

    private static WebhookDelivery map(ResultSet rs) throws SQLException {
        EventEnvelope event = EventJson.decode(rs.getString("envelope"))
                .withTraceContext(OutboxRelay.traceContext(rs.getString("traceparent"), rs.getString("tracestate")));
        return new WebhookDelivery(rs.getObject("id", UUID.class), new WebhookId(rs.getString("webhook_id")), event,
                DeliveryStatus.valueOf(rs.getString("status")), SqlTypes.instant(rs, "created_at"),
                SqlTypes.instant(rs, "round_started_at"), Optional.ofNullable(SqlTypes.instant(rs, "next_attempt_at")),
                attempts(rs.getString("attempts")));
    }

    private static String attemptsDocument(List<DeliveryAttempt> attempts) {
        ArrayNode document = JSON.createArrayNode();
        for (DeliveryAttempt attempt : attempts) {
            ObjectNode node = document.addObject();
            node.put("attemptedAt", attempt.attemptedAt().toString());
            attempt.responseCode().ifPresentOrElse(code -> node.put("responseCode", code),
                    () -> node.putNull("responseCode"));
            node.put("durationMillis", attempt.duration().toMillis());
            attempt.error().ifPresentOrElse(error -> node.put("error", error), () -> node.putNull("error"));
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<DeliveryAttempt> attempts(String document) {
        try {
            List<DeliveryAttempt> attempts = new ArrayList<>();
            for (JsonNode node : JSON.readTree(document)) {
                JsonNode code = node.get("responseCode");
                JsonNode error = node.get("error");
                attempts.add(new DeliveryAttempt(Instant.parse(node.get("attemptedAt").asText()),
                        code == null || code.isNull() ? Optional.empty() : Optional.of(code.asInt()),
                        Duration.ofMillis(node.get("durationMillis").asLong()),
                        error == null || error.isNull() ? Optional.empty() : Optional.of(error.asText())));
            }
            return attempts;
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("unreadable attempts of a webhook delivery", corrupt);
        }
    }
}
