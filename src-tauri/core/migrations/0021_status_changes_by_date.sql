-- 0021: the people who left or returned after a given day, found without reading
-- every history row (issue 14 item 2: people counted as in post on a period's last
-- day). Only 离岗/复岗 rows are indexed.
CREATE INDEX person_history_status_by_date ON person_history (date)
    WHERE event IN ('left', 'returned');
