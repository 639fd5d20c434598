-- Decision notices (决定书): one is issued when a case is decided (approved, rejected, not
-- accepted), with its content frozen as JSON at issue: a notice never changes. A correction
-- issues a new notice and marks the old one superseded; one notice per case is current.
-- The number is random, so only someone holding the notice can verify it.
CREATE TABLE decision_notices (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         BIGINT NOT NULL REFERENCES cases (id),
    number          TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('approval', 'rejection', 'not_accepted')),
    content         TEXT NOT NULL,
    issued_at       BIGINT NOT NULL,
    current         BIGINT NOT NULL DEFAULT 1 CHECK (current IN (0, 1)),
    replaces_id     BIGINT REFERENCES decision_notices (id),
    correction_note TEXT NOT NULL DEFAULT '',
    superseded_at   BIGINT
);
CREATE UNIQUE INDEX decision_notices_current ON decision_notices (case_id) WHERE current = 1;
CREATE INDEX decision_notices_case ON decision_notices (case_id, issued_at);
