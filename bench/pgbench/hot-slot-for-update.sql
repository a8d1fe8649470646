-- High contention with the row-lock strategy.
BEGIN;
SELECT minute, used FROM slot_capacity WHERE service_id = 'bench-service'
  AND minute >= 0 AND minute < 30 ORDER BY minute FOR UPDATE;
UPDATE slot_capacity SET used = used + 1 WHERE service_id = 'bench-service' AND minute >= 0 AND minute < 30;
COMMIT;
