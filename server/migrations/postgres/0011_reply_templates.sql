-- Reply templates staff insert into answers: bilingual, with placeholders {name},
-- {number} and {due} filled in for the concern at hand.
CREATE TABLE reply_templates (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title_zh   TEXT NOT NULL,
    title_en   TEXT NOT NULL,
    body_zh    TEXT NOT NULL,
    body_en    TEXT NOT NULL,
    updated_by BIGINT REFERENCES accounts (id),
    updated_at BIGINT NOT NULL,
    version    BIGINT NOT NULL DEFAULT 1
);
