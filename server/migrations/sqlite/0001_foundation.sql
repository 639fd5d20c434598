-- Accounts of every role and the first catalogue table.
-- Timestamps are unix milliseconds; flags are 0/1 integers (shared SQL with PostgreSQL).

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    role          TEXT    NOT NULL CHECK (role IN ('talent', 'enterprise', 'staff', 'admin')),
    email         TEXT    UNIQUE,
    phone         TEXT    UNIQUE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    is_demo       INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at    INTEGER NOT NULL,
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

CREATE TABLE service_items (
    id              INTEGER PRIMARY KEY,
    code            TEXT    NOT NULL UNIQUE,
    name_zh         TEXT    NOT NULL,
    name_en         TEXT    NOT NULL,
    summary_zh      TEXT    NOT NULL,
    summary_en      TEXT    NOT NULL,
    time_limit_days INTEGER NOT NULL CHECK (time_limit_days > 0),
    max_amount_fen  INTEGER CHECK (max_amount_fen IS NULL OR max_amount_fen >= 0),
    is_demo         INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    published       INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_at      INTEGER NOT NULL
);
