-- 0007: leader contact points (领导联系点), grassroots demands (诉求) and the
-- coordination mechanism (协调机制). Records kept whole as JSON beside the
-- columns references need, as in 0006 (see `ledger.rs`).

-- Departments demands are assigned to (交办), with their level.
CREATE TABLE departments (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Leaders of every level, as announced to the township.
CREATE TABLE leaders (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A leader linked to a community, compound or grid.
CREATE TABLE contact_points (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    leader_id  TEXT NOT NULL REFERENCES leaders (id),
    unit_id    TEXT NOT NULL REFERENCES units (id),
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contact_points_by_leader ON contact_points (leader_id);
CREATE INDEX contact_points_by_unit ON contact_points (unit_id);

-- Visits to a contact point; the demands made from them are listed in `json`.
CREATE TABLE visits (
    id               TEXT PRIMARY KEY,
    owner_code       TEXT NOT NULL,
    contact_point_id TEXT NOT NULL REFERENCES contact_points (id),
    json             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX visits_by_point ON visits (contact_point_id);

-- Demands (诉求) and their history. `department_id` is who it is assigned to;
-- `source_ref` the visit or meeting it came from (no foreign key: the source may
-- be in the recycle bin while the demand is worked on).
CREATE TABLE demands (
    id            TEXT PRIMARY KEY,
    owner_code    TEXT NOT NULL,
    department_id TEXT,
    source_ref    TEXT,
    json          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX demands_by_department ON demands (department_id);
CREATE INDEX demands_by_source ON demands (source_ref);

-- Working groups (专项工作组) and their meetings; decisions live in `json`.
CREATE TABLE working_groups (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE working_meetings (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    group_id   TEXT NOT NULL REFERENCES working_groups (id),
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX working_meetings_by_group ON working_meetings (group_id);
