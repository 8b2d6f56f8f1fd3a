//! The chain of files: township → county → city. Totals at every level equal the
//! sum of what was received; bad files change nothing.

use crate::support::{commit_file, ctx, dump, office, Office, KINDS_2_0};

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use gridledger_core::exchange::package::{self, Manifest};
use gridledger_core::exchange::report::{self, KEYS};
use gridledger_core::hierarchy::UnitKind;
use gridledger_core::{exchange::senders, hierarchy, store::changelog, Ctx, ErrorKind};

fn own(o: &Office) -> report::Totals {
    report::report(o.store.conn(), ctx().today()).unwrap().own
}

#[test]
fn township_to_county_to_city_totals_add_up_for_every_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut wt = office(dir.path(), "township", "320115102000", "梧桐镇", true);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);

    let p1 = qx.export();
    assert!(p1
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("320115101000_青溪街道_20261126_0001"));
    let p2 = wt.export();
    for p in [&p1, &p2] {
        assert_eq!(county.receive(p).outcome, "accepted");
    }
    let r = report::report(county.store.conn(), chrono::Utc::now().date_naive()).unwrap();
    assert_eq!(r.offices.len(), 2);
    assert_eq!(
        r.offices["320115101000"].name, "青溪街道",
        "Chinese names intact"
    );
    // Summed, but for an office's set-up (在用考核指标): the largest.
    let both = |key: &str| {
        let (a, b) = (own(&qx)[key], own(&wt)[key]);
        if report::NOT_SUMMED.contains(&key) {
            a.max(b)
        } else {
            a + b
        }
    };
    for (key, _) in KEYS {
        assert_eq!(r.total[*key], both(key), "county total {key}");
    }
    assert!(r.total["grids.base"] > 0 && r.total["people.grid_workers"] > 0);

    let pc = county.export();
    assert_eq!(city.receive(&pc).outcome, "accepted");
    let r = report::report(city.store.conn(), chrono::Utc::now().date_naive()).unwrap();
    assert_eq!(r.offices["320115000000"].name, "江宁区");
    for (key, _) in KEYS {
        assert_eq!(r.total[*key], both(key), "city total {key}");
    }
    // The city holds each township's records, by office, with Chinese intact.
    let inner =
        report::snapshot_records(city.store.conn(), "320115000000", Some("320115102000")).unwrap();
    assert!(inner
        .units
        .iter()
        .any(|u| u.name == "阳光花园第一网格" && u.owner_code == "320115102000"));
}

#[test]
fn same_file_twice_changes_nothing_and_deletions_and_moves_follow() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let p1 = qx.export();
    county.receive(&p1);
    let before = dump(&county.store);
    let again = county.receive(&p1);
    assert_eq!(again.outcome, "already_held");
    assert!(again.message.contains("已经收到过"));
    assert_eq!(dump(&county.store), before);

    // The township deletes an empty micro-grid (after moving its building head out)
    // and moves a base grid to another compound; the county follows.
    let all = hierarchy::list(qx.store.conn()).unwrap();
    let target = gridledger_core::people::coverage::grid_coverage(qx.store.conn())
        .unwrap()
        .uncovered
        .into_iter()
        .find(|g| g.kind == UnitKind::MicroGrid)
        .unwrap();
    qx.store
        .write(&ctx(), |tx| {
            gridledger_core::kinds::delete_unit(tx, &target.unit_id)
        })
        .unwrap();
    let grid = all.iter().find(|u| u.name == "翠竹苑第一网格").unwrap();
    let other = all.iter().find(|u| u.name == "阳光花园").unwrap();
    qx.store
        .write(&ctx(), |tx| {
            hierarchy::move_to(tx, &grid.id, Some(&other.id))
        })
        .unwrap();
    let p2 = qx.export();
    let second = county.receive(&p2);
    // What changed since the file held is said record by record: the grid moved, the
    // micro-grid deleted (a deletion dropped a count unsaid; a changed record moved
    // no count at all).
    assert!(
        second
            .message
            .contains("。与第 1 次相比：组织单位 修改 1 条、删除 1 条。各类记录数："),
        "{}",
        second.message
    );
    // 变更记录 keeps it with the file's name and checksum.
    let logged = crate::support::last_receipt_logged(&county.store, "$.changes");
    assert_eq!(logged, "与第 1 次相比：组织单位 修改 1 条、删除 1 条");
    let r = report::report(county.store.conn(), chrono::Utc::now().date_naive()).unwrap();
    assert_eq!(r.total["grids.micro"], own(&qx)["grids.micro"]);
    assert_eq!(r.offices["320115101000"].sequence, 2);
    let held = report::snapshot_records(county.store.conn(), "320115101000", None).unwrap();
    assert!(
        !held.units.iter().any(|u| u.id == target.unit_id),
        "deletion travelled"
    );
    let moved = held.units.iter().find(|u| u.id == grid.id).unwrap();
    assert_eq!(
        moved.parent_id.as_deref(),
        Some(other.id.as_str()),
        "move travelled"
    );

    // The older file is now refused, unless forced (and that is logged).
    let msg = county.refuse(&p1);
    assert!(msg.contains("较早的第 1 次导出"), "{msg}");
    let r = package::receive(&mut county.store, &ctx(), &p1, true).unwrap();
    assert_eq!(r.outcome, "accepted");
    // Back to the first file: the grid moved back, the micro-grid came back.
    assert!(
        r.message
            .contains("与第 2 次相比：组织单位 新增 1 条、修改 1 条"),
        "{}",
        r.message
    );
    let forced: i64 = crate::support::one(
        &county.store,
        "SELECT count(*) FROM change_log WHERE op = 'receive_forced'",
    );
    assert_eq!(forced, 1);
    // The township's next file brings its changes again; one more with nothing
    // changed says so.
    let third = county.receive(&qx.export());
    assert!(
        third
            .message
            .contains("。与第 1 次相比：组织单位 修改 1 条、删除 1 条。各类记录数："),
        "{}",
        third.message
    );
    let fourth = county.receive(&qx.export());
    assert!(
        fourth
            .message
            .contains("。与第 3 次相比没有记录变化。各类记录数："),
        "{}",
        fourth.message
    );
}

