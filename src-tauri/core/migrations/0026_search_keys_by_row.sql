-- 0026: the search tables point at a person by the row's number, not its 36-character
-- UUID (issue 13, item 4: database size). A person's `rowid` is kept for the row's
-- life (an update keeps it; the app never runs VACUUM, and a backup copies pages
-- as they are), as the number index (0024) already relies on; a deleted person's
-- bigrams go with the row (trigger below) and a restored one is written anew.
--
-- The name bigrams: (gram, person row) instead of (gram, person id).
CREATE TABLE person_name_grams_by_row (
    gram   TEXT NOT NULL,
    person INTEGER NOT NULL,
    PRIMARY KEY (gram, person)
) WITHOUT ROWID;
INSERT INTO person_name_grams_by_row (gram, person)
SELECT g.gram, p.rowid FROM person_name_grams g JOIN people p ON p.id = g.person_id;
DROP TRIGGER people_name_grams_update;
DROP TRIGGER people_name_grams_delete;
DROP TABLE person_name_grams;
ALTER TABLE person_name_grams_by_row RENAME TO person_name_grams;

CREATE TRIGGER people_name_grams_update AFTER UPDATE OF name ON people
WHEN old.name IS NOT new.name BEGIN
    DELETE FROM person_name_grams WHERE person = old.rowid
        AND gram IN (SELECT lower(substr(old.name, n, 2)) FROM search_positions WHERE n < length(old.name));
    INSERT OR IGNORE INTO person_name_grams (gram, person)
    SELECT lower(substr(new.name, n, 2)), new.rowid FROM search_positions WHERE n < length(new.name);
END;

CREATE TRIGGER people_name_grams_delete AFTER DELETE ON people BEGIN
    DELETE FROM person_name_grams WHERE person = old.rowid
        AND gram IN (SELECT lower(substr(old.name, n, 2)) FROM search_positions WHERE n < length(old.name));
END;

-- The name index: (name) and the row number every index entry carries, not (name,
-- id). A one-character name search scans it for row numbers. The sort-key indexes
-- keep the id after the name: the role tab's probe of `person_roles` (by person id)
-- reads it from the index as it walks the list, without a visit to each row.
DROP INDEX people_by_name;
CREATE INDEX people_by_name ON people (name);
