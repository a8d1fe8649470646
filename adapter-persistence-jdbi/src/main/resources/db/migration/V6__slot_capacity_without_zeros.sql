-- A minute that nobody holds has no row in slot_capacity (JdbiSlotCapacityStore deletes what it lowers to
-- nothing). The zeros that releases and expiries left before are removed once: an availability read
-- through all of them to find the minutes in use.
DELETE FROM slot_capacity WHERE used = 0;
