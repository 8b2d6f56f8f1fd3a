-- 0030: people's names without the spaces typed inside a Chinese name (张 伟, 刘　洋,
-- as aligned lists write two-character names): the search for 张伟 did not find them.
-- Done by a Rust step (`store::squeeze_person_names`: SQL has no rule for which
-- spaces sit between two Chinese characters); the name bigrams follow through the
-- `people_name_grams_update` trigger. Every later write stores names so.
SELECT 1;
