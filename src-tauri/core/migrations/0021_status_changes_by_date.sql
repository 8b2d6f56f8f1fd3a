-- 0021: the people who left, returned or started after a given day, found without
-- reading every person or history row (issue 14 item 2: people counted as in post
-- on a period's last day). Only 离岗/复岗 rows are indexed in the history.
CREATE INDEX person_history_status_by_date ON person_history (date)
    WHERE event IN ('left', 'returned');
CREATE INDEX people_by_start_date ON people (start_date);
