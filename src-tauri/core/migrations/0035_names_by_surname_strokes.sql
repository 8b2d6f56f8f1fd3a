-- 0035: the 姓氏笔画 key of every person (`people.name_strokes`) as official lists order
-- names: the surname by its strokes, then its first stroke (横竖撇点折), everyone of a
-- surname together, then the given name (`base::sortkey::stroke_key`). The key before
-- went by each character's stroke count alone, so 刘, 朱 and 孙 (6 strokes each) were
-- mixed by their given names. Done by a Rust step (`store::rekey_name_strokes`: SQL
-- cannot compute the key); every later write stores the new key.
SELECT 1;
