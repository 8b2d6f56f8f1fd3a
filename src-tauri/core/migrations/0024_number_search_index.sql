-- 0024: searching ID numbers and phones by a fragment at a million people (issue 13,
-- item 2). A digit fragment scanned the whole ID-number index and the whole phone
-- index with LIKE: 0.40 s at 1,000,000 people (aim 0.25 s).
--
-- Every three-character substring (trigram) of every person's ID number and phone,
-- in an FTS5 index over the `people` rows (it stores no copy of the numbers: it
-- reads them from `people` by rowid). A fragment of three or more characters looks
-- its trigrams up here and the few candidates are checked with LIKE against
-- `people` (`people::search`). `detail=none` keeps only which rows hold a trigram,
-- not where: the LIKE check does the rest, and the index stays small; with
-- `columnsize=0` it keeps no row of sizes per person (for ranking, which we do not
-- use), one b-tree insert fewer for each person an import writes.
--
-- The index is keyed by `people.rowid`: rowids of `people` never change (nothing
-- rewrites the table; SQLite's VACUUM and the backup API keep rowids).
-- Kept in step inside the transaction of every write: a new person by the core
-- (`people::write_row`, no insert trigger, as 0022 explains), a changed number or a
-- deleted person by the triggers below.
CREATE VIRTUAL TABLE person_numbers USING fts5(
    id_number, phone,
    content = 'people', content_rowid = 'rowid',
    tokenize = 'trigram', detail = 'none', columnsize = 0
);
INSERT INTO person_numbers (person_numbers) VALUES ('rebuild');

CREATE TRIGGER people_numbers_update AFTER UPDATE OF id_number, phone ON people
WHEN old.id_number IS NOT new.id_number OR old.phone IS NOT new.phone BEGIN
    INSERT INTO person_numbers (person_numbers, rowid, id_number, phone)
    VALUES ('delete', old.rowid, old.id_number, old.phone);
    INSERT INTO person_numbers (rowid, id_number, phone)
    VALUES (new.rowid, new.id_number, new.phone);
END;

CREATE TRIGGER people_numbers_delete AFTER DELETE ON people BEGIN
    INSERT INTO person_numbers (person_numbers, rowid, id_number, phone)
    VALUES ('delete', old.rowid, old.id_number, old.phone);
END;
