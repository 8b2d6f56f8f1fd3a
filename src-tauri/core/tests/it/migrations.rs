//! Databases made by older versions upgrade to exactly the schema a fresh database
//! gets, keeping their records. Each `fixtures/golden/databases/vN-snapshot.db.zip`
//! is a small hand-made version-N database (three units, three change-log rows, one
//! recycle-bin entry); the golden databases written by released versions are read by
//! `golden.rs`.

use gridledger_core::store::{self, schema_dump, Store, SCHEMA_VERSION};
use gridledger_core::{hierarchy, store::changelog};

const SNAPSHOTS: &[(u32, &[u8])] = &[
    (
        1,
        include_bytes!("../fixtures/golden/databases/v1-snapshot.db.zip"),
    ),
    (
        2,
        include_bytes!("../fixtures/golden/databases/v2-snapshot.db.zip"),
    ),
    (
        3,
        include_bytes!("../fixtures/golden/databases/v3-snapshot.db.zip"),
    ),
    (
        4,
        include_bytes!("../fixtures/golden/databases/v4-snapshot.db.zip"),
    ),
    (
        5,
        include_bytes!("../fixtures/golden/databases/v5-snapshot.db.zip"),
    ),
    (
        6,
        include_bytes!("../fixtures/golden/databases/v6-snapshot.db.zip"),
    ),
    (
        7,
        include_bytes!("../fixtures/golden/databases/v7-snapshot.db.zip"),
    ),
    (
        8,
        include_bytes!("../fixtures/golden/databases/v8-snapshot.db.zip"),
    ),
    (
        9,
        include_bytes!("../fixtures/golden/databases/v9-snapshot.db.zip"),
    ),
];

#[test]
fn old_snapshots_upgrade_to_the_fresh_schema() {
    let fresh = Store::open_in_memory().unwrap();
    let want = schema_dump(fresh.conn()).unwrap();
    for (version, zipped) in SNAPSHOTS {
        let dir = tempfile::tempdir().unwrap();
        let path = crate::golden::unzip_to(zipped, dir.path());
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            assert_eq!(store::user_version(&conn).unwrap(), *version);
        }
        let upgraded = Store::open(&path).unwrap();
        let c = upgraded.conn();
        assert_eq!(store::user_version(c).unwrap(), SCHEMA_VERSION);
        assert_eq!(
            schema_dump(c).unwrap(),
            want,
            "v{version} upgraded differs from fresh"
        );
        // The records survived and read through today's code.
        let all = hierarchy::list(c).unwrap();
        assert_eq!(all.len(), 3);
        let grid = all.iter().find(|u| u.code == "320115101001001").unwrap();
        assert_eq!((grid.households, grid.residents), (Some(320), Some(860)));
        assert_eq!(changelog::list(c, 10, 0).unwrap().len(), 3);
        assert_eq!(gridledger_core::kinds::recycle_bin(c).unwrap().len(), 1);
    }
}

#[test]
fn migration_files_are_numbered_in_order() {
    for (i, (name, sql)) in store::MIGRATIONS.iter().enumerate() {
        assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name}");
        assert!(!sql.trim().is_empty());
    }
}

/// Every column that names another record by id (`…_id`) is a declared `REFERENCES`
/// or listed in `ledger::PLAIN_REFERENCES`, so a restore from the bin checks it: a
/// 培训参加人员, 引育留用 record or 检查记录 came back alone after its person,
/// session or grid had gone, and counted in the figures. The exceptions name a
/// record of any kind (the change log, the bin, snapshots, a 回头看's entry).
#[test]
fn every_id_column_is_a_reference_a_restore_checks() {
    let fresh = Store::open_in_memory().unwrap();
    let c = fresh.conn();
    let any_kind = [
        ("change_log", "record_id"),
        ("recycle_bin", "record_id"),
        ("snapshot_records", "record_id"),
        ("rechecks", "entry_id"),
    ];
    let plain = gridledger_core::store::ledger::PLAIN_REFERENCES;
    // The first column of `sql`'s rows, `arg` bound to ?1.
    let strings = |sql: &str, arg: &str| -> Vec<String> {
        c.prepare(sql)
            .unwrap()
            .query_map([arg], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let tables = strings(
        "SELECT name FROM sqlite_master WHERE type = ?1 ORDER BY name",
        "table",
    );
    let mut unchecked = Vec::new();
    for table in &tables {
        let declared = strings("SELECT \"from\" FROM pragma_foreign_key_list(?1)", table);
        let columns = strings("SELECT name FROM pragma_table_info(?1)", table);
        for column in columns.iter().filter(|c| c.ends_with("_id")) {
            let known = declared.contains(column)
                || plain
                    .iter()
                    .any(|(t, cs)| t == table && cs.iter().any(|(c, _)| c == column))
                || any_kind.contains(&(table.as_str(), column.as_str()));
            if !known {
                unchecked.push(format!("{table}.{column}"));
            }
        }
    }
    assert!(
        unchecked.is_empty(),
        "not checked on restore: {unchecked:?}"
    );
    // Each listed reference names a table and column that exist.
    for (table, column, to) in plain
        .iter()
        .flat_map(|(t, cs)| cs.iter().map(move |(c, to)| (t, c, to)))
    {
        assert!(tables.iter().any(|t| t == *table) && tables.iter().any(|t| t == *to));
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
                [table, column],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "{table}.{column}");
    }
}
