-- Account profiles: where to connect and as whom. No secret is ever stored here: the
-- refresh token lives in the OS keyring under the profile's id.
CREATE TABLE profile (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    base_url     TEXT NOT NULL,
    login        TEXT NOT NULL,
    is_sandbox   INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The published apps as last listed, per profile.
CREATE TABLE catalogue_app (
    profile_id     INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
    app_id         TEXT NOT NULL,
    name           TEXT NOT NULL,
    summary        TEXT NOT NULL,
    category       TEXT NOT NULL,
    publisher      TEXT NOT NULL,
    latest_version TEXT NOT NULL,
    installs       INTEGER NOT NULL,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (profile_id, app_id)
);

-- Installed instances, per profile. `config` holds non-secret values only.
CREATE TABLE install (
    profile_id   INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
    install_id   TEXT NOT NULL,
    app_id       TEXT NOT NULL,
    name         TEXT NOT NULL,
    version      TEXT NOT NULL,
    config       TEXT NOT NULL DEFAULT '{}',
    installed_at TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (profile_id, install_id)
);

-- When each kind of data was last fetched, per profile: `catalogue`, `installs`.
CREATE TABLE sync (
    profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
    what       TEXT NOT NULL,
    synced_at  TEXT NOT NULL,
    PRIMARY KEY (profile_id, what)
);
