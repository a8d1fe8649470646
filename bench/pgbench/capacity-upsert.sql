-- Only the capacity change of the chosen strategy, for comparison with lock-for-update.sql.
\set slot random(0, 2000000)
BEGIN;
INSERT INTO slot_capacity AS c (service_id, minute, used)
SELECT 'bench-service', minute, 1 FROM generate_series(CAST(:slot * 30 AS bigint), CAST(:slot * 30 + 29 AS bigint)) AS minute
ON CONFLICT (service_id, minute) DO UPDATE SET used = c.used + EXCLUDED.used
WHERE c.used + EXCLUDED.used <= 1000000 RETURNING minute, used;
COMMIT;
