-- Events staff publish: conferences, forums, job fairs, training courses. Times are Unix
-- milliseconds; the office shows them in China time. The online link is kept for
-- registrants and never shown on the public page.
CREATE TABLE events (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                   TEXT NOT NULL CHECK (kind IN ('conference', 'forum', 'job_fair', 'training')),
    title_zh               TEXT NOT NULL,
    title_en               TEXT NOT NULL,
    description_zh         TEXT NOT NULL,
    description_en         TEXT NOT NULL,
    starts_at              BIGINT NOT NULL,
    ends_at                BIGINT NOT NULL,
    place                  TEXT NOT NULL DEFAULT '',
    online_link            TEXT NOT NULL DEFAULT '',
    capacity               BIGINT NOT NULL CHECK (capacity > 0),
    registration_opens_at  BIGINT NOT NULL,
    registration_closes_at BIGINT NOT NULL,
    audience               TEXT NOT NULL CHECK (audience IN ('talents', 'enterprises', 'everyone')),
    created_by             BIGINT NOT NULL REFERENCES accounts (id),
    version                BIGINT NOT NULL DEFAULT 1,
    created_at             BIGINT NOT NULL,
    updated_at             BIGINT NOT NULL
);
CREATE INDEX events_starts ON events (starts_at);
CREATE INDEX events_kind_starts ON events (kind, starts_at);
