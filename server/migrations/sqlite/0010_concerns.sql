-- Concerns (诉求): questions, complaints, suggestions and appeals, with their thread.
CREATE TABLE concern_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE concerns (
    id             INTEGER PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('consultation', 'complaint', 'suggestion', 'appeal')),
    -- NULL for a visitor without an account, who leaves a name and an e-mail address.
    requester_id   INTEGER REFERENCES accounts (id),
    contact_name   TEXT NOT NULL DEFAULT '',
    contact_email  TEXT NOT NULL DEFAULT '',
    -- The address a visitor wrote from, to limit how many concerns one address raises.
    client_ip      TEXT NOT NULL DEFAULT '',
    -- Appeals: the requester's case they are about.
    case_id        INTEGER REFERENCES cases (id),
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('open', 'answered', 'reopened', 'resolved', 'closed')),
    department     TEXT NOT NULL DEFAULT 'talent_office',
    assignee_id    INTEGER REFERENCES accounts (id),
    -- The promised answer date (working days from raising or reopening).
    due_on         TEXT NOT NULL,
    reopened       INTEGER NOT NULL DEFAULT 0 CHECK (reopened IN (0, 1)),
    rating         INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX concerns_requester ON concerns (requester_id, updated_at);
CREATE INDEX concerns_desk ON concerns (state, due_on);
CREATE INDEX concerns_visitor_ip ON concerns (client_ip, created_at);

CREATE TABLE concern_messages (
    id         INTEGER PRIMARY KEY,
    concern_id INTEGER NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    -- NULL: the visitor who raised it.
    author_id  INTEGER REFERENCES accounts (id),
    -- raise, reply, note, transfer, close, confirm, reopen, rate
    action     TEXT NOT NULL,
    -- 0: internal note, staff only.
    public     INTEGER NOT NULL CHECK (public IN (0, 1)),
    text       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX concern_messages_concern ON concern_messages (concern_id, id);
