-- App pages (description, versions, documentation, ownership) as last fetched, so an app's
-- page opens offline.
CREATE TABLE app_page (
    profile_id    INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
    app_id        TEXT NOT NULL,
    description   TEXT NOT NULL,
    versions      TEXT NOT NULL,
    documentation TEXT,
    owned         INTEGER NOT NULL,
    fetched_at    TEXT NOT NULL,
    PRIMARY KEY (profile_id, app_id)
);

CREATE INDEX install_by_app ON install (profile_id, app_id);

-- The apps the account built itself (it owns them), as last listed.
CREATE TABLE owned_app (
    profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
    app_id     TEXT NOT NULL,
    PRIMARY KEY (profile_id, app_id)
);
