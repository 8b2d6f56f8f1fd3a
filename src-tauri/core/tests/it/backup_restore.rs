//! Backups, restore (with integrity check and safety backup), and start-up recovery
//! of a damaged database.

use chrono::{DateTime, TimeZone, Utc};
use gridledger_core::hierarchy::{self, UnitInput};
use gridledger_core::store::backup;
use gridledger_core::store::startup::{open_for_app, start_up_backup};
use gridledger_core::{demo, store::office, Ctx, ErrorKind, Store};

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

fn village(store: &mut Store, code: &str, name: &str) {
    store
        .write(&Ctx::new(at(26, 8)), |tx| {
            hierarchy::create(
                tx,
                &UnitInput {
                    kind: "village".into(),
                    code: code.into(),
                    name: name.into(),
                    area_type: "urban".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
}

fn set_up(path: &std::path::Path) -> Store {
    let mut s = Store::open(path).unwrap();
    s.write(&Ctx::new(at(26, 8)), |tx| {
        office::setup(tx, "township", "320115101000", "青溪街道", false)
    })
    .unwrap();
    s
}

fn names(store: &Store) -> Vec<String> {
    hierarchy::list(store.conn())
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect()
}

#[test]
fn backup_then_restore_brings_back_the_old_data_and_keeps_a_safety_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    let mut s = set_up(&path);
    village(&mut s, "320115101001", "青溪社区");
    let b = backup::take(&s, at(26, 9), None).unwrap();
    // Whose it is, in the name: office code, database identity, time.
    assert!(
        b.file_name.starts_with("gridledger-320115101000-"),
        "{}",
        b.file_name
    );
    assert!(
        b.file_name.ends_with("-20261126T090000Z.db"),
        "{}",
        b.file_name
    );
    assert_eq!(b.office_code, "320115101000");
    assert!(b.database_id.len() == 32);
    assert_eq!(b.taken_at, "2026-11-26T09:00:00Z");
    assert!(b.size_bytes > 0);
    village(&mut s, "320115101002", "梧桐社区");
    assert_eq!(names(&s).len(), 2);

    let restored = backup::restore(&mut s, &Ctx::new(at(26, 10)), &b.file_name, None).unwrap();
    assert_eq!(restored.missing_files, 0);
    let safety = restored.safety_backup.expect("a safety backup");
    assert!(safety.file_name.contains("before-restore"));
    assert_eq!(names(&s), ["青溪社区"]);
    // The store still works for writes after restoring, and stays durable.
    village(&mut s, "320115101003", "滨江社区");
    let mode: String = s
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // The safety backup holds the data as it was before the restore.
    let old = rusqlite::Connection::open(&safety.path).unwrap();
    let n: i64 = old
        .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    drop(old);
    let listed = backup::list(&s).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed[0].file_name > listed[1].file_name, "newest first");
    // A backup is one file (rollback journal, not WAL): taking, listing and
    // checking it leave nothing beside it, and it opens from read-only media.
    backup::verify(std::path::Path::new(&b.path)).unwrap();
    let mut beside: Vec<String> = std::fs::read_dir(backup::backup_dir(&path))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [listed[1].file_name.clone(), listed[0].file_name.clone()]
    );
    let header = std::fs::read(&b.path).unwrap();
    assert_eq!(
        (header[18], header[19]),
        (1, 1),
        "rollback-journal file format"
    );
}

#[test]
fn damaged_or_foreign_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    let mut s = set_up(&path);
    village(&mut s, "320115101001", "青溪社区");
    let bdir = backup::backup_dir(&path);
    std::fs::create_dir_all(&bdir).unwrap();
    // Garbage bytes.
    std::fs::write(
        bdir.join("gridledger-20261101T000000Z.db"),
        b"not a database at all, just text",
    )
    .unwrap();
    // A real SQLite file that is not ours.
    rusqlite::Connection::open(bdir.join("gridledger-20261102T000000Z.db"))
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    // A good backup, then damaged: every page after the first gets an invalid
    // page-type byte, so tables and indexes in use are broken whatever the layout.
    let good = backup::take(&s, at(26, 9), None).unwrap();
    let mut bytes = std::fs::read(&good.path).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for offset in (page..bytes.len()).step_by(page) {
        bytes[offset] = 0xA5;
    }
    std::fs::write(&good.path, bytes).unwrap();

    for name in [
        "gridledger-20261101T000000Z.db",
        "gridledger-20261102T000000Z.db",
        good.file_name.as_str(),
    ] {
        let err = backup::restore(&mut s, &Ctx::new(at(26, 10)), name, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Refused, "{name}: {err}");
        assert!(err.to_string().contains("当前数据没有改动"), "{err}");
        // In Chinese only (it ended in SQLite's "database disk image is malformed").
        assert!(
            !err.to_string()
                .chars()
                .any(|c| c.is_ascii_lowercase() && !name.contains(c)),
            "{err}"
        );
    }
    for bad in [
        "../gridledger.db",
        "",
        "x.txt",
        "gridledger-20261103T000000Z.db",
    ] {
        let err = backup::restore(&mut s, &Ctx::new(at(26, 10)), bad, None).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Validation | ErrorKind::NotFound),
            "{bad}: {err}"
        );
    }
    assert_eq!(names(&s), ["青溪社区"]);
    // No safety backups were taken for refused restores.
    assert!(!backup::list(&s)
        .unwrap()
        .iter()
        .any(|b| b.file_name.contains("before-restore")));
}

