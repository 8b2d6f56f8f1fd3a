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
