-- Uploaded materials. The bytes live in the upload directory under `stored_name` (random,
-- never derived from what the uploader sent); the original name is kept for downloads only.
CREATE TABLE case_files (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id       BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    -- The form field it answers, or 'supplement' for material sent on request.
    field_key     TEXT NOT NULL,
    stored_name   TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    uploaded_by   BIGINT NOT NULL REFERENCES accounts (id),
    uploaded_at   BIGINT NOT NULL
);
CREATE INDEX case_files_case ON case_files (case_id, id);