#[test]
fn start_up_takes_a_backup_and_prunes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    drop(set_up(&path));
    // Twelve start-ups over three days, each after a change.
    for i in 0..12u32 {
        let opened = open_for_app(&path, at(20 + i / 4, 8 + i % 4)).unwrap();
        assert!(opened.recovery.is_none());
        let mut s = opened.store;
        village(
            &mut s,
            &format!("3201151010{:02}", i + 10),
            &format!("村{i}"),
        );
        // The window's store stays open: the backup has its own connection.
        let b = start_up_backup(&path, at(20 + i / 4, 8 + i % 4)).unwrap();
        assert!(b.is_some());
    }
    let list = backup::list_for(&path).unwrap();
    // Ten newest kept; beyond them one per day: of the 20th's 08h and 09h, 09h stays.
    assert_eq!(list.len(), 11);
    assert!(list
        .last()
        .unwrap()
        .file_name
        .ends_with("-20261120T090000Z.db"));
    assert!(list.iter().all(|b| b.same_database));
    // What SQLite leaves beside a backup it read goes with it when it is pruned.
    let oldest = dir
        .path()
        .join("backups")
        .join(&list.last().unwrap().file_name);
    let side = format!("{}-shm", oldest.display());
    std::fs::write(&side, b"").unwrap();
    let opened = open_for_app(&path, at(24, 9)).unwrap();
    village(&mut { opened.store }, "320115101099", "村末");
    start_up_backup(&path, at(24, 9)).unwrap().unwrap();
    assert!(!oldest.exists() && !std::path::Path::new(&side).exists());

    // A FIFO named like a backup (a link, a device) is passed over, not opened: the
    // list would wait for ever.
    let fifo = dir
        .path()
        .join("backups")
        .join("gridledger-320115101000-00000000-20261201T000000Z.db");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let listed = backup::list_for(&path).unwrap();
    assert!(listed
        .iter()
        .all(|b| !b.file_name.contains("20261201T000000Z")));
    start_up_backup(&path, at(24, 10)).unwrap();
}

#[test]
fn start_up_without_setup_takes_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    let _opened = open_for_app(&path, at(26, 8)).unwrap();
    assert_eq!(start_up_backup(&path, at(26, 8)).unwrap(), None);
}