fn rezip(from: &Path, to: &Path, edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) {
    let bytes = std::fs::read(from).unwrap();
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if let Some(data) = edit(&name, data) {
            w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(&data).unwrap();
        }
    }
    w.finish().unwrap();
}

#[test]
fn bad_files_are_each_refused_with_their_own_message_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut other = office(dir.path(), "township", "320116101000", "雄州街道", true);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let good = qx.export();
    let bytes = std::fs::read(&good).unwrap();
    let bad = |name: &str, data: Vec<u8>| {
        let p = dir.path().join(name);
        std::fs::write(&p, data).unwrap();
        p
    };
    // A flipped byte inside a record part: the part's checksum no longer matches.
    let flipped = dir.path().join("flipped.zip");
    rezip(&good, &flipped, |name, mut data| {
        if name == "records/units.jsonl" {
            let i = data.len() / 2;
            data[i] ^= 0x01;
        }
        Some(data)
    });
    let future = dir.path().join("future.zip");
    rezip(&good, &future, |name, data| {
        if name == "manifest.json" {
            let mut m: Manifest = serde_json::from_slice(&data).unwrap();
            m.format_version = 99;
            return Some(serde_json::to_vec(&m).unwrap());
        }
        Some(data)
    });
    let lying = dir.path().join("lying.zip");
    rezip(&good, &lying, |name, data| {
        if name == "manifest.json" {
            let mut m: Manifest = serde_json::from_slice(&data).unwrap();
            *m.totals.get_mut("grids.base").unwrap() += 5;
            return Some(serde_json::to_vec(&m).unwrap());
        }
        Some(data)
    });
    let no_totals = dir.path().join("no-totals.zip");
    rezip(&good, &no_totals, |name, data| {
        if name == "manifest.json" {
            let mut m: Manifest = serde_json::from_slice(&data).unwrap();
            m.totals.clear();
            return Some(serde_json::to_vec(&m).unwrap());
        }
        Some(data)
    });
    let bad_sender = dir.path().join("bad-sender.zip");
    rezip(&good, &bad_sender, |name, data| {
        if name == "manifest.json" {
            let mut m: Manifest = serde_json::from_slice(&data).unwrap();
            m.office.code = "3201".into();
            return Some(serde_json::to_vec(&m).unwrap());
        }
        Some(data)
    });
    let missing = dir.path().join("missing.zip");
    rezip(&good, &missing, |name, data| {
        (name != "records/people.jsonl").then_some(data)
    });
    let xlsx = dir.path().join("名单.xlsx");
    gridledger_core::kinds::ImportKind::people()
        .write_template(&xlsx)
        .unwrap();
    // (file, part of its message, its reason code); "" = any.
    let cases: Vec<(PathBuf, &str, &str)> = vec![
        (bad("empty.zip", vec![]), "文件是空的", "empty"),
        (
            bad("rawflip.zip", {
                let mut b = bytes.clone();
                let i = b.len() / 3;
                b[i] ^= 0xFF;
                b
            }),
            "",
            "",
        ),
        (
            // Cut short (copied in part): damaged, to be sent again.
            bad("truncated.zip", bytes[..bytes.len() / 2].to_vec()),
            "文件不完整或已损坏（可能没有复制完",
            "damaged",
        ),
        (
            bad("text.zip", "你好，这不是交换文件".as_bytes().to_vec()),
            "不是基层治理台账的交换文件",
            "not_package",
        ),
        (xlsx, "不是基层治理台账的交换文件", "not_package"),
        (flipped, "校验值不符", "checksum"),
        (missing, "缺少人员的记录（records/people.jsonl）", "damaged"),
        (future, "更新版本的软件导出（格式版本 99", "newer_format"),
        (lying, "汇总数“基础网格”（grids.base）", "totals"),
        (no_totals, "清单中缺少汇总数", "totals"),
        (bad_sender, "发送单位的信息不正确", "bad_sender"),
        (
            other.export(),
            "不是本单位“江宁区”（320115000000）的下级。请与对方核对是否发错了单位",
            "not_below",
        ),
        // Its own file (picked from where it exported): said so, not 请与对方核对.
        (
            county.export(),
            "这是本单位“江宁区”自己导出的文件，不用在这里接收：请把它报送给上级",
            "own_file",
        ),
        (
            office(dir.path(), "county", "320116000000", "浦口区", false).export(),
            "县/区只接收乡镇/街道的文件。请与对方核对是否发错了单位",
            "not_below",
        ),
    ];
    for (path, want, want_reason) in cases {
        let (reason, msg) = county.refuse_because(&path);
        assert!(
            msg.contains(want),
            "{}: {msg} should contain {want}",
            path.display()
        );
        assert!(msg.contains("本次没有导入任何内容"), "{msg}");
        if !want_reason.is_empty() {
            assert_eq!(reason, want_reason, "{}", path.display());
        }
    }
    // After all that, the good file still goes in.
    assert_eq!(county.receive(&good).outcome, "accepted");
    // Several at once: each accepted or refused on its own.
    let many = package::receive_many(
        &mut county.store,
        &ctx(),
        &[good.clone(), dir.path().join("empty.zip")],
        false,
        |_, _, _| {},
    )
    .unwrap();
    let outcomes: Vec<&str> = many.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, ["already_held", "refused"]);
}

/// A county files each township's packages in a folder of its own: choosing the
/// folder above receives them (they were skipped unsaid, or the folder was called
/// empty). A folder one level further down is said, not opened.
#[test]
fn a_folder_of_township_folders_receives_the_packages_in_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut tx_ = office(dir.path(), "township", "320115102000", "汤山街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let inbox = dir.path().join("收件");
    for (name, file) in [("青溪街道", qx.export()), ("汤山街道", tx_.export())] {
        let sub = inbox.join(name);
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(&file, sub.join(file.file_name().unwrap())).unwrap();
    }
    std::fs::create_dir_all(inbox.join("青溪街道").join("旧文件")).unwrap();
    let got =
        package::receive_many(&mut county.store, &ctx(), &[inbox], false, |_, _, _| {}).unwrap();
    let said: Vec<(&str, &str)> = got
        .iter()
        .map(|r| (r.file_name.as_str(), r.outcome))
        .collect();
    assert_eq!(said.len(), 3, "{said:?}");
    assert_eq!(
        got.iter().filter(|r| r.outcome == "accepted").count(),
        2,
        "{said:?}"
    );
    let deeper = got.iter().find(|r| r.file_name == "旧文件").unwrap();
    assert_eq!(deeper.outcome, "skipped");
    assert!(
        deeper.message.starts_with("是文件夹，没有打开"),
        "{}",
        deeper.message
    );
}

