-- Incubation: project teams (a talent as lead, members invited by their e-mail or mobile
-- who accept with their own account), calls with weighted criteria and a review panel,
-- applications with a business plan, one score sheet per reviewer and application, and
-- the office's decision.
CREATE TABLE incubation_teams (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL,
    lead_id    BIGINT NOT NULL REFERENCES accounts (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE team_members (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id      BIGINT NOT NULL REFERENCES incubation_teams (id),
    -- The e-mail or mobile number invited, as the accounts table keeps it.
    login        TEXT NOT NULL,
    -- Set when the invitation is accepted (at once for the lead).
    account_id   BIGINT REFERENCES accounts (id),
    state        TEXT NOT NULL CHECK (state IN ('lead', 'invited', 'accepted', 'declined')),
    invited_at   BIGINT NOT NULL,
    responded_at BIGINT,
    UNIQUE (team_id, login)
);
CREATE INDEX team_members_login ON team_members (login, state);
CREATE INDEX team_members_account ON team_members (account_id, state);

CREATE TABLE incubation_calls (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title_zh       TEXT NOT NULL,
    title_en       TEXT NOT NULL,
    description_zh TEXT NOT NULL,
    description_en TEXT NOT NULL,
    closes_at      BIGINT NOT NULL,
    created_by     BIGINT NOT NULL REFERENCES accounts (id),
    created_at     BIGINT NOT NULL
);

CREATE TABLE call_criteria (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id  BIGINT NOT NULL REFERENCES incubation_calls (id),
    position BIGINT NOT NULL,
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    weight   BIGINT NOT NULL CHECK (weight > 0)
);
CREATE INDEX call_criteria_call ON call_criteria (call_id, position);

CREATE TABLE call_reviewers (
    call_id    BIGINT NOT NULL REFERENCES incubation_calls (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (call_id, account_id)
);

CREATE TABLE incubation_applications (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id            BIGINT NOT NULL REFERENCES incubation_calls (id),
    team_id            BIGINT NOT NULL REFERENCES incubation_teams (id),
    project_name       TEXT NOT NULL,
    industry           TEXT NOT NULL,
    stage              TEXT NOT NULL,
    funding_fen        BIGINT NOT NULL,
    summary            TEXT NOT NULL,
    public_consent     BIGINT NOT NULL DEFAULT 0,
    plan_stored_name   TEXT,
    plan_original_name TEXT,
    state              TEXT NOT NULL CHECK (state IN ('submitted', 'admitted', 'waitlisted', 'declined')),
    decision_reason    TEXT NOT NULL DEFAULT '',
    decided_by         BIGINT REFERENCES accounts (id),
    decided_at         BIGINT,
    created_at         BIGINT NOT NULL,
    version            BIGINT NOT NULL DEFAULT 1,
    UNIQUE (call_id, team_id)
);

CREATE TABLE review_sheets (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES incubation_applications (id),
    reviewer_id    BIGINT NOT NULL REFERENCES accounts (id),
    comment        TEXT NOT NULL DEFAULT '',
    submitted_at   BIGINT NOT NULL,
    UNIQUE (application_id, reviewer_id)
);

CREATE TABLE review_scores (
    sheet_id     BIGINT NOT NULL REFERENCES review_sheets (id),
    criterion_id BIGINT NOT NULL REFERENCES call_criteria (id),
    score        BIGINT NOT NULL CHECK (score >= 0),
    PRIMARY KEY (sheet_id, criterion_id)
);
