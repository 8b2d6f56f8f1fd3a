//! The chain of files: township → county → city. Totals at every level equal the
//! sum of what was received; bad files change nothing.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use gridledger_core::package::{self, Manifest};
use gridledger_core::report::{self, KEYS};
use gridledger_core::units::UnitKind;
use gridledger_core::{demo, office, units, Ctx, ErrorKind, Store};

fn ctx() -> Ctx {
    Ctx::new(Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).unwrap())
}

struct Office {
    store: Store,
    out: PathBuf,
}

fn office(dir: &Path, level: &str, code: &str, name: &str, with_demo: bool) -> Office {
    let out = dir.join(code);
    std::fs::create_dir_all(&out).unwrap();
    let mut store = Store::open(&out.join("g.db")).unwrap();
    store
        .write(&ctx(), |tx| office::setup(tx, level, code, name, false))
        .unwrap();
    if with_demo {
        demo::fill(&mut store, &ctx()).unwrap();
    }
    Office { store, out }
}

impl Office {
    fn export(&mut self) -> PathBuf {
        let e = package::export(&mut self.store, &ctx(), &self.out).unwrap();
        PathBuf::from(e.path)
    }
    fn receive(&mut self, p: &Path) -> package::Receipt {
        package::receive(&mut self.store, &ctx(), p, false).unwrap()
    }
    fn refuse(&mut self, p: &Path) -> String {
        let before = dump(&self.store);
        let err = package::receive(&mut self.store, &ctx(), p, false).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Refused, "{err}");
        assert_eq!(
            dump(&self.store),
            before,
            "a refused file changed the database"
        );
        err.to_string()
    }
}

/// Every row of every table, as text.
fn dump(s: &Store) -> String {
    let c = s.conn();
    let mut stmt = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for t in tables {
        let mut stmt = c
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        for row in rows {
            out.push_str(&format!("{t}: {}\n", row.unwrap()));
        }
    }
    out
}

fn own(o: &Office) -> report::Totals {
    report::report(o.store.conn()).unwrap().own
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
    let r = report::report(county.store.conn()).unwrap();
    assert_eq!(r.offices.len(), 2);
    assert_eq!(
        r.offices["320115101000"].name, "青溪街道",
        "Chinese names intact"
    );
    for (key, _) in KEYS {
        let sum = own(&qx)[*key] + own(&wt)[*key];
        assert_eq!(r.total[*key], sum, "county total {key}");
    }
    assert!(r.total["grids.base"] > 0 && r.total["people.grid_workers"] > 0);

    let pc = county.export();
    assert_eq!(city.receive(&pc).outcome, "accepted");
    let r = report::report(city.store.conn()).unwrap();
    assert_eq!(r.offices["320115000000"].name, "江宁区");
    for (key, _) in KEYS {
        assert_eq!(
            r.total[*key],
            own(&qx)[*key] + own(&wt)[*key],
            "city total {key}"
        );
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
    let all = units::list(qx.store.conn()).unwrap();
    let target = gridledger_core::coverage::grid_coverage(qx.store.conn())
        .unwrap()
        .uncovered
        .into_iter()
        .find(|g| g.kind == UnitKind::MicroGrid)
        .unwrap();
    qx.store
        .write(&ctx(), |tx| units::delete(tx, &target.unit_id))
        .unwrap();
    let grid = all.iter().find(|u| u.name == "翠竹苑第一网格").unwrap();
    let other = all.iter().find(|u| u.name == "阳光花园").unwrap();
    qx.store
        .write(&ctx(), |tx| units::move_to(tx, &grid.id, Some(&other.id)))
        .unwrap();
    let p2 = qx.export();
    county.receive(&p2);
    let r = report::report(county.store.conn()).unwrap();
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
    let forced: i64 = county
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE op = 'receive_forced'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(forced, 1);
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
    gridledger_core::import::Kind::People
        .write_template(&xlsx)
        .unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (bad("empty.zip", vec![]), "文件是空的"),
        (
            bad("rawflip.zip", {
                let mut b = bytes.clone();
                let i = b.len() / 3;
                b[i] ^= 0xFF;
                b
            }),
            "",
        ),
        (
            bad("truncated.zip", bytes[..bytes.len() / 2].to_vec()),
            "不是基层治理台账的交换文件",
        ),
        (
            bad("text.zip", "你好，这不是交换文件".as_bytes().to_vec()),
            "不是基层治理台账的交换文件",
        ),
        (xlsx, "不是基层治理台账的交换文件"),
        (flipped, "校验值不符"),
        (missing, "缺少“records/people.jsonl”"),
        (future, "更新版本的软件导出（格式版本 99"),
        (lying, "汇总数“grids.base”"),
        (no_totals, "清单中缺少汇总数"),
        (bad_sender, "发送单位的信息不正确"),
        (other.export(), "不属于本单位“江宁区”"),
        (county.export(), "县/区只接收乡镇/街道的文件"),
    ];
    for (path, want) in cases {
        let msg = county.refuse(&path);
        assert!(
            msg.contains(want),
            "{}: {msg} should contain {want}",
            path.display()
        );
        assert!(msg.contains("本次没有导入任何内容"), "{msg}");
    }
    // After all that, the good file still goes in.
    assert_eq!(county.receive(&good).outcome, "accepted");
    // Several at once: each accepted or refused on its own.
    let many = package::receive_many(
        &mut county.store,
        &ctx(),
        &[good.clone(), dir.path().join("empty.zip")],
        false,
    );
    let outcomes: Vec<&str> = many.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, ["already_held", "refused"]);
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
    let v = units::list(qx.store.conn())
        .unwrap()
        .into_iter()
        .find(|u| u.kind == UnitKind::Village)
        .unwrap();
    qx.store
        .write(&ctx(), |tx| {
            let mut input = units::UnitInput {
                kind: "village".into(),
                code: v.code.clone(),
                name: "青溪社区（改名）".into(),
                area_type: "urban".into(),
                ..Default::default()
            };
            input.note = "改过".into();
            units::update(tx, &v.id, &input)
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
