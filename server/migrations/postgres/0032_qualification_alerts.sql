-- 免申即享: talents who newly qualify for a service are told once. The clock runner finds
-- the changes itself: an item's new published version (qualification_scans keeps the
-- version checked and the last talent checked, by account id), a profile saved since it
-- was last checked (qualification_checked_at). qualification_alerts remembers who was told of
-- what, so nobody hears of an item twice; qualification_optouts lists who asked not to be
-- told at all.
CREATE TABLE qualification_scans (
    item_code TEXT PRIMARY KEY,
    version   BIGINT NOT NULL,
    checked_through BIGINT NOT NULL DEFAULT 0,
    done      BIGINT NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
);
CREATE TABLE qualification_alerts (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    item_code  TEXT NOT NULL,
    told_at    BIGINT NOT NULL,
    PRIMARY KEY (account_id, item_code)
);
CREATE TABLE qualification_optouts (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    at         BIGINT NOT NULL
);
ALTER TABLE talent_profiles ADD COLUMN qualification_checked_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX talent_profiles_unchecked ON talent_profiles (updated_at, qualification_checked_at);
