-- The talent's profile: identity and the facts the eligibility rules read. Unknown facts
-- are NULL. Dates are ISO text (YYYY-MM-DD), identical on both backends.
CREATE TABLE talent_profiles (
    account_id           INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    full_name            TEXT   NOT NULL DEFAULT '',
    id_type              TEXT   NOT NULL DEFAULT 'mainland' CHECK (id_type IN ('mainland', 'passport')),
    id_number            TEXT   NOT NULL DEFAULT '',
    birth_date           TEXT,
    nationality          TEXT   NOT NULL DEFAULT '',
    education            TEXT,
    university           TEXT   NOT NULL DEFAULT '',
    major                TEXT   NOT NULL DEFAULT '',
    graduation_date      TEXT,
    employer_name        TEXT   NOT NULL DEFAULT '',
    employer_in_district INTEGER CHECK (employer_in_district IN (0, 1)),
    first_employment     INTEGER CHECK (first_employment IN (0, 1)),
    industry             TEXT,
    tier                 TEXT,
    version              INTEGER NOT NULL DEFAULT 1,
    updated_at           INTEGER NOT NULL
);
