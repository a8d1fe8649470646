-- The alternative strategy, for the locking-strategy ADR: lock the minute rows first in ascending
-- order (SELECT ... FOR UPDATE), check in the client, then update. Same rows, one more round trip.
\set slot random(0, 2000000)
BEGIN;
INSERT INTO slot_capacity (service_id, minute, used)
SELECT 'bench-service', minute, 0 FROM generate_series(CAST(:slot * 30 AS bigint), CAST(:slot * 30 + 29 AS bigint)) AS minute
ON CONFLICT DO NOTHING;
SELECT minute, used FROM slot_capacity WHERE service_id = 'bench-service'
  AND minute >= :slot * 30 AND minute < :slot * 30 + 30 ORDER BY minute FOR UPDATE;
UPDATE slot_capacity SET used = used + 1 WHERE service_id = 'bench-service'
  AND minute >= :slot * 30 AND minute < :slot * 30 + 30;
COMMIT;
