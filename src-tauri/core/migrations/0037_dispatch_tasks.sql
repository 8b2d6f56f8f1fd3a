-- 0037: 月调度 (monthly dispatch): the city's task list as this office keeps it
-- (调度任务, one row a measure, found by its 任务编号) and, per task and month, the
-- office's progress report (月度进展). Both are ledger documents; a report names its
-- task by id, and deleting a task is refused while a report names it (the check is in
-- the kind; the foreign key is the last guard). At most one report a task and month.
CREATE TABLE dispatch_tasks (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX dispatch_tasks_by_code ON dispatch_tasks (json_extract(json, '$.code'));

CREATE TABLE task_progress (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    task_id    TEXT NOT NULL REFERENCES dispatch_tasks (id),
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX task_progress_by_task_month
    ON task_progress (task_id, json_extract(json, '$.month'));