#[test]
fn start_up_backup_is_skipped_when_nothing_changed_since_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    drop(set_up(&path));
    let first = start_up_backup(&path, at(24, 8)).unwrap();
    assert!(first.is_some());
    // Nothing changed: no copy, whatever the day.
    let s = open_for_app(&path, at(25, 8)).unwrap().store;
    assert_eq!(start_up_backup(&path, at(25, 8)).unwrap(), None);
    drop(s);
    assert_eq!(backup::list_for(&path).unwrap().len(), 1);
    // A change: the next start backs up again, and the copy holds it.
    let mut s = open_for_app(&path, at(26, 8)).unwrap().store;
    village(&mut s, "320115101009", "新村");
    let b = start_up_backup(&path, at(26, 8))
        .unwrap()
        .expect("a backup");
    let copy = Store::open(std::path::Path::new(&b.path)).unwrap();
    assert!(names(&copy).contains(&"新村".to_string()));
    assert_eq!(backup::list_for(&path).unwrap().len(), 2);
}

#[test]
fn damaged_database_is_set_aside_never_deleted_and_latest_good_backup_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    {
        let mut s = set_up(&path);
        village(&mut s, "320115101001", "青溪社区");
        backup::take(&s, at(25, 8), None).unwrap();
    }
    // Scribble over the file's header: SQLite no longer recognises it.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[..100].copy_from_slice(&[0x42; 100]);
    std::fs::write(&path, &bytes).unwrap();

    let opened = open_for_app(&path, at(26, 8)).unwrap();
    let r = opened.recovery.expect("recovery offered");
    assert!(r
        .set_aside_path
        .ends_with("gridledger.db.damaged-20261126T080000Z"));
    assert_eq!(
        std::fs::read(&r.set_aside_path).unwrap(),
        bytes,
        "kept byte for byte"
    );
    let latest = r.latest_backup.expect("a good backup");
    assert!(latest.file_name.ends_with("-20261125T080000Z.db"));
    // The app runs on a fresh database and can restore the backup.
    let mut store = opened.store;
    assert!(office::get(store.conn()).unwrap().is_none());
    backup::restore(&mut store, &Ctx::new(at(26, 9)), &latest.file_name, None).unwrap();
    assert_eq!(names(&store), ["青溪社区"]);
}

#[test]
fn newer_database_at_start_up_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE office(x); PRAGMA user_version = 42;")
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = open_for_app(&path, at(26, 8)).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::NewerVersion);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn demo_fills_a_new_database_and_an_existing_township() {
    let mut s = Store::open_in_memory().unwrap();
    let sum = demo::fill(&mut s, &Ctx::new(at(26, 8))).unwrap();
    assert!(sum.office_created);
    let o = office::require(s.conn()).unwrap();
    assert!(o.is_demo);
    assert_eq!((sum.villages, sum.compounds), (5, 13));
    assert!(sum.base_grids >= 15 && sum.micro_grids > sum.base_grids);
    assert_eq!(
        demo::fill(&mut s, &Ctx::new(at(26, 8))).unwrap_err().kind(),
        ErrorKind::Refused
    );
    let report = gridledger_core::hierarchy::check::run(s.conn()).unwrap();
    assert!(report.is_ok());
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    // A demo person's given name goes with the gender the ID number gives (no 李秀兰 男).
    let women = [
        "芳", "娜", "秀英", "敏", "静", "丽", "艳", "娟", "秀兰", "霞", "桂英", "玉兰", "海燕",
        "文静", "春梅",
    ];
    for p in gridledger_core::people::all(s.conn()).unwrap() {
        let given: String = p.name.chars().skip(1).collect();
        let female = p.gender == gridledger_core::base::identity::Gender::Female;
        assert_eq!(
            women.contains(&given.as_str()),
            female,
            "{} {:?}",
            p.name,
            p.gender
        );
    }

    let mut t = Store::open_in_memory().unwrap();
    t.write(&Ctx::new(at(26, 8)), |tx| {
        office::setup(tx, "township", "110105001000", "建外街道", false)
    })
    .unwrap();
    let sum = demo::fill(&mut t, &Ctx::new(at(26, 8))).unwrap();
    assert!(!sum.office_created);
    assert!(!office::require(t.conn()).unwrap().is_demo);
    assert!(hierarchy::list(t.conn())
        .unwrap()
        .iter()
        .all(|u| u.owner_code == "110105001000"));

    let mut county = Store::open_in_memory().unwrap();
    county
        .write(&Ctx::new(at(26, 8)), |tx| {
            office::setup(tx, "county", "320115000000", "江宁区", false)
        })
        .unwrap();
    assert_eq!(
        demo::fill(&mut county, &Ctx::new(at(26, 8)))
            .unwrap_err()
            .kind(),
        ErrorKind::Refused
    );
}

