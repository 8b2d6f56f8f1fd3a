-- 0036: the exchange-file format (`2.17`) of each office a held file carries, kept
-- at receipt, so a city's 报送情况 says which township inside a county's file runs
-- an older version (probe AK: a 1.0 township reached the city as 正常 and its
-- missing ledgers as zeros). NULL: received before this column, format not known.
ALTER TABLE snapshot_offices ADD COLUMN format TEXT;
