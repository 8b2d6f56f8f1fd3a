-- 0032: a unit's 设立日期 (the day a village, compound or grid was set up), so that
-- a grid added today is not counted in a period already reported: 2025's 基础网格,
-- 小区 and 网格覆盖率 moved when a grid was added in 2026. NULL: not known, counted in
-- every period (every unit saved before this version).
ALTER TABLE units ADD COLUMN established_on TEXT;