#[test]
fn same_sequence_with_different_content_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let first = qx.export();
    county.receive(&first);
    // The township restores an old backup (its export counter goes back) and changes
    // something before exporting again: a second "number 1" with other content.
    let first_copy = dir.path().join("first.zip");
    std::fs::copy(&first, &first_copy).unwrap();
    qx.store
        .write(&ctx(), |tx| {
            tx.execute("UPDATE export_sequence SET last = 0", [])?;
            Ok(())
        })
        .unwrap();
    let v = hierarchy::list(qx.store.conn())
        .unwrap()
        .into_iter()
        .find(|u| u.kind == UnitKind::Village)
        .unwrap();
    qx.store
        .write(&ctx(), |tx| {
            let mut input = hierarchy::UnitInput {
                kind: "village".into(),
                code: v.code.clone(),
                name: "青溪社区（改名）".into(),
                area_type: "urban".into(),
                ..Default::default()
            };
            input.note = "改过".into();
            hierarchy::update(tx, &v.id, &input)
        })
        .unwrap();
    let second = qx.export();
    let msg = county.refuse(&second);
    assert!(msg.contains("内容与之前的不同"), "{msg}");
    assert_eq!(
        package::receive(&mut county.store, &ctx(), &first_copy, false)
            .unwrap()
            .outcome,
        "already_held"
    );
    let r = package::receive(&mut county.store, &ctx(), &second, true).unwrap();
    assert_eq!(r.outcome, "accepted");
    let held = report::snapshot_records(county.store.conn(), "320115101000", None).unwrap();
    assert!(held.units.iter().any(|u| u.name == "青溪社区（改名）"));
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn flags<'a>(s: &'a senders::Senders, code: &str) -> Vec<&'a str> {
    s.rows
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("{code} not listed"))
        .flags
        .clone()
}

