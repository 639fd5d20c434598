-- The day the office received a complete application (submitted, or confirmed by the
-- employer where the item needs that): the Administrative Licensing Law's five working
-- days for accepting it count from here, and a case nobody accepted, refused or sent back
-- for supplements in time is deemed accepted as of this day. Cases from before take the
-- day of their last submission or confirmation, in China time.
ALTER TABLE cases ADD COLUMN received_on TEXT;
UPDATE cases SET received_on = (
    SELECT to_char(to_timestamp(MAX(e.at) / 1000.0) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')
    FROM case_events e
    WHERE e.case_id = cases.id AND e.to_state IN ('submitted', 'confirmed'));
-- The clock's runner reads the cases waiting for acceptance, oldest receipt first.
CREATE INDEX cases_awaiting_acceptance ON cases (received_on, id)
    WHERE state IN ('submitted', 'confirmed');
