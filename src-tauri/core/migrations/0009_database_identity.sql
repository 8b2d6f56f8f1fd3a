-- 0009: the database's own identity (数据库标识). Backups carry it in their name and
-- inside (they are copies), so a backup of one database is never restored over
-- another without the clerk confirming it. Random, made once; a copy keeps it.
CREATE TABLE database_identity (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id        TEXT NOT NULL
);
INSERT INTO database_identity (singleton, id) VALUES (1, lower(hex(randomblob(16))));
