-- 0003: the people registry (网格员、楼栋长、信息员、社区工作者) and business grids (多格合一).

-- One row per person; the ID number (居民身份证号码) identifies them within an office.
CREATE TABLE people (
    id                TEXT PRIMARY KEY,
    owner_code        TEXT NOT NULL,
    name              TEXT NOT NULL,
    gender            TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth_date        TEXT NOT NULL,
    id_number         TEXT NOT NULL CHECK (length(id_number) = 18),
    phone             TEXT NOT NULL,
    political_status  TEXT NOT NULL DEFAULT '',
    education         TEXT NOT NULL DEFAULT '',
    start_date        TEXT,
    status            TEXT NOT NULL CHECK (status IN ('active', 'left')),
    published         INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    note              TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (owner_code, id_number)
);
CREATE INDEX people_by_phone ON people (phone);
CREATE INDEX people_by_id_number ON people (id_number);

-- Imports name units by code or by name.
CREATE INDEX units_by_code ON units (code);
CREATE INDEX units_by_name ON units (name);

-- The roles a person holds and the units each role serves: a grid worker serves one
-- or more base grids; a building head or information officer a micro-grid or
-- compound; a community worker a village/community. One row per (role, unit).
CREATE TABLE person_roles (
    person_id   TEXT NOT NULL REFERENCES people (id),
    role        TEXT NOT NULL CHECK (role IN ('grid_worker', 'building_head', 'info_officer', 'community_worker')),
    employment  TEXT CHECK (employment IS NULL OR employment IN ('full_time', 'part_time')),
    unit_id     TEXT NOT NULL REFERENCES units (id),
    PRIMARY KEY (person_id, role, unit_id)
);
CREATE INDEX person_roles_by_unit ON person_roles (unit_id);

-- Dated events kept, never overwritten: 入职 joined, 调岗 reassigned, 离岗 left, 复岗 returned.
CREATE TABLE person_history (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES people (id),
    date        TEXT NOT NULL,
    event       TEXT NOT NULL CHECK (event IN ('joined', 'reassigned', 'left', 'returned')),
    detail      TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX person_history_by_person ON person_history (person_id, date);

-- Business grids of other departments (综治、城管、市场监管 …) and how each maps onto
-- base grids; a mapping is marked merged (已纳入) with a date.
CREATE TABLE business_grids (
    id          TEXT PRIMARY KEY,
    owner_code  TEXT NOT NULL,
    department  TEXT NOT NULL,
    name        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (owner_code, department, name)
);
CREATE TABLE business_grid_mappings (
    business_grid_id TEXT NOT NULL REFERENCES business_grids (id),
    base_grid_id     TEXT NOT NULL REFERENCES units (id),
    merged_on        TEXT,
    PRIMARY KEY (business_grid_id, base_grid_id)
);
CREATE INDEX business_grid_mappings_by_base ON business_grid_mappings (base_grid_id);
