//! 考核 (issue 16, items 3 and 7): the formula parser, the indicator system and its
//! versions, manual scores, points, weights and ranks on hand-built fixtures, the
//! report keys `assessment.*` with drill-down, the county's roll-up of scores from
//! received packages, the package round trip, and bad import rows by column.

use gridledger_core::exchange::{report, senders};
use gridledger_core::kinds::ImportKind as Kind;
use gridledger_core::scores::formula::{self, NoValue};
use gridledger_core::scores::table::{points_for, score_table, ScoreTable};
use gridledger_core::scores::{
    self, defaults, AssessmentResultInput, Indicator, IndicatorInput, ManualScoreInput,
    OutpostEvaluationInput, Period, RectificationItemInput,
};
use gridledger_core::{Error, Store};

use crate::support::{
    commit_file, ctx, day, export_imports_back, imports_again_unchanged, office, party_township,
    problem_places, refused_on, township,
};

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    s
}

fn computed(code: &str, formula: &str, points: &str, target: &str) -> IndicatorInput {
    IndicatorInput {
        group: "服务质量".into(),
        code: code.into(),
        name: format!("指标{code}"),
        unit: "%".into(),
        points: points.into(),
        target: target.into(),
        direction: "越高越好".into(),
        method: "按统计计算".into(),
        formula: formula.into(),
        ..Default::default()
    }
}

fn manual(code: &str, points: &str) -> IndicatorInput {
    IndicatorInput {
        group: "群众满意度".into(),
        code: code.into(),
        name: format!("指标{code}"),
        unit: "分".into(),
        points: points.into(),
        method: "考核组评分".into(),
        ..Default::default()
    }
}

fn create(s: &mut Store, i: &IndicatorInput) -> Result<Indicator, Error> {
    s.write(&ctx(), |tx| scores::create_indicator(tx, i))
}

/// The indicator coded `code`.
fn indicator(s: &Store, code: &str) -> Indicator {
    scores::indicators(s.conn())
        .unwrap()
        .into_iter()
        .find(|i| i.code == code)
        .unwrap()
}

fn cell<'a>(t: &'a ScoreTable, scope: &str, code: &str) -> &'a scores::table::Cell {
    let o = t.offices.iter().find(|o| o.scope == scope).unwrap();
    let i = t.indicators.iter().position(|h| h.code == code).unwrap();
    &o.cells[i]
}

// ---------- the formula ----------

#[test]
fn formulas_parse_evaluate_and_name_what_is_wrong() {
    let figures = |k: &str| match k {
        "compounds.total" => Some(4.0),
        "compounds.sanliang_complete" => Some(3.0),
        "zero" => Some(0.0),
        _ => None,
    };
    // (formula, value)
    let valid: &[(&str, f64)] = &[
        ("compounds.sanliang_complete / compounds.total", 0.75),
        ("100 * compounds.sanliang_complete / compounds.total", 75.0),
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("-compounds.total + 10", 6.0),
        ("（1 + 1）/ 4", 0.5),
        ("  2.5*2 ", 5.0),
        ("10 - 4 - 3", 3.0),
        ("12 / 2 / 3", 2.0),
        // The signs the screen shows a formula with, and full-width ones (IME).
        ("100 × compounds.sanliang_complete ÷ compounds.total", 75.0),
        ("（1 ＋ 2）＊ 3 － 1 ／ 2", 8.5),
    ];
    for (f, want) in valid {
        let e = formula::parse(f).unwrap_or_else(|m| panic!("{f}: {m}"));
        assert_eq!(e.eval(&figures), Ok(*want), "{f}");
    }
    // (formula, words the message must contain)
    let invalid: &[(&str, &str)] = &[
        ("", "空"),
        ("1 +", "结尾"),
        ("(1 + 2", "右括号"),
        ("1 + 2)", "右括号"),
        ("compounds.total compounds.total", "之间要有"),
        ("2 ^ 3", "“^”"),
        ("max(1, 2)", "不能用在公式里"),
        ("* 3", "“*”"),
        ("1..2", "数字"),
        ("100 * 【小区（自然村/组）", "没有配对的“】”"),
        ("100 * 【网格总数】", "统计项【网格总数】在统计中没有"),
    ];
    for (f, word) in invalid {
        let m = formula::parse(f).unwrap_err();
        assert!(m.contains(word), "{f}: {m}");
    }
    // Whatever signs were typed, the formula is kept with + - * / ( ): a file that
    // carries it reads the same in a version that knows only those.
    assert_eq!(
        formula::plain("100 × a.b ÷（c ＋ 1）－ 2 ＊ 3 ／ 4"),
        "100 * a.b /(c + 1)- 2 * 3 / 4"
    );
    // A figure named as 统计 names it, in 【】 (its own brackets and slash stay part of
    // the name), is the same figure and is kept by its key.
    let by_name = "100 × 【三亮齐全的小区】 ÷ 【小区（自然村/组）】";
    assert_eq!(
        formula::parse(by_name).unwrap(),
        formula::parse("100 * compounds.sanliang_complete / compounds.total").unwrap()
    );
    assert_eq!(
        formula::plain(by_name),
        "100 * compounds.sanliang_complete / compounds.total"
    );
    // An exported sheet writes the names, and reads back to the same keys.
    let stored = "100 * compounds.sanliang_complete / (compounds.total + x.y)";
    let sheet = formula::named(stored);
    assert_eq!(
        sheet,
        "100 * 【三亮齐全的小区】 / (【小区（自然村/组）】 + x.y)"
    );
    assert_eq!(formula::plain(&sheet), stored);
    let mut s = store();
    let saved = create(
        &mut s,
        &computed(
            "S99",
            "100 × 【三亮齐全的小区】 ÷ compounds.total",
            "2",
            "90",
        ),
    )
    .unwrap();
    assert_eq!(
        saved.formula,
        "100 * compounds.sanliang_complete / compounds.total"
    );
    // Unknown keys are named at save time.
    let m = formula::check("compounds.total / compound.totl", &["compounds.total"]).unwrap_err();
    assert!(m.contains("compound.totl"), "{m}");
    // Typed in full-width mode (an IME's Chinese mode): a score and a period as typed.
    assert_eq!(
        scores::number_field("score", "得分", "２.５", true).unwrap(),
        2.5
    );
    assert_eq!(
        Period::parse("period", "２０２６Ｑ４").unwrap(),
        Period::parse("period", "2026Q4").unwrap()
    );
    // A divisor that is 0 whatever the figures: never a value, refused at save time.
    for f in [
        "100 * compounds.total ÷ 0",
        "compounds.total / (2 - 2)",
        "(1 / 0) + compounds.total",
    ] {
        let m = formula::check(f, &["compounds.total"]).unwrap_err();
        assert!(m.contains("除以 0"), "{f}: {m}");
    }
    assert!(formula::check(
        "compounds.total / (2 - compounds.total)",
        &["compounds.total"]
    )
    .is_ok());
    // At scoring time a missing key or a zero divisor is 无数据, not a number.
    let e = formula::parse("compounds.total / zero").unwrap();
    assert_eq!(e.eval(&figures), Err(NoValue::DivisionByZero));
    let e = formula::parse("training.person_times / compounds.total").unwrap();
    assert_eq!(
        e.eval(&figures),
        Err(NoValue::Missing("training.person_times".into()))
    );
    assert!(NoValue::DivisionByZero.describe().contains("无数据"));
}

#[test]
fn an_indicator_is_checked_and_the_refusal_names_the_field() {
    let mut s = store();
    let cases: Vec<(IndicatorInput, &str, &str)> = vec![
        (
            computed("A1", "compounds.total / nosuch.key", "5", "90"),
            "formula",
            "nosuch.key",
        ),
        (
            computed("A1", "compounds.total +", "5", "90"),
            "formula",
            "计算公式",
        ),
        (computed("A1", "", "5", "90"), "formula", "计算公式"),
        (
            computed("A1", "compounds.total", "五", "90"),
            "points",
            "分值",
        ),
        (
            computed("A1", "compounds.total", "0", "90"),
            "points",
            "分值",
        ),
        (
            computed("A1", "compounds.total", "5", "九十"),
            "target",
            "目标值",
        ),
        (
            IndicatorInput {
                group: "经济发展".into(),
                ..computed("A1", "compounds.total", "5", "90")
            },
            "group",
            "指标组",
        ),
        (
            IndicatorInput {
                method: "".into(),
                ..computed("A1", "compounds.total", "5", "90")
            },
            "method",
            "评分方式",
        ),
        (
            IndicatorInput {
                direction: "向上".into(),
                ..computed("A1", "compounds.total", "5", "90")
            },
            "direction",
            "方向",
        ),
        (
            computed(" ", "compounds.total", "5", "90"),
            "code",
            "指标编号",
        ),
    ];
    for (i, field, word) in cases {
        let e = create(&mut s, &i).unwrap_err();
        refused_on(&e, field, word);
    }
    create(&mut s, &computed("A1", "compounds.total", "5", "90")).unwrap();
    let e = create(&mut s, &manual("A1", "3")).unwrap_err();
    assert_eq!(e.field(), Some("code"));
    // A manual indicator keeps no formula.
    let m = create(
        &mut s,
        &IndicatorInput {
            formula: "whatever".into(),
            ..manual("M1", "3")
        },
    )
    .unwrap();
    assert_eq!(m.formula, "");
}

// ---------- points, weights, ranks ----------

