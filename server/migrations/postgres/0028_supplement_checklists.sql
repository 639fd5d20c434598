-- Tell everything once (一次性告知): a supplement request names the materials it asks for,
-- each with what is missing or wrong (JSON: material index, both names, the note, the
-- upload key), and the applicant uploads against that list. The round counts the
-- requests made on the case: a second one needs a supervisor. Cases asked before count
-- their earlier requests from the timeline.
ALTER TABLE cases ADD COLUMN supplement_asked TEXT NOT NULL DEFAULT '[]';
ALTER TABLE cases ADD COLUMN supplement_round BIGINT NOT NULL DEFAULT 0;
UPDATE cases SET supplement_round = (
    SELECT COUNT(*) FROM case_events e
    WHERE e.case_id = cases.id AND e.kind = 'request_supplement');
