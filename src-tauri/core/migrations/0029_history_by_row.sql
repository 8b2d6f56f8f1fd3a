-- 0029: a person's history names the person by the row's number, as their roles do
-- (0027): the id was in every event row and its index by person. Each event keeps
-- its own id (a 引育留用 离职 record names the 离岗 event it made) and its row number
-- (ties of date and time are ordered by it).
CREATE TABLE person_history_by_row (
    id          TEXT PRIMARY KEY,
    person      INTEGER NOT NULL,
    date        TEXT NOT NULL,
    event       TEXT NOT NULL CHECK (event IN ('joined', 'reassigned', 'left', 'returned')),
    detail      TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
INSERT INTO person_history_by_row (rowid, id, person, date, event, detail, recorded_at)
SELECT h.rowid, h.id, p.rowid, h.date, h.event, h.detail, h.recorded_at
FROM person_history h JOIN people p ON p.id = h.person_id ORDER BY h.rowid;
DROP TABLE person_history;
ALTER TABLE person_history_by_row RENAME TO person_history;
CREATE INDEX person_history_by_person ON person_history (person, date);
CREATE INDEX person_history_status_by_date ON person_history (date)
    WHERE event IN ('left', 'returned');
