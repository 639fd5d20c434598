-- Administrators edit bundles as they edit policies and items: a working copy (draft, the
-- editor's form as typed, JSON) that readers do not see until it is published, a revision
-- counting saves so two editors cannot overwrite each other unnoticed, and retiring that
-- takes a bundle off the public pages while its applications stay readable. body is ''
-- until the bundle is first published; the bundles there are now were all published.
ALTER TABLE bundles ADD COLUMN draft TEXT;
ALTER TABLE bundles ADD COLUMN published BIGINT NOT NULL DEFAULT 1 CHECK (published IN (0, 1));
ALTER TABLE bundles ADD COLUMN retired_at BIGINT;
ALTER TABLE bundles ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