/// 江宁区's 应报单位: 青溪街道 and 秣陵街道.
fn expect_qingxi_and_moling(county: &mut Office) {
    county
        .store
        .write(&ctx(), |tx| {
            senders::set_expected(tx, "320115101000", "青溪街道")?;
            senders::set_expected(tx, "320115102000", "秣陵街道")?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn who_has_sent_lists_expected_offices_with_never_sent_late_and_refusal_flags() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut extra = office(dir.path(), "township", "320115109000", "汤山街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    expect_qingxi_and_moling(&mut county);
    // Only offices directly below, with valid codes, can be expected.
    for (code, want) in [
        ("320116101000", "不是本单位"),
        ("320115000000", "乡镇/街道"),
        ("3201151010", "12位"),
    ] {
        let e = county
            .store
            .write(&ctx(), |tx| senders::set_expected(tx, code, "某街道"))
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation, "{code}: {e}");
        assert!(e.to_string().contains(want), "{code}: {e}");
    }
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert_eq!(s.late_days, senders::DEFAULT_LATE_DAYS);
    assert_eq!(flags(&s, "320115101000"), ["never_sent"]);
    assert_eq!(flags(&s, "320115102000"), ["never_sent"]);

    let good = qx.export();
    county.receive(&good);
    county.receive(&extra.export());
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    let row = s.rows.iter().find(|r| r.code == "320115101000").unwrap();
    assert!(row.sent && row.flags.is_empty(), "{:?}", row.flags);
    assert_eq!(row.sequence, Some(1));
    assert_eq!(row.days_since_export, Some(1));
    let counts = row.counts.as_ref().unwrap();
    // What the township holds, not a figure copied from demo.rs.
    let held: i64 = crate::support::one(&qx.store, "SELECT count(*) FROM people");
    assert!(held > 0);
    assert_eq!(counts["people"] as i64, held);
    // 汤山街道 has entered nothing yet: its file holds no record of any kind.
    assert_eq!(flags(&s, "320115109000"), ["unexpected", "empty"]);
    assert_eq!(s.rows.len(), 3, "expected ones, then the unexpected sender");

    // Late: older than the days the clerk set.
    let s = senders::who_has_sent(county.store.conn(), day(2027, 1, 10)).unwrap();
    assert_eq!(flags(&s, "320115101000"), ["late"]);
    county
        .store
        .write(&ctx(), |tx| senders::set_late_days(tx, 60))
        .unwrap();
    let s = senders::who_has_sent(county.store.conn(), day(2027, 1, 10)).unwrap();
    assert_eq!(s.late_days, 60);
    assert!(flags(&s, "320115101000").is_empty());
    assert!(county
        .store
        .write(&ctx(), |tx| senders::set_late_days(tx, 0))
        .is_err());

    // A package whose manifest totals do not match its records is refused, and
    // the screen says so until a good one arrives.
    let held_file = qx.export();
    county.receive(&held_file);
    // A copy whose manifest says one grid worker fewer than its records hold.
    let lie = |from: &Path, to: &Path| {
        rezip(from, to, |name, data| {
            if name == "manifest.json" {
                let mut m: Manifest = serde_json::from_slice(&data).unwrap();
                *m.totals.get_mut("people.grid_workers").unwrap() -= 1;
                return Some(serde_json::to_vec(&m).unwrap());
            }
            Some(data)
        })
    };
    let lying = dir.path().join("lying2.zip");
    lie(&qx.export(), &lying);
    let (reason, _) = county.refuse_because(&lying);
    assert_eq!(reason, "totals");
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert_eq!(
        flags(&s, "320115101000"),
        ["refused_last", "totals_mismatch"]
    );
    let row = s.rows.iter().find(|r| r.code == "320115101000").unwrap();
    assert_eq!(row.sequence, Some(2), "the refused file changed nothing");
    assert!(row
        .last_refusal
        .as_ref()
        .unwrap()
        .message
        .contains("汇总数"));
    let log = senders::receipt_log(county.store.conn(), 10, 0).unwrap();
    assert_eq!(log[0].reason.as_deref(), Some("totals"));
    assert_eq!(log[0].sender_name.as_deref(), Some("青溪街道"));
    assert!(log.iter().any(|l| l.outcome == "accepted"));
    // A file already held, offered again (a folder received again), is no good file:
    // the refusal stays flagged (it was cleared, the township's data still missing).
    county.receive(&held_file);
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert_eq!(
        flags(&s, "320115101000"),
        ["refused_last", "totals_mismatch"]
    );
    county.receive(&qx.export());
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert!(flags(&s, "320115101000").is_empty());
    // A file older than the one held, refused, leaves nothing to chase: no flag.
    let (reason, _) = county.refuse_because(&held_file);
    assert_eq!(reason, "older");
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert!(flags(&s, "320115101000").is_empty());
    // Nor does a damaged copy of the very file held (its manifest names the number
    // held): refused and logged, the township not chased for data it has sent.
    let newest = qx.export();
    county.receive(&newest);
    let damaged = dir.path().join("damaged-copy.zip");
    lie(&newest, &damaged);
    let (reason, _) = county.refuse_because(&damaged);
    assert_eq!(reason, "totals");
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert!(
        flags(&s, "320115101000").is_empty(),
        "{:?}",
        flags(&s, "320115101000")
    );

    // Taking an office off the list goes through the recycle bin.
    let entry = county
        .store
        .write(&ctx(), |tx| senders::remove_expected(tx, "320115102000"))
        .unwrap();
    assert_eq!(entry.kind_label, "应报单位");
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert!(!s.rows.iter().any(|r| r.code == "320115102000"));
    county
        .store
        .write(&ctx(), |tx| gridledger_core::kinds::restore(tx, &entry.id))
        .unwrap();
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert_eq!(flags(&s, "320115102000"), ["never_sent"]);
}

#[test]
fn without_an_expected_list_nobody_is_unexpected_and_the_senders_become_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut ml = office(dir.path(), "township", "320115102000", "秣陵街道", false);
    let mut ts = office(dir.path(), "township", "320115109000", "汤山街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(&qx.export());
    county.receive(&ml.export());

    // No list yet: the two senders are listed, neither flagged 不在应报名单.
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert!(!s.has_expected_list);
    assert_eq!(s.rows.len(), 2);
    assert!(
        s.rows
            .iter()
            .all(|r| !r.flags.contains(&"unexpected") && !r.expected),
        "{:?}",
        s.rows
    );

    // One click: every office that has sent becomes expected, each change logged.
    let logged_before = changelog::list(county.store.conn(), 1000, 0).unwrap().len();
    let added = county
        .store
        .write(&ctx(), senders::expect_received)
        .unwrap();
    let added: Vec<(&str, &str)> = added
        .iter()
        .map(|o| (o.code.as_str(), o.name.as_str()))
        .collect();
    assert_eq!(
        added,
        [("320115101000", "青溪街道"), ("320115102000", "秣陵街道")]
    );
    let log = changelog::list(county.store.conn(), 1000, 0).unwrap();
    assert_eq!(log.len(), logged_before + 2);
    assert!(log[..2]
        .iter()
        .all(|c| c.table_name == senders::TABLE && c.op == "create"));
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert!(s.has_expected_list);
    assert!(s
        .rows
        .iter()
        .all(|r| r.expected && !r.flags.contains(&"unexpected")));
    // 秣陵街道 has entered nothing yet: its file is flagged as holding no record.
    assert_eq!(flags(&s, "320115102000"), ["empty"]);

    // Again: nothing more to add, nothing logged.
    let again = county
        .store
        .write(&ctx(), senders::expect_received)
        .unwrap();
    assert!(again.is_empty());
    assert_eq!(
        changelog::list(county.store.conn(), 1000, 0).unwrap().len(),
        logged_before + 2
    );

    // Once a list exists, a sender not on it is flagged again, and a further click
    // adds just that one.
    county.receive(&ts.export());
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert_eq!(flags(&s, "320115109000"), ["unexpected", "empty"]);
    let added = county
        .store
        .write(&ctx(), senders::expect_received)
        .unwrap();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].code, "320115109000");

    // A township has nobody below it: nothing to add, and it says so.
    let e = qx
        .store
        .write(&ctx(), senders::expect_received)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused, "{e}");
    assert!(e.to_string().contains("没有下级单位"), "{e}");
}

#[test]
fn expected_offices_import_from_a_list_with_every_problem_named() {
    use gridledger_core::kinds::ImportKind as Kind;
    let dir = tempfile::tempdir().unwrap();
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let csv = dir.path().join("应报单位.csv");
    std::fs::write(
        &csv,
        "区划代码,单位名称\n320115101000,青溪街道\n320115102000,秣陵街道\n320116101000,雄州街道\n32011510300,少一位\n320115104000,\n",
    )
    .unwrap();
    let kind = Kind::parse("expected_offices").unwrap();
    let p = kind
        .preview(county.store.conn(), &csv, day(2026, 11, 27))
        .unwrap();
    assert_eq!((p.valid_rows, p.rejected_rows), (2, 3), "{:?}", p.problems);
    let rows: Vec<usize> = p.problems.iter().map(|x| x.row).collect();
    assert_eq!(rows, [4, 5, 6]);
    assert!(p.problems[0].message.contains("不是本单位"));
    assert_eq!(p.problems[2].column, "单位名称");
    let s = commit_file(&mut county.store, &kind, &csv);
    assert_eq!((s.created, s.rejected), (2, 3));
    let again = commit_file(&mut county.store, &kind, &csv);
    assert_eq!((again.created, again.unchanged), (0, 2));
    let names: Vec<String> = senders::list_expected(county.store.conn())
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(names, ["青溪街道", "秣陵街道"]);
    // A township has nobody below it.
    let qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let p = kind
        .preview(qx.store.conn(), &csv, day(2026, 11, 27))
        .unwrap();
    assert_eq!(p.valid_rows, 0);
    assert!(p.problems[0].message.contains("没有下级单位"));
}

