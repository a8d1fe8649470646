-- Clients, their login state and their appointments (the client's journey).

CREATE TABLE clients (
    id          text PRIMARY KEY,
    channel     text NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
    address     text NOT NULL,
    created_at  timestamptz NOT NULL,
    UNIQUE (channel, address)
);

-- One row per recipient that asked for a code: only a keyed hash of the current code is kept.
CREATE TABLE login_states (
    channel               text NOT NULL,
    address               text NOT NULL,
    code_hash             text,
    code_issued_at        timestamptz,
    code_expires_at       timestamptz,
    code_wrong_attempts   integer NOT NULL DEFAULT 0 CHECK (code_wrong_attempts >= 0),
    code_used             boolean NOT NULL DEFAULT false,
    consecutive_failures  integer NOT NULL CHECK (consecutive_failures >= 0),
    last_failure_at       timestamptz,
    version               bigint NOT NULL,
    PRIMARY KEY (channel, address)
);

CREATE TABLE appointments (
    id                 text PRIMARY KEY,
    client_id          text NOT NULL REFERENCES clients (id),
    unit_id            text NOT NULL REFERENCES units (id),
    service_id         text NOT NULL REFERENCES services (id),
    slot_date          date NOT NULL,
    start_time         time NOT NULL,
    end_time           time NOT NULL,
    starts_at          timestamptz NOT NULL,
    ends_at            timestamptz NOT NULL,
    quantity           integer NOT NULL CHECK (quantity > 0),
    reservation_token  text NOT NULL REFERENCES slot_locks (token),
    notes              text,
    status             text NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
    created_at         timestamptz NOT NULL
);
CREATE INDEX appointments_by_client ON appointments (client_id, starts_at);
CREATE INDEX appointments_by_unit ON appointments (unit_id, slot_date, start_time);
