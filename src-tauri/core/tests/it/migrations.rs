//! Databases made by older versions upgrade to exactly the schema a fresh database
//! gets, keeping their records. Each `fixtures/vN.sql` is a snapshot of a real
//! version-N database; add one whenever a migration lands.

use gridledger_core::store::{self, schema_dump, Store, SCHEMA_VERSION};
use gridledger_core::{hierarchy, store::changelog};

const SNAPSHOTS: &[(u32, &str)] = &[
    (1, include_str!("../fixtures/v1.sql")),
    (2, include_str!("../fixtures/v2.sql")),
    (3, include_str!("../fixtures/v3.sql")),
    (4, include_str!("../fixtures/v4.sql")),
    (5, include_str!("../fixtures/v5.sql")),
    (6, include_str!("../fixtures/v6.sql")),
    (7, include_str!("../fixtures/v7.sql")),
    (8, include_str!("../fixtures/v8.sql")),
    (9, include_str!("../fixtures/v9.sql")),
];

#[test]
fn old_snapshots_upgrade_to_the_fresh_schema() {
    let fresh = Store::open_in_memory().unwrap();
    let want = schema_dump(fresh.conn()).unwrap();
    for (version, sql) in SNAPSHOTS {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(sql).unwrap();
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