#[test]
fn drill_down_lists_exactly_the_records_behind_each_total() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    county.receive(&qx.export());
    city.receive(&county.export());
    for (o, scope) in [
        (&qx, "own"),
        (&county, "320115101000"),
        (&county, "all"),
        (&city, "320115000000"),
        (&city, "all"),
    ] {
        let r = report::report(o.store.conn(), chrono::Utc::now().date_naive()).unwrap();
        for (key, _) in KEYS {
            let d =
                report::drill(o.store.conn(), scope, key, chrono::Utc::now().date_naive()).unwrap();
            let want = match scope {
                "own" => r.own[*key],
                "all" => r.total[*key],
                code => r.offices[code].totals[*key],
            };
            assert_eq!(d.count as i64, want, "{scope} {key}");
            // Each row's kind is named in Chinese by the core (report::DRILL_KINDS).
            for row in &d.rows {
                assert!(
                    row.kind_label.chars().any(|c| c > '\u{2e80}'),
                    "{key}: a drill row of kind {} has no Chinese name",
                    row.kind
                );
            }
            if *key == "training.person_times" {
                // A head count is one row counted as its number of people.
                assert!(d.rows.len() <= d.count.min(report::DRILL_LIMIT), "{key}");
            } else {
                assert_eq!(d.rows.len(), d.count.min(report::DRILL_LIMIT));
            }
        }
    }
    // A city drills into a county and sees the township's grid workers, masked.
    let d = report::drill(
        city.store.conn(),
        "320115000000",
        "people.grid_workers",
        chrono::Utc::now().date_naive(),
    )
    .unwrap();
    assert!(d.count > 0);
    assert!(d.rows.iter().all(|r| r.kind == "person"
        && r.office_name == "青溪街道"
        && r.code.contains("****")
        && r.detail.starts_with("网格员")));
    let d = report::drill(
        county.store.conn(),
        "all",
        "grids.base",
        chrono::Utc::now().date_naive(),
    )
    .unwrap();
    assert!(
        d.rows[0].detail.starts_with("基础网格 · "),
        "{}",
        d.rows[0].detail
    );
    for (scope, key) in [("own", "no.such"), ("320115999000", "grids.base")] {
        assert!(report::drill(
            county.store.conn(),
            scope,
            key,
            chrono::Utc::now().date_naive()
        )
        .is_err());
    }
}

#[test]
fn report_workbook_has_a_totals_sheet_and_one_per_office() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut wt = office(dir.path(), "township", "320115102000", "梧桐镇", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    county.receive(&qx.export());
    county.receive(&wt.export());
    let out = dir.path().join("统计.xlsx");
    report::write_xlsx(county.store.conn(), &out, chrono::Utc::now().date_naive()).unwrap();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    assert_eq!(wb.sheet_names(), ["汇总", "青溪街道", "梧桐镇"]);
    let sum = wb.worksheet_range("汇总").unwrap();
    let row = |i: usize| -> Vec<String> {
        sum.rows()
            .nth(i)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect()
    };
    // A title and 填报单位 above the headers, 序号 first (issue 14, item 3).
    assert!(row(0)[0].starts_with("江宁区"), "{:?}", row(0));
    assert!(row(1)[0].contains("填报单位：江宁区"), "{:?}", row(1));
    assert_eq!(
        row(2),
        [
            "序号",
            "统计项",
            "键",
            "江宁区",
            "青溪街道",
            "梧桐镇",
            "合计"
        ]
    );
    let r = report::report(county.store.conn(), chrono::Utc::now().date_naive()).unwrap();
    let workers = sum
        .rows()
        .find(|row| row[2] == "people.grid_workers")
        .unwrap();
    assert_eq!(
        workers[6],
        calamine::Data::Float(r.total["people.grid_workers"] as f64),
        "a number, not text"
    );
    assert_eq!(sum.rows().count(), KEYS.len() + 3);
}

/// A package written by version 1 of the format (before party building and
/// co-building travelled) is still read: the kinds it lacks count as none.
#[test]
fn a_format_1_package_is_still_received() {
    const NEW: [&str; 6] = KINDS_2_0;
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let v2 = qx.export();
    let v1 = dir.path().join("v1.zip");
    rezip(&v2, &v1, |name, data| {
        if name == "manifest.json" {
            let mut m: Manifest = serde_json::from_slice(&data).unwrap();
            m.format_version = 1;
            m.parts
                .retain(|p| !NEW.iter().any(|k| p.path == format!("records/{k}.jsonl")));
            for k in NEW {
                m.counts.remove(k);
            }
            for key in [
                "compounds.sanliang_complete",
                "party.part_time_members",
                "party.joint_meetings",
                "cobuild.projects_claimed",
                "cobuild.projects_completed",
            ] {
                m.totals.insert(key.into(), 0);
            }
            return Some(serde_json::to_vec(&m).unwrap());
        }
        (!NEW.iter().any(|k| name == format!("records/{k}.jsonl"))).then_some(data)
    });
    let r = county.receive(&v1);
    assert_eq!(r.outcome, "accepted", "{}", r.message);
    let t = report::report(county.store.conn(), chrono::Utc::now().date_naive())
        .unwrap()
        .total;
    assert_eq!(t["grids.base"], own(&qx)["grids.base"]);
    assert_eq!(t["party.joint_meetings"], 0);
    // The newer export replaces it and brings the new kinds.
    let v2b = qx.export();
    county.receive(&v2b);
    let t = report::report(county.store.conn(), chrono::Utc::now().date_naive())
        .unwrap()
        .total;
    assert_eq!(t["party.joint_meetings"], own(&qx)["party.joint_meetings"]);
}

