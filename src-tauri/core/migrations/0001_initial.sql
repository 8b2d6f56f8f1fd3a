-- 0001: the office, the administrative hierarchy, the change log and the recycle bin.
-- Landed migrations are never edited: add a new numbered file instead.

-- The office this PC serves (本单位). Exactly one row once first-run setup is done.
CREATE TABLE office (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    level       TEXT NOT NULL CHECK (level IN ('township', 'county', 'city')),
    code        TEXT NOT NULL CHECK (length(code) = 12),
    name        TEXT NOT NULL,
    is_demo     INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Organisational units below the office: village/community (村/社区), compound (小区),
-- base grid (基础网格), micro-grid (微网格). One table, one tree.
CREATE TABLE units (
    id          TEXT PRIMARY KEY,
    owner_code  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('village', 'compound', 'base_grid', 'micro_grid')),
    parent_id   TEXT REFERENCES units (id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    area_type   TEXT NOT NULL CHECK (area_type IN ('urban', 'rural')),
    households  INTEGER CHECK (households IS NULL OR households >= 0),
    residents   INTEGER CHECK (residents IS NULL OR residents >= 0),
    boundary    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (owner_code, code)
);
CREATE INDEX units_by_parent ON units (parent_id);

-- Append-only record of every change (变更记录).
CREATE TABLE change_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    op          TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT
);
CREATE TRIGGER change_log_is_append_only_update BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'change_log is append-only');
END;
CREATE TRIGGER change_log_is_append_only_delete BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'change_log is append-only');
END;

-- Deleted records wait here until restored (回收站).
CREATE TABLE recycle_bin (
    id           TEXT PRIMARY KEY,
    table_name   TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    summary      TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    deleted_at   TEXT NOT NULL,
    deleted_by   TEXT NOT NULL
);
