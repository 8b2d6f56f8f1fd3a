-- 0028: a role names its unit by the unit's row number too (after 0027 the unit's
-- 36-character id was still in the role row and both its indexes). A unit's row
-- keeps its number for its life (units are inserted, updated and deleted, never
-- replaced), and a unit that people serve cannot be deleted (`Kind::blocks_unit_delete`),
-- so a role never names a missing unit; `people::write_roles` finds the number by
-- the id, and refuses a unit that is not there.
CREATE TABLE person_roles_unit_by_row (
    person      INTEGER NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('grid_worker', 'building_head', 'info_officer', 'community_worker')),
    employment  TEXT CHECK (employment IS NULL OR employment IN ('full_time', 'part_time')),
    unit        INTEGER NOT NULL,
    PRIMARY KEY (person, role, unit)
) WITHOUT ROWID;
INSERT INTO person_roles_unit_by_row (person, role, employment, unit)
SELECT r.person, r.role, r.employment, u.rowid FROM person_roles r JOIN units u ON u.id = r.unit_id;
DROP TABLE person_roles;
ALTER TABLE person_roles_unit_by_row RENAME TO person_roles;
CREATE INDEX person_roles_by_unit ON person_roles (unit);
CREATE INDEX person_roles_by_role ON person_roles (role, person, employment);
