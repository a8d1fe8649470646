-- One POST /slots/lock on a random slot (low contention) then one POST /slots/release of its token, as
-- the service runs them (the lock is lock-upsert.sql). The release: one transaction with the lock read by
-- its token, the service read, the compare-and-set of the lock's status, the give-back over the slot's 30
-- minutes (rows locked in order, each lowered or, given back to nothing, deleted), which answers the
-- slot's usage after it, the outbox row.
-- Run with pgbench -M prepared: :token is a parameter there (it is set by \gset).
\set slot random(0, 2000000)
BEGIN;
SELECT * FROM units WHERE id = 'bench-unit';
SELECT * FROM services WHERE id = 'bench-service';
SELECT token, unit_id, service_id, slot_date, start_time, end_time, starts_at, ends_at, quantity, status, created_at,
       expires_at FROM slot_locks WHERE status = 'LOCKED' AND expires_at <= now() AND service_id = 'bench-service'
  AND starts_at < to_timestamp(CAST(:slot AS bigint) * 1800 + 1800) AND ends_at > to_timestamp(CAST(:slot AS bigint) * 1800)
  ORDER BY expires_at, token;
COMMIT;
BEGIN;
INSERT INTO slot_capacity AS c (service_id, minute, used)
SELECT 'bench-service', minute, 1 FROM generate_series(CAST(:slot * 30 AS bigint), CAST(:slot * 30 + 29 AS bigint)) AS minute
ON CONFLICT (service_id, minute) DO UPDATE SET used = c.used + EXCLUDED.used
WHERE c.used + EXCLUDED.used <= 1000000 RETURNING minute, used;
INSERT INTO slot_locks (token, unit_id, service_id, slot_date, start_time, end_time, starts_at, ends_at, quantity,
                        status, created_at, expires_at)
VALUES (md5(random()::text || clock_timestamp()::text), 'bench-unit', 'bench-service', DATE '2030-01-01',
        TIME '09:00', TIME '09:30', to_timestamp(CAST(:slot AS bigint) * 1800), to_timestamp(CAST(:slot AS bigint) * 1800 + 1800), 1,
        'LOCKED', now(), now() + interval '5 minutes') RETURNING token \gset
INSERT INTO outbox_events (event_id, type, occurred_at, envelope, traceparent, tracestate)
VALUES (gen_random_uuid(), 'slot.locked', now(), repeat('x', 400), NULL, NULL);
COMMIT;
BEGIN;
SELECT token, unit_id, service_id, slot_date, start_time, end_time, starts_at, ends_at, quantity, status, created_at,
       expires_at FROM slot_locks WHERE token = :token;
SELECT * FROM services WHERE id = 'bench-service';
UPDATE slot_locks SET status = 'RELEASED' WHERE token = :token AND status = 'LOCKED';
WITH locked AS (
    SELECT minute, used FROM slot_capacity
    WHERE service_id = 'bench-service' AND minute >= :slot * 30 AND minute < :slot * 30 + 30
    ORDER BY minute FOR UPDATE),
lowered AS (
    UPDATE slot_capacity AS c SET used = c.used - 1 FROM locked
    WHERE c.service_id = 'bench-service' AND c.minute = locked.minute AND locked.used <> 1
    RETURNING c.minute, c.used),
emptied AS (
    DELETE FROM slot_capacity AS c USING locked
    WHERE c.service_id = 'bench-service' AND c.minute = locked.minute AND locked.used = 1
    RETURNING c.minute)
SELECT minute, used FROM lowered UNION ALL SELECT minute, 0 FROM emptied;
INSERT INTO outbox_events (event_id, type, occurred_at, envelope, traceparent, tracestate)
VALUES (gen_random_uuid(), 'slot.released', now(), repeat('x', 400), NULL, NULL);
COMMIT;