#[test]
fn targets_covered_counts_as_the_coverage_screen_and_as_of_the_export_date() {
    use gridledger_core::contacts::{self, ContactPointInput, Leader, LeaderLevel};
    use gridledger_core::store::ledger;
    let dir = tempfile::tempdir().unwrap();
    let mut t = office(dir.path(), "township", "320115101000", "青溪街道", true);
    // A new community covered only until the end of 2026 by a township leader; an
    // ended point and a future one elsewhere must not count.
    t.store
        .write(&ctx(), |tx| {
            let v = hierarchy::create(
                tx,
                &hierarchy::UnitInput {
                    kind: "village".into(),
                    code: "320115101090".into(),
                    name: "新建社区".into(),
                    area_type: "urban".into(),
                    ..Default::default()
                },
            )?;
            let leader = ledger::list::<Leader>(tx)?
                .into_iter()
                .find(|l| l.level == LeaderLevel::Township)
                .unwrap();
            contacts::create_point(
                tx,
                &ContactPointInput {
                    leader_id: leader.id.clone(),
                    unit_id: v.id,
                    start_on: "2026-01-01".into(),
                    end_on: "2026-12-31".into(),
                    note: String::new(),
                },
            )?;
            let w = hierarchy::create(
                tx,
                &hierarchy::UnitInput {
                    kind: "village".into(),
                    code: "320115101091".into(),
                    name: "未来社区".into(),
                    area_type: "urban".into(),
                    ..Default::default()
                },
            )?;
            contacts::create_point(
                tx,
                &ContactPointInput {
                    leader_id: leader.id,
                    unit_id: w.id,
                    start_on: "2027-06-01".into(),
                    end_on: String::new(),
                    note: String::new(),
                },
            )
        })
        .unwrap();
    let key = "contacts.targets_covered";
    let d1 = ctx().today();
    let d2 = day(2027, 1, 15);
    let screen = |d| contacts::coverage(t.store.conn(), d).unwrap().covered as i64;
    let report = |d| report::report(t.store.conn(), d).unwrap().own[key];
    assert_eq!(report(d1), screen(d1));
    assert_eq!(report(d2), screen(d2));
    assert_eq!(screen(d1), screen(d2) + 1, "the point ending 2026-12-31");
    assert_eq!(
        report::drill(t.store.conn(), "own", key, d1).unwrap().count as i64,
        screen(d1)
    );

    // Exported on 2026-11-26, received by the county on 2027-01-15: the county sees
    // the township's figure of the export date, and its drill-down agrees.
    let at_export = screen(d1);
    let p = t.export();
    let mut county = office(dir.path(), "county", "320115000000", "某某区", false);
    let later = Ctx::new(Utc.with_ymd_and_hms(2027, 1, 15, 2, 0, 0).unwrap());
    let r = package::receive(&mut county.store, &later, &p, false).unwrap();
    assert_eq!(r.outcome, "accepted");
    let rep = report::report(county.store.conn(), d2).unwrap();
    assert_eq!(rep.offices["320115101000"].totals[key], at_export);
    assert_eq!(rep.total[key], at_export);
    assert_eq!(
        report::drill(county.store.conn(), "320115101000", key, d2)
            .unwrap()
            .count as i64,
        at_export
    );
}

#[test]
fn part_time_members_are_distinct_people_not_seats() {
    use gridledger_core::party::Member;
    use gridledger_core::store::ledger;
    let dir = tempfile::tempdir().unwrap();
    let t = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let seats: Vec<Member> = ledger::list::<Member>(t.store.conn())
        .unwrap()
        .into_iter()
        .filter(|m| m.part_time)
        .collect();
    let people: std::collections::BTreeSet<(String, Option<String>)> = seats
        .iter()
        .map(|m| (m.name.clone(), m.partner_unit_id.clone()))
        .collect();
    // The demo has 周强 of one partner unit on two committees.
    assert_eq!(seats.len(), people.len() + 1);
    assert_eq!(own(&t)["party.part_time_members"], people.len() as i64);
}

#[test]
fn package_md_lists_every_refusal_reason() {
    let doc = include_str!("../../../../docs/PACKAGE.md");
    for (reason, _) in package::REASONS {
        assert!(
            doc.contains(&format!("| `{reason}` |")),
            "docs/PACKAGE.md's table of reasons lacks {reason}"
        );
    }
}

#[test]
fn package_md_says_what_every_report_key_counts() {
    let doc = include_str!("../../../../docs/PACKAGE.md");
    for (key, label) in KEYS {
        assert!(
            doc.contains(&format!("| `{key}` | {label} |")),
            "docs/PACKAGE.md does not describe {key}"
        );
    }
}

/// 三亮齐全的小区 counts compounds, not branches: a branch naming a compound the
/// records do not hold, or a second complete branch of one compound (as a received
/// package may carry), adds nothing, so 三亮率 never passes 100% (a county once
/// showed a township at 223%).
#[test]
fn sanliang_complete_counts_each_held_compound_once() {
    let dir = tempfile::tempdir().unwrap();
    let o = crate::support::office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut r = gridledger_core::exchange::report::Records::own(o.store.conn()).unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2099, 1, 1).unwrap();
    let key = "compounds.sanliang_complete";
    let before = gridledger_core::exchange::report::totals(&r, as_of)[key];
    assert!(before > 0);
    let complete = r
        .party_branches
        .iter()
        .find(|b| b.complete())
        .unwrap()
        .clone();
    let mut twin = complete.clone();
    twin.id = "01a2355e-0000-7000-8000-000000000001".into();
    let mut stray = complete.clone();
    stray.id = "01a2355e-0000-7000-8000-000000000002".into();
    stray.compound_id = "01a2355e-0000-7000-8000-0000000000ff".into();
    r.party_branches.push(twin);
    r.party_branches.push(stray);
    let t = gridledger_core::exchange::report::totals(&r, as_of);
    assert_eq!(t[key], before);
    assert!(t[key] <= t["compounds.total"]);
}

