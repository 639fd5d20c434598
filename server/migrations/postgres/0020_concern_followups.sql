-- A bad rating of a concern's answer is followed up as a bad rating of a case is: a
-- follow-up is about one case or one concern.
ALTER TABLE review_followups ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE review_followups ADD COLUMN concern_id BIGINT UNIQUE REFERENCES concerns (id);
ALTER TABLE review_followups ADD CONSTRAINT review_followups_one_subject
    CHECK ((case_id IS NULL) <> (concern_id IS NULL));
