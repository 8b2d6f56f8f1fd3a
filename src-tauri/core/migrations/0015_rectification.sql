-- 0015: 专项整治 (clean-ups, issue 15 item 4): four registers of the same shape
-- (工作机制, 挂牌, 证明事项, 借调人员), each entry a ledger document naming the
-- village/community it is in (借调人员: the unit the person comes from, empty for
-- the township's own staff), and the 回头看 re-checks of any of their entries.
CREATE TABLE mechanisms (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    unit_id    TEXT REFERENCES units (id)
);
CREATE INDEX mechanisms_by_unit ON mechanisms (unit_id);

CREATE TABLE plaques (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    unit_id    TEXT REFERENCES units (id)
);
CREATE INDEX plaques_by_unit ON plaques (unit_id);

CREATE TABLE certificates (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    unit_id    TEXT REFERENCES units (id)
);
CREATE INDEX certificates_by_unit ON certificates (unit_id);

CREATE TABLE secondments (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    unit_id    TEXT REFERENCES units (id)
);
CREATE INDEX secondments_by_unit ON secondments (unit_id);

-- entry_id names a row of one of the four tables above (which one: the JSON's
-- register), so it has no foreign key.
CREATE TABLE rechecks (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    entry_id   TEXT NOT NULL
);
CREATE INDEX rechecks_by_entry ON rechecks (entry_id);