/// A 目标值 typed as 90% in Excel is stored 0.9 in a cell shown as a percentage: it
/// reads as shown, 90 (it was a target of 0.9, met by any rate); 100% likewise; a
/// plain number stays as typed; a code kept as a number behind a format ("P"0) reads
/// as shown, P3 (it made an indicator coded 3).
#[test]
fn a_target_typed_as_a_percentage_in_excel_reads_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("g.db")).unwrap();
    township(&mut s);
    let path = dir.path().join("指标.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let heads = [
        "指标组",
        "指标编号",
        "指标名称",
        "单位",
        "分值",
        "目标值",
        "方向",
        "评分方式",
        "计算公式",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let percent = rust_xlsxwriter::Format::new().set_num_format("0%");
    let rows = [("P1", Some(0.9)), ("P2", Some(1.0)), ("P3", None)];
    for (r, (code, shown)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in ["服务质量", code, "覆盖率", "%", "5"].iter().enumerate() {
            ws.write_string(r, c as u16, *v).unwrap();
        }
        if *code == "P3" {
            // A code kept as a number and shown through a format: P3 is 3 in "P"0.
            let coded = rust_xlsxwriter::Format::new().set_num_format("\"P\"0");
            ws.write_number_with_format(r, 1, 3.0, &coded).unwrap();
        }
        match shown {
            Some(v) => ws.write_number_with_format(r, 5, *v, &percent).unwrap(),
            None => ws.write_number(r, 5, 0.5).unwrap(),
        };
        for (c, v) in ["越高越好", "按统计计算", "100 * grids.base / grids.base"]
            .iter()
            .enumerate()
        {
            ws.write_string(r, 6 + c as u16, *v).unwrap();
        }
    }
    wb.save(&path).unwrap();
    let done = commit_file(&mut s, &Kind::parse("indicators").unwrap(), &path);
    assert_eq!((done.created, done.rejected), (3, 0), "{}", done.text());
    let target = |s: &Store, code: &str| indicator(s, code).target;
    assert_eq!(
        (target(&s, "P1"), target(&s, "P2"), target(&s, "P3")),
        (90.0, 100.0, 0.5)
    );

    // The same in an Excel 2003 XML file (web platforms export these as .xls).
    let cells = |code: &str, target: &str, style: &str| {
        let text = |v: &str| format!("<Cell><Data ss:Type=\"String\">{v}</Data></Cell>");
        format!(
            "<Row>{}{}{}{}{}<Cell{style}><Data ss:Type=\"Number\">{target}</Data></Cell>{}{}{}</Row>",
            text("服务质量"),
            text(code),
            text("覆盖率"),
            text("%"),
            text("5"),
            text("越高越好"),
            text("按统计计算"),
            text("100 * grids.base / grids.base"),
        )
    };
    let head: String = heads
        .iter()
        .map(|h| format!("<Cell><Data ss:Type=\"String\">{h}</Data></Cell>"))
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?>\
         <Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" \
         xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\
         <Styles><Style ss:ID=\"Default\"/><Style ss:ID=\"pc\"><NumberFormat ss:Format=\"Percent\"/></Style>\
         <Style ss:ID=\"p0\"><NumberFormat ss:Format=\"0%\"/></Style></Styles>\
         <Worksheet ss:Name=\"指标\"><Table><Row>{head}</Row>{}{}{}</Table></Worksheet></Workbook>",
        cells("X1", "0.85", " ss:StyleID=\"pc\""),
        cells("X2", "0.6", " ss:StyleID=\"p0\""),
        cells("X3", "0.5", ""),
    );
    let path = dir.path().join("指标2003.xls");
    std::fs::write(&path, xml).unwrap();
    let done = commit_file(&mut s, &Kind::parse("indicators").unwrap(), &path);
    assert_eq!((done.created, done.rejected), (3, 0), "{}", done.text());
    assert_eq!(
        (target(&s, "X1"), target(&s, "X2"), target(&s, "X3")),
        (85.0, 60.0, 0.5)
    );
}

#[test]
fn points_follow_target_and_direction() {
    let ind = |target: f64, lower: bool| Indicator {
        points: 4.0,
        target,
        direction: if lower {
            scores::Direction::Lower
        } else {
            scores::Direction::Higher
        },
        ..Default::default()
    };
    // (target, lower is better, value, points)
    let table: &[(f64, bool, f64, f64)] = &[
        (90.0, false, 90.0, 4.0),
        (90.0, false, 120.0, 4.0),
        (90.0, false, 45.0, 2.0),
        (90.0, false, 0.0, 0.0),
        (90.0, false, -5.0, 0.0),
        (3.0, false, 1.0, 1.33),
        (0.0, false, 0.0, 4.0),
        (0.0, false, -1.0, 0.0),
        (2.0, true, 1.0, 4.0),
        (2.0, true, 2.0, 4.0),
        (2.0, true, 4.0, 2.0),
        (0.0, true, 0.0, 4.0),
        (0.0, true, 3.0, 0.0),
    ];
    for (target, lower, value, want) in table {
        assert_eq!(
            points_for(&ind(*target, *lower), *value),
            *want,
            "target {target} lower {lower} value {value}"
        );
    }
}

#[test]
fn computed_indicators_score_the_hand_built_township() {
    // party_township: 3 compounds, 1 with all three 亮; 3 grid workers all full-time
    // on 3 base grids; 1 micro-grid; 1 business grid merged; 2 part-time members.
    let mut s = Store::open_in_memory().unwrap();
    party_township(&mut s);
    s.write(&ctx(), defaults::install).unwrap();
    let t = score_table(s.conn(), "2026", day(2026, 11, 26)).unwrap();
    assert_eq!(t.offices.len(), 1);
    assert_eq!(t.offices[0].scope, "own");
    assert_eq!(t.offices[0].rank, Some(1));
    // (code, value, points); None: no value (a zero divisor, or manual not scored).
    let want: &[(&str, Option<f64>, f64)] = &[
        ("P01", Some(33.33), 1.85), // 100 * 1 / 3 against 90 of 5
        ("P03", Some(2.0), 0.6),    // 2 of 10, 3 points
        ("P04", Some(0.0), 0.0),
        ("P05", Some(0.0), 0.0),
        ("P07", None, 0.0), // 0 claimed: divisor 0
        ("T01", Some(100.0), 3.0),
        ("T02", Some(1.0), 3.0),
        ("T04", Some(0.0), 0.0),
        ("D04", Some(1.0), 0.4), // 1 of 5, 2 points
        ("D08", Some(0.0), 3.0), // no open rectification: full (lower is better)
        ("S01", None, 0.0),      // no demands
        ("P02", None, 0.0),      // manual, not scored yet
        ("D09", Some(0.0), 2.0), // no overdue admission, no unapproved secondment: full
        ("M01", None, 0.0),      // no satisfaction answers: divisor 0
    ];
    for (code, value, points) in want {
        let c = cell(&t, "own", code);
        assert_eq!(c.value, *value, "{code}: {}", c.note);
        assert_eq!(c.points, *points, "{code}");
        if value.is_none() {
            assert!(
                c.note.contains("无数据") || c.note.contains("待评分"),
                "{code}: {}",
                c.note
            );
        }
    }
    assert_eq!(cell(&t, "own", "P01").figures["compounds.total"], Some(3));
    // Group totals add up to the total; max is the system's 100 points.
    let o = &t.offices[0];
    let sum: f64 = o.groups.iter().map(|g| g.points).sum();
    assert!((sum - o.total).abs() < 0.001);
    assert_eq!(t.max_total, 100.0);
    assert_eq!(o.groups.len(), 5);
    assert_eq!(o.groups[0].label, "党建引领");
    assert_eq!(o.groups[0].max, 20.0);
    // Every figure a default formula names is shown by its name in 统计, never as
    // the bare key (the drill buttons read these).
    let p01 = t.indicators.iter().find(|h| h.code == "P01").unwrap();
    assert_eq!(p01.keys, ["compounds.sanliang_complete", "compounds.total"]);
    assert_eq!(p01.key_labels, ["三亮齐全的小区", "小区（自然村/组）"]);
    for h in &t.indicators {
        assert_eq!(h.keys.len(), h.key_labels.len(), "{}", h.code);
        for (k, l) in h.keys.iter().zip(&h.key_labels) {
            assert!(!l.is_ascii(), "{}: {k} has no name in the report", h.code);
        }
    }
}

