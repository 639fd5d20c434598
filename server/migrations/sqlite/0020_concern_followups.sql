-- A bad rating of a concern's answer is followed up as a bad rating of a case is: a
-- follow-up is about one case or one concern. SQLite cannot drop NOT NULL from a column,
-- so the table is rebuilt with its rows (nothing refers to it).
CREATE TABLE review_followups_new (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER UNIQUE REFERENCES cases (id),
    concern_id    INTEGER UNIQUE REFERENCES concerns (id),
    rating        INTEGER NOT NULL,
    opened_at     INTEGER NOT NULL,
    due_on        TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('open', 'done')),
    callback_note TEXT NOT NULL DEFAULT '',
    fix_note      TEXT NOT NULL DEFAULT '',
    done_by       INTEGER REFERENCES accounts (id),
    done_at       INTEGER,
    done_on_time  INTEGER NOT NULL DEFAULT 0 CHECK (done_on_time IN (0, 1)),
    -- The rater's appeal against their own rating: '' none, pending, granted, declined.
    appeal_state  TEXT NOT NULL DEFAULT '',
    appeal_rating INTEGER,
    appeal_text   TEXT NOT NULL DEFAULT '',
    appeal_answer TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    CHECK ((case_id IS NULL) <> (concern_id IS NULL))
);
INSERT INTO review_followups_new (id, case_id, rating, opened_at, due_on, state, callback_note,
    fix_note, done_by, done_at, done_on_time, appeal_state, appeal_rating, appeal_text,
    appeal_answer, version)
SELECT id, case_id, rating, opened_at, due_on, state, callback_note, fix_note, done_by,
    done_at, done_on_time, appeal_state, appeal_rating, appeal_text, appeal_answer, version
FROM review_followups;
DROP TABLE review_followups;
ALTER TABLE review_followups_new RENAME TO review_followups;
CREATE INDEX review_followups_open ON review_followups (state, due_on);
CREATE INDEX review_followups_opened ON review_followups (opened_at);
