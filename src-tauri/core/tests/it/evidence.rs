//! Evidence files on every kind that carries them (issue 14 item 8): several at once,
//! all or none, never twice, removed, listed, opened, thumbnails, in the package.

use std::path::{Path, PathBuf};

use gridledger_core::exchange::{package, report::Records};
use gridledger_core::party::{self, MeetingInput};
use gridledger_core::store::attachments::{self, thumbnail};
use gridledger_core::store::ledger;
use gridledger_core::{contacts, demands, demo, kinds, ErrorKind, Store};

use crate::support::ctx;

fn demo_on_disk(dir: &Path) -> Store {
    let mut s = Store::open(&dir.join("g.db")).unwrap();
    demo::fill(&mut s, &ctx()).unwrap();
    s
}

fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

#[test]
fn a_visit_takes_several_files_at_once_all_or_none_and_never_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let mut s = demo_on_disk(dir.path());
    let visit = ledger::list::<contacts::Visit>(s.conn()).unwrap()[0]
        .id
        .clone();
    let photo = file(dir.path(), "走访照片.png", PNG);
    let notes = file(dir.path(), "走访记录.pdf", b"%PDF-1.4 notes");
    let log = crate::support::change_log_rows(&s);

    s.write(&ctx(), |tx| {
        kinds::attach_files(tx, &db, "visits", &visit, &[photo.clone(), notes.clone()])
    })
    .unwrap();
    let names = |s: &Store| -> Vec<String> {
        kinds::attachments(s.conn(), Some(&db), "visits", &visit)
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect()
    };
    assert_eq!(names(&s), ["走访照片.png", "走访记录.pdf"]);
    assert_eq!(
        crate::support::change_log_rows(&s),
        log + 1,
        "one change-log row for the pick"
    );

    // The same content again (another name) is not added twice; a new file is.
    let copy = file(dir.path(), "同一张.png", PNG);
    let third = file(dir.path(), "签到表.jpg", b"\xFF\xD8\xFF sign-in");
    s.write(&ctx(), |tx| {
        kinds::attach_files(tx, &db, "visits", &visit, &[copy.clone(), third.clone()])
    })
    .unwrap();
    assert_eq!(names(&s), ["走访照片.png", "走访记录.pdf", "签到表.jpg"]);

    // One file that cannot be read refuses the lot, naming it; nothing changes.
    let log = crate::support::change_log_rows(&s);
    let fourth = file(dir.path(), "另一张.png", b"\x89PNG\r\n\x1a\n other");
    let missing = dir.path().join("不存在.jpg");
    let e = s
        .write(&ctx(), |tx| {
            kinds::attach_files(
                tx,
                &db,
                "visits",
                &visit,
                &[fourth.clone(), missing.clone()],
            )
        })
        .unwrap_err();
    assert!(e.to_string().contains("不存在.jpg"), "{e}");
    assert_eq!(names(&s).len(), 3);
    assert_eq!(crate::support::change_log_rows(&s), log);

    // Nothing picked, or too many at once, is refused with what to do.
    let e = s
        .write(&ctx(), |tx| {
            kinds::attach_files(tx, &db, "visits", &visit, &[])
        })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    let many = vec![photo.clone(); attachments::MAX_FILES_AT_ONCE + 1];
    let e = s
        .write(&ctx(), |tx| {
            kinds::attach_files(tx, &db, "visits", &visit, &many)
        })
        .unwrap_err();
    assert!(e.to_string().contains("分几次"), "{e}");

    // Removing one; removing it again says it is gone.
    let hash = kinds::attachments(s.conn(), Some(&db), "visits", &visit).unwrap()[1]
        .hash
        .clone();
    s.write(&ctx(), |tx| kinds::detach_file(tx, "visits", &visit, &hash))
        .unwrap();
    assert_eq!(names(&s), ["走访照片.png", "签到表.jpg"]);
    let e = s
        .write(&ctx(), |tx| kinds::detach_file(tx, "visits", &visit, &hash))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);

    // A kind whose records carry no files, or a record that is not there.
    let e = s
        .write(&ctx(), |tx| {
            kinds::attach_files(tx, &db, "people", &visit, std::slice::from_ref(&photo))
        })
        .unwrap_err();
    assert!(e.to_string().contains("不能添加附件"), "{e}");
    let e = s
        .write(&ctx(), |tx| {
            kinds::attach_files(
                tx,
                &db,
                "visits",
                "no-such-id",
                std::slice::from_ref(&photo),
            )
        })
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);

    // Editing the visit keeps its files; the files open and travel in the package.
    let v: contacts::Visit = ledger::get(s.conn(), &visit).unwrap();
    let input = contacts::VisitInput {
        contact_point_id: v.contact_point_id.clone(),
        visited_on: v.visited_on.clone(),
        visitors: v.visitors.clone(),
        found: format!("{}（补充）", v.found),
        coordinated: v.coordinated.clone(),
    };
    s.write(&ctx(), |tx| {
        contacts::update_visit(tx, &visit, &input, contacts::no_linked_demands)
    })
    .unwrap();
    assert_eq!(names(&s).len(), 2);
    let first = kinds::attachments(s.conn(), Some(&db), "visits", &visit).unwrap()[0].clone();
    assert!(party::attachment_file(s.conn(), &db, &first.hash)
        .unwrap()
        .is_file());
    // A visit's files stay at the township (backups carry them): a county on an
    // older 2.x refuses a package with a file no record it knows refers to.
    let records = Records::own(s.conn()).unwrap();
    assert!(!package::referenced(&records)
        .iter()
        .any(|a| a.hash == first.hash));
}

