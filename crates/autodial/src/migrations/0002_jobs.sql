-- Dial jobs. A job dials one list for one install; its numbers are taken in `position` order.
-- A number has a `dial_call` row from the moment its call is about to be placed: 'placing' is
-- written (and committed) BEFORE the originate request is sent, 'placed' once the platform
-- has answered with its call id, 'done' with the outcome. A number with no row has not been
-- dialled; 'deferred' means the platform answered "busy, try later" (429) without placing it,
-- so it is dialled again later. After a crash a 'placing' row is "in doubt": the platform is asked whether that
-- call exists before anything is dialled again.
CREATE TABLE dial_job (
    id              INTEGER PRIMARY KEY,
    profile_id      INTEGER NOT NULL,
    install_id      TEXT    NOT NULL,
    -- The installed app's id, for its functions' routes.
    app_id          TEXT    NOT NULL,
    list_id         INTEGER NOT NULL REFERENCES number_list (id) ON DELETE CASCADE,
    -- The originate arguments, as configured when the job started (JSON object).
    target          TEXT    NOT NULL,
    cps             INTEGER NOT NULL CHECK (cps BETWEEN 1 AND 50),
    max_concurrent  INTEGER NOT NULL CHECK (max_concurrent BETWEEN 1 AND 500),
    -- The calling window (JSON), or NULL for any time.
    calling_window  TEXT,
    state           TEXT    NOT NULL
                    CHECK (state IN ('running', 'paused', 'stopped', 'finished')),
    total           INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    ended_at        TEXT
);
CREATE INDEX dial_job_by_install ON dial_job (profile_id, install_id);

-- The job's do-not-call numbers, in E.164.
CREATE TABLE dial_dnc (
    job_id  INTEGER NOT NULL REFERENCES dial_job (id) ON DELETE CASCADE,
    e164    TEXT    NOT NULL,
    PRIMARY KEY (job_id, e164)
) WITHOUT ROWID;

CREATE TABLE dial_call (
    job_id       INTEGER NOT NULL REFERENCES dial_job (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    e164         TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('placing', 'deferred', 'placed', 'done')),
    -- When the originate was about to be sent (RFC 3339, UTC).
    placing_at   TEXT,
    call_id      TEXT,
    outcome      TEXT CHECK (outcome IN ('answered', 'busy', 'no_answer', 'failed', 'do_not_call')),
    reason       TEXT,
    -- Talk time reported by the platform.
    duration_ms  INTEGER,
    -- Times the platform said "busy, try later" (429) before taking the call.
    deferrals    INTEGER NOT NULL DEFAULT 0,
    finished_at  TEXT,
    PRIMARY KEY (job_id, position)
) WITHOUT ROWID;
CREATE INDEX dial_call_by_state ON dial_call (job_id, state);
