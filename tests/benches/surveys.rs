//! `cargo bench -p gridledger-tests --bench surveys`: 20,000 returned questionnaires
//! (issue 16: tens of thousands per county) of a 10-question questionnaire across 20
//! communities, imported through `Kind::commit` (analysis + one transaction), then
//! imported again (every row matches a stored paper); then the results of the
//! questionnaire and the report totals over them. Prints rows/s and fails below
//! 2,000 rows/s.

use std::fmt::Write as _;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::Utc;
use gridledger_core::exchange::report;
use gridledger_core::hierarchy::{self, UnitInput};
use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::surveys::{self, QuestionInput, QuestionnaireInput};
use gridledger_core::{store::office, Ctx, Store};

const ROWS: usize = 20_000;
const FLOOR: f64 = 2_000.0;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("g.db")).unwrap();
    let ctx = Ctx::new(Utc::now());
    let questionnaire = store
        .write(&ctx, |tx| {
            office::setup(tx, "township", "320115101000", "青溪街道", false)?;
            for v in 1..=20 {
                hierarchy::create(
                    tx,
                    &UnitInput {
                        kind: "village".into(),
                        code: format!("320115101{v:03}"),
                        name: format!("第{v}社区"),
                        area_type: "urban".into(),
                        ..Default::default()
                    },
                )?;
            }
            let mut questions = vec![
                QuestionInput {
                    text: "您是否知道本网格的网格员？".into(),
                    kind: "choice".into(),
                    options: vec!["知道".into(), "听说过".into(), "不知道".into()],
                },
                QuestionInput {
                    text: "您最希望改进的方面是？".into(),
                    kind: "choice".into(),
                    options: vec!["环境".into(), "停车".into(), "治安".into(), "服务".into()],
                },
            ];
            for i in 0..8 {
                questions.push(QuestionInput {
                    text: format!("满意度第{}项", i + 1),
                    kind: "satisfaction".into(),
                    options: Vec::new(),
                });
            }
            surveys::create_questionnaire(
                tx,
                &QuestionnaireInput {
                    title: "群众满意度测评".into(),
                    period: "2026年第四季度".into(),
                    scale: "three".into(),
                    questions,
                    note: String::new(),
                },
            )
        })
        .unwrap();

    let mut text = String::from(
        "问卷,编号,村/社区,填写日期,第1题,第2题,第3题,第4题,第5题,第6题,第7题,第8题,第9题,第10题\n",
    );
    let scale = ["满意", "基本满意", "不满意", "A", "B", ""];
    for i in 0..ROWS {
        write!(
            text,
            "群众满意度测评,{:05},第{}社区,2026-11-{:02},{},{}",
            i + 1,
            1 + i % 20,
            1 + i % 25,
            ["知道", "B", "C"][i % 3],
            ["环境", "停车", "C", "D"][i % 4],
        )
        .unwrap();
        for q in 0..8 {
            write!(text, ",{}", scale[(i * 7 + q * 3) % scale.len()]).unwrap();
        }
        text.push('\n');
    }
    let path = dir.path().join("答卷.csv");
    std::fs::write(&path, text).unwrap();

    let k = Kind::parse("questionnaire-responses").unwrap();
    let mut slowest = f64::MAX;
    for pass in ["import", "again"] {
        let t = Instant::now();
        let s = k
            .commit(
                &mut store,
                &ctx,
                &path,
                &AtomicBool::new(false),
                &mut |_, _| {},
            )
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(s.rejected, 0, "{pass}: rows refused");
        if pass == "again" {
            assert_eq!((s.created, s.unchanged), (0, ROWS), "{pass}");
        }
        let rows = s.created + s.updated + s.unchanged;
        let rate = rows as f64 / secs;
        slowest = slowest.min(rate);
        println!(
            "questionnaire-responses {pass:<6} {rows:>6} rows {secs:>7.2} s {rate:>9.0} rows/s"
        );
    }
    let t = Instant::now();
    let r = surveys::results(store.conn(), &questionnaire.id).unwrap();
    println!(
        "results                 {:>6} papers {:>6.2} s (satisfaction {}/{})",
        r.responses,
        t.elapsed().as_secs_f64(),
        r.satisfaction.satisfied,
        r.satisfaction.judged
    );
    let t = Instant::now();
    let totals = report::own_totals(store.conn(), ctx.today()).unwrap();
    println!(
        "report totals           {:>6} papers {:>6.2} s",
        totals["assessment.questionnaires"],
        t.elapsed().as_secs_f64()
    );
    assert_eq!(totals["assessment.questionnaires"], ROWS as i64);
    assert!(
        slowest >= FLOOR,
        "questionnaire-responses import at {slowest:.0} rows/s, below {FLOOR} rows/s"
    );
}
