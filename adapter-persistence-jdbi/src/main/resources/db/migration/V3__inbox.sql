-- The inbox: the events each consumer has handled, recorded in the transaction of the effect, so that
-- a redelivered event is recognised. The primary key is what makes two racing deliveries have one effect:
-- the second insert waits for the first transaction and then finds the row (or takes its place).

CREATE TABLE inbox_events (
    consumer    text NOT NULL,
    event_id    uuid NOT NULL,
    handled_at  timestamptz NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX inbox_events_handled_at ON inbox_events (handled_at);
