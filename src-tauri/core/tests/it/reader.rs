//! The read-only connection (`Store::open_reader`) answers from the last committed
//! state while the store's writer holds a long transaction, and cannot write.

use std::time::{Duration, Instant};

use gridledger_core::hierarchy::{self, UnitInput};
use gridledger_core::{Connection, Store};

use crate::support::{self, ctx};

fn names(c: &Connection) -> Vec<String> {
    hierarchy::list(c)
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect()
}

#[test]
fn reader_reads_committed_data_while_a_write_transaction_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reader.db");
    let mut s = Store::open(&path).unwrap();
    let village = support::township(&mut s);
    let reader = Store::open_reader(&path).unwrap();
    assert_eq!(names(&reader), names(s.conn()));
    let before = names(&reader);

    s.write(&ctx(), |tx| {
        hierarchy::create(
            tx,
            &UnitInput::new("compound", Some(&village), "C09", "写到一半的小区", "urban"),
        )?;
        // The writer holds its IMMEDIATE transaction (as an import does for minutes):
        // the reader answers at once, from the committed state.
        let started = Instant::now();
        assert_eq!(names(&reader), before);
        assert!(started.elapsed() < Duration::from_secs(2));
        // Nothing is written through it, even while the writer is idle.
        let refused = reader.execute("DELETE FROM units", []);
        assert!(refused.is_err(), "query_only refuses a write");
        Ok(())
    })
    .unwrap();
    // Committed: the reader's next statement sees it.
    assert!(names(&reader).contains(&"写到一半的小区".to_string()));
    assert!(reader.execute("DELETE FROM units", []).is_err());
}

#[test]
fn reader_needs_an_existing_database() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open_reader(&dir.path().join("none.db")).unwrap_err();
    assert!(err.to_string().contains("找不到数据库文件"), "{err}");
    assert!(!dir.path().join("none.db").exists(), "nothing created");
}

/// What the window runs as it closes: the last writes move from `<db>-wal` into the
/// database file, so a copy of that one file holds them (probe AB: a 备注 saved just
/// before closing was missing from a copy of the .db alone).
#[test]
fn a_checkpoint_leaves_the_whole_ledger_in_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.db");
    let mut s = Store::open(&path).unwrap();
    support::township(&mut s);
    let wal = dir.path().join("g.db-wal");
    let copy_of_file_alone = |name: &str| {
        let to = dir.path().join(name);
        std::fs::copy(&path, &to).unwrap();
        Connection::open(&to)
            .unwrap()
            .query_row("SELECT group_concat(name) FROM units", [], |r| {
                r.get::<_, Option<String>>(0)
            })
            .ok()
            .flatten()
    };
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    assert_eq!(copy_of_file_alone("before.db"), None, "still in the -wal");
    // A reader left idle does not stop it.
    let reader = Store::open_reader(&path).unwrap();
    assert_eq!(names(&reader).len(), 1);
    s.checkpoint().unwrap();
    assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0);
    assert_eq!(
        copy_of_file_alone("after.db"),
        Some(names(s.conn()).join(","))
    );
}

/// 设置 › 操作人: the name written in the change log and the recycle bin instead of
/// 本机, for clerks who share an office PC (probe AB); blank goes back to 本机, a
/// long one is refused, and the change of name is itself logged.
#[test]
fn the_operator_set_on_a_database_signs_its_changes_and_deletions() {
    use gridledger_core::store::office;
    let mut s = Store::open_in_memory().unwrap();
    let village = support::township(&mut s);
    let last = |s: &Store| -> (String, String) {
        s.conn()
            .query_row(
                "SELECT operator, table_name FROM change_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    assert_eq!(last(&s).0, "本机");
    assert_eq!(office::operator(s.conn()).unwrap(), None);
    let set = |s: &mut Store, name: &str| s.write(&ctx(), |tx| office::set_operator(tx, name));
    assert_eq!(set(&mut s, "  党建办李娜 ").unwrap(), "党建办李娜");
    // The change of name is signed by the one before, and named in words.
    assert_eq!(last(&s), ("本机".into(), "settings".into()));
    let logged =
        gridledger_core::kinds::change_log(s.conn(), Some("settings"), None, 5, 0).unwrap();
    assert_eq!(logged[0].summary.as_deref(), Some("操作人"));
    assert_eq!(
        logged[0].after.as_ref().and_then(|a| a.get("operator")),
        Some(&serde_json::json!("党建办李娜"))
    );
    s.write(&ctx(), |tx| {
        hierarchy::delete(tx, &village, gridledger_core::kinds::ALL)
    })
    .unwrap();
    assert_eq!(last(&s).0, "党建办李娜");
    let binned: String = s
        .conn()
        .query_row(
            "SELECT deleted_by FROM recycle_bin ORDER BY rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(binned, "党建办李娜");
    let e = set(&mut s, &"李".repeat(21)).unwrap_err();
    assert!(e.to_string().contains("最多 20 个字"), "{e}");
    assert_eq!(set(&mut s, " ").unwrap(), "本机");
    assert_eq!(office::operator(s.conn()).unwrap(), None);
    assert_eq!(last(&s).0, "党建办李娜");
    s.write(&ctx(), |tx| {
        Ok(support::unit(tx, "village", None, "320115101002", "桃园村"))
    })
    .unwrap();
    assert_eq!(last(&s).0, "本机");
}
