-- 0031: what a person's roles (岗位) and 公示 were before each dated change, so that a
-- period already reported keeps its figures when a 调岗 or a 公示 change comes later
-- (2025's 网格覆盖率 went from 100% to 86.4% after a 2026 调岗). A row is the person's
-- state before a change that took effect on `until` (its 变动日期): the state on a day D
-- is the one of the first row with `until` > D, or the person's current state when there
-- is none. `roles` is the roles as a person record carries them (JSON, units by id: a
-- unit served then may be deleted since). Changes saved before this version have no
-- row: they count as they stand now, as they did.
CREATE TABLE person_past (
    person      INTEGER NOT NULL,
    until       TEXT NOT NULL,
    published   INTEGER NOT NULL,
    roles       TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX person_past_by_until ON person_past (until);
CREATE INDEX person_past_by_person ON person_past (person, until);
