//! Every JSON field a kind looks rows up by (`ledger::list_by_json`, `unique_name`)
//! is an index search, not a scan of the table: read each `json_extract` index the
//! migrations create and ask SQLite's planner how it runs the lookup. An import of
//! 10,000 rows stays linear only while this holds (tests/benches/imports.rs).

use gridledger_core::store::{Store, MIGRATIONS};

/// (table, JSON path) of every `CREATE INDEX … ON t (json_extract(json, '$.p'))`.
fn json_indexes() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (_, sql) in MIGRATIONS {
        for line in sql.lines() {
            let Some(rest) = line.trim().strip_prefix("CREATE INDEX ") else {
                continue;
            };
            let Some((_, on)) = rest.split_once(" ON ") else {
                continue;
            };
            let Some((table, expr)) = on.split_once(" (json_extract(json, '") else {
                continue;
            };
            let path = expr.split('\'').next().unwrap();
            out.push((table.trim().to_string(), path.to_string()));
        }
    }
    out
}

#[test]
fn every_json_lookup_a_migration_indexes_is_an_index_search() {
    let s = Store::open_in_memory().unwrap();
    let indexes = json_indexes();
    // 0008's three names and 0025's twelve fields.
    assert!(indexes.len() >= 15, "{indexes:?}");
    for (table, path) in &indexes {
        // The statement ledger::list_by_json prepares.
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT json FROM {table} \
             WHERE json_extract(json, '{path}') = ?1 ORDER BY created_at, id"
        );
        let plan: Vec<String> = s
            .conn()
            .prepare(&sql)
            .unwrap()
            .query_map(["x"], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter().any(|p| p.contains("USING INDEX")),
            "{table} {path}: {plan:?}"
        );
    }
}
