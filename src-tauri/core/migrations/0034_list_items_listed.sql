-- 0034: a list item (履职事项, 网格事项) counts in a period from its 列入日期
-- (`listedOn`, package 2.13), else from the day it was entered. Every item held
-- from below came in a package before 2.13, whose sender counted it in every
-- period: it is given the earliest 列入日期 (package::LISTED_BEFORE_2_13), so a
-- received period counts as its sender counted it. This office's own items keep
-- none (they count from the day they were entered).
UPDATE snapshot_records
SET json = json_set(json, '$.listedOn', '0001-01-01')
WHERE kind IN ('duty_items', 'grid_matters')
  AND json_extract(json, '$.listedOn') IS NULL;