#[test]
fn setup_happens_once() {
    let mut s = Store::open_in_memory().unwrap();
    let ctx = Ctx::new(at(26, 8));
    let err = s
        .write(&ctx, |tx| {
            office::setup(tx, "township", "3201151010", "青溪", false)
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("code"));
    assert!(
        office::get(s.conn()).unwrap().is_none(),
        "bad setup wrote nothing"
    );
    s.write(&ctx, |tx| {
        office::setup(tx, "township", "320115101000", "青溪街道", false)
    })
    .unwrap();
    let err = s
        .write(&ctx, |tx| {
            office::setup(tx, "city", "320100000000", "南京市", false)
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(err.to_string().contains("青溪街道"));
}

/// Damage deep in the file (not in its header) no longer delays the window: the
/// check after start finds it, says what to do and backs nothing up; the next start
/// checks first and sets the file aside with the latest good backup offered.
#[test]
fn damage_found_after_start_is_set_aside_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    {
        let mut s = set_up(&path);
        for i in 0..400 {
            village(
                &mut s,
                &format!("320115101{:03}", i + 1),
                &format!("第{i}社区"),
            );
        }
        backup::take(&s, at(25, 8), None).unwrap();
        s.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    let backups_before = backup::list_for(&path).unwrap().len();
    // Scribble over the last page of the file (a table or index page).
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096.min(bytes.len() / 2);
    let at_page = bytes.len() - page;
    for b in &mut bytes[at_page..] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();

    let opened = open_for_app(&path, at(26, 8)).unwrap();
    assert!(opened.recovery.is_none(), "the window is not kept waiting");
    drop(opened);
    let message = start_up_backup(&path, at(26, 8)).unwrap_err();
    assert!(
        message.contains("已损坏") && message.contains("重新打开"),
        "{message}"
    );
    assert_eq!(
        backup::list_for(&path).unwrap().len(),
        backups_before,
        "no backup of a damaged file"
    );

    let opened = open_for_app(&path, at(26, 9)).unwrap();
    let r = opened.recovery.expect("set aside at the next start");
    assert_eq!(
        std::fs::read(&r.set_aside_path).unwrap(),
        bytes,
        "kept byte for byte"
    );
    assert!(r.latest_backup.is_some());
    assert!(!dir.path().join("gridledger.db.check-failed").exists());
}

/// The search tables, roles and history name a person by the row's number
/// (migrations 0026–0029), and a backup copies pages, numbers and all: after a
/// restore every person is read back whole (roles and history), found by name and
/// in their role's tab, with gaps in the numbers (people deleted before the backup)
/// and a unit added after it (gone again).
#[test]
fn a_restore_keeps_every_person_found_with_their_roles_and_history() {
    use gridledger_core::people::{self, PersonQuery};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    let mut s = set_up(&path);
    demo::fill(&mut s, &Ctx::new(at(26, 8))).unwrap();
    let everyone = people::all(s.conn()).unwrap();
    for p in everyone.iter().step_by(3) {
        s.write(&Ctx::new(at(26, 8)), |tx| people::delete(tx, &p.id))
            .unwrap();
    }
    let kept = people::all(s.conn()).unwrap();
    let history: Vec<_> = kept
        .iter()
        .map(|p| people::history(s.conn(), &p.id).unwrap())
        .collect();
    let b = backup::take(&s, at(26, 9), None).unwrap();
    village(&mut s, "320115101099", "新建社区");
    backup::restore(&mut s, &Ctx::new(at(26, 10)), &b.file_name, None).unwrap();

    let c = s.conn();
    assert_eq!(people::all(c).unwrap(), kept);
    for (p, events) in kept.iter().zip(&history) {
        assert_eq!(&people::history(c, &p.id).unwrap(), events, "{}", p.name);
        let found = people::list(
            c,
            &PersonQuery {
                text: p.name.clone(),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(found.rows.iter().any(|r| r.id == p.id), "{}", p.name);
        for role in &p.roles {
            let tab = people::matching_ids(
                c,
                &PersonQuery {
                    role: role.role.as_str().into(),
                    ..Default::default()
                },
            )
            .unwrap();
            assert!(tab.contains(&p.id), "{} in {:?}", p.name, role.role);
        }
    }
}

/// A restore does not hand out an exchange file's number again: exports 1 and 2,
/// a restore of a backup taken before them, and the next export is number 3, not a
/// second number 1 that the county, holding 2, would call older and refuse.
#[test]
fn after_a_restore_the_next_export_takes_the_next_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    let mut s = set_up(&path);
    village(&mut s, "320115101001", "青溪社区");
    let b = backup::take(&s, at(26, 9), None).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let ctx = Ctx::new(at(26, 10));
    let sequence = |s: &mut Store| {
        gridledger_core::exchange::package::export(s, &ctx, &out)
            .unwrap()
            .sequence
    };
    assert_eq!((sequence(&mut s), sequence(&mut s)), (1, 2));
    backup::restore(&mut s, &Ctx::new(at(26, 11)), &b.file_name, None).unwrap();
    assert_eq!(sequence(&mut s), 3);
}

#[test]
fn a_stored_record_that_no_longer_reads_is_named_by_the_check_and_by_every_read() {
    // A byte changed on disk inside a record's JSON: SQLite's own check passes, and
    // the report failed with an internal error. Now the data check names the record
    // and fails, and a read that meets it says which record and what to do.
    use gridledger_core::exchange::report::{self, KINDS};
    use gridledger_core::store::ledger;
    let dir = tempfile::tempdir().unwrap();
    let mut qx = crate::support::office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut county = crate::support::office(dir.path(), "county", "320115000000", "江宁区", false);
    let p = qx.export();
    county.receive(&p);
    let healthy = report::check(county.store.conn()).unwrap();
    assert!(healthy.is_ok(), "{}", healthy.integrity);
    assert!(report::check(qx.store.conn()).unwrap().is_ok());
    // Every kind the check reads by name is a table here, with its JSON or its columns.
    for kind in KINDS {
        let n: i64 = crate::support::one(
            &qx.store,
            &format!("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{kind}'"),
        );
        assert_eq!(n, 1, "{kind} is a table");
    }

    let conn = county.store.conn();
    conn.execute(
        "UPDATE snapshot_records SET json = replace(json, '\"base_grid\"', '\"base_grix\"')
         WHERE rowid = (SELECT min(rowid) FROM snapshot_records
                        WHERE kind = 'units' AND json LIKE '%\"base_grid\"%')",
        [],
    )
    .unwrap();
    let r = report::check(conn).unwrap();
    assert!(!r.is_ok());
    for says in [
        "有 1 条记录无法读取",
        "收到的下级单位 320115101000 的组织单位",
        "base_grix",
    ] {
        assert!(
            r.integrity.contains(says),
            "{} should say {says}",
            r.integrity
        );
    }
    // A month before the package's: counted again from its records.
    let october = gridledger_core::base::period::Period::month(2026, 10).unwrap();
    let err = report::period_report(conn, &october, crate::support::ctx().today()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused, "{err}");
    assert!(err.to_string().contains("组织单位（编号"), "{err}");
    assert!(err.to_string().contains("数据检查"), "{err}");

    // This office's own record: a project whose status no longer reads.
    let conn = qx.store.conn();
    conn.execute(
        "UPDATE projects SET json = json_set(json, '$.status', 'gone')
         WHERE rowid = (SELECT min(rowid) FROM projects)",
        [],
    )
    .unwrap();
    let r = report::check(conn).unwrap();
    assert!(
        r.integrity.contains("本单位的共建项目（编号"),
        "{}",
        r.integrity
    );
    let err = ledger::list::<gridledger_core::cobuild::Project>(conn).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused, "{err}");
    assert!(err.to_string().contains("共建项目（编号"), "{err}");
}

/// A new PC: the backup copied from the old one onto a USB drive (renamed by the
/// clerk) comes back whole, before setting up or after setting up the same office
/// anew; the live database itself, a folder or a missing file are refused, and
/// nothing is changed by a refusal.
#[test]
fn a_backup_file_from_another_pc_is_restored_from_where_it_lies() {
    let old = tempfile::tempdir().unwrap();
    let mut s = set_up(&old.path().join("gridledger.db"));
    village(&mut s, "320115101001", "青溪社区");
    let b = backup::take(&s, at(26, 9), None).unwrap();
    drop(s);
    let usb = tempfile::tempdir().unwrap();
    let copied = usb.path().join("旧电脑备份.db");
    std::fs::copy(&b.path, &copied).unwrap();
    let copied_path = copied.display().to_string();

    // Looked at before the question: whose, and when (a renamed file: its last change).
    let new_pc = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&new_pc.path().join("gridledger.db")).unwrap();
    let seen = backup::inspect(&new_pc.path().join("gridledger.db"), &copied).unwrap();
    assert_eq!(
        (
            seen.office_name.as_str(),
            seen.file_name.as_str(),
            seen.same_database
        ),
        ("青溪街道", "旧电脑备份.db", false)
    );
    assert_eq!(
        seen.taken_at, "2026-11-26T08:00:00Z",
        "the village's creation, its last change"
    );
    // Before setting up: nothing to lose, nothing to confirm.
    let restored = backup::restore(&mut fresh, &Ctx::new(at(27, 9)), &copied_path, None).unwrap();
    assert!(
        restored.safety_backup.is_none(),
        "an empty database is not kept"
    );
    // The restored data has its copy in the list at once.
    let listed = backup::list(&fresh).unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].office_name, "青溪街道");
    assert_eq!(names(&fresh), ["青溪社区"]);
    assert_eq!(office::get(fresh.conn()).unwrap().unwrap().name, "青溪街道");
    assert!(std::fs::metadata(&copied).is_ok(), "the chosen file stays");

    // After setting up the same office anew: another database, confirmed by name.
    let other_pc = tempfile::tempdir().unwrap();
    let db = other_pc.path().join("gridledger.db");
    let mut again = set_up(&db);
    let ctx = Ctx::new(at(27, 10));
    let err = backup::restore(&mut again, &ctx, &copied_path, None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert!(err.to_string().contains("旧电脑备份.db"), "{err}");
    let err = backup::restore(&mut again, &ctx, &copied_path, Some("东山街道")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("输入的“东山街道”与备份中的单位不一致。"),
        "{err}"
    );
    backup::restore(&mut again, &ctx, &copied_path, Some("青溪街道")).unwrap();
    assert_eq!(names(&again), ["青溪社区"]);

    // Refused, and nothing changes.
    village(&mut again, "320115101002", "梧桐社区");
    let wal = format!("{}-wal", db.display());
    let garbage = usb.path().join("说明.db");
    std::fs::write(&garbage, "不是数据库").unwrap();
    for (bad, kind, says) in [
        (
            db.display().to_string(),
            ErrorKind::Refused,
            "正在使用的数据库文件",
        ),
        (wal, ErrorKind::Refused, "正在使用的数据库文件"),
        (
            usb.path().display().to_string(),
            ErrorKind::Validation,
            "文件夹",
        ),
        (
            usb.path().join("没有这个.db").display().to_string(),
            ErrorKind::NotFound,
            "找不到文件“没有这个.db”",
        ),
        (
            garbage.display().to_string(),
            ErrorKind::Refused,
            "当前数据没有改动",
        ),
    ] {
        let err = backup::restore(&mut again, &ctx, &bad, None).unwrap_err();
        assert_eq!(err.kind(), kind, "{bad}: {err}");
        assert!(err.to_string().contains(says), "{bad}: {err}");
        // Refused alike when only looked at, before any question.
        let err = backup::inspect(&db, std::path::Path::new(&bad)).unwrap_err();
        assert_eq!(err.kind(), kind, "{bad}: {err}");
    }
    assert_eq!(names(&again), ["青溪社区", "梧桐社区"]);
}

/// The window's import keeps the data as it was in 备份 first (导入前自动备份): a wrong
/// file is undone at once by restoring it (probe AB: 20 phones changed by a wrong
/// roster could only be typed back). An import that writes nothing leaves no backup.
#[test]
fn an_import_is_undone_by_the_backup_taken_before_it() {
    use gridledger_core::kinds::ImportKind;
    use std::sync::atomic::AtomicBool;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    let mut s = set_up(&path);
    let csv = dir.path().join("villages.csv");
    let import = |s: &mut Store, hour: u32, body: &str| {
        std::fs::write(&csv, format!("代码,名称,层级,城乡类型\n{body}")).unwrap();
        ImportKind::parse("units").unwrap().commit_backed_up(
            s,
            &Ctx::new(at(26, hour)),
            &csv,
            &AtomicBool::new(false),
            &mut |_, _| {},
            &[],
        )
    };
    let first = import(&mut s, 9, "320115101001,青溪社区,村/社区,城镇\n").unwrap();
    assert_eq!(first.created, 1);
    assert_eq!(
        first.backup_taken_at.as_deref(),
        Some("2026-11-26T09:00:00Z")
    );
    // A wrong file renames it.
    let wrong = import(&mut s, 10, "320115101001,错误的名字,村/社区,城镇\n").unwrap();
    assert_eq!(wrong.updated, 1);
    assert_eq!(names(&s), ["错误的名字"]);
    // The same file again writes nothing, and keeps no backup.
    let again = import(&mut s, 11, "320115101001,错误的名字,村/社区,城镇\n").unwrap();
    assert_eq!((again.unchanged, again.backup_taken_at), (1, None));
    let listed = backup::list(&s).unwrap();
    let before_imports: Vec<_> = listed
        .iter()
        .filter(|b| b.occasion == "导入前自动备份")
        .map(|b| b.taken_at.as_str())
        .collect();
    assert_eq!(
        before_imports,
        ["2026-11-26T10:00:00Z", "2026-11-26T09:00:00Z"]
    );
    // Restoring the one before the wrong file undoes it.
    let undo = listed
        .iter()
        .find(|b| b.taken_at == "2026-11-26T10:00:00Z")
        .unwrap();
    backup::restore(&mut s, &Ctx::new(at(26, 12)), &undo.file_name, None).unwrap();
    assert_eq!(names(&s), ["青溪社区"]);
}

/// A backup cut short (copied from a stick that was pulled out) is listed as
/// damaged, not as another database's backup (probe AB: its 恢复 asked to replace
/// this office's data with "另一个数据库" before saying the file was damaged).
#[test]
fn a_damaged_backup_is_listed_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gridledger.db");
    let mut s = set_up(&path);
    for i in 0..40 {
        village(&mut s, &format!("320115101{:03}", i + 1), &format!("村{i}"));
    }
    let good = backup::take(&s, at(26, 9), None).unwrap();
    let bytes = std::fs::read(&good.path).unwrap();
    let cut = std::path::Path::new(&good.path)
        .with_file_name(good.file_name.replace("T090000Z", "T080000Z"));
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let listed = backup::list(&s).unwrap();
    let state = |b: &backup::BackupInfo| (b.damaged, b.same_database);
    assert_eq!(listed.len(), 2);
    assert_eq!(state(&listed[0]), (false, true), "{}", listed[0].file_name);
    assert_eq!(state(&listed[1]), (true, false), "{}", listed[1].file_name);
    let refused =
        backup::restore(&mut s, &Ctx::new(at(26, 10)), &listed[1].file_name, None).unwrap_err();
    assert!(refused.to_string().contains("损坏"), "{refused}");
}
