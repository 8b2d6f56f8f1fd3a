-- 0005: who has sent (报送情况). The offices a county or city expects packages from,
-- every receipt attempt (accepted or refused), and office-wide settings.

-- Offices directly below this one that should send packages (应报单位).
CREATE TABLE expected_offices (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per file offered for receipt, whatever the outcome (接收记录). A refusal
-- changes no data, but is kept here so the clerk can see what was refused and why.
-- Append-only, like the change log.
CREATE TABLE receipt_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('accepted', 'already_held', 'refused')),
    reason      TEXT,
    sender_code TEXT,
    sender_name TEXT,
    sequence    INTEGER,
    message     TEXT NOT NULL
);
CREATE INDEX receipt_log_by_sender ON receipt_log (sender_code, seq);
CREATE TRIGGER receipt_log_is_append_only_update BEFORE UPDATE ON receipt_log
BEGIN
    SELECT RAISE(ABORT, 'receipt_log is append-only');
END;
CREATE TRIGGER receipt_log_is_append_only_delete BEFORE DELETE ON receipt_log
BEGIN
    SELECT RAISE(ABORT, 'receipt_log is append-only');
END;

-- Every office inside each snapshot (the sender and, from a county, its townships),
-- as its own manifest names it: for drill-down and per-office views at a city.
CREATE TABLE snapshot_offices (
    snapshot_code TEXT NOT NULL REFERENCES snapshots (code),
    office_code   TEXT NOT NULL,
    name          TEXT NOT NULL,
    level         TEXT NOT NULL,
    sequence      INTEGER NOT NULL,
    exported_at   TEXT NOT NULL,
    PRIMARY KEY (snapshot_code, office_code)
);

-- Office-wide settings by key (设置项), e.g. `late_days`.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
