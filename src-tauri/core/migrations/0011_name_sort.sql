-- 0011: 人员名单 sorted by pinyin as WPS sorts names, or by 姓氏笔画 (issue 14).

-- The name's pinyin sort key (`people::sortkey::sort_key`), written with the name by
-- every write of a person. Rows from before this column are filled from Rust when the
-- database is migrated (the Rust step `store::fill_name_sort_keys` runs after this SQL).
ALTER TABLE people ADD COLUMN name_sort TEXT;
CREATE INDEX people_name_sort ON people (name_sort, name, id);

-- The 姓氏笔画 key (`sortkey::stroke_key`): each character's stroke count, then the
-- pinyin key to order names of equal strokes. Written and filled like `name_sort`.
ALTER TABLE people ADD COLUMN name_strokes TEXT;
CREATE INDEX people_name_strokes ON people (name_strokes, name, id);
