-- 0013: 网格事项参考清单 (issue 15, item 2): the items grid workers may be asked to
-- do, and which village or community claimed (认领) which item, with the date. Both
-- are ledger documents. A claim names its village and its item by id: deleting
-- either is refused while a claim names it (the check is in the kinds; the foreign
-- keys are the last guard).
CREATE TABLE grid_matters (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE grid_matter_claims (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    village_id TEXT NOT NULL REFERENCES units (id),
    matter_id  TEXT NOT NULL REFERENCES grid_matters (id),
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX grid_matter_claims_by_village ON grid_matter_claims (village_id);
CREATE INDEX grid_matter_claims_by_matter ON grid_matter_claims (matter_id);
