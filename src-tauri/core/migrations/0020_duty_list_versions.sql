-- 0020: versions of the three lists (issue 15 item 1): each published version of a
-- list (版本号, 发布日期) with a snapshot of its items, stored as a ledger document.
CREATE TABLE duty_list_versions (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