#[test]
fn manual_scores_weights_and_retiring_change_the_table() {
    let mut s = store();
    // Something entered (an office that holds nothing is not scored: see below).
    let village = gridledger_core::hierarchy::list(s.conn()).unwrap()[0]
        .id
        .clone();
    s.write(&ctx(), |tx| {
        crate::support::unit(
            tx,
            "compound",
            Some(&village),
            "320115101001XQ01",
            "阳光花园",
        );
        Ok(())
    })
    .unwrap();
    let a = create(&mut s, &computed("A1", "grids.base + 2", "10", "4")).unwrap();
    let m1 = create(&mut s, &manual("M1", "5")).unwrap();
    let t = score_table(s.conn(), "2026Q4", day(2026, 11, 26)).unwrap();
    assert_eq!(t.period, "2026Q4");
    assert_eq!(cell(&t, "own", "A1").points, 5.0); // 2 of 4
    assert_eq!(t.offices[0].total, 5.0);
    // M1 not scored yet: the CLI's total says 暂计, as the screen does.
    let text = scores::table::to_text(&t);
    assert!(text.contains("\t5*\n") && text.contains("* 暂计"), "{text}");

    let score = |v: &str| ManualScoreInput {
        period: "2026Q4".into(),
        office_code: "320115101000".into(),
        indicator_code: "M1".into(),
        score: v.into(),
        note: "查阅台账".into(),
        evidence: "会议纪要3份".into(),
    };
    for (bad, field) in [("6", "score"), ("-1", "score"), ("好", "score")] {
        let e = s
            .write(&ctx(), |tx| scores::set_manual_score(tx, &score(bad)))
            .unwrap_err();
        assert_eq!(e.field(), Some(field), "{bad}: {e}");
    }
    let e = s
        .write(&ctx(), |tx| {
            scores::set_manual_score(
                tx,
                &ManualScoreInput {
                    indicator_code: "A1".into(),
                    ..score("1")
                },
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("indicatorCode"));
    let e = s
        .write(&ctx(), |tx| {
            scores::set_manual_score(
                tx,
                &ManualScoreInput {
                    period: "2026Q5".into(),
                    ..score("1")
                },
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("period"));
    s.write(&ctx(), |tx| scores::set_manual_score(tx, &score("3")))
        .unwrap();
    // Setting again replaces the score.
    s.write(&ctx(), |tx| scores::set_manual_score(tx, &score("4.5")))
        .unwrap();
    assert_eq!(scores::manual_scores(s.conn(), "2026q4").unwrap().len(), 1);
    let t = score_table(s.conn(), "2026Q4", day(2026, 11, 26)).unwrap();
    assert!(!scores::table::to_text(&t).contains('*'), "scored: final");
    let m = cell(&t, "own", "M1");
    assert_eq!((m.value, m.points), (Some(4.5), 4.5));
    assert!(m.note.contains("会议纪要3份"), "{}", m.note);
    assert_eq!(t.offices[0].total, 9.5);
    // Another period has no score.
    let t = score_table(s.conn(), "2026", day(2026, 11, 26)).unwrap();
    assert_eq!(cell(&t, "own", "M1").value, None);

    // A lower 分值 than a score given is refused, naming it (it was cut unsaid).
    let e = s
        .write(&ctx(), |tx| {
            scores::update_indicator(tx, &m1.id, &manual("M1", "4"))
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("points"));
    assert!(
        e.to_string()
            .contains("已有 1 个考核组评分超过 4 分（青溪街道 2026Q4 4.5 分）"),
        "{e}"
    );
    // A new 指标编号: the scores follow it (the cell fell back to 待评分).
    s.write(&ctx(), |tx| {
        scores::update_indicator(tx, &m1.id, &manual("M9", "5"))
    })
    .unwrap();
    let t = score_table(s.conn(), "2026Q4", day(2026, 11, 26)).unwrap();
    assert_eq!(cell(&t, "own", "M9").value, Some(4.5));
    s.write(&ctx(), |tx| {
        scores::update_indicator(tx, &m1.id, &manual("M1", "5"))
    })
    .unwrap();

    // Reweighting: A1 worth 20 doubles its points.
    s.write(&ctx(), |tx| {
        scores::update_indicator(tx, &a.id, &computed("A1", "grids.base + 2", "20", "4"))
    })
    .unwrap();
    let t = score_table(s.conn(), "2026Q4", day(2026, 11, 26)).unwrap();
    assert_eq!(cell(&t, "own", "A1").points, 10.0);
    assert_eq!(t.max_total, 25.0);
    // Retired: out of the table and of the key, still listed.
    s.write(&ctx(), |tx| {
        scores::update_indicator(
            tx,
            &a.id,
            &IndicatorInput {
                retired: "是".into(),
                ..computed("A1", "grids.base + 2", "20", "4")
            },
        )
    })
    .unwrap();
    let t = score_table(s.conn(), "2026Q4", day(2026, 11, 26)).unwrap();
    assert_eq!(t.indicators.len(), 1);
    assert_eq!(t.max_total, 5.0);
    assert_eq!(scores::indicators(s.conn()).unwrap().len(), 2);
    assert_eq!(
        report::own_totals(s.conn(), day(2026, 11, 26)).unwrap()["assessment.indicators"],
        1
    );
}

#[test]
fn every_edit_is_a_version_and_old_versions_stay_readable() {
    let mut s = store();
    assert_eq!(scores::current_version(s.conn()).unwrap(), 0);
    let installed = s.write(&ctx(), defaults::install).unwrap();
    assert!(installed.len() >= 32, "{}", installed.len());
    let total: f64 = installed.iter().map(|i| i.points).sum();
    assert_eq!(total, 100.0);
    for g in scores::IndicatorGroup::ALL {
        assert!(installed.iter().any(|i| i.group == g), "{g:?}");
    }
    assert_eq!(scores::current_version(s.conn()).unwrap(), 1);
    // Installing twice is refused.
    assert!(s.write(&ctx(), defaults::install).is_err());

    let p01 = installed.iter().find(|i| i.code == "P01").unwrap().clone();
    s.write(&ctx(), |tx| {
        scores::update_indicator(
            tx,
            &p01.id,
            &IndicatorInput {
                group: "党建引领".into(),
                code: "P01".into(),
                name: p01.name.clone(),
                unit: "%".into(),
                points: "8".into(),
                target: "95".into(),
                direction: "越高越好".into(),
                method: "按统计计算".into(),
                formula: p01.formula.clone(),
                ..Default::default()
            },
        )
    })
    .unwrap();
    assert_eq!(scores::current_version(s.conn()).unwrap(), 2);
    let vs = scores::versions(s.conn()).unwrap();
    assert_eq!(vs.len(), 2);
    assert_eq!(vs[0].version, 2);
    assert!(vs[0].note.contains("P01"), "{}", vs[0].note);
    assert_eq!(vs[0].made_on, "2026-11-26");
    let v1 = scores::version(s.conn(), 1).unwrap();
    let old = v1.indicators.iter().find(|i| i.code == "P01").unwrap();
    assert_eq!((old.points, old.target), (5.0, 90.0));
    let v2 = scores::version(s.conn(), 2).unwrap();
    let new = v2.indicators.iter().find(|i| i.code == "P01").unwrap();
    assert_eq!((new.points, new.target), (8.0, 95.0));
    assert!(scores::version(s.conn(), 9).is_err());
    let t = score_table(s.conn(), "2026", day(2026, 11, 26)).unwrap();
    assert_eq!(t.version, 2);
}

#[test]
fn periods_parse_and_bound_the_count() {
    let p = Period::parse("period", "2026q2").unwrap();
    assert_eq!(p.to_string(), "2026Q2");
    assert_eq!(p.end(), day(2026, 6, 30));
    assert!(p.contains(day(2026, 5, 1)) && !p.contains(day(2026, 7, 1)));
    assert_eq!(
        Period::parse("period", "2026年").unwrap().end(),
        day(2026, 12, 31)
    );
    for bad in ["", "26", "2026Q0", "2026Q5", "二〇二六", "2026-1"] {
        let e = Period::parse("period", bad).unwrap_err();
        assert_eq!(e.field(), Some("period"), "{bad}");
    }
}

// ---------- results, rectification, report keys, drill-down ----------

fn notice(s: &mut Store) -> String {
    s.write(&ctx(), |tx| {
        scores::create_result(
            tx,
            &AssessmentResultInput {
                period: "2026".into(),
                kind: "通报批评".into(),
                title: "关于网格员履职不到位的通报".into(),
                recipient: "青溪社区".into(),
                issued_on: "2026-10-10".into(),
                document_no: "青街〔2026〕12号".into(),
                note: String::new(),
            },
        )
    })
    .unwrap()
    .id
}

fn item(result: &str, name: &str, deadline: &str, done: &str) -> RectificationItemInput {
    RectificationItemInput {
        notice: result.into(),
        item: name.into(),
        owner: "王主任".into(),
        deadline: deadline.into(),
        done_on: done.into(),
        note: String::new(),
        ..Default::default()
    }
}

#[test]
fn rectification_items_are_counted_until_done_and_drilled_into() {
    let mut s = store();
    let n = notice(&mut s);
    for (name, deadline, done) in [
        ("补齐走访记录", "2026-11-30", ""),
        ("公示牌更新", "2026-10-31", ""),
        ("网格员培训", "2026-11-15", "2026-11-10"),
        ("台账整理", "2026-12-31", "2026-12-20"), // done only later
    ] {
        // Entered at the year's end; the figures are taken as of 2026-11-26.
        s.write(&crate::support::ctx_on(2026, 12, 31), |tx| {
            scores::create_rectification_item(tx, &item(&n, name, deadline, done))
        })
        .unwrap();
    }
    let today = day(2026, 11, 26);
    let t = report::own_totals(s.conn(), today).unwrap();
    assert_eq!(t["assessment.rectifications_open"], 3);
    let d = report::drill(s.conn(), "own", "assessment.rectifications_open", today).unwrap();
    assert_eq!(d.count, 3);
    let mut names: Vec<&str> = d.rows.iter().map(|r| r.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["公示牌更新", "台账整理", "补齐走访记录"]);
    assert!(d.rows.iter().all(|r| r.kind == "rectification_item"));
    assert!(d.rows[0].detail.contains("关于网格员履职不到位的通报"));
    let overdue: Vec<_> = scores::rectification_items(s.conn())
        .unwrap()
        .into_iter()
        .filter(|r| scores::is_overdue(r, today))
        .map(|r| r.item)
        .collect();
    assert_eq!(overdue, ["公示牌更新"]);
    // 逾期未完成整改事项 (D08 from defaults version 7) counts that one only: the other
    // two open items are within their 整改期限 (probe AJ: they cost points).
    assert_eq!(t["assessment.rectifications_overdue"], 1);
    let d = report::drill(s.conn(), "own", "assessment.rectifications_overdue", today).unwrap();
    let names: Vec<&str> = d.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["公示牌更新"]);
    let later = report::own_totals(s.conn(), day(2026, 12, 31)).unwrap();
    assert_eq!(later["assessment.rectifications_open"], 2);
    // 31 December: 补齐走访记录 (due 30 November) is overdue too; 台账整理 was done on
    // the 20th, before its 整改期限.
    assert_eq!(later["assessment.rectifications_overdue"], 2);

    // Checks name the field; a notice with items is not deleted.
    let e = s
        .write(&ctx(), |tx| {
            scores::create_rectification_item(tx, &item(" ", "x", "2026-12-01", ""))
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("notice"));
    // A notice issued elsewhere is kept by its title.
    let other = s
        .write(&ctx(), |tx| {
            scores::create_rectification_item(tx, &item("县通报〔2026〕3号", "x", "2026-12-01", ""))
        })
        .unwrap();
    assert_eq!(
        (other.result_id.as_str(), other.notice.as_str()),
        ("", "县通报〔2026〕3号")
    );
    let linked = &scores::rectification_items(s.conn()).unwrap()[0];
    assert_eq!(linked.result_id, n);
    let e = s
        .write(&ctx(), |tx| {
            scores::create_rectification_item(tx, &item(&n, "x", "", ""))
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("deadline"));
    assert!(s.write(&ctx(), |tx| scores::delete_result(tx, &n)).is_err());
}

/// 首页's 本周提醒 lists the open 整改事项 past or near their 整改期限 (it had none).
#[test]
fn open_rectification_items_are_reminded_by_their_deadline() {
    let mut s = store();
    let n = notice(&mut s);
    for (name, deadline, done) in [
        ("补齐走访记录", "2026-11-20", ""),       // overdue
        ("公示牌更新", "2026-11-29", ""),         // this week (Mon 23 – Sun 29)
        ("网格员培训", "2026-12-31", ""),         // later
        ("台账整理", "2026-11-10", "2026-11-09"), // done
    ] {
        s.write(&ctx(), |tx| {
            scores::create_rectification_item(tx, &item(&n, name, deadline, done))
        })
        .unwrap();
    }
    let r = gridledger_core::exchange::reminders::reminders(s.conn(), day(2026, 11, 26)).unwrap();
    let mine: Vec<(&str, bool, &str)> = r
        .items
        .iter()
        .filter(|x| x.kind == "rectification")
        .map(|x| (x.title.as_str(), x.overdue, x.due_label))
        .collect();
    assert_eq!(
        mine,
        [
            ("补齐走访记录", true, "整改期限"),
            ("公示牌更新", false, "整改期限")
        ]
    );
    assert!(r
        .items
        .iter()
        .any(|x| x.source == "整改事项（关于网格员履职不到位的通报）"));
}

#[test]
fn the_indicators_key_counts_those_in_force_and_drills_into_them() {
    let mut s = store();
    create(&mut s, &computed("A1", "grids.base", "5", "1")).unwrap();
    create(&mut s, &manual("M1", "5")).unwrap();
    let r = create(
        &mut s,
        &IndicatorInput {
            retired: "是".into(),
            ..manual("M2", "5")
        },
    )
    .unwrap();
    assert!(r.retired);
    let today = day(2026, 11, 26);
    assert_eq!(
        report::own_totals(s.conn(), today).unwrap()["assessment.indicators"],
        2
    );
    let d = report::drill(s.conn(), "own", "assessment.indicators", today).unwrap();
    let mut codes: Vec<&str> = d.rows.iter().map(|r| r.code.as_str()).collect();
    codes.sort();
    assert_eq!(codes, ["A1", "M1"]);
    assert_eq!(d.label, "在用考核指标");
    // A computed one's formula by its figures' names, as 考核 shows it.
    let a1 = d.rows.iter().find(|r| r.code == "A1").unwrap();
    assert!(a1.detail.contains("【基础网格】"), "{}", a1.detail);
    assert!(!a1.detail.contains("grids.base"), "{}", a1.detail);
}

// ---------- the chain of files ----------

#[test]
fn the_county_scores_and_ranks_its_townships_from_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let mut wt = office(dir.path(), "township", "320115102000", "梧桐镇", false);
    let mut xt = office(dir.path(), "township", "320115103000", "杏坛镇", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    // Base grids: 青溪 2, 梧桐 4, 杏坛 2 (a tie with 青溪).
    for (o, n, prefix) in [
        (&mut qx, 2, "320115101"),
        (&mut wt, 4, "320115102"),
        (&mut xt, 2, "320115103"),
    ] {
        o.store
            .write(&ctx(), |tx| {
                let v = crate::support::unit(tx, "village", None, &format!("{prefix}001"), "社区");
                for i in 0..n {
                    crate::support::unit(
                        tx,
                        "base_grid",
                        Some(&v),
                        &format!("G{i}"),
                        &format!("网格{i}"),
                    );
                }
                Ok(())
            })
            .unwrap();
        let p = o.export();
        assert_eq!(county.receive(&p).outcome, "accepted");
    }
    // Without indicators nothing is ranked (a city ranked a county 1 with a total of 0).
    let t = score_table(county.store.conn(), "2026", day(2026, 11, 26)).unwrap();
    assert!(
        t.offices.iter().all(|o| o.rank.is_none()),
        "{:?}",
        t.offices
    );
    // The county's system: grids against a target of 4, and a manual indicator.
    create(&mut county.store, &computed("G1", "grids.base", "10", "4")).unwrap();
    // 横溪街道 is on the list and has sent nothing: listed after the ranked ones.
    county
        .store
        .write(&ctx(), |tx| {
            gridledger_core::exchange::senders::set_expected(tx, "320115104000", "横溪街道")
        })
        .unwrap();
    create(&mut county.store, &manual("M1", "5")).unwrap();
    // A score names the office by its name (the change log read 给 320115103000 的评分),
    // and is for an office that reports here.
    let saved = county
        .store
        .write(&ctx(), |tx| {
            scores::set_manual_score(
                tx,
                &ManualScoreInput {
                    period: "2026".into(),
                    office_code: "320115103000".into(),
                    indicator_code: "M1".into(),
                    score: "1".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(
        gridledger_core::store::ledger::Document::summary(&saved),
        "2026 指标 M1 给 杏坛镇 的评分"
    );
    let e = county
        .store
        .write(&ctx(), |tx| {
            scores::set_manual_score(
                tx,
                &ManualScoreInput {
                    period: "2026".into(),
                    office_code: "320115199000".into(),
                    indicator_code: "M1".into(),
                    score: "1".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("officeCode"), "{e}");
    county
        .store
        .write(&ctx(), |tx| {
            scores::set_manual_score(
                tx,
                &ManualScoreInput {
                    period: "2026".into(),
                    office_code: "320115103000".into(),
                    indicator_code: "M1".into(),
                    score: "1".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let t = score_table(county.store.conn(), "2026", day(2026, 11, 26)).unwrap();
    let rows: Vec<(&str, f64, Option<usize>)> = t
        .offices
        .iter()
        .map(|o| (o.code.as_str(), o.total, o.rank))
        .collect();
    assert_eq!(
        rows,
        [
            ("320115102000", 10.0, Some(1)),
            ("320115103000", 6.0, Some(2)),
            ("320115101000", 5.0, Some(3)),
            ("320115104000", 0.0, None),
        ]
    );
    assert!(t.offices[3].not_reported && t.offices[3].cells.is_empty());
    assert!(
        scores::table::to_text(&t).contains("—\t横溪街道\t320115104000\t未报送\n"),
        "{}",
        scores::table::to_text(&t)
    );
    assert_eq!(cell(&t, "320115101000", "G1").value, Some(2.0));
    // The three that sent are not on the 应报名单 (横溪街道 alone is): ranked, and said so.
    let unlisted = |t: &ScoreTable| -> Vec<bool> { t.offices.iter().map(|o| o.unlisted).collect() };
    assert_eq!(unlisted(&t), [true, true, true, false]);
    county
        .store
        .write(&ctx(), |tx| {
            for (code, name) in [
                ("320115101000", "青溪街道"),
                ("320115102000", "秣陵街道"),
                ("320115103000", "汤山街道"),
            ] {
                senders::set_expected(tx, code, name)?;
            }
            Ok(())
        })
        .unwrap();
    let listed = score_table(county.store.conn(), "2026", day(2026, 11, 26)).unwrap();
    assert_eq!(unlisted(&listed), [false, false, false, false]);
    // Each figure drills into the township's own records.
    let d = report::drill(
        county.store.conn(),
        "320115102000",
        "grids.base",
        day(2026, 11, 26),
    )
    .unwrap();
    assert_eq!(d.count, 4);
    assert!(d.rows.iter().all(|r| r.office_code == "320115102000"));

    // Equal totals share a rank.
    county
        .store
        .write(&ctx(), |tx| {
            scores::set_manual_score(
                tx,
                &ManualScoreInput {
                    period: "2026".into(),
                    office_code: "320115101000".into(),
                    indicator_code: "M1".into(),
                    score: "1".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let t = score_table(county.store.conn(), "2026", day(2026, 11, 26)).unwrap();
    let ranks: Vec<Option<usize>> = t.offices.iter().map(|o| o.rank).collect();
    assert_eq!(ranks, [Some(1), Some(2), Some(2), None]);

    // A key the sender's format could not tell (a 2.2 package carries no
    // questionnaires) is 无数据 there, not 0; a key added later but counted from
    // records that format carried (people, for 2.5's published grid workers) has its
    // figure, whatever the totals stored at receipt hold.
    create(
        &mut county.store,
        &computed("Q1", "assessment.questionnaires", "1", "1"),
    )
    .unwrap();
    create(
        &mut county.store,
        &computed("T3", "people.grid_workers_published", "1", "1"),
    )
    .unwrap();
    county
        .store
        .conn()
        .execute(
            "UPDATE snapshots SET manifest_json = json_set(manifest_json, '$.formatMinor', 2),
                 totals_json = json_remove(totals_json, '$.\"people.grid_workers_published\"')
             WHERE code = '320115102000'",
            [],
        )
        .unwrap();
    let t = score_table(county.store.conn(), "2026", day(2026, 11, 26)).unwrap();
    let q = cell(&t, "320115102000", "Q1");
    assert_eq!(q.value, None);
    assert!(q.note.contains("assessment.questionnaires"), "{}", q.note);
    assert_eq!(q.figures["assessment.questionnaires"], None);
    assert_eq!(
        cell(&t, "320115101000", "Q1").value,
        Some(0.0),
        "a 2.5 file tells it"
    );
    assert_eq!(cell(&t, "320115102000", "T3").value, Some(0.0));
}

/// A period's score counts that period, as 统计 counts it (a probe found every
/// period scored with the all-time figures: 2025's and 2025Q1's 按期办结率 counted
/// 2026's demands, at the township and at its county alike); an office without
/// indicators scores out of 0, not -0.
#[test]
fn scores_count_the_period_asked_here_and_at_the_county() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    qx.store
        .write(&ctx(), |tx| {
            crate::support::unit(tx, "village", None, "320115101001", "青溪社区");
            Ok(())
        })
        .unwrap();
    let csv = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let kind = |k: &str| Kind::parse(k).unwrap();
    let deps = csv("部门.csv", "部门名称,层级\n城管科,乡镇/街道\n");
    assert_eq!(
        commit_file(&mut qx.store, &kind("departments"), &deps).created,
        1
    );
    let demands = csv(
        "诉求.csv",
        "诉求事项,类别,诉求内容,村/社区,受理日期,办理时限,状态,承办部门,交办日期,办结日期,办理结果\n\
         甲,环境卫生,路灯,青溪社区,2025-03-01,2025-03-31,已办结,城管科,2025-03-02,2025-03-10,已修好\n\
         乙,环境卫生,路灯,青溪社区,2025-03-01,2025-03-05,已办结,城管科,2025-03-02,2025-03-20,已修好\n\
         丙,环境卫生,路灯,青溪社区,2026-03-01,2026-03-31,已办结,城管科,2026-03-02,2026-03-10,已修好\n\
         丁,环境卫生,路灯,青溪社区,2026-03-01,2026-03-31,已办结,城管科,2026-03-02,2026-03-10,已修好\n",
    );
    assert_eq!(
        commit_file(&mut qx.store, &kind("demands"), &demands).created,
        4
    );
    let indicators = |s: &mut Store| {
        create(
            s,
            &computed(
                "S02",
                "100 * demands.resolved_on_time / demands.resolved",
                "10",
                "100",
            ),
        )
        .unwrap();
        create(s, &computed("S03", "demands.received", "10", "4")).unwrap();
    };
    indicators(&mut qx.store);
    let scored = |s: &Store, period: &str, scope: &str| {
        let t = score_table(s.conn(), period, day(2026, 11, 26)).unwrap();
        let total = t.offices.iter().find(|o| o.scope == scope).unwrap().total;
        (
            cell(&t, scope, "S02").value,
            cell(&t, scope, "S03").value,
            total,
        )
    };
    // 2025: 甲 on time, 乙 late, 2 received; 2026: both on time.
    assert_eq!(
        scored(&qx.store, "2025", "own"),
        (Some(50.0), Some(2.0), 10.0)
    );
    assert_eq!(
        scored(&qx.store, "2025Q1", "own"),
        (Some(50.0), Some(2.0), 10.0)
    );
    assert_eq!(
        scored(&qx.store, "2026", "own"),
        (Some(100.0), Some(2.0), 15.0)
    );
    // Before anything was entered there is nothing to score: no value, not a 0
    // that a 越低越好 indicator would give full points.
    assert_eq!(scored(&qx.store, "2024", "own"), (None, None, 0.0));

    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let t = score_table(county.store.conn(), "2026", day(2026, 11, 26)).unwrap();
    assert!(t.max_total == 0.0 && t.max_total.is_sign_positive());
    assert!(
        scores::table::to_text(&t).contains("满分 0）"),
        "{}",
        scores::table::to_text(&t)
    );
    let p = qx.export();
    assert_eq!(county.receive(&p).outcome, "accepted");
    indicators(&mut county.store);
    let qx_code = "320115101000";
    assert_eq!(
        scored(&county.store, "2025", qx_code),
        (Some(50.0), Some(2.0), 10.0)
    );
    assert_eq!(
        scored(&county.store, "2026", qx_code),
        (Some(100.0), Some(2.0), 15.0)
    );
    assert_eq!(scored(&county.store, "2024", qx_code), (None, None, 0.0));
}

#[test]
fn the_assessment_kinds_travel_up_and_the_keys_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    qx.store
        .write(&ctx(), |tx| defaults::install(tx).map(|_| ()))
        .unwrap();
    let n = notice(&mut qx.store);
    qx.store
        .write(&ctx(), |tx| {
            scores::create_rectification_item(tx, &item(&n, "补齐走访记录", "2026-12-31", ""))?;
            scores::create_outpost_evaluation(
                tx,
                &OutpostEvaluationInput {
                    period: "2026".into(),
                    department: "区市场监管局青溪分局".into(),
                    score: "92.5".into(),
                    comments: "响应及时".into(),
                },
            )
        })
        .unwrap();
    let e = qx
        .store
        .write(&ctx(), |tx| {
            scores::create_outpost_evaluation(
                tx,
                &OutpostEvaluationInput {
                    period: "2026".into(),
                    department: "区市场监管局青溪分局".into(),
                    score: "80".into(),
                    comments: String::new(),
                },
            )
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("department"));
    let own = report::own_totals(qx.store.conn(), ctx().today()).unwrap();
    assert_eq!(own["assessment.rectifications_open"], 1);
    assert!(own["assessment.indicators"] >= 32);

    let p = qx.export();
    assert_eq!(county.receive(&p).outcome, "accepted");
    let r = report::report(county.store.conn(), ctx().today()).unwrap();
    for key in ["assessment.indicators", "assessment.rectifications_open"] {
        assert_eq!(r.offices["320115101000"].totals[key], own[key], "{key}");
    }
    let got = report::snapshot_records(county.store.conn(), "320115101000", None).unwrap();
    let mine = report::Records::own(qx.store.conn()).unwrap();
    assert_eq!(got.indicators, mine.indicators);
    assert_eq!(got.rectification_items, mine.rectification_items);
    assert_eq!(got.outpost_evaluations, mine.outpost_evaluations);
    assert_eq!(got.outpost_evaluations[0].score, 92.5);
    // The county's screen lists the township's evaluations (issue 16 item 7).
    let received = scores::received_outpost_evaluations(county.store.conn()).unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(
        (
            received[0].office_code.as_str(),
            received[0].office_name.as_str(),
            received[0].evaluation.department.as_str(),
            received[0].evaluation.score,
            received[0].evaluation.comments.as_str()
        ),
        (
            "320115101000",
            "青溪街道",
            "区市场监管局青溪分局",
            92.5,
            "响应及时"
        )
    );
    assert!(scores::received_outpost_evaluations(qx.store.conn())
        .unwrap()
        .is_empty());
    // At the city, inside the county's file: by the township's name, not its code.
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    assert_eq!(city.receive(&county.export()).outcome, "accepted");
    let at_city = scores::received_outpost_evaluations(city.store.conn()).unwrap();
    assert_eq!(at_city[0].office_name, "青溪街道（江宁区报送）");
    // The county drills into the township's open items.
    let d = report::drill(
        county.store.conn(),
        "320115101000",
        "assessment.rectifications_open",
        ctx().today(),
    )
    .unwrap();
    assert_eq!(d.rows.len(), 1);
    assert_eq!(d.rows[0].name, "补齐走访记录");
}

// ---------- import ----------

/// A key typed over another record's key (P01's row made P02 beside P02's own
/// row): neither row goes in, each names the other, and the stored P02 keeps its
/// name. The first of them used to go in unsaid, rewriting P02 with P01's values,
/// while the untouched row was the one refused. Two rows alike in every column
/// stay one row imported, the other refused.
#[test]
fn two_differing_rows_of_one_key_are_both_refused_and_nothing_is_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store();
    let k = Kind::parse("indicators").unwrap();
    let header = "指标组,指标编号,指标名称,单位,分值,目标值,方向,评分方式,计算公式,是否停用,说明\n";
    let p01 = "党建引领,P01,三亮完成率,%,5,90,越高越好,按统计计算,100 * compounds.sanliang_complete / compounds.total,否,\n";
    let p02 = "群众满意度,P02,满意度,分,6,,,考核组评分,,,\n";
    let path = dir.path().join("指标.csv");
    std::fs::write(&path, format!("{header}{p01}{p02}")).unwrap();
    commit_file(&mut s, &k, &path);
    let names = |s: &Store| -> Vec<(String, String)> {
        scores::indicators(s.conn())
            .unwrap()
            .into_iter()
            .map(|i| (i.code, i.name))
            .collect()
    };
    let before = names(&s);
    assert_eq!(before.len(), 2);

    let typo = dir.path().join("改错编号.csv");
    std::fs::write(&typo, format!("{header}{}{p02}", p01.replace("P01", "P02"))).unwrap();
    let p = k.preview(s.conn(), &typo, day(2026, 11, 26)).unwrap();
    assert_eq!(
        (p.valid_rows, p.rejected_rows, p.to_update),
        (0, 2, 0),
        "{:?}",
        p.problems
    );
    let said: Vec<(usize, &str)> = p
        .problems
        .iter()
        .map(|x| (x.row, x.message.as_str()))
        .collect();
    assert!(
        said[0].0 == 2 && said[0].1.starts_with("与第 3 行重复（同一指标编号）"),
        "{said:?}"
    );
    assert!(
        said[1].0 == 3 && said[1].1.starts_with("与第 2 行重复（同一指标编号）"),
        "{said:?}"
    );
    assert!(said[0].1.contains("都没有导入"), "{said:?}");
    let done = commit_file(&mut s, &k, &typo);
    assert_eq!((done.created, done.updated, done.rejected), (0, 0, 2));
    assert_eq!(names(&s), before, "P02 not rewritten with P01's values");

    // The same row twice: the first goes in, the second is a repeat, not an error.
    let twice = dir.path().join("同一行两次.csv");
    std::fs::write(&twice, format!("{header}{p01}{p01}")).unwrap();
    let p = k.preview(s.conn(), &twice, day(2026, 11, 26)).unwrap();
    assert_eq!(
        (p.valid_rows, p.rejected_rows, p.repeated_rows),
        (1, 0, 1),
        "{:?}",
        p.problems
    );
    assert!(
        p.notes
            .iter()
            .any(|n| n.starts_with("第 3 行：") && n.contains("其他各列也相同），只导入第 2 行")),
        "{:?}",
        p.notes
    );

    // A third row like the first of two that differ: refused as the first's copy,
    // not told it differs from it.
    let thrice = dir.path().join("三行.csv");
    let typo_row = p01.replace("P01", "P02");
    std::fs::write(&thrice, format!("{header}{typo_row}{p02}{typo_row}")).unwrap();
    let p = k.preview(s.conn(), &thrice, day(2026, 11, 26)).unwrap();
    assert_eq!((p.valid_rows, p.rejected_rows), (0, 3), "{:?}", p.problems);
    let last = &p.problems.iter().find(|x| x.row == 4).unwrap().message;
    assert!(
        last.contains(
            "与第 2 行重复（同一指标编号，导入的其他各列也相同）。第 2 行没有导入，这一行也不导入"
        ),
        "{last}"
    );

    // A, A, A′: the copy was told "只导入第 2 行" before row 4 took row 2 back.
    let later = dir.path().join("后一行不同.csv");
    std::fs::write(&later, format!("{header}{typo_row}{typo_row}{p02}")).unwrap();
    let p = k.preview(s.conn(), &later, day(2026, 11, 26)).unwrap();
    assert_eq!(
        (p.valid_rows, p.rejected_rows, p.repeated_rows),
        (0, 3, 0),
        "{:?}",
        p.problems
    );
    assert!(
        !p.notes.iter().any(|n| n.contains("只导入")),
        "{:?}",
        p.notes
    );
    let copy = &p.problems.iter().find(|x| x.row == 3).unwrap().message;
    assert!(copy.contains("第 2 行没有导入，这一行也不导入"), "{copy}");
    let errors = dir.path().join("错误.xlsx");
    k.write_error_workbook(s.conn(), &later, &errors, day(2026, 11, 26))
        .unwrap();
    let rows = crate::support::sheet_rows(&errors);
    let cells: Vec<&String> = rows.iter().flatten().collect();
    assert!(
        cells
            .iter()
            .any(|c| c.contains("第 2 行没有导入，这一行也不导入")),
        "{rows:?}"
    );
    assert!(
        !cells.iter().any(|c| c.contains("只导入第 2 行")),
        "{rows:?}"
    );
}

#[test]
fn indicator_import_names_bad_rows_by_column_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store();
    let path = dir.path().join("指标.csv");
    std::fs::write(
        &path,
        "指标组,指标编号,指标名称,单位,分值,目标值,方向,评分方式,计算公式,是否停用,说明\n\
         党建引领,P01,三亮完成率,%,5,90,越高越好,按统计计算,100 * compounds.sanliang_complete / compounds.total,否,\n\
         服务质量,S01,需求办结率,%,4,90,越高越好,按统计计算,demands.resolved / demands.recieved,,\n\
         服务质量,S02,按期办结,%,四,90,越高越好,按统计计算,demands.resolved_on_time,,\n\
         群众满意度,M01,满意度,分,6,,,考核组评分,,,\n\
         群众满意度,M02,投诉,分,2,,,考核组评分,,也许,\n\
         群众满意度,m01,满意度,分,6,,,考核组评分,,,\n\
         群众满意度,M03,走访,分,2,,,考核组评分,visits.total,,\n",
    )
    .unwrap();
    let k = Kind::parse("indicators").unwrap();
    assert_eq!(Kind::parse("考核指标").unwrap(), k);
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    assert_eq!(
        (p.total_rows, p.valid_rows, p.rejected_rows, p.repeated_rows),
        (7, 2, 4, 1)
    );
    let by_row = problem_places(&p);
    // m01 is M01 again, not a second indicator: a repeat of row 5.
    assert!(
        p.notes
            .iter()
            .any(|n| n.starts_with("第 7 行：与第 5 行重复")),
        "{:?}",
        p.notes
    );
    assert_eq!(
        by_row,
        [
            (3, "计算公式"),
            (4, "分值"),
            (6, "是否停用"),
            // A formula the 考核组's score would drop without a word.
            (8, "计算公式")
        ]
    );
    assert!(p.problems[3].message.contains("不用计算公式"));
    assert!(p.problems[0].message.contains("demands.recieved"));

    let first = commit_file(&mut s, &k, &path);
    assert_eq!((first.created, first.rejected), (2, 4));
    // One import, one version.
    assert_eq!(scores::current_version(s.conn()).unwrap(), 1);
    imports_again_unchanged(&mut s, &k, &path, 2);
    assert_eq!(scores::current_version(s.conn()).unwrap(), 1);

    export_imports_back(&mut s, &k, "indicators", dir.path(), day(2026, 11, 26), 2);
    // A later file writing m01 for the stored M01 updates it (it made a second).
    let lower = dir.path().join("小写.csv");
    std::fs::write(
        &lower,
        "指标组,指标编号,指标名称,单位,分值,目标值,方向,评分方式,计算公式,是否停用,说明
         群众满意度,m01,群众满意度,分,6,,,考核组评分,,,
",
    )
    .unwrap();
    let again = commit_file(&mut s, &k, &lower);
    assert_eq!((again.created, again.updated), (0, 1));
    let all = scores::indicators(s.conn()).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .any(|i| i.name == "群众满意度" && i.code == "M01"));
}

#[test]
fn rectification_import_names_bad_rows_by_column_and_reimports_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store();
    let notice_id = notice(&mut s);
    let path = dir.path().join("整改.csv");
    std::fs::write(
        &path,
        "所属通报,整改事项,责任人,整改期限,完成日期,备注\n\
         关于网格员履职不到位的通报,补齐走访记录,王主任,2026-11-30,,\n\
         关于网格员履职不到位的通报,公示牌更新,李书记,2026/10/31,2026-10-20,\n\
         ,台账,王主任,2026-11-30,,\n\
         关于网格员履职不到位的通报,培训,,2026-11-30,,\n\
         关于网格员履职不到位的通报,整理,王主任,下个月,,\n\
         关于网格员履职不到位的通报,制度上墙,王主任,2026-10-01,,\n\
         关于网格员履职不道位的通报,补齐走访记录,王主任,2026-11-30,,\n",
    )
    .unwrap();
    let k = Kind::parse("rectification-items").unwrap();
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    assert_eq!((p.valid_rows, p.rejected_rows), (3, 4));
    let by_row = problem_places(&p);
    assert_eq!(
        by_row,
        [
            (4, "所属通报"),
            (5, "责任人"),
            (6, "整改期限"),
            (7, "整改期限")
        ]
    );
    // Due before the notice (10-10) was issued: overdue on arrival (probe O).
    assert!(p.problems[3]
        .message
        .contains("早于通报的发文日期 2026-10-10"));
    // A notice not registered here (a misspelt title): said before it stands.
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("“关于网格员履职不道位的通报”没有在“表彰与通报”里登记")),
        "{:?}",
        p.notes
    );
    let first = commit_file(&mut s, &k, &path);
    assert_eq!(first.created, 3);
    // Read again, the items it recorded are not told they will be (probe AO).
    let again = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    assert!(
        !again
            .notes
            .iter()
            .any(|n| n.contains("没有在“表彰与通报”里登记")),
        "{:?}",
        again.notes
    );
    imports_again_unchanged(&mut s, &k, &path, 3);
    // The notice re-dated after its items: one due before the new day is said.
    let e = s
        .write(&ctx(), |tx| {
            scores::update_result(
                tx,
                &notice_id,
                &AssessmentResultInput {
                    period: "2026".into(),
                    kind: "通报批评".into(),
                    title: "关于网格员履职不到位的通报".into(),
                    recipient: "青溪社区".into(),
                    issued_on: "2026-11-25".into(),
                    document_no: "青街〔2026〕12号".into(),
                    note: String::new(),
                },
            )
        })
        .unwrap_err();
    refused_on(&e, "issuedOn", "早于新的发文日期 2026-11-25");
    export_imports_back(
        &mut s,
        &k,
        "rectification-items",
        dir.path(),
        day(2026, 11, 26),
        3,
    );
}

/// An office that installed the defaults at version 2 gets version 3's names (an
/// office may skip versions, and each earlier row is looked at).
#[test]
fn version_two_names_become_version_three_names() {
    let mut s = store();
    let v2 = |code: &str, name: &str| {
        *defaults::EARLIER_ROWS
            .iter()
            .find(|r| r.1 == code && r.2 == name)
            .unwrap()
    };
    for row in [v2("M01", "问卷满意度"), v2("S02", "需求按期办结率")] {
        create(&mut s, &defaults::input(&row)).unwrap();
    }
    let u = s.write(&ctx(), defaults::upgrade).unwrap();
    assert_eq!(u.changed, ["S02 需求按期办结率", "M01 问卷满意度"]);
    let names: Vec<String> = scores::indicators(s.conn())
        .unwrap()
        .into_iter()
        .map(|i| format!("{} {} {}", i.code, i.name, i.formula))
        .collect();
    assert_eq!(
        names,
        [
            "S02 诉求按期办结率 100 * demands.resolved_on_time / demands.resolved",
            "M01 问卷和回访满意度 100 * assessment.satisfaction / assessment.satisfaction_judged"
        ]
    );
    // Again: nothing.
    assert!(s
        .write(&ctx(), defaults::upgrade)
        .unwrap()
        .changed
        .is_empty());
}

/// The defaults' second version (issue 16 item 3): M01 is a share and D09 is
/// computed; an office whose system an earlier default installed gets them, and the
/// rows once installed as manual for want of their keys, while what it edited and
/// what the team has already scored stay as they are.
#[test]
fn later_default_versions_reach_existing_systems_without_losing_manual_scores() {
    // The new formulas on hand-made figures.
    let figures = |k: &str| match k {
        "assessment.satisfaction" => Some(45.0),
        "assessment.satisfaction_judged" => Some(60.0),
        "admission.overdue_exit" => Some(1.0),
        "rectification.secondments_unapproved" => Some(2.0),
        _ => None,
    };
    let row = |code: &str| {
        *defaults::DEFAULT_SYSTEM
            .iter()
            .find(|r| r.1 == code)
            .unwrap()
    };
    let eval = |code: &str| formula::parse(row(code).7).unwrap().eval(&figures);
    assert_eq!(eval("M01"), Ok(75.0)); // 45 of 60 answers satisfied
    assert_eq!(eval("D09"), Ok(3.0)); // 1 overdue + 2 unapproved
    for code in ["M01", "D09"] {
        formula::check(row(code).7, &scores::known_keys()).unwrap();
    }
    assert_eq!(defaults::DEFAULTS_VERSION, 7);

    // A system as version 1 installed it before the training keys existed.
    let mut s = store();
    let v1 = |group: &str,
              code: &str,
              name: &str,
              unit: &str,
              points: &str,
              target: &str,
              direction: &str,
              method: &str,
              formula: &str,
              note: &str| IndicatorInput {
        group: group.into(),
        code: code.into(),
        name: name.into(),
        unit: unit.into(),
        points: points.into(),
        target: target.into(),
        direction: direction.into(),
        method: method.into(),
        formula: formula.into(),
        note: note.into(),
        ..Default::default()
    };
    let planned = |f: &str| format!("计划公式：{f}（所需统计项上线后可改为按统计计算）");
    let old = [
        v1(
            "群众满意度",
            "M01",
            "问卷满意度",
            "%",
            "6",
            "90",
            "越高越好",
            "computed",
            "assessment.satisfaction",
            "",
        ),
        v1(
            "权责落实",
            "D09",
            "事项准入规范",
            "分",
            "2",
            "0",
            "越高越好",
            "manual",
            "",
            "清单外事项经准入程序，考核组查阅",
        ),
        v1(
            "队伍建设",
            "T05",
            "社区工作者培训覆盖率",
            "%",
            "3",
            "90",
            "越高越好",
            "manual",
            "",
            &format!(
                "本年度至少参加一次培训的社区工作者占比；{}",
                planned("100 * training.community_workers_trained / people.community_workers")
            ),
        ),
        v1(
            "队伍建设",
            "T08",
            "培训人次",
            "人次",
            "2",
            "200",
            "越高越好",
            "manual",
            "",
            &planned("training.person_times"),
        ),
        // Edited by the office (3 points → 4): its own.
        v1(
            "群众满意度",
            "M02",
            "问卷回收数",
            "份",
            "4",
            "500",
            "越高越好",
            "manual",
            "",
            &planned("assessment.questionnaires"),
        ),
        // As versions 1 and 2 named it (需求, where every screen says 诉求), and as
        // versions 1 to 4 counted it (every demand resolved in the period).
        defaults::input(
            defaults::EARLIER_ROWS
                .iter()
                .find(|r| r.1 == "S01" && r.2 == "需求办结率")
                .unwrap(),
        ),
        // As versions 1 to 3 had it: every published person over grid workers.
        defaults::input(
            defaults::EARLIER_ROWS
                .iter()
                .find(|r| r.1 == "T03")
                .unwrap(),
        ),
        // As versions 1 to 5 had it: the compounds drawn, checked or not.
        defaults::input(
            defaults::EARLIER_ROWS
                .iter()
                .find(|r| r.1 == "S03")
                .unwrap(),
        ),
        // As versions 1 to 6 had it: every item not yet done, within its 整改期限 too.
        defaults::input(
            defaults::EARLIER_ROWS
                .iter()
                .find(|r| r.1 == "D08")
                .unwrap(),
        ),
        // Already as this version has it.
        v1(
            "党建引领",
            "P01",
            "小区党支部“三亮”完成率",
            "%",
            "5",
            "90",
            "越高越好",
            "computed",
            "100 * compounds.sanliang_complete / compounds.total",
            "组织架构、工作职责、党员身份三项均已公开的小区占比",
        ),
    ];
    let ids: Vec<String> = old.iter().map(|i| create(&mut s, i).unwrap().id).collect();
    // The team scored T08 for 2026 while it was manual.
    s.write(&ctx(), |tx| {
        scores::set_manual_score(
            tx,
            &ManualScoreInput {
                period: "2026".into(),
                office_code: "320115101000".into(),
                indicator_code: "T08".into(),
                score: "1.5".into(),
                note: "查阅培训签到表".into(),
                evidence: String::new(),
            },
        )
    })
    .unwrap();
    let before = scores::current_version(s.conn()).unwrap();
    let p01_before: Indicator = gridledger_core::store::ledger::get(s.conn(), &ids[9]).unwrap();

    let u = s.write(&ctx(), defaults::upgrade).unwrap();
    assert_eq!(
        u.changed,
        [
            "T03 人员信息公示率",
            "T05 社区工作者培训覆盖率",
            "D08 未完成整改事项",
            "D09 事项准入规范",
            "S01 需求办结率",
            "S03 小区季度抽查覆盖率",
            "M01 问卷满意度"
        ]
    );
    assert_eq!(u.kept_scored, ["T08 培训人次"]);
    assert_eq!(u.version, Some(before + 1));
    let get = indicator;
    assert_eq!(get(&s, "S01").name, "诉求办结率");
    assert_eq!(
        get(&s, "S01").formula,
        "100 * demands.received_resolved / demands.received"
    );
    assert_eq!(
        get(&s, "T03").formula,
        "100 * people.grid_workers_published / people.grid_workers"
    );
    assert_eq!(
        get(&s, "S03").formula,
        "100 * assessment.compounds_checked / assessment.compounds_quarters"
    );
    let d08 = get(&s, "D08");
    assert_eq!(
        (d08.name.as_str(), d08.formula.as_str()),
        ("逾期未完成整改事项", "assessment.rectifications_overdue")
    );
    let m01 = get(&s, "M01");
    assert_eq!(m01.name, "问卷和回访满意度");
    assert_eq!(
        m01.formula,
        "100 * assessment.satisfaction / assessment.satisfaction_judged"
    );
    let d09 = get(&s, "D09");
    assert_eq!(
        (
            d09.method,
            d09.formula.as_str(),
            d09.unit.as_str(),
            d09.direction
        ),
        (
            scores::Method::Computed,
            "admission.overdue_exit + rectification.secondments_unapproved",
            "项",
            scores::Direction::Lower
        )
    );
    let t05 = get(&s, "T05");
    assert_eq!(
        (t05.method, t05.note.as_str()),
        (
            scores::Method::Computed,
            "本年度至少参加一次培训的社区工作者占比"
        )
    );
    assert_eq!(
        t05.formula,
        "100 * training.community_workers_trained / people.community_workers"
    );
    // Left alone: scored manual, edited, current.
    assert_eq!(get(&s, "T08").method, scores::Method::Manual);
    assert_eq!(get(&s, "M02").method, scores::Method::Manual);
    assert_eq!(get(&s, "P01"), p01_before);
    // The manual score is still there and still counts.
    let kept = scores::manual_scores(s.conn(), "2026").unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (kept[0].indicator_code.as_str(), kept[0].score),
        ("T08", 1.5)
    );
    let t = score_table(s.conn(), "2026", day(2026, 11, 26)).unwrap();
    assert_eq!(cell(&t, "own", "T08").points, 1.5);
    // The version before stays readable with the old M01.
    let old_v = scores::version(s.conn(), before).unwrap();
    let old_m01 = old_v.indicators.iter().find(|i| i.code == "M01").unwrap();
    assert_eq!(old_m01.formula, "assessment.satisfaction");
    let new_v = scores::version(s.conn(), before + 1).unwrap();
    assert!(new_v.note.contains("第 7 版"), "{}", new_v.note);
    // One change-log row per indicator changed.
    let logged: i64 = crate::support::one(
        &s,
        "SELECT count(*) FROM change_log WHERE table_name = 'indicators' AND op = 'update'",
    );
    assert_eq!(logged, 7);
    // Again: nothing to do.
    let again = s.write(&ctx(), defaults::upgrade).unwrap();
    assert_eq!((again.version, again.changed.len()), (None, 0));
    assert_eq!(again.kept_scored, ["T08 培训人次"]);
    assert_eq!(scores::current_version(s.conn()).unwrap(), before + 1);
}

/// A computed indicator's 目标值 left blank is refused, naming the row and column:
/// read as 0, it gave 越高越好 full points whatever the figure. A manually scored
/// indicator needs none.
#[test]
fn a_computed_indicator_without_a_target_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("g.db")).unwrap();
    township(&mut s);
    let path = dir.path().join("指标.csv");
    std::fs::write(
        &path,
        "指标组,指标编号,指标名称,单位,分值,目标值,方向,评分方式,计算公式\n\
         服务质量,Q1,覆盖率,%,5,,越高越好,按统计计算,100 * grids.base / grids.base\n\
         服务质量,Q2,群众评议,分,5,,越高越好,考核组评分,\n",
    )
    .unwrap();
    let p = Kind::parse("indicators")
        .unwrap()
        .preview(s.conn(), &path, day(2026, 11, 26))
        .unwrap();
    assert_eq!(crate::support::problem_places(&p), [(2, "目标值")]);
    assert!(
        p.problems[0].message.contains("请填写目标值"),
        "{}",
        p.problems[0].message
    );
    assert_eq!(p.to_create, 1);
}

/// A period is scored with the indicator system in force for it: an edit made
/// after a period closed leaves that period's table as it was (2025 was rescored
/// with December's set, 第 3 版 and 满分 100.5, after it was published as 第 1 版).
#[test]
fn a_closed_period_keeps_the_indicator_system_it_was_scored_with() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("g.db")).unwrap();
    township(&mut s);
    let a = create(&mut s, &computed("A1", "grids.base + 2", "10", "4")).unwrap();
    create(&mut s, &manual("M1", "5")).unwrap();
    // In the new year the system changes: A1 worth 20, a new indicator.
    s.write(&crate::support::ctx_on(2027, 2, 1), |tx| {
        scores::update_indicator(tx, &a.id, &computed("A1", "grids.base + 2", "20", "4"))?;
        scores::create_indicator(tx, &manual("M2", "3"))
    })
    .unwrap();
    let later = day(2027, 2, 2);
    let closed = score_table(s.conn(), "2026", later).unwrap();
    assert_eq!((closed.version, closed.max_total), (2, 15.0));
    assert_eq!(closed.indicators.len(), 2);
    let now = score_table(s.conn(), "2027Q1", later).unwrap();
    assert_eq!((now.version, now.max_total), (4, 28.0));
    // A period not begun is not scored.
    let e = score_table(s.conn(), "2027Q2", later).unwrap_err();
    assert_eq!(e.field(), Some("period"));
    assert!(e.to_string().starts_with("2027年第二季度还没有开始"), "{e}");
    // A year before any version: the system as its first day left it.
    let before = score_table(s.conn(), "2025", later).unwrap();
    assert_eq!((before.version, before.max_total), (2, 15.0));

    // The table as a workbook: titled with its period and version, a row an office.
    let out = dir.path().join("评分表.xlsx");
    scores::table::write_xlsx(s.conn(), &out, &closed, later).unwrap();
    let rows = crate::support::sheet_rows(&out);
    assert!(
        rows[1][0].contains("考核期间 2026年 · 指标体系第 2 版，满分 15"),
        "{:?}",
        rows[1]
    );
    let head = &rows[2];
    assert!(
        head.iter().any(|h| h == "总分") && head.iter().any(|h| h == "名次"),
        "{head:?}"
    );
    // Each group's column says its maximum, as the screen's does (党建引领（30）).
    for g in &closed.offices[0].groups {
        let header = format!("{}（{}）", g.label, g.max);
        assert!(head.contains(&header), "{header}: {head:?}");
    }
    assert!(!closed.offices[0].groups.is_empty());
    // 名次 first, no 序号 beside it (the two read as one number: 11, 21, 33).
    assert_eq!(head[0], "名次", "{head:?}");
    let own = rows
        .iter()
        .find(|r| r.iter().any(|c| c.ends_with("（本单位）")))
        .unwrap();
    let total = head.iter().position(|h| h == "总分").unwrap();
    assert_eq!(own[total], closed.offices[0].total.to_string());
    // 各项指标: each indicator's target and how it is computed, by the figures' names
    // (probe L: a county could not tell why an office scored what it did).
    let details = crate::support::nth_sheet_rows(&out, 1);
    let head = &details[2];
    let col = |name: &str| {
        head.iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}: {head:?}"))
    };
    let (target, method) = (col("目标"), col("计算方法"));
    let computed = details
        .iter()
        .find(|r| r.get(method).is_some_and(|m| m.contains('【')))
        .unwrap_or_else(|| panic!("{details:?}"));
    assert!(computed[target].contains('（'), "{computed:?}");
}

/// A township whose file holds no record, and a county with no ledger of its own,
/// are not scored on computed indicators: no value, 无数据 said (an empty file
/// earned full points on every 越低越好 one: 0 未完成整改事项). A township with
/// records and no open rectification still gets them.
#[test]
fn an_office_that_holds_nothing_is_not_scored_on_computed_indicators() {
    let dir = tempfile::tempdir().unwrap();
    let mut full = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut empty = office(dir.path(), "township", "320115102000", "汤山街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    for p in [full.export(), empty.export()] {
        assert_eq!(county.receive(&p).outcome, "accepted");
    }
    let mut lower = computed("D08", "assessment.rectifications_open", "3", "0");
    lower.direction = "越低越好".into();
    create(&mut county.store, &lower).unwrap();
    let t = score_table(county.store.conn(), "2026", day(2026, 11, 26)).unwrap();
    let c = cell(&t, "320115102000", "D08");
    assert_eq!((c.value, c.points), (None, 0.0));
    assert_eq!(c.note, scores::table::NOTHING_HELD);
    // The county keeps no ledger of its own: no row of its own among its townships.
    assert!(t.offices.iter().all(|o| o.scope != "own"));
    let c = cell(&t, "320115101000", "D08");
    assert!(c.value.is_some(), "{}", c.note);
}

/// An indicator put back from the recycle bin is scored again: its restoring is a
/// new version of the system (before, the version in force had it deleted, so the
/// list showed it and the table left it and its manual scores out). One whose code
/// another indicator took meanwhile stays in the bin, saying which.
#[test]
fn an_indicator_restored_from_the_recycle_bin_is_scored_again() {
    let mut s = store();
    create(&mut s, &manual("M1", "5")).unwrap();
    let m2 = create(&mut s, &manual("M2", "3")).unwrap();
    let in_force = |s: &Store| -> Vec<String> {
        let (_, list) = scores::in_force_on(s.conn(), ctx().today()).unwrap();
        list.into_iter().map(|i| i.code).collect()
    };
    assert_eq!(in_force(&s), ["M1", "M2"]);
    let entry = s
        .write(&ctx(), |tx| scores::delete_indicator(tx, &m2.id))
        .unwrap();
    assert_eq!(in_force(&s), ["M1"]);
    s.write(&ctx(), |tx| gridledger_core::kinds::restore(tx, &entry.id))
        .unwrap();
    assert_eq!(in_force(&s), ["M1", "M2"], "scored again");
    let notes: Vec<String> = scores::versions(s.conn())
        .unwrap()
        .into_iter()
        .map(|v| v.note)
        .collect();
    assert!(notes.iter().any(|n| n.contains("恢复指标 M2")), "{notes:?}");

    // Deleted again, its code taken by a new indicator: it stays in the bin.
    let entry = s
        .write(&ctx(), |tx| scores::delete_indicator(tx, &m2.id))
        .unwrap();
    create(&mut s, &manual("M2", "2")).unwrap();
    let e = s
        .write(&ctx(), |tx| gridledger_core::kinds::restore(tx, &entry.id))
        .unwrap_err();
    assert!(e.to_string().contains("指标编号 M2 已经被"), "{e}");
}

/// An indicator turned to 考核组评分 by a file whose 计算公式 is blank: the note says
/// the formula will be cleared by its column's name, never by the figure keys it
/// holds (会清空…计算公式（compounds.total）).
#[test]
fn a_cleared_formula_is_said_by_its_column_not_its_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store();
    let k = Kind::parse("indicators").unwrap();
    let header = "指标组,指标编号,指标名称,单位,分值,目标值,方向,评分方式,计算公式,是否停用,说明\n";
    let computed = "党建引领,P01,三亮完成率,%,5,90,越高越好,按统计计算,100 * compounds.sanliang_complete / compounds.total,否,\n";
    let path = dir.path().join("指标.csv");
    std::fs::write(&path, format!("{header}{computed}")).unwrap();
    commit_file(&mut s, &k, &path);
    let manual = "党建引领,P01,三亮完成率,%,5,,,考核组评分,,否,\n";
    std::fs::write(&path, format!("{header}{manual}")).unwrap();
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    let note = p.notes.iter().find(|n| n.contains("会清空")).expect("said");
    assert!(
        note.contains("计算公式") && !note.contains("compounds."),
        "{note}"
    );
}

/// A county that tracks what it asked of a township (督办: the item's 责任人 is the
/// township) counted the item twice: once as its own, once in the township's file.
/// Each item now counts once, in the file of the office that must put it right, on
/// every level; the county's list still shows what it supervises.
#[test]
fn an_item_a_county_supervises_counts_once_in_the_townships_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut ml = office(dir.path(), "township", "320115102000", "秣陵街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    let title = "关于网格员履职不到位的通报";
    let with_owner = |notice: &str, name: &str, owner: &str| RectificationItemInput {
        owner: owner.into(),
        ..item(notice, name, "2026-12-31", "")
    };
    // The township enters what the county asked of it, by the notice's title.
    ml.store
        .write(&ctx(), |tx| {
            scores::create_rectification_item(tx, &with_owner(title, "台账补录", "党政办"))
        })
        .unwrap();
    county
        .store
        .write(&ctx(), |tx| {
            gridledger_core::exchange::senders::set_expected(tx, "320115102000", "秣陵街道")?;
            let n = scores::create_result(
                tx,
                &AssessmentResultInput {
                    period: "2026".into(),
                    kind: "通报批评".into(),
                    title: title.into(),
                    recipient: "秣陵街道".into(),
                    issued_on: "2026-10-10".into(),
                    document_no: "江宁〔2026〕5号".into(),
                    note: String::new(),
                },
            )?;
            scores::create_rectification_item(tx, &with_owner(&n.id, "台账补录", "秣陵街道"))?;
            scores::create_rectification_item(
                tx,
                &with_owner(&n.id, "走访补课", " 秣陵街道 组织办"),
            )?;
            // The city's notice to the county: the county's own to put right.
            scores::create_rectification_item(
                tx,
                &with_owner("南京市通报〔2026〕2号", "制度修订", "区委办"),
            )
        })
        .unwrap();
    let today = day(2026, 11, 26);
    let listed = |county: &crate::support::Office| {
        let mut l: Vec<(String, String, String)> = scores::rectification_items(county.store.conn())
            .unwrap()
            .into_iter()
            .map(|r| (r.item, r.supervised_office, r.supervised_state))
            .collect();
        l.sort();
        l
    };
    let row = |item: &str, office: &str, state: &str| {
        (item.to_string(), office.to_string(), state.to_string())
    };
    assert_eq!(
        listed(&county),
        [
            row("制度修订", "", ""),
            row(
                "台账补录",
                "秣陵街道",
                "秣陵街道还没有报送文件，这一项尚未在任何单位计数"
            ),
            row(
                "走访补课",
                "秣陵街道",
                "秣陵街道还没有报送文件，这一项尚未在任何单位计数"
            ),
        ]
    );
    let own = report::own_totals(county.store.conn(), today).unwrap();
    assert_eq!(own["assessment.rectifications_open"], 1);
    let d = report::drill(
        county.store.conn(),
        "own",
        "assessment.rectifications_open",
        today,
    )
    .unwrap();
    assert_eq!(
        d.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["制度修订"]
    );

    // With the township's file: 2, not 4. The county sees where each item stands there.
    county.receive(&ml.export());
    assert_eq!(
        listed(&county),
        [
            row("制度修订", "", ""),
            row("台账补录", "秣陵街道", "秣陵街道整改中"),
            row(
                "走访补课",
                "秣陵街道",
                "秣陵街道报送的文件里没有这一项，尚未在任何单位计数"
            ),
        ]
    );
    let year = gridledger_core::base::period::Period::year(2026).unwrap();
    let r = report::period_report(county.store.conn(), &year, today).unwrap();
    assert_eq!(r.total.figures["assessment.rectifications_open"], 2);
    // The county's file carries its own item only; the city counts the same 2.
    let file = county.export();
    let part = crate::support::zip_entry(&file, "records/rectification_items.jsonl");
    assert_eq!(String::from_utf8_lossy(&part).lines().count(), 1);
    city.receive(&file);
    let r = report::period_report(city.store.conn(), &year, today).unwrap();
    let row = r.rows.iter().find(|o| o.code == "320115000000").unwrap();
    assert_eq!(row.figures["assessment.rectifications_open"], 2);

    // An item is open from its notice's 发文日期: not in the periods before it (a 2026
    // item was open in 2025's figures).
    for (period, open) in [("2025", 0), ("2026Q3", 0), ("2026Q4", 2), ("2026", 2)] {
        let p = gridledger_core::base::period::Period::parse("period", period).unwrap();
        let r = report::period_report(city.store.conn(), &p, today).unwrap();
        assert_eq!(
            r.total.figures["assessment.rectifications_open"], open,
            "{period}"
        );
    }
    // A notice renamed renames its items (one notice showed two titles).
    county
        .store
        .write(&ctx(), |tx| {
            let n = scores::results(tx)?.remove(0);
            scores::update_result(
                tx,
                &n.id,
                &AssessmentResultInput {
                    period: n.period,
                    kind: "通报批评".into(),
                    title: "关于网格员履职不到位的通报（修订）".into(),
                    recipient: n.recipient,
                    issued_on: "2026-10-12".into(),
                    document_no: n.document_no,
                    note: String::new(),
                },
            )
        })
        .unwrap();
    let renamed: Vec<(String, Option<String>)> = scores::rectification_items(county.store.conn())
        .unwrap()
        .into_iter()
        .filter(|r| !r.result_id.is_empty())
        .map(|r| (r.notice, r.issued_on))
        .collect();
    assert_eq!(renamed.len(), 2);
    assert!(renamed
        .iter()
        .all(|(t, on)| t == "关于网格员履职不到位的通报（修订）"
            && on.as_deref() == Some("2026-10-12")));

    // Named by code, or by a name it begins with (the township, one of its offices).
    let below = [
        ("320115102000".to_string(), "秣陵街道".to_string()),
        ("320115000000".to_string(), "秣陵".to_string()),
    ];
    for (owner, named) in [
        ("320115102000", Some("秣陵街道")),
        ("秣陵街道办事处", Some("秣陵街道")),
        ("秣陵街道组织办", Some("秣陵街道")),
        ("秣陵社区", Some("秣陵")),
        ("区委办", None),
    ] {
        assert_eq!(
            scores::office_below_named(&below, owner).as_deref(),
            named,
            "{owner}"
        );
    }
}

/// A city ranks counties on their figures per township they carry: a count meets a
/// township-sized target as the average, a rate stands as it is. Two counties of
/// the same townships' work score the same however many townships each carries
/// (probe AK: a third identical township took a county from 61.88 to 64.76).
#[test]
fn a_city_scores_each_county_per_township_it_carries() {
    let dir = tempfile::tempdir().unwrap();
    let office = crate::support::office;
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", true);
    let mut ml = office(dir.path(), "township", "320115102000", "秣陵街道", true);
    let mut xl = office(dir.path(), "township", "320113101000", "尧化街道", true);
    let mut jn = office(dir.path(), "county", "320115000000", "江宁区", false);
    let mut qxq = office(dir.path(), "county", "320113000000", "栖霞区", false);
    let mut city = office(dir.path(), "city", "320100000000", "南京市", false);
    jn.receive(&qx.export());
    jn.receive(&ml.export());
    qxq.receive(&xl.export());
    city.receive(&jn.export());
    city.receive(&qxq.export());
    city.store.write(&ctx(), defaults::install).unwrap();
    let t = score_table(city.store.conn(), "2026", day(2026, 11, 26)).unwrap();
    let of = |code: &str| t.offices.iter().find(|o| o.code == code).unwrap();
    let (two, one) = (of("320115000000"), of("320113000000"));
    assert_eq!(two.averaged_over, Some(2));
    assert_eq!(one.averaged_over, None);
    assert!(
        (two.total - one.total).abs() < 0.01,
        "{} vs {}",
        two.total,
        one.total
    );
    assert!(two.total > 0.0);
}
