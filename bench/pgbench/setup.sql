-- A unit and a service for the benchmark scripts, in the schema the service itself migrated.
INSERT INTO units (id, name, time_zone, opening_hours, closed_dates)
VALUES ('bench-unit', 'Bench', 'UTC', '{}', '[]') ON CONFLICT DO NOTHING;
INSERT INTO services (id, unit_id, name, duration_minutes, capacity, slot_interval_minutes,
                      min_notice_minutes, booking_window_days, active)
VALUES ('bench-service', 'bench-unit', 'Bench', 30, 1000000, 30, 0, 90, true) ON CONFLICT DO NOTHING;
-- The hot slot of hot-slot-refused.sql: minutes 0 to 29 of a service of capacity 5, all taken.
INSERT INTO services (id, unit_id, name, duration_minutes, capacity, slot_interval_minutes,
                      min_notice_minutes, booking_window_days, active)
VALUES ('bench-hot', 'bench-unit', 'Bench hot', 30, 5, 30, 0, 90, true) ON CONFLICT DO NOTHING;
INSERT INTO slot_capacity (service_id, minute, used)
SELECT 'bench-hot', minute, 5 FROM generate_series(0, 29) minute ON CONFLICT DO NOTHING;