/// A township that moved to another PC, or restored an older backup, numbers its
/// exports on from that backup's: its new file has a lower number than the one the
/// county holds but a later export time. Refused under its own reason (not as an
/// older file), and 报送情况 keeps it flagged until a file is accepted.
#[test]
fn a_lower_number_exported_later_is_refused_and_stays_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    qx.export();
    let copy = dir.path().join("qx-backup.db");
    qx.store
        .conn()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    qx.export();
    let held_before = qx.export();
    assert_eq!(county.receive(&held_before).outcome, "accepted");
    // The backup, restored on the new PC, exports again four days later.
    let mut restored = gridledger_core::Store::open(&copy).unwrap();
    let later = Ctx::new(Utc.with_ymd_and_hms(2026, 11, 30, 2, 0, 0).unwrap());
    let out = dir.path().join("restored-out");
    std::fs::create_dir_all(&out).unwrap();
    let again = package::export(&mut restored, &later, &out).unwrap();
    let receiving = Ctx::new(Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap());
    let err =
        package::receive(&mut county.store, &receiving, Path::new(&again.path), false).unwrap_err();
    assert!(err.to_string().contains("序号小，但导出日期更晚"), "{err}");
    let log = senders::receipt_log(county.store.conn(), 10, 0).unwrap();
    assert_eq!(log[0].reason.as_deref(), Some("renumbered"));
    // 报送情况 keeps the township flagged until a file is accepted.
    let flagged = |county: &crate::support::Office| {
        let s = senders::who_has_sent(
            county.store.conn(),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        )
        .unwrap();
        let row = s.rows.iter().find(|r| r.code == "320115101000").unwrap();
        row.flags.contains(&"refused_last")
    };
    assert!(flagged(&county));

    // Checked with the township and forced in. The old PC's files, numbered on
    // from its own count but exported before, are then older data: the file the
    // county held (No. 3) received again, or a No. 4 the old PC still writes, is
    // refused, not taken as newer (it put the old data back unsaid).
    let forced =
        package::receive(&mut county.store, &receiving, Path::new(&again.path), true).unwrap();
    assert_eq!(forced.outcome, "accepted");
    let old_pc = qx.export();
    for file in [held_before.as_path(), old_pc.as_path()] {
        let err = package::receive(&mut county.store, &receiving, file, false).unwrap_err();
        assert!(err.to_string().contains("序号大，但导出日期更早"), "{err}");
    }
    let log = senders::receipt_log(county.store.conn(), 10, 0).unwrap();
    assert_eq!(log[0].reason.as_deref(), Some("dated_earlier"));
    // Chased too: it may be a clock put right, and new data.
    assert!(flagged(&county));
    let held = senders::who_has_sent(
        county.store.conn(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    )
    .unwrap()
    .rows
    .into_iter()
    .find(|r| r.code == "320115101000")
    .and_then(|r| r.sequence);
    assert_eq!(held, Some(2), "the new PC's file stays held");
    // Forced again, as the message offers.
    let back = package::receive(&mut county.store, &receiving, &old_pc, true).unwrap();
    assert_eq!(back.outcome, "accepted");
}

/// A township's newer file with none of the records the county holds from it (a
/// backup of the database before anything was entered, restored; a new PC's export
/// before the data was moved) is refused, saying how many records it would drop,
/// and stays flagged; forced, it is taken in. It used to be a green 已接收 that
/// emptied the township's ledger at the county.
#[test]
fn a_newer_file_with_no_records_where_the_county_holds_some_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    assert_eq!(county.receive(&qx.export()).outcome, "accepted");
    let other = dir.path().join("new-pc");
    std::fs::create_dir_all(&other).unwrap();
    let mut empty = office(&other, "township", "320115101000", "青溪街道", false);
    empty.export();
    let second = empty.export();
    let err = package::receive(&mut county.store, &ctx(), &second, false).unwrap_err();
    assert!(err.to_string().contains("其中没有任何记录"), "{err}");
    assert!(err.to_string().contains("强制接收"), "{err}");
    let log = senders::receipt_log(county.store.conn(), 10, 0).unwrap();
    assert_eq!(log[0].reason.as_deref(), Some("emptied"));
    let forced = package::receive(&mut county.store, &ctx(), &second, true).unwrap();
    assert_eq!(forced.outcome, "accepted");
}

/// A county's package names its 应报单位 (format 2.8): the city's 报送情况 says which
/// of the county's townships its file lacks, and nothing once all are in.
#[test]
fn a_city_sees_which_townships_a_countys_file_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut ml = office(dir.path(), "township", "320115102000", "秣陵街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    expect_qingxi_and_moling(&mut county);
    county.receive(&qx.export());
    let file = county.export();
    let manifest = crate::support::zip_entry(&file, "manifest.json");
    let m: Manifest = serde_json::from_slice(&manifest).unwrap();
    assert_eq!(
        m.expected
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        ["青溪街道", "秣陵街道"]
    );
    city.receive(&file);
    let s = senders::who_has_sent(city.store.conn(), day(2026, 11, 27)).unwrap();
    let row = s.rows.iter().find(|r| r.code == "320115000000").unwrap();
    assert_eq!(row.flags, ["below_missing"]);
    let below = row.below.as_ref().unwrap();
    assert_eq!((below.expected, below.sent), (2, 1));
    assert_eq!(below.missing[0].name, "秣陵街道");
    assert_eq!(
        below.said,
        "应报下级 2 个，文件里有 1 个；未报：秣陵街道（320115102000）。"
    );
    assert!(senders::FLAGS.contains(&("below_missing", "下级未报齐")));
    // 秣陵街道 sends; the county's next file is whole.
    county.receive(&ml.export());
    city.receive(&county.export());
    let s = senders::who_has_sent(city.store.conn(), day(2026, 11, 27)).unwrap();
    let row = s.rows.iter().find(|r| r.code == "320115000000").unwrap();
    assert!(row.flags.is_empty(), "{:?}", row.flags);
    assert_eq!(row.below.as_ref().unwrap().sent, 2);
    // A township's row has nothing below it.
    let s = senders::who_has_sent(county.store.conn(), day(2026, 11, 27)).unwrap();
    assert!(s.rows.iter().all(|r| r.below.is_none()));
    // A county without a list: said, not flagged.
    let mut other = office(dir.path(), "county", "320116000000", "浦口区", false);
    city.receive(&other.export());
    let s = senders::who_has_sent(city.store.conn(), day(2026, 11, 27)).unwrap();
    let row = s.rows.iter().find(|r| r.code == "320116000000").unwrap();
    assert!(!row.flags.contains(&"below_missing"), "{:?}", row.flags);
    assert_eq!(
        row.below.as_ref().unwrap().said,
        "该单位没有设应报名单，看不出下级是否报齐（文件里有 0 个下级单位）。"
    );
}

