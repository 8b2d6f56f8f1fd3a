-- 0023: what a county's or city's 首页 shows of the files it received, kept rather
-- than counted from every received record at each start (issue 13, item 3).
--
-- A received snapshot's report figures for a period.
-- The 首页 of a county or city counted every received record at each start (2.8 s and
-- 1.1 GB at 1,000,000 records). A snapshot does not change once received, nor do its
-- figures for a period: they are counted at receipt for the receiving year and the
-- year before, and after a start where missing (`exchange::snapshot_figures`).
-- Derived data: forgotten when the snapshot is replaced, counted again under other
-- rules (`rules_version`), never exported. Empty after this migration: the first
-- start of the app fills it.
CREATE TABLE snapshot_period_figures (
    snapshot_code      TEXT NOT NULL REFERENCES snapshots (code),
    -- The period as `from..to` (days), e.g. `2026-01-01..2026-12-31`.
    period             TEXT NOT NULL,
    rules_version      INTEGER NOT NULL,
    -- Every report key's figure, as a JSON object.
    figures_json       TEXT NOT NULL,
    staffed_base_grids INTEGER NOT NULL,
    PRIMARY KEY (snapshot_code, period)
) WITHOUT ROWID;

-- How many records of each kind a snapshot holds (报送情况 and 首页 beside the
-- figures; counting 1,000,000 received records by kind took 0.2 s at every start).
-- Written at receipt with the records; counted here once for what is already held.
CREATE TABLE snapshot_kind_counts (
    snapshot_code TEXT NOT NULL REFERENCES snapshots (code),
    kind          TEXT NOT NULL,
    records       INTEGER NOT NULL,
    PRIMARY KEY (snapshot_code, kind)
) WITHOUT ROWID;
INSERT INTO snapshot_kind_counts (snapshot_code, kind, records)
    SELECT snapshot_code, kind, count(*) FROM snapshot_records GROUP BY snapshot_code, kind;
