-- Accounts that can be disabled, enterprise identity, sessions shared by every server
-- process, sign-in throttling and the security audit log.

ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'disabled'));
-- Enterprise accounts: organisation name, unified social credit code, contact person.
ALTER TABLE accounts ADD COLUMN org_name TEXT;
ALTER TABLE accounts ADD COLUMN credit_code TEXT;
ALTER TABLE accounts ADD COLUMN contact_person TEXT;
ALTER TABLE accounts ADD COLUMN password_changed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
-- Optimistic concurrency: every update checks and bumps it.
ALTER TABLE accounts ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX accounts_credit_code ON accounts (credit_code);

-- A session is found by the SHA-256 of its cookie value, so the table never holds a
-- usable session identifier.
CREATE TABLE sessions (
    id_hash      TEXT   PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    -- Absolute end, whatever the activity.
    expires_at   BIGINT NOT NULL,
    user_agent   TEXT   NOT NULL DEFAULT '',
    ip           TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Failed sign-ins per key ('account:<login>' or 'address:<ip>') in a fixed window.
CREATE TABLE login_throttle (
    throttle_key TEXT   PRIMARY KEY,
    window_start BIGINT NOT NULL,
    failures     BIGINT NOT NULL
);

CREATE TABLE audit_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor_id   BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    -- What the actor typed or is known as, masked (never a full phone or ID number).
    actor_label TEXT  NOT NULL DEFAULT '',
    action     TEXT   NOT NULL,
    subject_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    ip         TEXT   NOT NULL DEFAULT '',
    outcome    TEXT   NOT NULL CHECK (outcome IN ('success', 'failure', 'refused')),
    detail     TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_at ON audit_events (at);
