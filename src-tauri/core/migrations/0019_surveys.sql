-- 0019: 问卷与电话回访 (issue 16, item 6). A questionnaire (问卷) keeps its
-- questions and options in `json`; each returned questionnaire (问卷答卷) is one
-- row, per community, found again on re-import by questionnaire and 编号; a phone
-- call-back (电话回访) names its community and what it was about.
CREATE TABLE questionnaires (
    id         TEXT PRIMARY KEY,
    owner_code TEXT NOT NULL,
    json       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE questionnaire_responses (
    id               TEXT PRIMARY KEY,
    owner_code       TEXT NOT NULL,
    questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id),
    community_id     TEXT NOT NULL REFERENCES units (id),
    number           TEXT NOT NULL,
    json             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX questionnaire_responses_by_number
    ON questionnaire_responses (questionnaire_id, number);
CREATE INDEX questionnaire_responses_by_community ON questionnaire_responses (community_id);

CREATE TABLE callbacks (
    id           TEXT PRIMARY KEY,
    owner_code   TEXT NOT NULL,
    community_id TEXT NOT NULL REFERENCES units (id),
    json         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX callbacks_by_community ON callbacks (community_id);
