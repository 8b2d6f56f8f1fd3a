-- 0006: party building (党建) and co-building (共建). Each record is kept whole as
-- JSON (`json`, the core's type exactly as it travels in a package) beside the
-- columns that queries and references need. See `ledger.rs`.

-- One row per compound (小区) that has its branch / 三亮 recorded.
CREATE TABLE party_branches (
    id          TEXT PRIMARY KEY,
    owner_code  TEXT NOT NULL,
    compound_id TEXT NOT NULL UNIQUE REFERENCES units (id),
    json        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- 大工委 (sub-district) and 大党委 (community) joint committees.
CREATE TABLE committees (
    id          TEXT PRIMARY KEY,
    owner_code  TEXT NOT NULL,
    village_id  TEXT REFERENCES units (id),
    json        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Partner units (共建单位).
CREATE TABLE partner_units (
    id          TEXT PRIMARY KEY,
    owner_code  TEXT NOT NULL,
    json        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE committee_members (
    id              TEXT PRIMARY KEY,
    owner_code      TEXT NOT NULL,
    committee_id    TEXT NOT NULL REFERENCES committees (id),
    partner_unit_id TEXT REFERENCES partner_units (id),
    json            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX committee_members_by_committee ON committee_members (committee_id);
CREATE INDEX committee_members_by_unit ON committee_members (partner_unit_id);

-- Joint meetings (联席会议); their decisions and follow-ups live in `json`.
CREATE TABLE joint_meetings (
    id           TEXT PRIMARY KEY,
    owner_code   TEXT NOT NULL,
    committee_id TEXT NOT NULL REFERENCES committees (id),
    json         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX joint_meetings_by_committee ON joint_meetings (committee_id);

-- Co-building projects (共建项目); claims, timeline and evidence live in `json`.
CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    owner_code  TEXT NOT NULL,
    village_id  TEXT NOT NULL REFERENCES units (id),
    json        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX projects_by_village ON projects (village_id);

-- Evidence files, stored once per content in `attachments/` beside the database
-- under their SHA-256.
CREATE TABLE attachments (
    hash       TEXT PRIMARY KEY,
    bytes      INTEGER NOT NULL,
    added_at   TEXT NOT NULL
);
