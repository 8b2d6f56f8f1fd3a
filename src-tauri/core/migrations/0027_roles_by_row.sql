-- 0027: a person's roles name the person by the row's number, as the search tables do
-- since 0026 (issue 13, item 4: database size; a role row and each of its two index
-- entries held the 36-character id). The sort-key indexes then need no id either:
-- the role tab's probe (`people::search`) goes by the row number every index entry
-- carries, and lists order ties by it.
--
-- Nothing may renumber a person's row (ARCHITECTURE.md). The person is no longer a
-- foreign key here (a row number cannot be one): `people::delete` removes the roles
-- before the row, as it did.
CREATE TABLE person_roles_by_row (
    person      INTEGER NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('grid_worker', 'building_head', 'info_officer', 'community_worker')),
    employment  TEXT CHECK (employment IS NULL OR employment IN ('full_time', 'part_time')),
    unit_id     TEXT NOT NULL REFERENCES units (id),
    PRIMARY KEY (person, role, unit_id)
) WITHOUT ROWID;
INSERT INTO person_roles_by_row (person, role, employment, unit_id)
SELECT p.rowid, r.role, r.employment, r.unit_id FROM person_roles r JOIN people p ON p.id = r.person_id;
DROP TABLE person_roles;
ALTER TABLE person_roles_by_row RENAME TO person_roles;
CREATE INDEX person_roles_by_unit ON person_roles (unit_id);
CREATE INDEX person_roles_by_role ON person_roles (role, person, employment);

DROP INDEX people_name_sort;
CREATE INDEX people_name_sort ON people (name_sort, name);
DROP INDEX people_name_strokes;
CREATE INDEX people_name_strokes ON people (name_strokes, name);
