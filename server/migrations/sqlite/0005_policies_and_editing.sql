-- The policy library, and the administrators' working copies (drafts) of policies and
-- service items. A draft is the editor's form as typed (JSON), so half-written changes can
-- be saved; publishing turns it into the document readers see. `revision` counts saves,
-- so two administrators editing at once cannot overwrite each other unnoticed.

CREATE TABLE policies (
    id              INTEGER PRIMARY KEY,
    code            TEXT    NOT NULL UNIQUE,
    title_zh        TEXT    NOT NULL DEFAULT '',
    title_en        TEXT    NOT NULL DEFAULT '',
    document_number TEXT    NOT NULL DEFAULT '',
    effective_from  TEXT    NOT NULL DEFAULT '',
    -- The published document (JSON); NULL until first published.
    body            TEXT,
    draft           TEXT,
    published       INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    retired_at      INTEGER,
    is_demo         INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    -- Who published the current document; NULL when the demo data did.
    published_by    INTEGER REFERENCES accounts (id),
    revision        INTEGER NOT NULL DEFAULT 0,
    updated_at      INTEGER NOT NULL
);

ALTER TABLE service_items ADD COLUMN draft TEXT;
ALTER TABLE service_items ADD COLUMN retired_at INTEGER;
ALTER TABLE service_items ADD COLUMN published_by INTEGER REFERENCES accounts (id);
ALTER TABLE service_items ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service_item_versions ADD COLUMN published_by INTEGER REFERENCES accounts (id);
