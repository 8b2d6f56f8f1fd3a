//! Helpers shared by the core's integration tests (`crate::support`): the one
//! `it` binary links the core once; fixtures are built here in code.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::{NaiveDate, TimeZone, Utc};
use gridledger_core::base::identity::check_char;
use gridledger_core::cobuild::{self, PartnerUnitInput};
use gridledger_core::demands::{self, WorkingGroupInput};
use gridledger_core::exchange::{package, senders};
use gridledger_core::hierarchy::business_grids::{self, BusinessGridInput};
use gridledger_core::hierarchy::{self, UnitInput};
use gridledger_core::kinds::{self, ImportKind};
use gridledger_core::party::{self, BranchInput, CommitteeInput, DecisionInput, MemberInput};
use gridledger_core::people::{self, PersonInput, RoleInput};
use gridledger_core::sheets::import::{Preview, Summary};
use gridledger_core::store::office;
use gridledger_core::{demo, Ctx, ErrorKind, Store, Tx};

/// The tests' "now": 2026-11-26 10:00 Beijing time.
pub fn ctx() -> Ctx {
    Ctx::new(Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).unwrap())
}

/// A later "now" (10:00 Beijing time on that day), for steps dated after [`ctx`]'s
/// day: a step that has happened is never dated after today.
pub fn ctx_on(y: i32, m: u32, d: u32) -> Ctx {
    Ctx::new(Utc.with_ymd_and_hms(y, m, d, 2, 0, 0).unwrap())
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Where an import preview found problems: (row, column) of each, in its order.
pub fn problem_places(p: &Preview) -> Vec<(usize, &str)> {
    p.problems
        .iter()
        .map(|x| (x.row, x.column.as_str()))
        .collect()
}

/// The one problem an import preview found: under `column`, saying `words`.
pub fn the_problem(p: &Preview, column: &str, words: &str) {
    assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
    let found = &p.problems[0];
    assert_eq!(found.column, column, "{found:?}");
    assert!(found.message.contains(words), "{}", found.message);
}

/// One office of the chain (township, county or city) in its own folder, where
/// its packages are written.
pub struct Office {
    pub store: Store,
    pub out: PathBuf,
}

pub fn office(dir: &Path, level: &str, code: &str, name: &str, with_demo: bool) -> Office {
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

/// A new 村/社区 (`code`, `name`) written in its own transaction; its id.
pub fn new_village(s: &mut Store, code: &str, name: &str) -> String {
    s.write(&ctx(), |tx| Ok(unit(tx, "village", None, code, name)))
        .unwrap()
}

/// The text of cell (`r`, `c`) of `sheet`, "" where there is none.
pub fn cell(sheet: &gridledger_core::sheets::Sheet, r: usize, c: usize) -> String {
    sheet
        .rows
        .get(r)
        .and_then(|row| row.get(c))
        .map(|c| c.text.clone())
        .unwrap_or_default()
}

/// The one value `sql` selects (a count, a column of the first row).
pub fn one<T: rusqlite::types::FromSql>(s: &Store, sql: &str) -> T {
    s.conn()
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// A field (a JSON path such as `$.changes`) of the change log's newest receipt row.
pub fn last_receipt_logged(s: &Store, path: &str) -> String {
    s.conn()
        .query_row(
            "SELECT json_extract(after_json, ?1) FROM change_log
             WHERE table_name = 'snapshots' ORDER BY seq DESC LIMIT 1",
            [path],
            |r| r.get(0),
        )
        .unwrap()
}

/// How many rows the change log holds.
pub fn change_log_rows(s: &Store) -> i64 {
    one(s, "SELECT count(*) FROM change_log")
}

pub fn log_len(s: &Store) -> usize {
    senders::receipt_log(s.conn(), 100_000, 0).unwrap().len()
}

impl Office {
    pub fn export(&mut self) -> PathBuf {
        let e = package::export(&mut self.store, &ctx(), &self.out).unwrap();
        PathBuf::from(e.path)
    }
    pub fn receive(&mut self, p: &Path) -> package::Receipt {
        package::receive(&mut self.store, &ctx(), p, false).unwrap()
    }
    pub fn refuse(&mut self, p: &Path) -> String {
        self.refuse_because(p).1
    }
    /// Refused (through `receive_many` and `receive`), nothing changed, each
    /// refusal logged with its reason: → (reason, message).
    pub fn refuse_because(&mut self, p: &Path) -> (String, String) {
        let before = dump(&self.store);
        let logged = log_len(&self.store);
        let receipts = package::receive_many(
            &mut self.store,
            &ctx(),
            &[p.to_path_buf()],
            false,
            |_, _, _| {},
        )
        .unwrap();
        let err = package::receive(&mut self.store, &ctx(), p, false).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Refused, "{err}");
        assert_eq!(
            dump(&self.store),
            before,
            "a refused file changed the database"
        );
        let log = senders::receipt_log(self.store.conn(), 1000, 0).unwrap();
        assert_eq!(log.len(), logged + 2, "each refusal is logged once");
        assert_eq!(log[0].outcome, "refused");
        assert_eq!(log[0].message, err.to_string());
        let r = &receipts[0];
        assert_eq!(
            (r.outcome, r.message.as_str()),
            ("refused", err.to_string().as_str())
        );
        assert!(err.to_string().contains("本次没有导入任何内容"), "{err}");
        let reason = r.reason.unwrap();
        assert_ne!(
            gridledger_core::base::label_in(package::REASONS, reason),
            reason,
            "every reason a file is refused for has a Chinese label (package::REASONS)"
        );
        (reason.to_string(), err.to_string())
    }
    /// Refused for `reason`, with a message that says `says`.
    pub fn expect(&mut self, p: &Path, reason: &str, says: &str) {
        let (got, msg) = self.refuse_because(p);
        assert_eq!(got, reason, "{}: {msg}", p.display());
        assert!(
            msg.contains(says),
            "{}: {msg} should say {says}",
            p.display()
        );
    }
}

/// Creates one unit under `parent` and returns its id.
pub fn unit(tx: &Tx, kind: &str, parent: Option<&str>, code: &str, name: &str) -> String {
    hierarchy::create(tx, &UnitInput::new(kind, parent, code, name, "urban"))
        .unwrap()
        .id
}

/// A valid 18-digit ID number (born 1985-06-12), distinct per `seq`.
pub fn idn(seq: u32) -> String {
    idn_born("19850612", seq)
}

/// A valid 18-digit ID number of Nanjing (320115) born on `birth` (YYYYMMDD).
pub fn idn_born(birth: &str, seq: u32) -> String {
    let body = format!("320115{birth}{seq:03}");
    format!("{body}{}", check_char(&body).unwrap())
}

/// One role of a person on some units.
pub fn role(role: &str, employment: Option<&str>, units: &[&str]) -> RoleInput {
    RoleInput {
        role: role.into(),
        employment: employment.map(str::to_string),
        unit_ids: units.iter().map(|u| u.to_string()).collect(),
    }
}

/// The street's 大工委 (joint working committee) that holds 联席会议; its id.
/// A meeting decision (决定事项) owned by 王主任, due `due`; a "done" one was done on 2026-11-20.
pub fn decision(text: &str, due: &str, status: &str) -> DecisionInput {
    DecisionInput {
        decision: text.into(),
        owner: "王主任".into(),
        due_on: due.into(),
        status: status.into(),
        done_on: if status == "done" {
            "2026-11-20".into()
        } else {
            String::new()
        },
        ..Default::default()
    }
}

pub fn joint_committee(tx: &Tx) -> String {
    party::create_committee(
        tx,
        &CommitteeInput {
            kind: "joint_working".into(),
            name: "青溪街道大工委".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

/// A 停车治理专班 (working group under the 协调机制) led by 城管科; its id.
pub fn parking_group(tx: &Tx) -> String {
    demands::create_group(
        tx,
        &WorkingGroupInput {
            name: "停车治理专班".into(),
            topic: "停车难".into(),
            lead_unit: "城管科".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

/// A 联席会议 of 青溪街道大工委 (`joint_committee`) on 2026-11-02 about 老旧小区改造,
/// with these decisions.
pub fn joint_meeting(
    tx: &Tx,
    decisions: Vec<DecisionInput>,
) -> gridledger_core::Result<party::MeetingView> {
    let committee_id = joint_committee(tx);
    party::create_meeting(
        tx,
        &party::MeetingInput {
            committee_id,
            held_on: "2026-11-02".into(),
            topics: "老旧小区改造".into(),
            decisions,
            ..Default::default()
        },
    )
}

/// A meeting of the 停车治理专班 (`parking_group`) on 2026-11-10, with these decisions.
pub fn parking_meeting(
    tx: &Tx,
    decisions: Vec<DecisionInput>,
) -> gridledger_core::Result<demands::WorkingMeetingView> {
    let group_id = parking_group(tx);
    demands::create_working_meeting(
        tx,
        &demands::WorkingMeetingInput {
            group_id,
            held_on: "2026-11-10".into(),
            topics: "停车难".into(),
            decisions,
            ..Default::default()
        },
    )
}

/// A demand as most tests file it: a street light out (路灯不亮, 市政设施), received
/// by the township on 2026-11-01; a test sets what it is about with `..streetlight()`.
pub fn streetlight() -> demands::DemandInput {
    demands::DemandInput {
        title: "路灯不亮".into(),
        category: "市政设施".into(),
        description: "3 号路口路灯不亮".into(),
        level: "township".into(),
        received_on: "2026-11-01".into(),
        ..Default::default()
    }
}

/// A person with a valid ID number and phone (both distinct per `seq`).
pub fn person(tx: &Tx, seq: u32, name: &str, roles: Vec<RoleInput>) -> String {
    people::create(
        tx,
        &PersonInput {
            name: name.into(),
            id_number: idn(seq),
            phone: format!("138123456{seq:02}"),
            roles,
            ..Default::default()
        },
    )
    .unwrap()
    .person
    .id
}

/// The small township most hierarchy and grid tests need, built here so that
/// expected figures follow from what the test can see:
///
/// ```text
/// 青溪街道
/// ├─ 青溪社区 (urban)
/// │  └─ 阳光花园 (compound)
/// │     ├─ 阳光花园第一网格 (g1; 网格员 张伟; micro grid 阳光花园1-2栋)
/// │     └─ 阳光花园第二网格 (g2; 网格员 李娜)
/// └─ 桃园村 (rural)
///    └─ 桃园网格 (g3; 网格员 王芳)
/// business grids (综治): 青溪社区综治网格 merged onto g1 on 2025-06-01;
///                        桃园村综治网格, mapped nowhere
/// ```
pub struct Grids {
    pub village: String,
    pub compound: String,
    pub g1: String,
    pub g2: String,
    pub g3: String,
    pub micro: String,
}

pub fn grids_township(s: &mut Store) -> Grids {
    let village = township(s);
    s.write(&ctx(), |tx| {
        let rural = hierarchy::create(
            tx,
            &UnitInput {
                kind: "village".into(),
                code: "320115101002".into(),
                name: "桃园村".into(),
                area_type: "rural".into(),
                ..Default::default()
            },
        )?
        .id;
        let compound = unit(tx, "compound", Some(&village), "C01", "阳光花园");
        let g1 = unit(tx, "base_grid", Some(&compound), "G001", "阳光花园第一网格");
        let g2 = unit(tx, "base_grid", Some(&compound), "G002", "阳光花园第二网格");
        let g3 = unit(tx, "base_grid", Some(&rural), "G003", "桃园网格");
        let micro = unit(tx, "micro_grid", Some(&g1), "M01", "阳光花园1-2栋");
        for (seq, name, grid) in [(1, "张伟", &g1), (2, "李娜", &g2), (3, "王芳", &g3)] {
            person(
                tx,
                seq,
                name,
                vec![role("grid_worker", Some("full_time"), &[grid])],
            );
        }
        for name in ["青溪社区综治网格", "桃园村综治网格"] {
            business_grids::create(
                tx,
                &BusinessGridInput {
                    department: "综治".into(),
                    name: name.into(),
                    note: String::new(),
                },
            )?;
        }
        let merged = business_grids::list(tx)?
            .into_iter()
            .find(|g| g.name == "青溪社区综治网格")
            .unwrap();
        business_grids::set_mapping(tx, &merged.id, &g1, "2025-06-01")?;
        Ok(Grids {
            village: village.clone(),
            compound,
            g1,
            g2,
            g3,
            micro,
        })
    })
    .unwrap()
}

/// `grids_township` plus party building, small enough to count by hand:
///
/// ```text
/// compounds of 青溪社区 (by code):
///   C01 阳光花园  branch with all three 亮 (complete)
///   C02 翠竹苑    branch, structure and duties, no identity
///   C03 梧桐里    no branch
/// partner units: 江宁区税务局第三税务所, 江宁区供电公司青溪营业所
/// 青溪街道大工委 (joint_working): 林志远 书记, 何静 副书记,
///                 周强 (税务所, part-time), 钱伟 (供电, part-time)
/// 青溪社区大党委 (community_joint): 高建平 书记, 周强 (税务所, part-time)
/// ```
///
/// So: 3 compounds, 1 complete; 2 part-time people (周强 counted once), seats
/// [2, 1] by committee.
pub fn party_township(s: &mut Store) -> Grids {
    let grids = grids_township(s);
    s.write(&ctx(), |tx| {
        let c2 = unit(tx, "compound", Some(&grids.village), "C02", "翠竹苑");
        let _c3 = unit(tx, "compound", Some(&grids.village), "C03", "梧桐里");
        let branch = |identity_on: &str| BranchInput {
            exists: true,
            secretary: "刘芳".into(),
            structure_on: "2025-03-01".into(),
            duties_on: "2025-04-01".into(),
            identity_on: identity_on.into(),
            note: String::new(),
            ..Default::default()
        };
        party::save_branch(tx, None, &grids.compound, &branch("2025-05-01"))?;
        party::save_branch(tx, None, &c2, &branch(""))?;
        let mut partners = Vec::new();
        for name in ["江宁区税务局第三税务所", "江宁区供电公司青溪营业所"] {
            let p = cobuild::create_partner(tx, &partner_input(name))?;
            partners.push(p.id);
        }
        let committees = [
            ("joint_working", "青溪街道大工委", None),
            (
                "community_joint",
                "青溪社区大党委",
                Some(grids.village.clone()),
            ),
        ];
        let mut ids = Vec::new();
        for (kind, name, village_id) in committees {
            let c = party::create_committee(
                tx,
                &CommitteeInput {
                    kind: kind.into(),
                    name: name.into(),
                    village_id,
                    note: String::new(),
                },
            )?;
            ids.push(c.id);
        }
        let members: [(usize, &str, Option<usize>, &str); 6] = [
            (0, "林志远", None, "书记"),
            (0, "何静", None, "副书记"),
            (0, "周强", Some(0), "兼职委员"),
            (0, "钱伟", Some(1), "兼职委员"),
            (1, "高建平", None, "书记"),
            (1, "周强", Some(0), "兼职委员"),
        ];
        for (c, name, partner, post) in members {
            party::create_member(
                tx,
                &MemberInput {
                    committee_id: ids[c].clone(),
                    name: name.into(),
                    part_time: partner.is_some(),
                    partner_unit_id: partner.map(|p| partners[p].clone()),
                    post: post.into(),
                    term_start: "2024-01-01".into(),
                    term_end: "2026-12-31".into(),
                    note: String::new(),
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
    grids
}

/// A township office (青溪街道) with one village (青溪社区); returns the village's id.
pub fn township(s: &mut Store) -> String {
    s.write(&ctx(), |tx| {
        office::setup(tx, "township", "320115101000", "青溪街道", false)?;
        Ok(unit(tx, "village", None, "320115101001", "青溪社区"))
    })
    .unwrap()
}

/// A township office (青溪街道) in a store file of a fresh temporary folder, with
/// what `fill` creates in the same write; the folder lives as long as the TempDir.
pub fn township_on_disk(fill: impl FnOnce(&Tx)) -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("g.db")).unwrap();
    store
        .write(&ctx(), |tx| {
            office::setup(tx, "township", "320115101000", "青溪街道", false)?;
            fill(tx);
            Ok(())
        })
        .unwrap();
    (store, dir)
}

/// The record kinds that package format 2.0 added (党建 and 共建): a format-1
/// package has none of them.
pub const KINDS_2_0: [&str; 6] = [
    "party_branches",
    "committees",
    "committee_members",
    "joint_meetings",
    "partner_units",
    "projects",
];

/// A 共建单位 (企业, contact 张三) named `name`, in no village.
pub fn partner_input(name: &str) -> PartnerUnitInput {
    PartnerUnitInput {
        name: name.into(),
        kind: "企业".into(),
        contact_name: "张三".into(),
        contact_phone: "13800001111".into(),
        village_ids: vec![],
        note: String::new(),
    }
}

/// The entries of a zip, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (name, data)
        })
        .collect()
}

/// The entry `name` of the zip file at `file` (a package's manifest or record part).
pub fn zip_entry(file: &Path, name: &str) -> Vec<u8> {
    unzip(&std::fs::read(file).unwrap())
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{} has no {name}", file.display()))
        .1
}

/// Every row of every table, as text, to prove that a refused operation changed
/// nothing; but the receipt log, where a refusal is recorded on purpose.
pub fn dump(s: &Store) -> String {
    let c = s.conn();
    let mut stmt = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('receipt_log', 'sqlite_sequence') ORDER BY name")
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

/// Commits the file at `path` as kind `k` (not cancelled, progress ignored).
pub fn commit_file(s: &mut Store, k: &ImportKind, path: &Path) -> Summary {
    k.commit(s, &ctx(), path, &AtomicBool::new(false), &mut |_, _| {})
        .unwrap()
}

/// The same file imported again changes nothing: its `n` rows are all unchanged.
/// The kinds whose import check cannot tell an update that changes nothing (their
/// writers find out only while writing): their check says 0 of them.
pub const CHECK_CANNOT_TELL_UNCHANGED: &[&str] = &["rechecks", "expected-offices"];

/// The file imports again changing nothing, and the import check said so before.
pub fn imports_again_unchanged(s: &mut Store, k: &ImportKind, path: &Path, n: usize) {
    let p = k.preview(s.conn(), path, ctx().today()).unwrap();
    let told = if CHECK_CANNOT_TELL_UNCHANGED.contains(&k.name()) {
        0
    } else {
        n
    };
    assert_eq!((p.to_update, p.unchanged), (n, told), "{}", k.name());
    let again = commit_file(s, k, path);
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, n));
}

/// The kind's Excel export `name` holds `n` rows and imports back unchanged.
pub fn export_imports_back(
    s: &mut Store,
    k: &ImportKind,
    name: &str,
    dir: &Path,
    today: NaiveDate,
    n: usize,
) {
    let out = dir.join(format!("{name}-导出.xlsx"));
    assert_eq!(kinds::export_xlsx(s.conn(), name, &out, today).unwrap(), n);
    imports_again_unchanged(s, k, &out, n);
}

/// A refused save names the `field` to fix, and its message says `word`.
#[track_caller]
pub fn refused_on(e: &gridledger_core::Error, field: &str, word: &str) {
    assert_eq!(e.field(), Some(field), "{e}");
    assert!(e.to_string().contains(word), "{field}: {e}");
}

/// A list exported as a clerk opens it to edit: its rows as text, from the title
/// down, and where its header row is.
pub struct Exported {
    pub rows: Vec<Vec<String>>,
    pub head: usize,
}

/// The list `kind` exported (in `dir`) and read back, its header row holding `header`.
pub fn exported(conn: &rusqlite::Connection, kind: &str, dir: &Path, header: &str) -> Exported {
    let out = dir.join(format!("{kind}-导出待改.xlsx"));
    kinds::export_xlsx(conn, kind, &out, day(2026, 11, 26)).unwrap();
    let rows = sheet_rows(&out);
    let head = rows
        .iter()
        .position(|r| r.iter().any(|c| c == header))
        .unwrap();
    Exported { rows, head }
}

impl Exported {
    /// The column headed `name`.
    pub fn col(&self, name: &str) -> usize {
        self.rows[self.head].iter().position(|c| c == name).unwrap()
    }
    /// The first row under the headers whose cell in `col` is as `f` wants.
    pub fn row_where(&self, col: usize, f: impl Fn(&str) -> bool) -> usize {
        (self.head + 1..self.rows.len())
            .find(|&r| self.rows[r].get(col).is_some_and(|c| f(c)))
            .unwrap()
    }
    /// The headers and rows as CSV (each cell quoted).
    pub fn csv(&self) -> String {
        self.rows[self.head..]
            .iter()
            .map(|r| {
                let cells: Vec<String> = r
                    .iter()
                    .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                    .collect();
                cells.join(",") + "\n"
            })
            .collect()
    }
}

/// The first sheet of an .xlsx file, each cell as text.
pub fn sheet_rows(path: &Path) -> Vec<Vec<String>> {
    nth_sheet_rows(path, 0)
}

/// The cells of the workbook's `n`th sheet (from 0), as text.
pub fn nth_sheet_rows(path: &Path, n: usize) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let name = wb.sheet_names()[n].clone();
    let range = wb.worksheet_range(&name).unwrap();
    // A date cell as the import reads it (2026-11-02), not as its serial number.
    let text = |c: &calamine::Data| match c {
        calamine::Data::DateTime(d) => d
            .as_datetime()
            .map_or_else(|| c.to_string(), |t| t.date().to_string()),
        _ => c.to_string(),
    };
    range.rows().map(|r| r.iter().map(text).collect()).collect()
}
