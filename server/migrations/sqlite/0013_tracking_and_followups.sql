-- Tracking without signing in: a lookup by number and contact, its one-time code (hashed
-- with the ticket the form carries) and, once confirmed, a short-lived grant to read the
-- public timeline. subject_id is NULL when the number and contact did not match.
CREATE TABLE tracking_requests (
    id               INTEGER PRIMARY KEY,
    ticket_hash      TEXT NOT NULL UNIQUE,
    subject_kind     TEXT NOT NULL CHECK (subject_kind IN ('case', 'concern')),
    subject_id       INTEGER,
    code_hash        TEXT NOT NULL,
    expires_at       INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    grant_hash       TEXT UNIQUE,
    grant_expires_at INTEGER,
    client_ip        TEXT NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX tracking_requests_ip ON tracking_requests (client_ip, created_at);

-- Bad-review follow-up: one per badly rated case.
CREATE TABLE review_followups (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL UNIQUE REFERENCES cases (id),
    rating        INTEGER NOT NULL,
    opened_at     INTEGER NOT NULL,
    due_on        TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('open', 'done')),
    callback_note TEXT NOT NULL DEFAULT '',
    fix_note      TEXT NOT NULL DEFAULT '',
    done_by       INTEGER REFERENCES accounts (id),
    done_at       INTEGER,
    done_on_time  INTEGER NOT NULL DEFAULT 0 CHECK (done_on_time IN (0, 1)),
    -- The applicant's appeal against their own rating: '' none, pending, granted, declined.
    appeal_state  TEXT NOT NULL DEFAULT '',
    appeal_rating INTEGER,
    appeal_text   TEXT NOT NULL DEFAULT '',
    appeal_answer TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX review_followups_open ON review_followups (state, due_on);
CREATE INDEX review_followups_opened ON review_followups (opened_at);

-- Staff search by ID number: keyed hashes (HMAC with the server's search key) of the
-- whole number and of its last six characters. No index holds the numbers themselves.
CREATE TABLE id_search_keys (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    full_hash  TEXT NOT NULL,
    tail_hash  TEXT NOT NULL,
    -- Which key made the hashes: after a key change they are made again at start-up.
    key_id     TEXT NOT NULL
);
CREATE INDEX id_search_keys_full ON id_search_keys (full_hash);
CREATE INDEX id_search_keys_tail ON id_search_keys (tail_hash);

-- Files attached to a concern by its requester or by staff (same upload rules as case
-- materials); the requester and staff may open them.
CREATE TABLE concern_files (
    id            INTEGER PRIMARY KEY,
    concern_id    INTEGER NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    stored_name   TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    uploaded_by   INTEGER NOT NULL REFERENCES accounts (id),
    uploaded_at   INTEGER NOT NULL
);
CREATE INDEX concern_files_concern ON concern_files (concern_id, id);
