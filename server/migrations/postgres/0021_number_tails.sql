-- Staff search by the last six digits of a case or concern number (LJ-2026-000123 → 000123)
-- reads these indexes instead of scanning every number. Numbers have a fixed shape, so the
-- digits start at the ninth character.
CREATE INDEX cases_number_tail ON cases (substr(number, 9));
CREATE INDEX concerns_number_tail ON concerns (substr(number, 9));
