-- 0016: 培训 (issue 16, item 1) and the community workers' pipeline 引育留用 (item 2):
-- training sessions, their participants (a person of the registry, a listed name with
-- a masked ID number, or a head count for a community), and dated pipeline events of
-- a person (招录, 晋升, 选拔, 评优, 离职), each a ledger document.
CREATE TABLE training_sessions (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE training_participants (
    id           TEXT PRIMARY KEY,
    owner_code   TEXT NOT NULL,
    json         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    session_id   TEXT NOT NULL,
    person_id    TEXT,
    community_id TEXT
);
CREATE INDEX training_participants_by_session ON training_participants (session_id);
CREATE INDEX training_participants_by_person ON training_participants (person_id);
CREATE INDEX training_participants_by_community ON training_participants (community_id);
CREATE TABLE pipeline_events (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    person_id  TEXT NOT NULL
);
CREATE INDEX pipeline_events_by_person ON pipeline_events (person_id);
