-- 0025: the kinds of issues 15 and 16 look a row up by a field inside their JSON
-- (a duty item by name, an admission by its matter, an indicator by its code …) on
-- every imported row and every save, to find the record it updates and to refuse a
-- duplicate. Index those fields, as 0008 did for the first kinds, so each lookup is
-- an index search: an import of 10,000 rows stays linear (tests/benches/imports.rs).
CREATE INDEX duty_items_by_name ON duty_items (json_extract(json, '$.name'));
CREATE INDEX grid_matters_by_name ON grid_matters (json_extract(json, '$.name'));
CREATE INDEX admissions_by_matter ON admissions (json_extract(json, '$.matter'));
CREATE INDEX mechanisms_by_name ON mechanisms (json_extract(json, '$.name'));
CREATE INDEX plaques_by_name ON plaques (json_extract(json, '$.name'));
CREATE INDEX certificates_by_name ON certificates (json_extract(json, '$.name'));
CREATE INDEX secondments_by_name ON secondments (json_extract(json, '$.name'));
CREATE INDEX secondments_by_id_number ON secondments (json_extract(json, '$.idNumber'));
CREATE INDEX training_sessions_by_topic ON training_sessions (json_extract(json, '$.topic'));
CREATE INDEX indicators_by_code ON indicators (json_extract(json, '$.code'));
CREATE INDEX rectification_items_by_item ON rectification_items (json_extract(json, '$.item'));
CREATE INDEX questionnaires_by_title ON questionnaires (json_extract(json, '$.title'));
