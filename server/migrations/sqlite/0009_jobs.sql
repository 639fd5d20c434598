-- Talent demand (招才引智): the managed list of industries, enterprises' posts and their
-- staff review, talents' applications, saved searches, and notifications that point at
-- any page (not only cases). Dates are ISO text; times are unix milliseconds.

CREATE TABLE industries (
    code     TEXT PRIMARY KEY,
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    -- 0: no longer offered for new posts (old posts keep it).
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE job_posts (
    id               INTEGER PRIMARY KEY,
    enterprise_id    INTEGER NOT NULL REFERENCES accounts (id),
    -- review → open (approved) or returned (sent back); open ⇄ closed. A post past its
    -- closing date counts as closed wherever it is read.
    state            TEXT NOT NULL CHECK (state IN ('review', 'returned', 'open', 'closed')),
    title_zh         TEXT NOT NULL DEFAULT '',
    title_en         TEXT NOT NULL DEFAULT '',
    description_zh   TEXT NOT NULL DEFAULT '',
    description_en   TEXT NOT NULL DEFAULT '',
    industry         TEXT NOT NULL REFERENCES industries (code),
    headcount        INTEGER NOT NULL CHECK (headcount > 0),
    -- '' for any, else an education level (eligibility::Education).
    education        TEXT NOT NULL DEFAULT '',
    education_rank   INTEGER NOT NULL DEFAULT 0,
    experience_years INTEGER NOT NULL DEFAULT 0,
    salary_min       INTEGER NOT NULL CHECK (salary_min > 0),
    salary_max       INTEGER NOT NULL CHECK (salary_max >= salary_min),
    location         TEXT NOT NULL,
    closes_on        TEXT NOT NULL,
    -- Lower-case titles and enterprise name, for keyword search on both backends.
    search_text      TEXT NOT NULL DEFAULT '',
    review_note      TEXT NOT NULL DEFAULT '',
    -- First approval: the month a post counts in the demand trend.
    published_at     INTEGER,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX job_posts_board ON job_posts (state, published_at);
CREATE INDEX job_posts_closing ON job_posts (state, closes_on);
CREATE INDEX job_posts_salary ON job_posts (state, salary_max);
CREATE INDEX job_posts_industry ON job_posts (state, industry, published_at);
CREATE INDEX job_posts_enterprise ON job_posts (enterprise_id, updated_at);

CREATE TABLE job_applications (
    id               INTEGER PRIMARY KEY,
    post_id          INTEGER NOT NULL REFERENCES job_posts (id),
    talent_id        INTEGER NOT NULL REFERENCES accounts (id),
    state            TEXT NOT NULL CHECK (state IN ('submitted', 'shortlisted', 'declined', 'hired', 'withdrawn')),
    note             TEXT NOT NULL DEFAULT '',
    -- The enterprise's message when declining.
    message          TEXT NOT NULL DEFAULT '',
    -- The optional CV, stored like case materials.
    cv_stored_name   TEXT UNIQUE,
    cv_original_name TEXT,
    cv_content_type  TEXT,
    cv_size_bytes    INTEGER,
    cv_sha256        TEXT,
    -- Set when the talent let the hub record this employer in their profile.
    employer_recorded INTEGER NOT NULL DEFAULT 0 CHECK (employer_recorded IN (0, 1)),
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (post_id, talent_id)
);
CREATE INDEX job_applications_talent ON job_applications (talent_id, updated_at);

CREATE TABLE job_alerts (
    id         INTEGER PRIMARY KEY,
    talent_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    q          TEXT NOT NULL DEFAULT '',
    industry   TEXT NOT NULL DEFAULT '',
    education  TEXT NOT NULL DEFAULT '',
    salary     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX job_alerts_talent ON job_alerts (talent_id);

-- An enterprise's optional business licence, for staff verifying it.
CREATE TABLE enterprise_licences (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    stored_name   TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    uploaded_at   INTEGER NOT NULL
);

-- Notifications about something other than a case carry the page they point to and a
-- subject line (a post's title).
ALTER TABLE notifications ADD COLUMN link TEXT;
ALTER TABLE notifications ADD COLUMN subject TEXT NOT NULL DEFAULT '';

INSERT INTO industries (code, name_zh, name_en, position) VALUES
    ('automobile', '汽车', 'Automobiles', 1),
    ('electronics', '电子信息', 'Electronic information', 2),
    ('equipment', '高端装备', 'High-end equipment', 3),
    ('biomedicine', '生物医药', 'Bio-medicine', 4),
    ('new_materials', '新材料', 'New materials', 5),
    ('digital_economy', '数字经济', 'Digital economy', 6),
    ('modern_services', '现代服务业', 'Modern services', 7),
    ('other', '其他', 'Other', 99);
