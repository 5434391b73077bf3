-- NeuTrafix: the buyer's exchange account, the fetched market, purchases, seller cards, decks,
-- and the buyer's own routing prefixes. Keyed by the platform profile (one account each).
-- Secrets (API key, upload token) never come here: they live in the OS keyring.

CREATE TABLE account (
    profile_id INTEGER PRIMARY KEY,
    api_login TEXT NOT NULL,
    exchange_url TEXT NOT NULL,
    i_account TEXT,
    company TEXT,
    logged_in_at TEXT
);

CREATE TABLE application (
    profile_id INTEGER PRIMARY KEY,
    application_id TEXT NOT NULL,
    exchange_url TEXT NOT NULL,
    company_name TEXT NOT NULL,
    documents TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    message TEXT,
    api_login TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE carrier (
    profile_id INTEGER PRIMARY KEY,
    carrier_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE seller_card (
    profile_id INTEGER NOT NULL,
    seller TEXT NOT NULL,
    card_id TEXT NOT NULL,
    PRIMARY KEY (profile_id, seller)
);

CREATE TABLE market_fetch (
    profile_id INTEGER PRIMARY KEY,
    fetched_at TEXT NOT NULL,
    prefix TEXT NOT NULL,
    seller TEXT NOT NULL,
    route_type TEXT NOT NULL,
    truncated INTEGER NOT NULL,
    skipped INTEGER NOT NULL
);

CREATE TABLE market_route (
    profile_id INTEGER NOT NULL,
    row INTEGER NOT NULL,
    route TEXT NOT NULL,
    PRIMARY KEY (profile_id, row)
);

-- Written before the purchase is sent ('sending'), so a retry or a second click finds it.
CREATE TABLE purchase (
    profile_id INTEGER NOT NULL,
    connection_id TEXT NOT NULL,
    route TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sending', 'purchased', 'provisioned')),
    rates_url TEXT,
    tech_prefix TEXT,
    kind TEXT,
    card_id TEXT,
    deck_rates INTEGER NOT NULL DEFAULT 0,
    deck_problems TEXT NOT NULL DEFAULT '[]',
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, connection_id)
);

CREATE TABLE deck_rate (
    profile_id INTEGER NOT NULL,
    connection_id TEXT NOT NULL,
    prefix TEXT NOT NULL,
    description TEXT NOT NULL,
    price_1 REAL NOT NULL,
    price_n REAL NOT NULL,
    interval_1 INTEGER NOT NULL,
    interval_n INTEGER NOT NULL,
    effective_from TEXT NOT NULL,
    forbidden INTEGER NOT NULL,
    discontinued INTEGER NOT NULL,
    PRIMARY KEY (profile_id, connection_id, prefix)
);

CREATE TABLE own_prefix (
    profile_id INTEGER NOT NULL,
    prefix TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    connection_id TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, prefix)
);
