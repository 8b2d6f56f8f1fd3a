-- 0010: people search at a hundred times real size (issue 13).

-- Every two-character substring (bigram) of every person's name, ASCII letters
-- folded to lower case as LIKE folds them. A name search looks its bigrams up here
-- and checks the few candidates with LIKE, instead of scanning every person; two
-- characters (晓东) are one bigram. Kept in step by the triggers below, inside the
-- transaction of whatever writes `people` (create, update, delete, restore, import).
CREATE TABLE person_name_grams (
    gram      TEXT NOT NULL,
    person_id TEXT NOT NULL,
    PRIMARY KEY (gram, person_id)
) WITHOUT ROWID;

-- Positions 1..256, to cut a name into bigrams inside a trigger (triggers cannot use
-- WITH RECURSIVE). Names are at most 20 characters.
CREATE TABLE search_positions (n INTEGER PRIMARY KEY);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 256)
INSERT INTO search_positions (n) SELECT n FROM c;

INSERT OR IGNORE INTO person_name_grams (gram, person_id)
SELECT lower(substr(p.name, s.n, 2)), p.id FROM people p JOIN search_positions s ON s.n < length(p.name);

CREATE TRIGGER people_name_grams_insert AFTER INSERT ON people BEGIN
    INSERT OR IGNORE INTO person_name_grams (gram, person_id)
    SELECT lower(substr(new.name, n, 2)), new.id FROM search_positions WHERE n < length(new.name);
END;

CREATE TRIGGER people_name_grams_update AFTER UPDATE OF id, name ON people
WHEN old.name IS NOT new.name OR old.id IS NOT new.id BEGIN
    DELETE FROM person_name_grams WHERE person_id = old.id
        AND gram IN (SELECT lower(substr(old.name, n, 2)) FROM search_positions WHERE n < length(old.name));
    INSERT OR IGNORE INTO person_name_grams (gram, person_id)
    SELECT lower(substr(new.name, n, 2)), new.id FROM search_positions WHERE n < length(new.name);
END;

CREATE TRIGGER people_name_grams_delete AFTER DELETE ON people BEGIN
    DELETE FROM person_name_grams WHERE person_id = old.id
        AND gram IN (SELECT lower(substr(old.name, n, 2)) FROM search_positions WHERE n < length(old.name));
END;

-- Lists sort by name and page: walking this index stops at the page.
CREATE INDEX people_by_name ON people (name, id);

-- Roles without a separate rowid table: the primary key was stored twice (table and
-- its automatic index), a fifth of a person's bytes.
CREATE TABLE person_roles_compact (
    person_id   TEXT NOT NULL REFERENCES people (id),
    role        TEXT NOT NULL CHECK (role IN ('grid_worker', 'building_head', 'info_officer', 'community_worker')),
    employment  TEXT CHECK (employment IS NULL OR employment IN ('full_time', 'part_time')),
    unit_id     TEXT NOT NULL REFERENCES units (id),
    PRIMARY KEY (person_id, role, unit_id)
) WITHOUT ROWID;
INSERT INTO person_roles_compact (person_id, role, employment, unit_id)
SELECT person_id, role, employment, unit_id FROM person_roles;
DROP TABLE person_roles;
ALTER TABLE person_roles_compact RENAME TO person_roles;
CREATE INDEX person_roles_by_unit ON person_roles (unit_id);

-- Role tabs and the employment filter find their people through this index; a
-- role's people come out in person order, so counting them distinct is one pass.
CREATE INDEX person_roles_by_role ON person_roles (role, person_id, employment);

-- The report counts people in post through the role index, leaving out the few who
-- have left (found through this small index); published people through the other.
CREATE INDEX people_left ON people (id) WHERE status <> 'active';
CREATE INDEX people_published ON people (id) WHERE published = 1 AND status = 'active';