#[test]
fn a_meeting_keeps_its_place_host_observers_and_minutes_when_edited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let mut s = demo_on_disk(dir.path());
    let m = ledger::list::<party::Meeting>(s.conn()).unwrap()[0].clone();
    let input = MeetingInput {
        committee_id: m.committee_id.clone(),
        held_on: m.held_on.clone(),
        attendee_ids: m.attendee_ids.clone(),
        topics: m.topics.clone(),
        note: m.note.clone(),
        place: "街道党群服务中心三楼会议室".into(),
        host: "何静".into(),
        observers: "区住建局 李明；物业公司 王强".into(),
        decisions: Vec::new(),
    };
    let minutes = file(dir.path(), "会议纪要.docx", b"PK\x03\x04 minutes");
    s.write(&ctx(), |tx| {
        kinds::attach_files(
            tx,
            &db,
            "joint_meetings",
            &m.id,
            std::slice::from_ref(&minutes),
        )
    })
    .unwrap();
    let v = s
        .write(&ctx(), |tx| party::update_meeting(tx, &m.id, &input))
        .unwrap();
    assert_eq!(
        (v.place.as_str(), v.host.as_str(), v.observers.as_str()),
        (
            "街道党群服务中心三楼会议室",
            "何静",
            "区住建局 李明；物业公司 王强"
        )
    );
    assert_eq!(v.attachment_count, 1, "editing keeps the minutes");
    // Too long a place is refused by field.
    let e = s
        .write(&ctx(), |tx| {
            party::update_meeting(
                tx,
                &m.id,
                &MeetingInput {
                    place: "会".repeat(101),
                    ..input.clone()
                },
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("place"));

    // Working meetings carry files through the same commands.
    let w = ledger::list::<demands::WorkingMeeting>(s.conn()).unwrap()[0].clone();
    s.write(&ctx(), |tx| {
        kinds::attach_files(
            tx,
            &db,
            "working_meetings",
            &w.id,
            std::slice::from_ref(&minutes),
        )
    })
    .unwrap();
    assert_eq!(
        kinds::attachments(s.conn(), Some(&db), "working_meetings", &w.id)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn thumbnails_only_for_pictures_by_content_and_size() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let mut s = demo_on_disk(dir.path());
    let visit = ledger::list::<contacts::Visit>(s.conn()).unwrap()[0]
        .id
        .clone();
    let png = file(dir.path(), "照片.png", PNG);
    let fake = file(dir.path(), "不是图片.png", b"just text");
    s.write(&ctx(), |tx| {
        kinds::attach_files(tx, &db, "visits", &visit, &[png, fake])
    })
    .unwrap();
    let a = kinds::attachments(s.conn(), Some(&db), "visits", &visit).unwrap();
    let t = thumbnail(&db, &a[0].hash).unwrap().unwrap();
    assert!(t.starts_with("data:image/png;base64,iVBORw0KGgo"), "{t}");
    assert_eq!(
        thumbnail(&db, &a[1].hash).unwrap(),
        None,
        "named .png, is text"
    );
    assert_eq!(thumbnail(&db, "not-a-hash").unwrap(), None);
    assert_eq!(
        thumbnail(&db, &"0".repeat(64)).unwrap(),
        None,
        "no such file"
    );
    assert_eq!(
        attachments::image_type(b"\xFF\xD8\xFF\xE0"),
        Some("image/jpeg")
    );
    assert_eq!(
        attachments::image_type(b"RIFF\0\0\0\0WEBPVP8 "),
        Some("image/webp")
    );
    assert_eq!(attachments::image_type(b"%PDF-1.7"), None);
}

#[test]
fn preview_bytes_of_stored_content_only_within_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let mut s = demo_on_disk(dir.path());
    let visit = ledger::list::<contacts::Visit>(s.conn()).unwrap()[0]
        .id
        .clone();
    let pdf: &[u8] = b"%PDF-1.4\n% minutes of the visit\n%%EOF\n";
    let minutes = file(dir.path(), "走访纪要.pdf", pdf);
    s.write(&ctx(), |tx| {
        kinds::attach_files(tx, &db, "visits", &visit, &[minutes])
    })
    .unwrap();
    let hash = kinds::attachments(s.conn(), Some(&db), "visits", &visit).unwrap()[0]
        .hash
        .clone();
    assert_eq!(
        attachments::preview_bytes(s.conn(), &db, &hash).unwrap(),
        pdf,
        "the very bytes attached"
    );

    // Only content the store took in: not a path, not a stray file in the folder.
    let refused = |h: &str| attachments::preview_bytes(s.conn(), &db, h).unwrap_err();
    for h in ["../g.db", "not-a-hash", &"0".repeat(64)] {
        let e = refused(h);
        assert_eq!(e.kind(), ErrorKind::NotFound, "{h}");
        assert_eq!(e.to_string(), "没有找到这个附件，请刷新后再试。");
    }
    let stray: &[u8] = b"a file copied in by hand";
    let stray_hash = gridledger_core::base::hash::sha256(stray);
    let stray_path = attachments::file_path(&db, &stray_hash).unwrap();
    std::fs::create_dir_all(stray_path.parent().unwrap()).unwrap();
    std::fs::write(&stray_path, stray).unwrap();
    assert_eq!(refused(&stray_hash).kind(), ErrorKind::NotFound);

    // Over 50 MB: refused before it is read (a sparse file, nothing written).
    let stored = attachments::file_path(&db, &hash).unwrap();
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&stored)
        .unwrap();
    f.set_len(50 * 1024 * 1024 + 1).unwrap();
    drop(f);
    let e = refused(&hash);
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert!(e.to_string().contains("52 MB，超过 50 MB"), "{e}");
    // Exactly at the limit is read (and then found not to match its hash).
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&stored)
        .unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    drop(f);
    let e = refused(&hash);
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert!(e.to_string().contains("已损坏"), "{e}");

    // Damaged content of the same size is not shown either; a missing file says so.
    std::fs::write(&stored, b"%PDF-1.4\n% minutes of the visiT\n%%EOF\n").unwrap();
    assert!(refused(&hash).to_string().contains("已损坏"));
    std::fs::remove_file(&stored).unwrap();
    let e = refused(&hash);
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert!(e.to_string().contains("不在附件文件夹"), "{e}");
}
