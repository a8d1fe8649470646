-- One GET /units/{unitId}/availability for a range of dates, as the service runs it: four statements in
-- one transaction (one connection), whatever the number of slots (AvailabilityQueriesTest): the unit, the
-- service, the minutes in use over the range, the run-out locks in it.
-- Variables (pgbench -D): unit, service (the ids of the service's own bench catalog), first and end
-- (the range in epoch minutes, end exclusive).
-- Run with pgbench -M prepared: the ids are parameters there.
BEGIN;
SELECT * FROM units WHERE id = :unit;
SELECT * FROM services WHERE id = :service;
SELECT minute, used FROM slot_capacity
  WHERE service_id = :service AND minute >= :first AND minute < :end AND used > 0;
SELECT token, unit_id, service_id, slot_date, start_time, end_time, starts_at, ends_at, quantity, status, created_at,
       expires_at FROM slot_locks WHERE status = 'LOCKED' AND expires_at <= now() AND service_id = :service
  AND starts_at < to_timestamp(CAST(:end AS bigint) * 60) AND ends_at > to_timestamp(CAST(:first AS bigint) * 60)
  ORDER BY expires_at, token;
COMMIT;
