-- 0012: 乡镇履职事项清单 (目录三清单, issue 15): one row per item of the basic,
-- assisting and taken-back lists, stored as a ledger document.
CREATE TABLE duty_items (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
