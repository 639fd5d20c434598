-- 好差评: a decided case still unrated three days after its last change reminds its
-- applicant once. The time the reminder went is the claim, so servers sharing a database
-- send it once. Cases decided before this start unreminded.
ALTER TABLE cases ADD COLUMN rating_reminded_at BIGINT;
CREATE INDEX cases_unrated ON cases (updated_at, id)
    WHERE rating IS NULL AND rating_reminded_at IS NULL
    AND state IN ('disbursed', 'closed', 'rejected', 'not_accepted');
