-- Requests to extend a case's decision limit (Administrative Licensing Law, art. 42):
-- asked for by staff with the reason the applicant reads, decided by a supervisor (an
-- administrator). One request per case waits at a time; the approved ones together stay
-- within the item's limit.
CREATE TABLE case_extensions (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id       BIGINT NOT NULL REFERENCES cases (id),
    days          BIGINT NOT NULL CHECK (days > 0),
    reason        TEXT NOT NULL,
    requested_by  BIGINT NOT NULL REFERENCES accounts (id),
    requested_at  BIGINT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined')),
    decided_by    BIGINT REFERENCES accounts (id),
    decided_at    BIGINT,
    decision_note TEXT NOT NULL DEFAULT '',
    -- The case's decision date once this extension was approved.
    new_due_on    TEXT,
    version       BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX case_extensions_of_case ON case_extensions (case_id, id);
CREATE UNIQUE INDEX case_extensions_one_pending ON case_extensions (case_id)
    WHERE state = 'pending';
CREATE INDEX case_extensions_waiting ON case_extensions (requested_at)
    WHERE state = 'pending';
-- Extensions granted before requests needed approval stay on the timeline as they were.
