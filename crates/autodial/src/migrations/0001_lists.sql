-- Number lists, as imported on the Set Numbers page. A list belongs to one install of one
-- profile; its numbers are kept in dialling order (`position` 0, 1, 2 … with no gaps), each
-- with the line of the source it came from. What was not accepted is kept beside it, so the
-- summary and the "save rejected lines" file can be made again at any time.
CREATE TABLE number_list (
    id          INTEGER PRIMARY KEY,
    profile_id  INTEGER NOT NULL,
    install_id  TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    -- The file's name, or "pasted".
    source      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    accepted    INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    rejected    INTEGER NOT NULL
);
CREATE INDEX number_list_by_install ON number_list (profile_id, install_id);

CREATE TABLE list_number (
    list_id   INTEGER NOT NULL REFERENCES number_list (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    e164      TEXT    NOT NULL,
    line      INTEGER NOT NULL,
    PRIMARY KEY (list_id, position)
) WITHOUT ROWID;

-- Lines that were not accepted: `kind` is 'rejected' (with the reason) or 'duplicate' (with the
-- line of the first occurrence in `reason`).
CREATE TABLE list_problem (
    list_id  INTEGER NOT NULL REFERENCES number_list (id) ON DELETE CASCADE,
    line     INTEGER NOT NULL,
    kind     TEXT    NOT NULL CHECK (kind IN ('rejected', 'duplicate')),
    reason   TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (list_id, line)
) WITHOUT ROWID;
