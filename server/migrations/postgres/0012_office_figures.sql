-- Figures the staff dashboard reads without recomputing the calendar for every case:
-- how many working days a decision took (from acceptance, or from submission when the
-- case was not accepted), whether it came after the promised date, and when the money
-- went out.
ALTER TABLE cases ADD COLUMN decision_days BIGINT;
ALTER TABLE cases ADD COLUMN decided_late BIGINT NOT NULL DEFAULT 0 CHECK (decided_late IN (0, 1));
ALTER TABLE cases ADD COLUMN disbursed_at BIGINT;

-- Covering indexes for the dashboard's period counts (one range scan each).
CREATE INDEX cases_submitted ON cases (submitted_at, item_code);
CREATE INDEX cases_decided ON cases (decided_at, item_code, decision_days, decided_late, approved_by, amount_fen);
CREATE INDEX cases_disbursed ON cases (disbursed_at, item_code, amount_fen);
CREATE INDEX cases_accepted ON cases (accepted_on);
CREATE INDEX cases_rated ON cases (rated_at, rating);
CREATE INDEX cases_assignee ON cases (assignee_id, state);
CREATE INDEX concerns_created ON concerns (created_at);
CREATE INDEX concerns_assignee ON concerns (assignee_id, state);
