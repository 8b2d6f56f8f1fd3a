//! `cargo bench -p gridledger-tests --bench imports`: every import kind, 10,000
//! valid rows each (fewer where the code space is smaller: 899 villages, 999
//! expected offices), imported through `Kind::commit` (analysis + one transaction)
//! into a township that grows as the kinds go in (the hierarchy first, then the
//! people and the rest, as an office sets itself up), then imported again (every row
//! matches a stored record), then checked once more (the preview, which tells the
//! updates that change nothing). Prints rows/s per kind for the three passes and
//! fails if any is below 2,000 rows/s: every import must be linear.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::Utc;
use gridledger_core::exchange::{dashboard, package, report};
use gridledger_core::kinds::{self, ImportKind as Kind};
use gridledger_core::scores::{self, AssessmentResultInput};
use gridledger_core::{store::office, Ctx, Store};

const FLOOR: f64 = 2_000.0;

fn file(dir: &Path, name: &str, header: &str, rows: impl Iterator<Item = String>) -> PathBuf {
    let mut text = String::from(header);
    text.push('\n');
    for r in rows {
        text.push_str(&r);
        text.push('\n');
    }
    let p = dir.join(format!("{name}.csv"));
    std::fs::write(&p, text).unwrap();
    p
}

/// Village `v` (1-based) of the township 320115101.
fn village(v: usize) -> String {
    format!("320115101{v:03}")
}

/// Imports `path`, then imports it again (every row matches a stored record: the
/// re-import path, where a per-row scan of the store would show), timing both.
fn import(store: &mut Store, kind: &str, path: &Path, results: &mut Vec<(String, usize, f64)>) {
    let k = Kind::parse(kind).unwrap();
    let ctx = Ctx::new(Utc::now());
    let mut rates = Vec::new();
    for pass in ["import", "again"] {
        let t = Instant::now();
        let s = k
            .commit(store, &ctx, path, &AtomicBool::new(false), &mut |_, _| {})
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        if s.rejected > 0 {
            let p = k.preview(store.conn(), path, ctx.today()).unwrap();
            panic!(
                "{kind} ({pass}): {} rows refused, e.g. {:?}",
                s.rejected,
                &p.problems[..p.problems.len().min(3)]
            );
        }
        if pass == "again" {
            assert_eq!(s.created, 0, "{kind}: the second import created records");
        }
        let rows = s.created + s.updated + s.unchanged;
        rates.push((rows, secs, rows as f64 / secs));
    }
    // The import check of the same file once more: every row an update, each asked
    // whether it changes anything (`RecordKind::unchanged`: the record's check run on
    // the stored record, read only).
    let t = Instant::now();
    let p = k.preview(store.conn(), path, ctx.today()).unwrap();
    let secs3 = t.elapsed().as_secs_f64();
    let rate3 = p.valid_rows as f64 / secs3;
    let (rows, secs, rate) = rates[0];
    let (_, secs2, rate2) = rates[1];
    println!(
        "{kind:<18} {rows:>6} rows {secs:>7.2} s {rate:>9.0} rows/s | again {secs2:>7.2} s {rate2:>9.0} rows/s | check again {secs3:>6.2} s {rate3:>9.0} rows/s, {:>6} told unchanged",
        p.unchanged
    );
    results.push((kind.to_string(), rows, rate.min(rate2).min(rate3)));
}

