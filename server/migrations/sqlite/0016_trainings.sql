-- Training courses: an event with sessions. Attendance is recorded per session at
-- check-in; whoever attends `sessions_required` sessions gets a certificate with an
-- unguessable number that anyone can verify.
ALTER TABLE events ADD COLUMN sessions_required INTEGER NOT NULL DEFAULT 0;

CREATE TABLE event_sessions (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events (id),
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    topic      TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX event_sessions_event ON event_sessions (event_id, starts_at);

CREATE TABLE session_attendance (
    session_id      INTEGER NOT NULL REFERENCES event_sessions (id),
    registration_id INTEGER NOT NULL REFERENCES event_registrations (id),
    at              INTEGER NOT NULL,
    recorded_by     INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (session_id, registration_id)
);
CREATE INDEX session_attendance_registration ON session_attendance (registration_id);

CREATE TABLE certificates (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    registration_id INTEGER NOT NULL UNIQUE REFERENCES event_registrations (id),
    -- As they were when it was issued: a later change of name or title does not alter it.
    holder_name     TEXT NOT NULL,
    title_zh        TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    sessions        INTEGER NOT NULL,
    issued_at       INTEGER NOT NULL
);
