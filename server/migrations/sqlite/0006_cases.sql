-- Cases (办件), their timelines, numbering, the working-day calendar, notifications and the
-- e-mail outbox. Dates are ISO text (YYYY-MM-DD); times are unix milliseconds.

CREATE TABLE calendar_days (
    day     TEXT PRIMARY KEY,
    working INTEGER NOT NULL CHECK (working IN (0, 1)),
    note_zh TEXT NOT NULL,
    note_en TEXT NOT NULL
);

CREATE TABLE case_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE cases (
    id                   INTEGER PRIMARY KEY,
    -- Given on submission: LJ-2026-000123.
    number               TEXT UNIQUE,
    applicant_id         INTEGER NOT NULL REFERENCES accounts (id),
    item_code            TEXT NOT NULL,
    -- The version of the item the application was made with (service_item_versions).
    item_version         INTEGER NOT NULL,
    state                TEXT NOT NULL,
    -- 1 while the case is going and its item allows one case at a time per applicant
    -- (the unique index below enforces it); 0 otherwise.
    active               INTEGER NOT NULL CHECK (active IN (0, 1)),
    answers              TEXT NOT NULL DEFAULT '{}',
    employer_id          INTEGER REFERENCES accounts (id),
    assignee_id          INTEGER REFERENCES accounts (id),
    amount_fen           INTEGER,
    approved_by          INTEGER REFERENCES accounts (id),
    disbursement_ref     TEXT NOT NULL DEFAULT '',
    submitted_at         INTEGER,
    accepted_on          TEXT,
    due_on               TEXT,
    -- Set while a supplement is awaited: the clock stops from this day.
    paused_on            TEXT,
    decided_at           INTEGER,
    rating               INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment       TEXT NOT NULL DEFAULT '',
    rated_at             INTEGER,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
CREATE UNIQUE INDEX cases_one_active ON cases (applicant_id, item_code) WHERE active = 1;
CREATE INDEX cases_applicant ON cases (applicant_id, updated_at);
CREATE INDEX cases_queue ON cases (state, due_on);
CREATE INDEX cases_employer ON cases (employer_id, state);

CREATE TABLE case_events (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    actor_id   INTEGER REFERENCES accounts (id),
    -- A transition name (submit, accept, …) or note, extend, claim, rate.
    kind       TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT,
    -- 0: internal, staff only.
    public     INTEGER NOT NULL CHECK (public IN (0, 1)),
    text       TEXT NOT NULL DEFAULT '',
    amount_fen INTEGER
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    case_id    INTEGER REFERENCES cases (id) ON DELETE CASCADE,
    -- What happened (a transition name); the page words it in the reader's language.
    kind       TEXT NOT NULL,
    read_at    INTEGER
);
CREATE INDEX notifications_unread ON notifications (account_id, read_at);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER,
    last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