/// What a city's 报送情况 says of the townships inside a county's fresh file: one
/// whose own file is older than the late limit (下级有逾期), and one on an older
/// version (下级软件版本较旧), each named with its date or format (probe AK: both
/// read 正常 at the city, and the old one's missing ledgers as zeros).
#[test]
fn a_city_sees_a_late_or_old_township_inside_a_countys_file() {
    use crate::support::ctx_on;
    let dir = tempfile::tempdir().unwrap();
    // 青溪街道 exported on 26 November; the county's file of 5 January carries it.
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    county.receive(&qx.export());
    let on = ctx_on(2027, 1, 5);
    let file = package::export(&mut county.store, &on, &county.out)
        .unwrap()
        .path;
    package::receive(&mut city.store, &on, Path::new(&file), false).unwrap();
    let row = |city: &Office| {
        senders::who_has_sent(city.store.conn(), crate::support::day(2027, 1, 6))
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r.code == "320115000000")
            .unwrap()
    };
    let r = row(&city);
    assert_eq!(r.flags, ["below_late"]);
    let inside: Vec<(&str, &str)> = r
        .inside
        .iter()
        .map(|o| (o.name.as_str(), o.format_text.as_str()))
        .collect();
    assert_eq!(
        inside,
        [(
            "青溪街道",
            format!("{}.{}", package::FORMAT_VERSION, package::FORMAT_MINOR).as_str()
        )]
    );
    assert_eq!(
        r.below_notes,
        ["下级逾期：青溪街道（导出于 2026-11-26，41 天前）。它的数只到导出那天，请提醒它向县/区重新报送。"]
    );
    // …and its row in the ranking says so too.
    let t = gridledger_core::scores::table::score_table(
        city.store.conn(),
        "2026",
        crate::support::day(2027, 1, 6),
    )
    .unwrap();
    let jn = t.offices.iter().find(|o| o.code == "320115000000").unwrap();
    assert_eq!(jn.cautions, ["下级有逾期"]);
    // 统计 marks the county's row 部分数据截至 the township's day.
    let period = gridledger_core::base::period::Period::parse("period", "2026").unwrap();
    let pr =
        report::period_report(city.store.conn(), &period, crate::support::day(2027, 1, 6)).unwrap();
    let jr = pr.rows.iter().find(|r| r.code == "320115000000").unwrap();
    assert_eq!(
        (jr.as_of.as_str(), jr.inside_as_of.as_str()),
        ("2026-12-31", "2026-11-26")
    );
    // A city's drill-down in Excel names each township's county (probe AK).
    let today = crate::support::day(2027, 1, 6);
    let d = report::drill_in(city.store.conn(), "all", "grids.base", None, today).unwrap();
    let out = dir.path().join("明细.xlsx");
    report::write_drill_xlsx(city.store.conn(), &out, &d, "", today).unwrap();
    let rows = crate::support::sheet_rows(&out);
    let head = rows
        .iter()
        .position(|r| r.contains(&"县/区".to_string()))
        .unwrap();
    assert_eq!(rows[head][..3], ["序号", "县/区", "单位"]);
    assert_eq!(rows[head + 1][1..3], ["江宁区", "青溪街道"]);
    // …and it is on the 催报 list once the county is expected, saying why.
    city.store
        .write(&on, |tx| {
            senders::set_expected(tx, "320115000000", "江宁区")
        })
        .unwrap();
    let chased = senders::unsent(city.store.conn(), crate::support::day(2027, 1, 6)).unwrap();
    assert_eq!(chased.len(), 1);
    assert_eq!(
        chased[0].chase.as_deref().unwrap_or_default(),
        "下级逾期：青溪街道（导出于 2026-11-26，41 天前）"
    );
    // 青溪街道 sends again, still on format 2.17 (its golden file, exported 7
    // December): no longer late, but old.
    let old = dir.path().join("f2.17.zip");
    std::fs::write(
        &old,
        include_bytes!("../fixtures/golden/packages/f2.17-20261207-township.zip"),
    )
    .unwrap();
    let on = ctx_on(2027, 1, 6);
    package::receive(&mut county.store, &on, &old, true).unwrap();
    let file = package::export(&mut county.store, &on, &county.out)
        .unwrap()
        .path;
    package::receive(&mut city.store, &on, Path::new(&file), false).unwrap();
    let r = row(&city);
    assert_eq!(r.flags, ["below_old_version"]);
    assert!(
        r.below_notes[0].starts_with(
            "下级软件版本较旧：青溪街道（2.17 格式）。它的版本还没有的台账，统计中不含它"
        ),
        "{:?}",
        r.below_notes
    );
    assert!(senders::FLAGS.contains(&("below_old_version", "下级软件版本较旧")));
}

/// A township's file offered to the city says where it goes (a reviewer read "不是本
/// 单位的直接下级" twice and nothing to do).
#[test]
fn a_file_from_two_levels_below_says_it_goes_up_through_its_county() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    let (reason, msg) = city.refuse_because(&qx.export());
    assert_eq!(reason, "not_below");
    assert!(
        msg.contains("来自乡镇/街道“青溪街道”：市只接收县/区的文件。请把它交给所属的县/区，由县/区汇总后报来。本次没有导入任何内容。"),
        "{msg}"
    );
}

/// The county is the first level that sees two townships' rosters together: one ID
/// number in post in both is named by its data check (in 在岗 totals it counts twice).
#[test]
fn the_county_check_names_an_id_number_in_post_in_two_townships() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut ts = office(dir.path(), "township", "320115102000", "汤山街道", true);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let twice = |county: &Office| {
        report::check(county.store.conn())
            .unwrap()
            .findings
            .into_iter()
            .find(|f| f.message.starts_with("同一身份证号码"))
    };
    assert_eq!(county.receive(&qx.export()).outcome, "accepted");
    assert!(twice(&county).is_none(), "one township alone");
    assert_eq!(county.receive(&ts.export()).outcome, "accepted");
    let f = twice(&county).expect("the demo roster is in post in both");
    assert_eq!(f.severity, "warning");
    assert!(f.message.contains("在青溪街道、汤山街道"), "{}", f.message);
    assert!(
        f.message.contains("****") && f.message.contains("等 "),
        "{}",
        f.message
    );
}
