-- Staff verify each registered enterprise (its credit code and name) before it may confirm
-- employment or publish talent demand. Meaningful for enterprise accounts only.
ALTER TABLE accounts ADD COLUMN verification TEXT NOT NULL DEFAULT 'pending'
    CHECK (verification IN ('pending', 'verified', 'rejected', 'suspended'));
-- Why an enterprise was rejected or suspended (shown to the enterprise).
ALTER TABLE accounts ADD COLUMN verification_note TEXT NOT NULL DEFAULT '';
CREATE INDEX accounts_verification ON accounts (role, verification);
