-- Calls can be changed after opening (texts, closing time, panel): a version number
-- keeps two staff members from overwriting each other unnoticed.
ALTER TABLE incubation_calls ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
