-- 0033: grids are adjusted over time (网格划分调整: split, merged, redrawn) and a
-- period already reported must count as it did.
--
-- 1. A unit's 设立日期 is its own. Until now a unit without one (or with an earlier
-- one) counted only from the latest 设立日期 above it, so micro grids moved under a
-- grid set up in November left the third quarter. Each such unit is given that
-- date here, so every period counts as before; a unit moved later keeps its own.
WITH RECURSIVE chain(id, eff) AS (
    SELECT id, established_on FROM units WHERE parent_id IS NULL
    UNION ALL
    SELECT u.id,
           CASE WHEN chain.eff IS NOT NULL
                 AND (u.established_on IS NULL OR u.established_on < chain.eff)
                THEN chain.eff ELSE u.established_on END
    FROM units u JOIN chain ON u.parent_id = chain.id
)
UPDATE units SET established_on = (SELECT eff FROM chain WHERE chain.id = units.id)
WHERE id IN (SELECT c.id FROM chain c JOIN units x ON x.id = c.id
             WHERE c.eff IS NOT NULL AND c.eff IS NOT x.established_on);

-- The same for the units of every office held from below (their JSON), so a
-- received period counts as its sender counted it.
WITH RECURSIVE su(rid, snap, office, id, parent, own) AS (
    SELECT rowid, snapshot_code, office_code, record_id,
           json_extract(json, '$.parentId'), json_extract(json, '$.establishedOn')
    FROM snapshot_records WHERE kind = 'units'
),
chain(rid, snap, office, id, eff) AS (
    SELECT rid, snap, office, id, own FROM su WHERE parent IS NULL
    UNION ALL
    SELECT su.rid, su.snap, su.office, su.id,
           CASE WHEN chain.eff IS NOT NULL AND (su.own IS NULL OR su.own < chain.eff)
                THEN chain.eff ELSE su.own END
    FROM su JOIN chain
      ON su.parent = chain.id AND su.snap = chain.snap AND su.office = chain.office
)
UPDATE snapshot_records
SET json = json_set(json, '$.establishedOn',
                    (SELECT eff FROM chain WHERE chain.rid = snapshot_records.rowid))
WHERE rowid IN (SELECT c.rid FROM chain c JOIN su ON su.rid = c.rid
                WHERE c.eff IS NOT NULL AND c.eff IS NOT su.own);

-- 2. 撤销: a unit merged away or dropped in a redraw leaves the tree on its 撤销日期
-- but still counts in the periods before it. Kept whole, as a ledger document.
CREATE TABLE dissolved_units (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
