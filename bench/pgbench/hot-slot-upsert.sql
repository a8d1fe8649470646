-- High contention: every client on the same slot (capacity never reached, so every take waits for the last).
BEGIN;
INSERT INTO slot_capacity AS c (service_id, minute, used)
SELECT 'bench-service', minute, 1 FROM generate_series(CAST(0 AS bigint), CAST(29 AS bigint)) AS minute
ON CONFLICT (service_id, minute) DO UPDATE SET used = c.used + EXCLUDED.used
WHERE c.used + EXCLUDED.used <= 1000000000 RETURNING minute, used;
COMMIT;
