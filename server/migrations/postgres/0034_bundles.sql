-- 一件事一次办: bundles of service items applied for in one go. A bundle is one JSON
-- document (its names, summary and item codes); edited_by is the administrator who last
-- saved it (NULL for the demo data, which never overwrites an administrator's edit).
CREATE TABLE bundles (
    code       TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    edited_by  BIGINT REFERENCES accounts (id),
    updated_at BIGINT NOT NULL
);
-- One application per bundle and person while it is a draft; its number (YJS-2026-000001)
-- is given on submission, from bundle_counters.
CREATE TABLE bundle_counters (
    year BIGINT PRIMARY KEY,
    last BIGINT NOT NULL
);
CREATE TABLE bundle_applications (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bundle_code  TEXT NOT NULL REFERENCES bundles (code),
    applicant_id BIGINT NOT NULL REFERENCES accounts (id),
    number       TEXT UNIQUE,
    state        TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
    version      BIGINT NOT NULL DEFAULT 1,
    submitted_at BIGINT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX bundle_applications_one_draft ON bundle_applications (applicant_id, bundle_code)
    WHERE state = 'draft';
-- The cases of a bundle application, one per item.
ALTER TABLE cases ADD COLUMN bundle_id BIGINT REFERENCES bundle_applications (id);
CREATE INDEX cases_bundle ON cases (bundle_id);
