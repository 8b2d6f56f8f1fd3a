-- 0004: the chain of files (township → county → city): this office's export
-- counter, and the latest package received from each office directly below.

CREATE TABLE export_sequence (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    last      INTEGER NOT NULL
);

-- One row per office below that has sent a package: the package exactly as received
-- (passed up unchanged), what its manifest says, and when it arrived. Read-only.
CREATE TABLE snapshots (
    code           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    level          TEXT NOT NULL,
    sequence       INTEGER NOT NULL,
    exported_at    TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    package_sha256 TEXT NOT NULL,
    manifest_json  TEXT NOT NULL,
    -- Report totals of everything in the package (the sender's own records and all
    -- below), verified against the records at receipt; reports sum these.
    totals_json    TEXT NOT NULL,
    package        BLOB NOT NULL
);

-- The records inside each snapshot, by the office that owns them (a county's package
-- carries its townships' records too), for reports and drill-down.
CREATE TABLE snapshot_records (
    snapshot_code TEXT NOT NULL REFERENCES snapshots (code),
    office_code   TEXT NOT NULL,
    kind          TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    json          TEXT NOT NULL,
    PRIMARY KEY (snapshot_code, office_code, kind, record_id)
);
CREATE INDEX snapshot_records_by_office ON snapshot_records (office_code, kind);
