-- 0014: 准入事项 (issue 15, item 3): matters outside the lists admitted through
-- 申请 → 审核 → 审批 → 进入 → 退出, stored as ledger documents.
CREATE TABLE admissions (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
