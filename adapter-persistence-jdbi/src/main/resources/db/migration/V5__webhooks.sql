-- Webhooks: the businesses' receivers of events, and the deliveries of events to them with their attempts.
-- A delivery is the due-time table that retries survive restarts in; several dispatchers share it, taking
-- due rows with FOR UPDATE SKIP LOCKED and leasing them by moving next_attempt_at to the lease's end.

CREATE TABLE webhooks (
    id                    text PRIMARY KEY,
    url                   text NOT NULL,
    events                text[] NOT NULL,  -- the filter's patterns, in order: {"appointment.*","slot.released"}
    description           text NOT NULL,
    secret                text NOT NULL,
    active                boolean NOT NULL,
    consecutive_failures  integer NOT NULL CHECK (consecutive_failures >= 0),
    created_at            timestamptz NOT NULL
);

CREATE TABLE webhook_deliveries (
    id                uuid PRIMARY KEY,
    webhook_id        text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id          uuid NOT NULL,
    event_type        text NOT NULL,
    envelope          text NOT NULL,    -- the event's JSON, as EventJson.encode writes it
    traceparent       text,             -- the trace context beside it, as in outbox_events (V4)
    tracestate        text,
    status            text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    created_at        timestamptz NOT NULL,
    round_started_at  timestamptz NOT NULL,
    next_attempt_at   timestamptz,      -- set exactly while PENDING: the next attempt, or a lease's end
    -- [{"attemptedAt": "2030-03-04T08:00:00Z", "responseCode": 500, "durationMillis": 42, "error": null}, ...]
    attempts          jsonb NOT NULL DEFAULT '[]',
    CHECK ((status = 'PENDING') = (next_attempt_at IS NOT NULL))
);
-- The dispatchers' question: which pending deliveries are due? Only PENDING rows are indexed.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
-- A webhook's latest deliveries (and the foreign key's cascade).
CREATE INDEX webhook_deliveries_latest ON webhook_deliveries (webhook_id, created_at DESC);
