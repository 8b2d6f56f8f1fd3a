-- 0022: a new person's name bigrams are written by the core (`people::write_row`), not
-- by a trigger (issue 13, item 1). With a trigger on the insert SQLite keeps a
-- statement journal of every page the insert touches (about a dozen b-trees for a
-- person): a tenth of an import's time went into copying those pages. The update and
-- delete triggers stay (renames and deletes are rare and keep the index in step).
DROP TRIGGER people_name_grams_insert;
