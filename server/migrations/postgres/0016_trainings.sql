-- Training courses: an event with sessions. Attendance is recorded per session at
-- check-in; whoever attends `sessions_required` sessions gets a certificate with an
-- unguessable number that anyone can verify.
ALTER TABLE events ADD COLUMN sessions_required BIGINT NOT NULL DEFAULT 0;

CREATE TABLE event_sessions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   BIGINT NOT NULL REFERENCES events (id),
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT NOT NULL,
    topic      TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX event_sessions_event ON event_sessions (event_id, starts_at);

CREATE TABLE session_attendance (
    session_id      BIGINT NOT NULL REFERENCES event_sessions (id),
    registration_id BIGINT NOT NULL REFERENCES event_registrations (id),
    at              BIGINT NOT NULL,
    recorded_by     BIGINT NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (session_id, registration_id)
);
CREATE INDEX session_attendance_registration ON session_attendance (registration_id);

CREATE TABLE certificates (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    registration_id BIGINT NOT NULL UNIQUE REFERENCES event_registrations (id),
    -- As they were when it was issued: a later change of name or title does not alter it.
    holder_name     TEXT NOT NULL,
    title_zh        TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    sessions        BIGINT NOT NULL,
    issued_at       BIGINT NOT NULL
);
