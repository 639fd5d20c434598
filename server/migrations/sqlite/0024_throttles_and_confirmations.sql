-- Limits counted in the database, shared by every server process: one row per purpose
-- (what is limited: sign-in failures, registrations, concerns, invitations, …) and subject
-- (for whom: an address, an account, an account at an address). `app::throttle` claims
-- each use with one conditional upsert. A row past `expires_at` counts for nothing and
-- is swept now and then. It replaces the sign-in-only `login_throttle`.
CREATE TABLE throttles (
    purpose       TEXT    NOT NULL,
    subject       TEXT    NOT NULL,
    hits          INTEGER NOT NULL,
    window_start  INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL DEFAULT 0,
    expires_at    INTEGER NOT NULL,
    PRIMARY KEY (purpose, subject)
);
CREATE INDEX throttles_expiry ON throttles (expires_at);

DROP TABLE login_throttle;

-- A registration waits here until the link sent to its e-mail address or mobile number is
-- opened; only then does the account exist. The link's token is stored as its SHA-256.
CREATE TABLE pending_registrations (
    token_hash     TEXT    PRIMARY KEY,
    role           TEXT    NOT NULL,
    email          TEXT,
    phone          TEXT,
    display_name   TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    org_name       TEXT,
    credit_code    TEXT,
    contact_person TEXT,
    client_ip      TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL
);
CREATE INDEX pending_registrations_expiry ON pending_registrations (expires_at);
