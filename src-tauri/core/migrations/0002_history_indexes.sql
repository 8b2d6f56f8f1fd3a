-- 0002: look up one record's history and list the recycle bin newest first
-- without scanning whole tables.
CREATE INDEX change_log_by_record ON change_log (table_name, record_id, seq);
CREATE INDEX recycle_bin_by_time ON recycle_bin (deleted_at);
