-- 0018: 季度抽查 and 检查记录 (issue 16, items 4 and 5), three ledger documents:
-- the assessment team's roster of inspectors (by the community they work in, for
-- 回避), each quarter's drawn sample (kept when redrawn), and the inspections of
-- sampled compounds and of every base and micro grid each half-year.
CREATE TABLE inspectors (
    id           TEXT PRIMARY KEY,
    owner_code   TEXT NOT NULL,
    json         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    community_id TEXT
);
CREATE INDEX inspectors_by_community ON inspectors (community_id);

CREATE TABLE samples (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    quarter    TEXT NOT NULL
);
CREATE INDEX samples_by_quarter ON samples (quarter);

CREATE TABLE inspections (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    unit_id    TEXT NOT NULL,
    period     TEXT NOT NULL
);
CREATE INDEX inspections_by_unit ON inspections (unit_id, period);