fn main() {
    // IMPORT_BENCH_ROWS=1000 for a quick look; the figures are for 10,000.
    let n: usize = std::env::var("IMPORT_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ctx = Ctx::new(Utc::now());
    let mut store = Store::open(&d.join("t.db")).unwrap();
    store
        .write(&ctx, |tx| {
            office::setup(tx, "township", "320115101000", "青溪街道", false)
        })
        .unwrap();
    let mut results = Vec::new();

    // The hierarchy: 100 villages × 9 compounds × 10 base grids in one sheet.
    let mut rows = Vec::new();
    for v in 1..=100 {
        let vc = village(v);
        rows.push(format!("社区,,,{vc},社区{v},城镇"));
        for c in 1..=9 {
            rows.push(format!("小区,{vc},,{vc}XQ{c:02},小区{v}-{c},"));
            for g in 1..=10 {
                let n = (c - 1) * 10 + g;
                rows.push(format!("基础网格,,{vc}XQ{c:02},{vc}{n:03},网格{v}-{n},"));
            }
        }
    }
    let p = file(
        d,
        "units",
        "层级,所属村/社区,上级单位,编码,名称,类型",
        rows.into_iter(),
    );
    import(&mut store, "units", &p, &mut results);
    // Villages 101..=999: every code left under the township.
    let p = file(
        d,
        "villages",
        "编码,名称,类型",
        (101..=999).map(|v| format!("{},村{v},农村", village(v))),
    );
    import(&mut store, "villages", &p, &mut results);
    // 10,000 compounds and 10,000 grids in villages 101..=220 (84 each).
    let p = file(
        d,
        "compounds",
        "所属村/社区,编码,名称",
        (0..n).map(|i| {
            let vc = village(101 + i / 84);
            format!("{vc},{vc}XQ{:02},组{i}", 1 + i % 84)
        }),
    );
    import(&mut store, "compounds", &p, &mut results);
    let p = file(
        d,
        "grids",
        "所属村/社区,所属小区,编码,名称,户数,人口数",
        (0..n).map(|i| {
            let vc = village(101 + i / 84);
            format!("{vc},{vc}XQ01,{vc}{:03},村网格{i},100,250", 1 + i % 84)
        }),
    );
    import(&mut store, "grids", &p, &mut results);
    // 2 micro-grids under each of the first 5,000 base grids of villages 1..=100.
    let grid = |i: usize| {
        let v = 1 + i / 90;
        format!("{}{:03}", village(v), 1 + i % 90)
    };
    let p = file(
        d,
        "micro-grids",
        "所属基础网格,编码,名称",
        (0..n).map(|i| {
            let g = grid(i / 2);
            format!("{g},{g}{:02},{}栋", 1 + i % 2, i)
        }),
    );
    import(&mut store, "micro-grids", &p, &mut results);

    let p = file(
        d,
        "people",
        "姓名,身份证号码,手机号码,身份,专职/兼职,所在网格/小区,到岗日期",
        (0..n).map(|i| {
            format!(
                "网格员{i},{},138{:08},网格员,专职,{},2024-03-01",
                gridledger_tests::id_number(i),
                i,
                grid(i % 9000)
            )
        }),
    );
    import(&mut store, "people", &p, &mut results);

    let p = file(
        d,
        "departments",
        "部门名称,层级",
        (0..n).map(|i| format!("部门{i},乡镇/街道")),
    );
    import(&mut store, "departments", &p, &mut results);
    let p = file(
        d,
        "leaders",
        "姓名,层级,职务",
        (0..n).map(|i| format!("领导{i},乡镇/街道,副镇长")),
    );
    import(&mut store, "leaders", &p, &mut results);
    let p = file(
        d,
        "contact-points",
        "领导姓名,联系对象,开始日期",
        (0..n).map(|i| format!("领导{i},{},2025-01-01", village(1 + i % 999))),
    );
    import(&mut store, "contact-points", &p, &mut results);
    let p = file(
        d,
        "visits",
        "领导姓名,联系对象,走访日期,发现的问题或情况",
        (0..n).map(|i| format!("领导{i},{},2025-03-01,路灯不亮", village(1 + i % 999))),
    );
    import(&mut store, "visits", &p, &mut results);
    let p = file(
        d,
        "demands",
        "诉求标题,类别,诉求内容,村/社区,受理日期,状态,承办部门,办结日期,办理结果",
        (0..n).map(|i| {
            format!(
                "诉求{i},环境卫生,垃圾清运不及时,{},2025-01-02,已办结,部门{i},2025-01-20,已清运",
                village(1 + i % 999)
            )
        }),
    );
    import(&mut store, "demands", &p, &mut results);
    let p = file(
        d,
        "working-groups",
        "工作组名称,工作主题,牵头单位",
        (0..n).map(|i| format!("工作组{i},小区治理,组织部")),
    );
    import(&mut store, "working-groups", &p, &mut results);
    let p = file(
        d,
        "working-meetings",
        "专项工作组,会议日期,议题",
        (0..n).map(|i| format!("工作组{i},2025-04-01,推进会")),
    );
    import(&mut store, "working-meetings", &p, &mut results);

    let p = file(
        d,
        "partner-units",
        "单位名称,单位类型,结对村/社区",
        (0..n).map(|i| format!("共建单位{i},企业,社区{}", 1 + i % 100)),
    );
    import(&mut store, "partner-units", &p, &mut results);
    let p = file(
        d,
        "committees",
        "类型,名称,所属村/社区",
        (0..n).map(|i| format!("大党委,委员会{i},{}", village(1 + i % 999))),
    );
    import(&mut store, "committees", &p, &mut results);
    let p = file(
        d,
        "committee-members",
        "委员会,姓名,专职/兼职,所在共建单位",
        (0..n).map(|i| format!("委员会{i},委员{i},兼职,共建单位{i}")),
    );
    import(&mut store, "committee-members", &p, &mut results);
    let p = file(
        d,
        "joint-meetings",
        "委员会,会议日期,议题,参会委员",
        (0..n).map(|i| format!("委员会{i},2025-05-01,联席会议,委员{i}")),
    );
    import(&mut store, "joint-meetings", &p, &mut results);
    let p = file(
        d,
        "projects",
        "项目名称,村/社区,类别,状态,认领单位,实际开始,实际完成",
        (0..n).map(|i| {
            format!(
                "项目{i},{},环境整治,已完成,共建单位{i},2025-02-01,2025-06-30",
                village(1 + i % 999)
            )
        }),
    );
    import(&mut store, "projects", &p, &mut results);
    // 三亮 of 10,000 compounds: the 900 of villages 1..=100 and 9,100 of the others.
    let compounds: Vec<String> = (1..=100)
        .flat_map(|v| (1..=9).map(move |c| format!("{}XQ{c:02}", village(v))))
        .chain((0..n).map(|i| format!("{}XQ{:02}", village(101 + i / 84), 1 + i % 84)))
        .take(n)
        .collect();
    let p = file(
        d,
        "party-branches",
        "小区,是否成立党支部,亮组织架构日期,亮职责日期,亮党员身份日期",
        compounds
            .iter()
            .map(|c| format!("{c},是,2025-03-01,2025-03-01,2025-03-01")),
    );
    import(&mut store, "party-branches", &p, &mut results);

    // 减负: the three lists, grid matters and every village's claims, admissions.
    let p = file(
        d,
        "duty-items",
        "清单,领域,序号,事项名称,法律政策依据,乡镇职责,牵头部门,收回部门,收回日期,备注",
        (0..n).map(|i| {
            format!(
                "基本履职事项,民生服务,{},履职事项{i},依据,受理登记,,,,",
                i + 1
            )
        }),
    );
    import(&mut store, "duty-items", &p, &mut results);
    let p = file(
        d,
        "grid-matters",
        "事项名称,类别,工作要求,频次,备注",
        (0..n).map(|i| format!("网格事项{i},联系群众,,每月一次,")),
    );
    import(&mut store, "grid-matters", &p, &mut results);
    let p = file(
        d,
        "grid-matter-claims",
        "村/社区,事项名称,认领日期,备注",
        (0..n).map(|i| format!("{},网格事项{i},2025-01-01,", village(1 + i % 999))),
    );
    import(&mut store, "grid-matter-claims", &p, &mut results);
    // 月调度: the task list and a month's sheet.
    let p = file(
        d,
        "tasks",
        "任务编号,任务内容,任务类别,牵头单位,完成时限,备注",
        (0..n).map(|i| format!("{},调度任务{i},党建引领,区委组织部,2026-12-31,", i + 1)),
    );
    import(&mut store, "tasks", &p, &mut results);
    let p = file(
        d,
        "task-progress",
        "任务编号,月份,进展状态,进展情况,存在问题,下步打算,完成日期,备注",
        (0..n).map(|i| format!("{},2026-10,推进中,进展{i},,,,", i + 1)),
    );
    import(&mut store, "task-progress", &p, &mut results);
    let p = file(
        d,
        "admissions",
        "申请部门,事项名称,事项内容,依据,同步下沉,下沉说明,实施层面,落实的村/网格,期限类型,截止日期,状态,申请日期,审核日期,审核意见,审批日期,审批机关,批准文号,进入日期,退出日期,退出原因,不予通过日期,不予通过原因,备注",
        (0..n).map(|i| {
            format!("区城管局,准入事项{i},,,,,乡镇层面,,长期,,已审批,2026-10-01,2026-10-02,同意,2026-10-03,区政府,某政发〔2026〕{i}号,,,,,,")
        }),
    );
    import(&mut store, "admissions", &p, &mut results);
    // 专项整治: its four registers and their 回头看.
    let p = file(
        d,
        "plaques",
        "牌子名称,村/社区,发牌部门,处理结果,处理日期,保留依据,备注",
        (0..n).map(|i| {
            format!(
                "牌子{i},{},区民政局,摘除,2026-04-01,,",
                village(1 + i % 999)
            )
        }),
    );
    import(&mut store, "plaques", &p, &mut results);
    let p = file(
        d,
        "mechanisms",
        "机制名称,村/社区,机制类型,设立部门,处理结果,处理日期,依据,备注",
        (0..n).map(|i| {
            format!(
                "机制{i},{},领导小组,区文明办,撤销,2026-03-01,,",
                village(1 + i % 999)
            )
        }),
    );
    import(&mut store, "mechanisms", &p, &mut results);
    let p = file(
        d,
        "certificates",
        "证明事项名称,村/社区,要求出具部门,依据,处理结果,处理日期,今年出具数量,备注",
        (0..n).map(|i| {
            format!(
                "证明{i},{},区公安分局,,取消,2026-05-01,,",
                village(1 + i % 999)
            )
        }),
    );
    import(&mut store, "certificates", &p, &mut results);
    let p = file(
        d,
        "secondments",
        "姓名,身份证号码,派出村/社区,借调单位,借调开始日期,借调结束日期,经准入,准入文号,处理结果,结束借调日期,备注",
        (0..n).map(|i| format!("网格员{i},{},,区信访局,2026-03-01,2027-02-28,否,,,,", gridledger_tests::id_number(i))),
    );
    import(&mut store, "secondments", &p, &mut results);
    let p = file(
        d,
        "rechecks",
        "整治台账,对象名称,村/社区,回头看日期,发现情况,是否反弹,备注",
        (0..n).map(|i| format!("挂牌,牌子{i},{},2026-09-15,正常,否,", village(1 + i % 999))),
    );
    import(&mut store, "rechecks", &p, &mut results);
    // 培训 and 引育留用 of the people imported above.
    let p = file(
        d,
        "training-sessions",
        "培训层级,主办单位,培训日期,培训主题,学时,培训地点,培训方式,备注",
        (0..n).map(|i| format!("县级,区委社会工作部,2026-04-10,培训{i},6,区党校,集中,")),
    );
    import(&mut store, "training-sessions", &p, &mut results);
    let p = file(
        d,
        "training-participants",
        "培训日期,培训主题,姓名,身份证号码,村/社区,人数,备注",
        (0..n).map(|i| {
            format!(
                "2026-04-10,培训{i},网格员{i},{},,,",
                gridledger_tests::id_number(i)
            )
        }),
    );
    import(&mut store, "training-participants", &p, &mut results);
    let p = file(
        d,
        "pipeline-events",
        "姓名,身份证号码,事件,日期,招录批次,招录方式,说明",
        (0..n).map(|i| {
            format!(
                "网格员{i},{},招录,2020-07-01,2020年第一批,公开招聘,",
                gridledger_tests::id_number(i)
            )
        }),
    );
    import(&mut store, "pipeline-events", &p, &mut results);
    // 考核: indicators, rectification items under one notice, inspections of the
    // base grids, questionnaires with their returned papers, call-backs.
    let p = file(
        d,
        "indicators",
        "指标组,指标编号,指标名称,单位,分值,目标值,方向,评分方式,计算公式,是否停用,说明",
        (0..n).map(|i| format!("群众满意度,M{i:05},指标{i},分,1,,,考核组评分,,,")),
    );
    import(&mut store, "indicators", &p, &mut results);
    store
        .write(&ctx, |tx| {
            scores::create_result(
                tx,
                &AssessmentResultInput {
                    period: "2026".into(),
                    kind: "通报批评".into(),
                    title: "关于网格员履职不到位的通报".into(),
                    recipient: "社区1".into(),
                    issued_on: "2026-10-10".into(),
                    document_no: "某街〔2026〕12号".into(),
                    note: String::new(),
                },
            )
        })
        .unwrap();
    let p = file(
        d,
        "rectification-items",
        "所属通报,整改事项,责任人,整改期限,完成日期,备注",
        (0..n).map(|i| format!("关于网格员履职不到位的通报,整改事项{i},王主任,2026-11-30,,")),
    );
    import(&mut store, "rectification-items", &p, &mut results);
    let p = file(
        d,
        "inspections",
        "单位编码,检查对象,检查日期,检查人员,网格员走访,台账记录,信息公示,问题处理时效,三亮到位,发现的问题,备注",
        (0..n).map(|i| {
            // One inspection per base grid: the 9,000 of villages 1..=100, then those of
            // the "grids" sheet (84 a village from village 101).
            let unit = if i < 9000 {
                grid(i)
            } else {
                let j = i - 9000;
                format!("{}{:03}", village(101 + j / 84), 1 + j % 84)
            };
            format!("{unit},,2026-11-20,丙,18,20,15,20,19,,")
        }),
    );
    import(&mut store, "inspections", &p, &mut results);
    let p = file(
        d,
        "questionnaires",
        "问卷名称,测评期间,满意度量表,第1题,第2题,第3题",
        (0..n).map(|i| {
            format!("问卷{i},2026年,,您知道网格员吗？｜知道、不知道,服务满意吗？｜满意度,")
        }),
    );
    import(&mut store, "questionnaires", &p, &mut results);
    let p = file(
        d,
        "questionnaire-responses",
        "问卷,编号,村/社区,填写日期,第1题,第2题,第3题",
        (0..n).map(|i| {
            format!(
                "问卷0,{},{},2026-11-20,知道,满意,",
                i + 1,
                village(1 + i % 999)
            )
        }),
    );
    import(&mut store, "questionnaire-responses", &p, &mut results);
    let p = file(
        d,
        "callbacks",
        "回访日期,村/社区,被回访人,联系电话,回访事项,诉求或小区,回访结果,备注",
        (0..n).map(|i| {
            format!(
                "2026-11-21,{},回访人{i},139{i:08},一般回访,,满意,",
                village(1 + i % 999)
            )
        }),
    );
    import(&mut store, "callbacks", &p, &mut results);

    // Expected offices belong to a county: its 999 township codes.
    let mut county = Store::open(&d.join("c.db")).unwrap();
    county
        .write(&ctx, |tx| {
            office::setup(tx, "county", "320115000000", "某某区", false)
        })
        .unwrap();
    let p = file(
        d,
        "expected",
        "区划代码,单位名称",
        (1..=999).map(|t| format!("320115{t:03}000,乡镇{t}")),
    );
    import(&mut county, "expected-offices", &p, &mut results);

    // Every list as Excel exports it (each record with what its view shows): a per-row
    // search of the store would show here as it did in the imports.
    println!();
    let today = ctx.today();
    for name in kinds::export_names() {
        let out = d.join(format!("{name}-export.xlsx"));
        let db = if name == "expected-offices" {
            &county
        } else {
            &store
        };
        let t = Instant::now();
        let rows = kinds::export_xlsx(db.conn(), name, &out, today).unwrap();
        let secs = t.elapsed().as_secs_f64();
        let rate = rows as f64 / secs;
        println!("export {name:<24} {rows:>6} rows {secs:>7.2} s {rate:>9.0} rows/s");
        if rows >= 100 {
            results.push((format!("export {name}"), rows, rate));
        }
    }

    // 首页, 统计 and the drill-down of every figure over the same township.
    println!();
    let t = Instant::now();
    dashboard::dashboard(store.conn(), today).unwrap();
    println!(
        "dashboard (首页)              {:>7.2} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    report::report(store.conn(), today).unwrap();
    println!(
        "report (统计)                 {:>7.2} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let mut slowest = (0.0, "");
    for (key, _) in report::KEYS {
        let k = Instant::now();
        report::drill(store.conn(), "own", key, today).unwrap();
        let secs = k.elapsed().as_secs_f64();
        if secs > slowest.0 {
            slowest = (secs, key);
        }
    }
    println!(
        "drill-down of all {} figures   {:>7.2} s (slowest {} {:.2} s)",
        report::KEYS.len(),
        t.elapsed().as_secs_f64(),
        slowest.1,
        slowest.0
    );

    // The township sends all of it to its county, which receives and counts it.
    let t = Instant::now();
    let sent = package::export(&mut store, &ctx, d).unwrap();
    println!(
        "export the township's package  {:>7.2} s ({:.1} MB)",
        t.elapsed().as_secs_f64(),
        sent.bytes as f64 / 1e6
    );
    let t = Instant::now();
    let got = package::receive(&mut county, &ctx, &PathBuf::from(&sent.path), false).unwrap();
    assert_eq!(got.outcome, "accepted", "{got:?}");
    println!(
        "county receives it             {:>7.2} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    report::report(county.conn(), today).unwrap();
    println!(
        "county report                  {:>7.2} s",
        t.elapsed().as_secs_f64()
    );

    // A drill-down reads the township's records once and lists one figure's: its time
    // is that read, not a rate per row listed; a click must still answer.
    assert!(
        slowest.0 < 5.0,
        "drill-down of {} took {:.1} s",
        slowest.1,
        slowest.0
    );
    let slow: Vec<&(String, usize, f64)> = results.iter().filter(|r| r.2 < FLOOR).collect();
    let missing: Vec<&str> = Kind::all()
        .iter()
        .map(|k| k.name())
        .filter(|name| !results.iter().any(|r| r.0 == *name))
        .collect();
    assert!(
        missing.is_empty(),
        "kinds missing from the bench: {missing:?}"
    );
    assert!(slow.is_empty(), "below {FLOOR} rows/s: {slow:?}");
}
