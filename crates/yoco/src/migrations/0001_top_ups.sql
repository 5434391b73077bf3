-- Yoco top-ups, their history, platform credits and refunds.
CREATE TABLE top_ups (
    id              TEXT PRIMARY KEY,
    profile_id      INTEGER NOT NULL,
    install_id      TEXT NOT NULL,
    -- The screen's attempt id: a double click on "Create checkout" is one top-up.
    attempt         TEXT NOT NULL UNIQUE,
    customer_id     TEXT NOT NULL,
    customer_name   TEXT NOT NULL,
    top_up_cents    INTEGER NOT NULL CHECK (top_up_cents >= 200),
    fee_cents       INTEGER NOT NULL CHECK (fee_cents >= 0),
    mode            TEXT NOT NULL CHECK (mode IN ('test', 'live')),
    state           TEXT NOT NULL,
    -- Stored before the first request is sent; every retry of this top-up reuses it.
    idempotency_key TEXT NOT NULL UNIQUE,
    -- The exact body sent, so a retry after a restart is byte for byte the same request.
    request_json    TEXT NOT NULL,
    checkout_id     TEXT UNIQUE,
    redirect_url    TEXT,
    payment_id      TEXT,
    checkout_status TEXT,
    error           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX top_ups_profile_state ON top_ups (profile_id, state);

CREATE TABLE top_up_events (
    id        INTEGER PRIMARY KEY,
    top_up_id TEXT NOT NULL REFERENCES top_ups (id),
    at        TEXT NOT NULL,
    state     TEXT NOT NULL,
    note      TEXT
);
CREATE INDEX top_up_events_top_up ON top_up_events (top_up_id);

-- One platform credit per checkout, ever. The row is taken before the payment is posted;
-- recorded_at is set once the platform holds it.
CREATE TABLE credits (
    checkout_id TEXT PRIMARY KEY,
    top_up_id   TEXT NOT NULL UNIQUE REFERENCES top_ups (id),
    claimed_at  TEXT NOT NULL,
    recorded_at TEXT
);

CREATE TABLE refunds (
    id              TEXT PRIMARY KEY,
    top_up_id       TEXT NOT NULL REFERENCES top_ups (id),
    attempt         TEXT NOT NULL UNIQUE,
    -- NULL: a full refund (sent with no body).
    amount_cents    INTEGER CHECK (amount_cents IS NULL OR amount_cents > 0),
    idempotency_key TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL,
    refund_id       TEXT UNIQUE,
    refunded_cents  INTEGER,
    error           TEXT,
    created_at      TEXT NOT NULL,
    recorded_at     TEXT
);
