-- One POST /slots/lock on a full hot slot, as the service runs it when it answers 409 slot_full: the
-- reads in one transaction, then the conditional upsert over the slot's 30 minutes, which raises none
-- (every minute is at the capacity, 5) but locks their rows, and the rollback.
BEGIN;
SELECT * FROM units WHERE id = 'bench-unit';
SELECT * FROM services WHERE id = 'bench-hot';
SELECT token, unit_id, service_id, slot_date, start_time, end_time, starts_at, ends_at, quantity, status, created_at,
       expires_at FROM slot_locks WHERE status = 'LOCKED' AND expires_at <= now() AND service_id = 'bench-hot'
  AND starts_at < to_timestamp(1800) AND ends_at > to_timestamp(0) ORDER BY expires_at, token;
COMMIT;
BEGIN;
INSERT INTO slot_capacity AS c (service_id, minute, used)
SELECT 'bench-hot', minute, 1 FROM generate_series(CAST(0 AS bigint), CAST(29 AS bigint)) AS minute
ON CONFLICT (service_id, minute) DO UPDATE SET used = c.used + EXCLUDED.used
WHERE c.used + EXCLUDED.used <= 5 RETURNING minute, used;
ROLLBACK;
