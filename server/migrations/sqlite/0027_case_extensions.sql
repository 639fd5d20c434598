-- Requests to extend a case's decision limit (Administrative Licensing Law, art. 42):
-- asked for by staff with the reason the applicant reads, decided by a supervisor (an
-- administrator). One request per case waits at a time; the approved ones together stay
-- within the item's limit.
CREATE TABLE case_extensions (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    days          INTEGER NOT NULL CHECK (days > 0),
    reason        TEXT NOT NULL,
    requested_by  INTEGER NOT NULL REFERENCES accounts (id),
    requested_at  INTEGER NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined')),
    decided_by    INTEGER REFERENCES accounts (id),
    decided_at    INTEGER,
    decision_note TEXT NOT NULL DEFAULT '',
    -- The case's decision date once this extension was approved.
    new_due_on    TEXT,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX case_extensions_of_case ON case_extensions (case_id, id);
CREATE UNIQUE INDEX case_extensions_one_pending ON case_extensions (case_id)
    WHERE state = 'pending';
CREATE INDEX case_extensions_waiting ON case_extensions (requested_at)
    WHERE state = 'pending';
-- Extensions granted before requests needed approval stay on the timeline as they were.
