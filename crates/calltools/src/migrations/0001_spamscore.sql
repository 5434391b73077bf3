-- Spam Score results, one row per DID per check, and small remembered settings.
CREATE TABLE checks (
    id           INTEGER PRIMARY KEY,
    profile_id   INTEGER NOT NULL,
    install_id   TEXT    NOT NULL,
    run_id       INTEGER NOT NULL,
    did_id       TEXT    NOT NULL,
    did          TEXT    NOT NULL,
    score        INTEGER,
    ftc_reported INTEGER NOT NULL DEFAULT 0,
    checked_at   TEXT    NOT NULL
);
CREATE INDEX checks_by_did ON checks (profile_id, did_id, checked_at);

CREATE TABLE settings (
    profile_id INTEGER NOT NULL,
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (profile_id, key)
);
