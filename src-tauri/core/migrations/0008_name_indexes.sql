-- Kinds whose names are unique (departments, partner units, working groups) check a
-- new name against the stored ones on every save: index the name inside the JSON so
-- that check is a lookup, not a read of every record (an import of 10,000 rows
-- stays linear).
CREATE INDEX departments_by_name ON departments (json_extract(json, '$.name'));
CREATE INDEX partner_units_by_name ON partner_units (json_extract(json, '$.name'));
CREATE INDEX working_groups_by_name ON working_groups (json_extract(json, '$.name'));
