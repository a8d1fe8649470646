-- The statements of one POST /slots/lock on a random slot (low contention), as the service runs them:
-- one read-only transaction with the catalog reads and the due-lock check, then one transaction with the
-- conditional upsert over the slot's 30 minutes, which answers the slot's usage after it, the lock row,
-- the outbox row.
\set slot random(0, 2000000)
BEGIN;
SELECT id, name, time_zone, opening_hours, closed_dates FROM units WHERE id = 'bench-unit';
SELECT * FROM services WHERE id = 'bench-service';
SELECT token FROM slot_locks WHERE status = 'LOCKED' AND expires_at <= now() AND service_id = 'bench-service'
  AND starts_at < to_timestamp(CAST(:slot AS bigint) * 1800 + 1800) AND ends_at > to_timestamp(CAST(:slot AS bigint) * 1800);
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
        'LOCKED', now(), now() + interval '5 minutes');
INSERT INTO outbox_events (event_id, type, occurred_at, envelope, traceparent, tracestate)
VALUES (gen_random_uuid(), 'slot.locked', now(), repeat('x', 400), NULL, NULL);
COMMIT;
