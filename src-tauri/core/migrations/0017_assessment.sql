-- 0017: 考核 (issue 16, items 3 and 7): the indicator system and its versions, the
-- assessment team's manual scores, awards and criticism notices with their
-- rectification items, and the township's evaluation of county departments'
-- outposts. Each kind is a ledger document; the versions are frozen copies of the
-- whole system, one row per edit.
CREATE TABLE indicators (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE indicator_versions (
    version    INTEGER PRIMARY KEY,
    made_on    TEXT NOT NULL,
    note       TEXT NOT NULL,
    json       TEXT NOT NULL
);
CREATE TABLE indicator_scores (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE assessment_results (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE rectification_items (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE outpost_evaluations (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
