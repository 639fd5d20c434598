-- Service items carry their whole guide, form and rules as a JSON document per version;
-- the searchable and filterable parts are columns of the item.

ALTER TABLE service_items ADD COLUMN category TEXT NOT NULL DEFAULT 'high_level'
    CHECK (category IN ('high_level', 'education', 'health', 'high_skilled'));
ALTER TABLE service_items ADD COLUMN applicant TEXT NOT NULL DEFAULT 'talent'
    CHECK (applicant IN ('talent', 'enterprise'));
ALTER TABLE service_items ADD COLUMN department_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE service_items ADD COLUMN department_en TEXT NOT NULL DEFAULT '';
-- The published version, whose document is in service_item_versions.
ALTER TABLE service_items ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX service_items_category ON service_items (category);

CREATE TABLE service_item_versions (
    item_id    INTEGER NOT NULL REFERENCES service_items (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    body       TEXT   NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (item_id, version)
);
