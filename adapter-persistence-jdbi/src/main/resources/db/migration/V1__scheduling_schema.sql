-- The scheduling service's schema. Migrations are applied by Flyway at start; never edit an applied one.

CREATE TABLE units (
    id             text PRIMARY KEY,
    name           text NOT NULL,
    time_zone      text NOT NULL,
    opening_hours  jsonb NOT NULL,   -- {"MONDAY": [["09:00", "12:00"], ...], ...}
    closed_dates   jsonb NOT NULL    -- ["2026-12-25", ...]
);

CREATE TABLE services (
    id                    text PRIMARY KEY,
    unit_id               text NOT NULL REFERENCES units (id),
    name                  text NOT NULL,
    duration_minutes      integer NOT NULL CHECK (duration_minutes > 0),
    capacity              integer NOT NULL CHECK (capacity > 0),
    slot_interval_minutes integer NOT NULL CHECK (slot_interval_minutes > 0),
    min_notice_minutes    integer NOT NULL CHECK (min_notice_minutes >= 0),
    booking_window_days   integer NOT NULL CHECK (booking_window_days >= 0),
    active                boolean NOT NULL
);
CREATE INDEX services_by_unit ON services (unit_id, name);

-- Capacity taken per service and UTC minute (epoch minutes): see ADR 0002 and the locking-strategy ADR.
CREATE TABLE slot_capacity (
    service_id text    NOT NULL,
    minute     bigint  NOT NULL,
    used       integer NOT NULL CHECK (used >= 0),
    PRIMARY KEY (service_id, minute)
);

CREATE TABLE slot_locks (
    token       text PRIMARY KEY,
    unit_id     text NOT NULL,
    service_id  text NOT NULL REFERENCES services (id),
    slot_date   date NOT NULL,
    start_time  time NOT NULL,
    end_time    time NOT NULL,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    quantity    integer NOT NULL CHECK (quantity > 0),
    status      text NOT NULL CHECK (status IN ('LOCKED', 'RELEASED', 'EXPIRED', 'CONVERTED')),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
-- The sweeper's and availability's question: which holds have run out? Only LOCKED rows are indexed.
CREATE INDEX slot_locks_due ON slot_locks (expires_at) WHERE status = 'LOCKED';

CREATE TABLE idempotency_keys (
    key              text PRIMARY KEY,
    fingerprint      text NOT NULL,
    claimed_at       timestamptz NOT NULL,
    response_status  integer,
    response_type    text,
    response_body    bytea
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (claimed_at);

-- Transactional outbox: events are written in the command's transaction and relayed after commit.
CREATE TABLE outbox_events (
    id          bigserial PRIMARY KEY,
    event_id    uuid NOT NULL UNIQUE,
    type        text NOT NULL,
    occurred_at timestamptz NOT NULL,
    envelope    text NOT NULL,
    sent_at     timestamptz
);
CREATE INDEX outbox_events_unsent ON outbox_events (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_events_sent ON outbox_events (sent_at) WHERE sent_at IS NOT NULL;
