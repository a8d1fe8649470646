-- One event committed to the outbox: a copy of a real slot.locked envelope of the run (table
-- bench_event_template) with a new eventId and occurredAt = this transaction's start, for the relay.
INSERT INTO outbox_events (event_id, type, occurred_at, envelope)
SELECT e.id, 'slot.locked', now(),
       regexp_replace(regexp_replace(t.envelope, '"eventId":"[^"]+"', '"eventId":"' || e.id || '"'),
                      '"occurredAt":"[^"]+"',
                      '"occurredAt":"' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"')
FROM (SELECT gen_random_uuid() AS id) AS e, bench_event_template AS t;
