-- Rates a seller's deck announces for a later date, kept until their day comes and they go on
-- the seller's card (see deck.rs and service.rs, `apply_due_rates`).
CREATE TABLE deck_pending (
    profile_id INTEGER NOT NULL,
    connection_id TEXT NOT NULL,
    line INTEGER NOT NULL,
    prefix TEXT NOT NULL,
    description TEXT NOT NULL,
    price_1 REAL NOT NULL,
    price_n REAL NOT NULL,
    interval_1 INTEGER NOT NULL,
    interval_n INTEGER NOT NULL,
    effective_from TEXT NOT NULL,
    -- UTC, as 'YYYY-MM-DD HH:MM:SS', so that text order is time order.
    starts_at TEXT NOT NULL,
    forbidden INTEGER NOT NULL,
    discontinued INTEGER NOT NULL,
    PRIMARY KEY (profile_id, connection_id, line)
);
