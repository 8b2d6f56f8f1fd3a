//! Questionnaires and call-backs (问卷与电话回访, issue 16 item 6): definitions with
//! bad options refused, papers entered and imported (a bad answer named by its
//! column), re-import unchanged, results per question and satisfaction against a
//! hand-built fixture, demands' 回访 counted as call-backs, the report keys with
//! drill-down, and the package round trip.

use std::collections::HashMap;

use gridledger_core::base::period::ListPeriod;
use gridledger_core::demands::{Demand, DemandEvent, Status as DemandStatus};
use gridledger_core::exchange::report::{self, Records};
use gridledger_core::hierarchy::{Unit, UnitKind};
use gridledger_core::kinds::{self, ImportKind as Kind};
use gridledger_core::sampling::{self, InspectorInput, SampleInput};
use gridledger_core::surveys::{
    self, CallResult, Callback, CallbackInput, Question, QuestionInput, QuestionKind,
    Questionnaire, QuestionnaireInput, QuestionnaireResponse, ResponseInput, Scale, Topic,
};
use gridledger_core::{Error, Store};

use crate::support::{
    commit_file, ctx, day, export_imports_back, grids_township, imports_again_unchanged, office,
    refused_on, Grids,
};

fn choice(text: &str, options: &[&str]) -> QuestionInput {
    QuestionInput {
        text: text.into(),
        kind: "choice".into(),
        options: options.iter().map(|o| o.to_string()).collect(),
    }
}

fn rating(text: &str) -> QuestionInput {
    QuestionInput {
        text: text.into(),
        kind: "满意度".into(),
        options: Vec::new(),
    }
}

fn definition(title: &str) -> QuestionnaireInput {
    QuestionnaireInput {
        title: title.into(),
        period: "2026年第四季度".into(),
        scale: "满意/基本满意/不满意".into(),
        questions: vec![
            choice("您对网格员熟悉吗？", &["熟悉", "听说过", "不知道"]),
            rating("您对网格员的服务满意吗？"),
            rating("您对小区环境满意吗？"),
        ],
        note: String::new(),
    }
}

fn store() -> (Store, Grids) {
    let mut s = Store::open_in_memory().unwrap();
    let g = grids_township(&mut s);
    (s, g)
}

fn create_q(s: &mut Store, i: &QuestionnaireInput) -> Result<Questionnaire, Error> {
    s.write(&ctx(), |tx| surveys::create_questionnaire(tx, i))
}

#[test]
fn a_definition_with_bad_options_is_refused_naming_the_question() {
    let (mut s, _) = store();
    let with = |questions: Vec<QuestionInput>| QuestionnaireInput {
        questions,
        ..definition("测评")
    };
    let cases: Vec<(QuestionnaireInput, &str, &str)> = vec![
        (
            QuestionnaireInput {
                title: " ".into(),
                ..definition("x")
            },
            "title",
            "问卷名称",
        ),
        (
            QuestionnaireInput {
                period: "".into(),
                ..definition("x")
            },
            "period",
            "测评期间",
        ),
        (
            QuestionnaireInput {
                scale: "七级".into(),
                ..definition("x")
            },
            "scale",
            "满意度量表",
        ),
        (with(vec![]), "questions", "至少要有 1 道题"),
        (
            with(vec![rating("a"), choice("b", &["是"])]),
            "questions",
            "第 2 题：选择题至少要有 2 个选项",
        ),
        (
            with(vec![choice("b", &["是", "否", "是"])]),
            "questions",
            "第 1 题：选项“是”出现了两次",
        ),
        (
            with(vec![choice("b", &["是", " ", "否"])]),
            "questions",
            "第 2 个选项是空的",
        ),
        (
            with(vec![choice("b", &["A", "B"])]),
            "questions",
            "只是一个字母",
        ),
        (
            with(vec![choice("", &["是", "否"])]),
            "questions",
            "请填写题目",
        ),
        (
            with(vec![QuestionInput {
                kind: "填空".into(),
                ..choice("b", &["是", "否"])
            }]),
            "questions",
            "题型",
        ),
        (
            with((0..21).map(|i| rating(&format!("第{i}项"))).collect()),
            "questions",
            "最多 20 道题",
        ),
    ];
    for (input, field, word) in cases {
        let e = create_q(&mut s, &input).unwrap_err();
        refused_on(&e, field, word);
    }
    assert!(surveys::questionnaires(s.conn()).unwrap().is_empty());

    // A satisfaction question takes the scale's answers, whatever options were sent.
    let q = create_q(
        &mut s,
        &QuestionnaireInput {
            scale: "1-5".into(),
            questions: vec![QuestionInput {
                options: vec!["好".into()],
                ..rating("总体评价")
            }],
            ..definition("五分制测评")
        },
    )
    .unwrap();
    assert_eq!(q.scale, Scale::Five);
    assert_eq!(q.questions[0].options, ["5", "4", "3", "2", "1"]);
    // Titles are unique.
    let e = create_q(&mut s, &definition("五分制测评")).unwrap_err();
    assert_eq!(e.field(), Some("title"));
}

#[test]
fn papers_are_checked_and_once_papers_are_in_the_questions_stay() {
    let (mut s, g) = store();
    let q = create_q(&mut s, &definition("群众满意度测评")).unwrap();
    let paper = |number: &str, answers: &[&str]| ResponseInput {
        questionnaire_id: q.id.clone(),
        number: number.into(),
        community_id: g.village.clone(),
        answered_on: "2026-11-20".into(),
        answers: answers.iter().map(|a| a.to_string()).collect(),
    };
    let add =
        |s: &mut Store, i: ResponseInput| s.write(&ctx(), |tx| surveys::create_response(tx, &i));
    // Letters pick options; answers are stored as the option's text.
    let r = add(&mut s, paper("001", &["a", "满意", "C"])).unwrap();
    assert_eq!(r.answers, ["熟悉", "满意", "不满意"]);
    for (input, field, word) in [
        (
            paper("002", &["熟悉", "很好"]),
            "answers",
            "第 2 题：答案“很好”不是本题的选项",
        ),
        (paper("002", &["", "", ""]), "answers", "没有任何答案"),
        (
            paper("002", &["熟悉", "", "", "满意"]),
            "answers",
            "只有 3 道题",
        ),
        (paper("001", &["熟悉"]), "number", "已有编号为“001”"),
        // Typed in full width it is the same 编号 (probe R: it stood as another paper).
        (paper("００１", &["熟悉"]), "number", "已有编号为“001”"),
        (paper(" ", &["熟悉"]), "number", "答卷编号"),
        (
            ResponseInput {
                community_id: g.compound.clone(),
                ..paper("002", &["熟悉"])
            },
            "communityId",
            "不是村/社区",
        ),
        (
            ResponseInput {
                answered_on: "2027-01-01".into(),
                ..paper("002", &["熟悉"])
            },
            "answeredOn",
            "晚于今天",
        ),
        // Before its 测评期间 (probe F: it became 2025's only paper).
        (
            ResponseInput {
                answered_on: "2025-12-10".into(),
                ..paper("002", &["熟悉"])
            },
            "answeredOn",
            "早于问卷“群众满意度测评”的测评期间（2026年第四季度，2026-10-01 起）",
        ),
    ] {
        let e = add(&mut s, input).unwrap_err();
        refused_on(&e, field, word);
    }
    // Every problem of a paper at once (probe R: three rounds).
    let e = add(
        &mut s,
        ResponseInput {
            community_id: String::new(),
            answered_on: "2026-12-30".into(),
            ..paper("001", &["", "", ""])
        },
    )
    .unwrap_err();
    let fields: Vec<&str> = match &e {
        Error::Problems(list) => list.iter().map(|p| p.field).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(fields, ["number", "communityId", "answeredOn", "answers"]);
    // Wording may be corrected; the shape may not change once papers are in.
    let mut fixed = definition("群众满意度测评");
    fixed.questions[0].text = "您认识本网格的网格员吗？".into();
    s.write(&ctx(), |tx| {
        surveys::update_questionnaire(tx, &q.id, &fixed)
    })
    .unwrap();
    let mut reshaped = fixed.clone();
    reshaped.questions.pop();
    let e = s
        .write(&ctx(), |tx| {
            surveys::update_questionnaire(tx, &q.id, &reshaped)
        })
        .unwrap_err();
    assert!(e.to_string().contains("已有 1 份答卷"), "{e}");
    // Nor its 测评期间 moved after a paper answered before it (probe P).
    let moved = QuestionnaireInput {
        period: "2026年12月".into(),
        ..fixed.clone()
    };
    let e = s
        .write(&ctx(), |tx| {
            surveys::update_questionnaire(tx, &q.id, &moved)
        })
        .unwrap_err();
    refused_on(&e, "period", "填写于 2026-11-20");
    let e = s
        .write(&ctx(), |tx| surveys::delete_questionnaire(tx, &q.id))
        .unwrap_err();
    assert!(e.to_string().contains("还有 1 份答卷"), "{e}");
}

fn response_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("答卷.csv");
    std::fs::write(
        &path,
        "问卷,编号,村/社区,填写日期,第1题,第2题,第3题\n\
         群众满意度测评,1,青溪社区,2026-11-20,熟悉,满意,基本满意\n\
         群众满意度测评,2,青溪社区,2026-11-20,B,不满意,满意\n\
         群众满意度测评,3,桃园村,2026-11-21,C,满意,\n\
         群众满意度测评,4,桃园村,2026-11-21,熟悉,很满意,满意\n\
         群众满意度测评,5,无名村,2026-11-21,熟悉,满意,满意\n\
         群众满意度测评,2,青溪社区,2026-11-20,B,不满意,满意\n\
         群众满意度测评,6,青溪社区,2025-06-01,熟悉,满意,满意\n",
    )
    .unwrap();
    path
}

#[test]
fn import_names_a_bad_answer_by_its_column_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = store();
    create_q(&mut s, &definition("群众满意度测评")).unwrap();
    let path = response_file(dir.path());
    let k = Kind::parse("questionnaire-responses").unwrap();
    assert_eq!(Kind::parse("问卷答卷").unwrap(), k);
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    assert_eq!(
        (p.total_rows, p.valid_rows, p.rejected_rows, p.repeated_rows),
        (7, 3, 3, 1)
    );
    let by_row: HashMap<usize, (&str, &str)> = p
        .problems
        .iter()
        .map(|x| (x.row, (x.column.as_str(), x.message.as_str())))
        .collect();
    assert_eq!(by_row[&5].0, "第2题");
    assert!(
        by_row[&5].1.contains("“很满意”不是本题的选项"),
        "{:?}",
        by_row[&5]
    );
    assert!(by_row[&5].1.contains("A.满意、B.基本满意、C.不满意"));
    assert_eq!(by_row[&6].0, "村/社区");
    assert!(by_row[&6].1.contains("无名村"));
    assert!(!by_row.contains_key(&7));
    assert!(
        p.notes
            .iter()
            .any(|n| n.starts_with("第 7 行：与第 3 行重复")),
        "{:?}",
        p.notes
    );
    // Before the questionnaire's 测评期间 (probe O: it changed 2025's figures).
    assert_eq!(by_row[&8].0, "填写日期");
    assert!(by_row[&8].1.contains("早于问卷"), "{:?}", by_row[&8]);

    let first = commit_file(&mut s, &k, &path);
    assert_eq!((first.created, first.rejected), (3, 3));
    imports_again_unchanged(&mut s, &k, &path, 3);

    // The export imports back unchanged; a changed answer updates the paper.
    export_imports_back(
        &mut s,
        &k,
        "questionnaire-responses",
        dir.path(),
        day(2026, 11, 26),
        3,
    );
    // Its answer columns end at the questionnaire's last question (20 before: AL).
    let e = crate::support::exported(s.conn(), "questionnaire-responses", dir.path(), "编号");
    assert_eq!(
        e.rows[e.head]
            .iter()
            .filter(|h| h.starts_with('第'))
            .count(),
        3,
        "{:?}",
        e.rows[e.head]
    );
    let changed = dir.path().join("改.csv");
    // Without 填写日期 the paper's date would be cleared: refused, saying so.
    std::fs::write(
        &changed,
        "编号,村/社区,第1题,第2题,第3题\n1,青溪社区,熟悉,满意,满意\n",
    )
    .unwrap();
    let refused = commit_file(&mut s, &k, &changed);
    assert_eq!((refused.updated, refused.rejected), (0, 1));
    let p = k.preview(s.conn(), &changed, day(2026, 11, 26)).unwrap();
    assert!(
        p.problems[0].message.contains("填写日期"),
        "{:?}",
        p.problems
    );
    std::fs::write(
        &changed,
        "编号,村/社区,填写日期,第1题,第2题,第3题\n1,青溪社区,2026-11-20,熟悉,满意,满意\n",
    )
    .unwrap();
    let upd = commit_file(&mut s, &k, &changed);
    assert_eq!((upd.created, upd.updated), (0, 1), "the only questionnaire");
    // Without a 第3题 column, paper 1 keeps its stored third answer.
    let answers = |s: &Store| -> Vec<String> {
        let json: String = crate::support::one(
            s,
            "SELECT json FROM questionnaire_responses WHERE json_extract(json, '$.number') = '1'",
        );
        serde_json::from_str::<serde_json::Value>(&json).unwrap()["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap_or_default().to_string())
            .collect()
    };
    let third = answers(&s)[2].clone();
    assert!(!third.is_empty());
    std::fs::write(
        &changed,
        "编号,村/社区,填写日期,第1题,第2题\n1,青溪社区,2026-11-20,熟悉,不满意\n",
    )
    .unwrap();
    let upd = commit_file(&mut s, &k, &changed);
    assert_eq!((upd.updated, upd.rejected), (1, 0));
    assert_eq!(answers(&s)[2], third);
    // 编号 1 for a 桃园村 paper is another paper, not 青溪社区's corrected (probe AJ:
    // it replaced it with only 更新 1 said).
    std::fs::write(
        &changed,
        "编号,村/社区,填写日期,第1题,第2题\n1,桃园村,2026-11-21,不知道,满意\n",
    )
    .unwrap();
    let p = k.preview(s.conn(), &changed, day(2026, 11, 26)).unwrap();
    assert_eq!(p.valid_rows, 0);
    assert_eq!(p.problems[0].column, "村/社区");
    assert!(
        p.problems[0]
            .message
            .starts_with("编号 1 已是青溪社区的答卷，这一行写的是桃园村。同一问卷内编号不重复"),
        "{:?}",
        p.problems
    );
}

/// The fixture the results are counted against, by hand:
///
/// ```text
///            Q1 熟悉/听说过/不知道   Q2 网格员服务   Q3 小区环境
/// 青溪 1     熟悉                    满意            基本满意
/// 青溪 2     听说过                  不满意          满意
/// 桃园 3     不知道                  满意            (blank)
/// other questionnaire's paper: ignored
/// ```
/// Q1: 1/1/1; Q2: 满意 2, 不满意 1 (2 satisfied); Q3: 满意 1, 基本满意 1 (2).
/// Judgments 5, satisfied 4. 青溪: 4 judged, 3 satisfied; 桃园: 1 judged, 1.
#[test]
fn results_per_question_and_satisfaction_per_community_are_sums() {
    let q = Questionnaire {
        id: "q".into(),
        title: "测评".into(),
        scale: Scale::Three,
        questions: vec![
            Question {
                text: "熟悉吗".into(),
                kind: QuestionKind::Choice,
                options: vec!["熟悉".into(), "听说过".into(), "不知道".into()],
            },
            Question {
                text: "网格员服务".into(),
                kind: QuestionKind::Satisfaction,
                options: Scale::Three
                    .options()
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            },
            Question {
                text: "小区环境".into(),
                kind: QuestionKind::Satisfaction,
                options: Scale::Three
                    .options()
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            },
        ],
        ..Default::default()
    };
    let paper = |qid: &str, c: &str, n: &str, a: [&str; 3]| QuestionnaireResponse {
        id: format!("{qid}{n}"),
        questionnaire_id: qid.into(),
        community_id: c.into(),
        number: n.into(),
        answers: a.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    let papers = vec![
        paper("q", "qx", "1", ["熟悉", "满意", "基本满意"]),
        paper("q", "qx", "2", ["听说过", "不满意", "满意"]),
        paper("q", "ty", "3", ["不知道", "满意", ""]),
        paper("other", "qx", "1", ["熟悉", "不满意", "不满意"]),
    ];
    let names = HashMap::from([
        ("qx".to_string(), "青溪社区".to_string()),
        ("ty".to_string(), "桃园村".to_string()),
    ]);
    let r = surveys::tally(&q, &papers, &names);
    assert_eq!(r.responses, 3);
    let counts =
        |i: usize| -> Vec<usize> { r.questions[i].options.iter().map(|o| o.count).collect() };
    assert_eq!(counts(0), [1, 1, 1]);
    assert_eq!(counts(1), [2, 0, 1]);
    assert_eq!(counts(2), [1, 1, 0]);
    assert_eq!(r.questions[2].answered, 2);
    assert_eq!(r.questions[0].satisfied, None);
    assert_eq!(r.questions[1].satisfied, Some(2));
    assert_eq!(r.questions[2].satisfied, Some(2));
    assert_eq!((r.satisfaction.satisfied, r.satisfaction.judged), (4, 5));
    assert_eq!(r.satisfaction.rate, Some(0.8));
    let c: Vec<(&str, usize, usize, usize)> = r
        .communities
        .iter()
        .map(|c| {
            (
                c.community_name.as_str(),
                c.responses,
                c.satisfaction.satisfied,
                c.satisfaction.judged,
            )
        })
        .collect();
    assert_eq!(c, [("桃园村", 1, 1, 1), ("青溪社区", 2, 3, 4)]);

    // On the 1–5 scale 5 and 4 are satisfied, 3 and below are not.
    let five = Questionnaire {
        scale: Scale::Five,
        questions: vec![Question {
            kind: QuestionKind::Satisfaction,
            options: Scale::Five
                .options()
                .iter()
                .map(|s| s.to_string())
                .collect(),
            ..Default::default()
        }],
        ..q.clone()
    };
    let papers: Vec<QuestionnaireResponse> = ["5", "4", "3", "1"]
        .iter()
        .enumerate()
        .map(|(i, a)| QuestionnaireResponse {
            id: i.to_string(),
            questionnaire_id: "q".into(),
            answers: vec![a.to_string()],
            ..Default::default()
        })
        .collect();
    let r = surveys::tally(&five, &papers, &names);
    assert_eq!((r.satisfaction.satisfied, r.satisfaction.judged), (2, 4));
    // Excel writes a number cell as 5.0.
    assert_eq!(
        surveys::resolve_answer(&five.questions[0], "5.0").unwrap(),
        "5"
    );
    // The letter with its option, as the refusal lists them (A.知道 was refused with
    // a message telling the clerk to write A.知道); a letter with another's text is not.
    let known = surveys::Question {
        options: vec!["知道".into(), "听说过".into(), "不知道".into()],
        ..Default::default()
    };
    for cell in ["A.知道", "a、知道", "A．知道", "A） 知道"] {
        assert_eq!(
            surveys::resolve_answer(&known, cell).unwrap(),
            "知道",
            "{cell}"
        );
    }
    let e = surveys::resolve_answer(&known, "B.知道").unwrap_err();
    assert!(e.contains("A.知道、B.听说过、C.不知道"), "{e}");
}

fn unit(id: &str, kind: UnitKind, parent: Option<&str>, name: &str) -> Unit {
    Unit {
        id: id.into(),
        kind,
        parent_id: parent.map(str::to_string),
        name: name.into(),
        ..Default::default()
    }
}

fn demand(
    id: &str,
    unit_id: &str,
    status: DemandStatus,
    satisfaction: Option<&str>,
    on: &str,
) -> Demand {
    Demand {
        id: id.into(),
        title: format!("诉求{id}"),
        unit_id: Some(unit_id.into()),
        status,
        satisfaction: satisfaction.map(str::to_string),
        reporter: "赵六".into(),
        reporter_phone: "13812345678".into(),
        received_on: "2026-10-01".into(),
        history: vec![DemandEvent {
            date: on.into(),
            to: status,
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn call(id: &str, community: &str, on: &str, result: CallResult) -> Callback {
    Callback {
        id: id.into(),
        called_on: on.into(),
        community_id: community.into(),
        person_name: "钱七".into(),
        phone: "13900001111".into(),
        topic: Topic::General,
        result,
        ..Default::default()
    }
}

/// Hand-built: two call-back records (青溪 满意, 桃园 不满意), one on 12-01 (after
/// the as-of day); demands: one called back 基本满意 in a compound of 青溪, one
/// called back 不满意 in 桃园, one only resolved (not a call-back).
fn fixture() -> Records {
    Records {
        units: vec![
            unit("qx", UnitKind::Village, None, "青溪社区"),
            unit("ty", UnitKind::Village, None, "桃园村"),
            unit("c1", UnitKind::Compound, Some("qx"), "阳光花园"),
        ],
        callbacks: vec![
            call("k1", "qx", "2026-11-20", CallResult::Satisfied),
            call("k2", "ty", "2026-11-21", CallResult::Unsatisfied),
            call("k3", "qx", "2026-12-01", CallResult::Satisfied),
        ],
        demands: vec![
            demand(
                "d1",
                "c1",
                DemandStatus::CalledBack,
                Some("basic"),
                "2026-11-10",
            ),
            demand(
                "d2",
                "ty",
                DemandStatus::CalledBack,
                Some("unsatisfied"),
                "2026-11-11",
            ),
            demand("d3", "qx", DemandStatus::Resolved, None, "2026-11-12"),
        ],
        ..Default::default()
    }
}

#[test]
fn demands_call_backs_count_with_the_records_by_community() {
    let r = fixture();
    let summary = |as_of, period: &str| {
        let p = ListPeriod::parse("period", period).unwrap();
        surveys::summarize_callbacks(&r.callbacks, &r.demands, &r.units, as_of, p)
    };
    let s = summary(day(2026, 11, 26), "");
    assert_eq!((s.total, s.recorded, s.from_demands), (4, 2, 2));
    assert_eq!((s.satisfied, s.basic, s.unsatisfied), (1, 1, 2));
    assert_eq!((s.satisfaction.satisfied, s.satisfaction.judged), (2, 4));
    let c: Vec<(&str, usize, usize)> = s
        .communities
        .iter()
        .map(|c| {
            (
                c.community_name.as_str(),
                c.callbacks,
                c.satisfaction.satisfied,
            )
        })
        .collect();
    assert_eq!(c, [("桃园村", 2, 0), ("青溪社区", 2, 2)]);
    assert_eq!(s.demand_callbacks.len(), 2);
    assert_eq!(s.demand_callbacks[0].phone, "138****5678", "masked");
    assert_eq!(
        s.demand_callbacks[1].community_name, "青溪社区",
        "via its compound"
    );
    let later = summary(day(2026, 12, 1), "");
    let in_month = |month: &str| summary(day(2026, 12, 1), month);
    assert_eq!(
        in_month("2026-11").total,
        4,
        "the call-back of 1 December is not in November"
    );
    let s = in_month("2026-12");
    assert_eq!((s.total, s.recorded, s.from_demands), (1, 1, 0));
    assert_eq!(later.total, 5);
}

#[test]
fn report_keys_count_papers_judgments_and_call_backs_and_drill_to_them() {
    let mut r = fixture();
    r.questionnaires = vec![Questionnaire {
        id: "q".into(),
        title: "测评".into(),
        scale: Scale::Three,
        questions: vec![
            Question {
                text: "熟悉吗".into(),
                kind: QuestionKind::Choice,
                options: vec!["熟悉".into(), "不知道".into()],
            },
            Question {
                text: "服务".into(),
                kind: QuestionKind::Satisfaction,
                options: Scale::Three
                    .options()
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            },
        ],
        ..Default::default()
    }];
    let paper = |n: &str, a: [&str; 2], on: Option<&str>| QuestionnaireResponse {
        id: n.into(),
        questionnaire_id: "q".into(),
        community_id: "qx".into(),
        number: n.into(),
        answered_on: on.map(str::to_string),
        answers: a.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    r.questionnaire_responses = vec![
        paper("1", ["熟悉", "满意"], Some("2026-11-20")),
        paper("2", ["不知道", "不满意"], None),
        paper("3", ["熟悉", "基本满意"], Some("2026-11-21")),
        paper("4", ["熟悉", ""], Some("2026-11-21")),
        paper("5", ["熟悉", "满意"], Some("2026-12-05")),
    ];
    let t = report::totals(&r, day(2026, 11, 26));
    // Papers dated up to the day: 4. Judgments: answers 满意, 不满意, 基本满意 (3)
    // + records k1, k2 (2) + demands d1, d2 (2) = 7; satisfied: 2 + 1 + 1 = 4.
    assert_eq!(t["assessment.questionnaires"], 4);
    assert_eq!(t["assessment.satisfaction_judged"], 7);
    assert_eq!(t["assessment.satisfaction"], 4);
    assert_eq!(t["assessment.callbacks"], 4);
    let later = report::totals(&r, day(2026, 12, 31));
    assert_eq!(later["assessment.questionnaires"], 5);
    assert_eq!(later["assessment.satisfaction"], 6);
    assert_eq!(later["assessment.callbacks"], 5);

    let items = report::members("assessment.satisfaction", &r, day(2026, 11, 26));
    let ids: Vec<String> = items
        .iter()
        .map(|i| match i {
            report::Item::Answer(p, q) => format!("答卷{}第{}题", p.number, q + 1),
            report::Item::Callback(c) => c.id.clone(),
            report::Item::DemandCallback(d) => d.id.clone(),
            _ => "?".into(),
        })
        .collect();
    assert_eq!(ids, ["答卷1第2题", "答卷3第2题", "k1", "d1"]);
}

#[test]
fn call_backs_are_checked_imported_with_problems_by_column_and_listed_masked() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, g) = store();
    // 2026Q4's sample draws 阳光花园, the one compound: a 抽查小区 call-back names it.
    s.write(&ctx(), |tx| {
        for name in ["甲", "乙"] {
            sampling::create_inspector(
                tx,
                &InspectorInput {
                    name: name.into(),
                    unit_name: "街道党建办".into(),
                    ..Default::default()
                },
            )?;
        }
        sampling::draw_sample(
            tx,
            &SampleInput {
                quarter: "2026Q4".into(),
                rate: "100%".into(),
                number: "2741".into(),
                reason: String::new(),
            },
        )
    })
    .unwrap();
    let input = CallbackInput {
        called_on: "2026-11-20".into(),
        community_id: g.village.clone(),
        person_name: "孙八".into(),
        phone: "13812345678".into(),
        topic: "抽查小区".into(),
        topic_ref: Some(g.compound.clone()),
        result: "基本满意".into(),
        note: String::new(),
    };
    let add =
        |s: &mut Store, i: CallbackInput| s.write(&ctx(), |tx| surveys::create_callback(tx, &i));
    let v = add(&mut s, input.clone()).unwrap();
    assert_eq!(v.phone, "138****5678");
    assert_eq!(v.topic_name, "阳光花园");
    for (i, field, word) in [
        (
            CallbackInput {
                called_on: "".into(),
                ..input.clone()
            },
            "calledOn",
            "回访日期",
        ),
        (
            CallbackInput {
                phone: "12345".into(),
                ..input.clone()
            },
            "phone",
            "手机号码",
        ),
        (
            CallbackInput {
                result: "还行".into(),
                ..input.clone()
            },
            "result",
            "回访结果",
        ),
        (
            CallbackInput {
                topic: "诉求".into(),
                topic_ref: None,
                ..input.clone()
            },
            "topicRef",
            "选择回访的诉求",
        ),
        (
            CallbackInput {
                person_name: "".into(),
                ..input.clone()
            },
            "personName",
            "被回访人",
        ),
        // A compound no sample drew then (any compound was taken: probe AJ).
        (
            CallbackInput {
                called_on: "2026-06-10".into(),
                ..input.clone()
            },
            "topicRef",
            "不在2026年第二季度或2026年第一季度的抽查样本中",
        ),
    ] {
        let e = add(&mut s, i).unwrap_err();
        refused_on(&e, field, word);
    }
    // Every problem at once, each beside its field (probe O: four clicks for four).
    let e = add(
        &mut s,
        CallbackInput {
            called_on: "2026-12-31".into(),
            person_name: " ".into(),
            phone: "1381234567".into(),
            ..input.clone()
        },
    )
    .unwrap_err();
    let fields: Vec<&str> = match &e {
        Error::Problems(list) => list.iter().map(|p| p.field).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(fields, ["calledOn", "personName", "phone"]);

    let path = dir.path().join("回访.csv");
    std::fs::write(
        &path,
        "回访日期,村/社区,被回访人,联系电话,回访事项,诉求或小区,回访结果,备注\n\
         2026-11-21,青溪社区,周九,13900001111,一般回访,,满意,\n\
         2026-11-21,桃园村,吴十,13900002222,抽查小区,阳光花园,不满意,\n\
         2026-11-22,青溪社区,郑一,13900003333,一般回访,,一般,\n\
         2026-11-22,青溪社区,王二,13900004444,一般回访,阳光花园,满意,\n",
    )
    .unwrap();
    let k = Kind::parse("callbacks").unwrap();
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    assert_eq!((p.valid_rows, p.rejected_rows), (1, 3), "{:?}", p.problems);
    assert_eq!(
        p.problems[0].column, "诉求或小区",
        "阳光花园 is not in 桃园村"
    );
    // Said as where it is, not as if it did not exist (probe O).
    assert!(
        p.problems[0]
            .message
            .contains("不在“桃园村”里（它在青溪社区）"),
        "{}",
        p.problems[0].message
    );
    assert_eq!(p.problems[1].column, "回访结果");
    // What a 一般回访 names would be dropped: refused, saying what to write.
    assert_eq!(p.problems[2].column, "诉求或小区");
    assert!(
        p.problems[2].message.contains("一般回访不填"),
        "{}",
        p.problems[2].message
    );
    let first = commit_file(&mut s, &k, &path);
    assert_eq!(first.created, 1);
    // The export (phones masked) imports back unchanged.
    let out = dir.path().join("回访导出.xlsx");
    kinds::export_xlsx(s.conn(), "callbacks", &out, day(2026, 11, 26)).unwrap();
    let back = commit_file(&mut s, &k, &out);
    assert_eq!((back.created, back.updated, back.unchanged), (0, 0, 2));
    let list = surveys::callbacks(s.conn()).unwrap();
    assert!(list.iter().all(|c| c.phone.contains("****")));
    // Its 回访日期 corrected in the export: said on 回访日期 (probe T: a masked phone
    // was the only problem named).
    let mut e = crate::support::exported(s.conn(), "callbacks", dir.path(), "回访日期");
    let c = e.col("回访日期");
    let r = e.row_where(c, |v| !v.is_empty());
    let was = e.rows[r][c].clone();
    e.rows[r][c] = "2026-11-01".into();
    let path = dir.path().join("回访改日期.csv");
    std::fs::write(&path, e.csv()).unwrap();
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    crate::support::the_problem(&p, "回访日期", &format!("回访日期是 {was}，与这一行不同"));
    // A changed 回访结果 is said with its values (probe T: 回访结果 alone).
    e.rows[r][c] = was;
    let res = e.col("回访结果");
    let before = e.rows[r][res].clone();
    let after = if before == "不满意" {
        "满意"
    } else {
        "不满意"
    };
    e.rows[r][res] = after.into();
    std::fs::write(&path, e.csv()).unwrap();
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains(&format!("回访结果（{before} → {after}）"))),
        "{:?}",
        p.notes
    );
}

#[test]
fn papers_and_call_backs_travel_and_the_county_counts_and_drills_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut qx = office(dir.path(), "township", "320115101000", "青溪街道", false);
    let mut county = office(dir.path(), "county", "320115000000", "江宁区", false);
    let village = crate::support::new_village(&mut qx.store, "320115101001", "青溪社区");
    let q = create_q(&mut qx.store, &definition("群众满意度测评")).unwrap();
    for (n, a) in [
        ("1", ["熟悉", "满意", "满意"]),
        ("2", ["熟悉", "不满意", "基本满意"]),
    ] {
        qx.store
            .write(&ctx(), |tx| {
                surveys::create_response(
                    tx,
                    &ResponseInput {
                        questionnaire_id: q.id.clone(),
                        number: n.into(),
                        community_id: village.clone(),
                        answered_on: "2026-11-20".into(),
                        answers: a.iter().map(|s| s.to_string()).collect(),
                    },
                )
            })
            .unwrap();
    }
    qx.store
        .write(&ctx(), |tx| {
            surveys::create_callback(
                tx,
                &CallbackInput {
                    called_on: "2026-11-21".into(),
                    community_id: village.clone(),
                    person_name: "孙八".into(),
                    phone: "13812345678".into(),
                    topic: "general".into(),
                    result: "satisfied".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let today = day(2026, 11, 26);
    let own = report::own_totals(qx.store.conn(), today).unwrap();
    assert_eq!(own["assessment.questionnaires"], 2);
    assert_eq!(own["assessment.satisfaction_judged"], 5);
    assert_eq!(own["assessment.satisfaction"], 4);
    assert_eq!(own["assessment.callbacks"], 1);
    // The default system's 群众满意率 is the share of those judgments, not their count:
    // 4 of 5 satisfied is 80 %, against a target of 90 % for 6 points.
    qx.store
        .write(&ctx(), gridledger_core::scores::defaults::install)
        .unwrap();
    let t = gridledger_core::scores::table::score_table(qx.store.conn(), "2026", today).unwrap();
    let at = t.indicators.iter().position(|i| i.code == "M01").unwrap();
    let m01 = &t.offices[0].cells[at];
    assert_eq!(m01.value, Some(80.0), "{}", m01.note);
    assert!(
        (m01.points - 6.0 * 80.0 / 90.0).abs() < 0.01,
        "{}",
        m01.points
    );

    let p = qx.export();
    assert_eq!(county.receive(&p).outcome, "accepted");
    let r = report::report(county.store.conn(), today).unwrap();
    for key in [
        "assessment.questionnaires",
        "assessment.satisfaction",
        "assessment.satisfaction_judged",
        "assessment.callbacks",
    ] {
        assert_eq!(r.total[key], own[key], "{key}");
        let d = report::drill(county.store.conn(), "320115101000", key, today).unwrap();
        assert_eq!(d.count as i64, own[key], "{key}");
    }
    let d = report::drill(county.store.conn(), "all", "assessment.callbacks", today).unwrap();
    assert!(
        d.rows[0].detail.contains("138****5678"),
        "{}",
        d.rows[0].detail
    );
    let d = report::drill(county.store.conn(), "all", "assessment.satisfaction", today).unwrap();
    assert!(
        d.rows.iter().any(|r| r
            .detail
            .contains("第 3 题“您对小区环境满意吗？” · 基本满意")),
        "{:?}",
        d.rows
    );
    let held = report::snapshot_records(county.store.conn(), "320115101000", None).unwrap();
    assert_eq!(held.questionnaires.len(), 1);
    assert_eq!(held.questionnaire_responses.len(), 2);
    assert_eq!(
        held.callbacks[0].phone, "13812345678",
        "packages carry numbers whole"
    );
}

#[test]
fn definitions_import_one_row_each_with_a_bad_question_named_by_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = store();
    let path = dir.path().join("问卷.csv");
    std::fs::write(
        &path,
        "问卷名称,测评期间,满意度量表,第1题,第2题,第3题\n\
         群众满意度测评,2026年第四季度,,您知道网格员吗？｜知道、不知道,服务满意吗？｜满意度,\n\
         五分制测评,2026年,1–5 分,总体评价｜满意度,,\n\
         坏问卷,2026年,,好吗？｜好,,\n\
         坏问卷二,2026年,,好吗？｜好、差,环境？｜干净、干净,\n\
         空一题,2026年,,好吗？｜好、差,,环境？｜满意度\n",
    )
    .unwrap();
    let k = Kind::parse("questionnaires").unwrap();
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    assert_eq!((p.valid_rows, p.rejected_rows), (2, 3), "{:?}", p.problems);
    assert_eq!(p.problems[0].column, "第1题");
    assert!(p.problems[0].message.contains("至少要有 2 个选项"));
    assert_eq!(p.problems[1].column, "第2题");
    assert!(p.problems[1].message.contains("出现了两次"));
    // 第3题 would have become the second question, and its papers' answers with it.
    assert_eq!(p.problems[2].column, "第2题");
    assert!(
        p.problems[2].message.contains("第2题是空的，但第3题有内容"),
        "{}",
        p.problems[2].message
    );
    let first = commit_file(&mut s, &k, &path);
    assert_eq!(first.created, 2);
    let qs = surveys::questionnaires(s.conn()).unwrap();
    let five = qs
        .iter()
        .find(|q| q.questionnaire.title == "五分制测评")
        .unwrap();
    assert_eq!(five.questionnaire.scale, Scale::Five);
    // The export imports back unchanged.
    let out = dir.path().join("问卷导出.xlsx");
    kinds::export_xlsx(s.conn(), "questionnaires", &out, day(2026, 11, 26)).unwrap();
    let back = commit_file(&mut s, &k, &out);
    assert_eq!((back.created, back.updated, back.unchanged), (0, 0, 2));
}

/// An option reworded on a questionnaire with papers (allowed: only wording may
/// change) is carried into the papers that chose it, on screen and by import: the
/// papers' export then imports back, and the figures still count them. Options only
/// put in another order keep every paper's answer; a question put in another's
/// place, or an option reworded and reordered at once, is refused (which paper
/// meant what could not be told).
#[test]
fn a_reworded_option_is_carried_into_the_papers_that_chose_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = store();
    let q = create_q(&mut s, &definition("群众满意度测评")).unwrap();
    let k = Kind::parse("questionnaire-responses").unwrap();
    commit_file(&mut s, &k, &response_file(dir.path()));
    // Paper number → its answer to 第1题.
    let answers = |s: &Store| -> Vec<(String, String)> {
        let mut a: Vec<(String, String)> = surveys::responses(s.conn(), &q.id, None)
            .unwrap()
            .into_iter()
            .map(|r| (r.response.number, r.response.answers[0].clone()))
            .collect();
        a.sort();
        a
    };
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        answers(&s),
        pairs(&[("1", "熟悉"), ("2", "听说过"), ("3", "不知道")])
    );
    let update = |s: &mut Store, first: QuestionInput| {
        let mut d = definition("群众满意度测评");
        d.questions[0] = first;
        s.write(&ctx(), |tx| surveys::update_questionnaire(tx, &q.id, &d))
    };
    // Put in another order only: every paper keeps its answer.
    update(
        &mut s,
        choice("您对网格员熟悉吗？", &["听说过", "熟悉", "不知道"]),
    )
    .unwrap();
    assert_eq!(
        answers(&s),
        pairs(&[("1", "熟悉"), ("2", "听说过"), ("3", "不知道")])
    );
    let logged = crate::support::change_log_rows(&s);
    // On screen: 熟悉 → 认识 in its place.
    update(
        &mut s,
        choice("您对网格员熟悉吗？", &["听说过", "认识", "不知道"]),
    )
    .unwrap();
    assert_eq!(
        answers(&s),
        pairs(&[("1", "认识"), ("2", "听说过"), ("3", "不知道")])
    );
    // The questionnaire and the one paper, each once in the change log.
    assert_eq!(crate::support::change_log_rows(&s), logged + 2);
    // Reworded and reordered at once: refused, nothing changed.
    let e = update(
        &mut s,
        choice("您对网格员熟悉吗？", &["认识", "见过", "不知道"]),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("选项“听说过”改了文字，同时调换了选项的顺序"),
        "{e}"
    );
    // A question in another's place: refused.
    let mut swapped = definition("群众满意度测评");
    swapped.questions[0] = choice("您对网格员熟悉吗？", &["听说过", "认识", "不知道"]);
    swapped.questions.swap(1, 2);
    let e = s
        .write(&ctx(), |tx| {
            surveys::update_questionnaire(tx, &q.id, &swapped)
        })
        .unwrap_err();
    assert!(
        e.to_string().contains("第 2 题：题目是原来的第 3 题"),
        "{e}"
    );
    assert_eq!(
        answers(&s),
        pairs(&[("1", "认识"), ("2", "听说过"), ("3", "不知道")])
    );
    // By import of the definitions: 认识 → 见过.
    let defs = dir.path().join("问卷.csv");
    std::fs::write(
        &defs,
        "问卷名称,测评期间,满意度量表,第1题,第2题,第3题\n\
         群众满意度测评,2026年第四季度,满意/基本满意/不满意,您对网格员熟悉吗？｜听说过、见过、不知道,您对网格员的服务满意吗？｜满意度,您对小区环境满意吗？｜满意度\n",
    )
    .unwrap();
    let sum = commit_file(&mut s, &Kind::parse("questionnaires").unwrap(), &defs);
    assert_eq!(sum.updated, 1);
    assert_eq!(
        answers(&s),
        pairs(&[("1", "见过"), ("2", "听说过"), ("3", "不知道")])
    );
    export_imports_back(
        &mut s,
        &k,
        "questionnaire-responses",
        dir.path(),
        day(2026, 11, 26),
        3,
    );
}

/// Every bad answer of a row is named at once, each under its column (probe L: a
/// row with three took three rounds), and a score on a 满意/基本满意/不满意 question
/// says the questionnaire is not on the 1–5 scale.
#[test]
fn every_bad_answer_of_a_row_is_named_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = store();
    create_q(&mut s, &definition("群众满意度测评")).unwrap();
    let path = dir.path().join("答卷.csv");
    std::fs::write(
        &path,
        "问卷,编号,村/社区,填写日期,第1题,第2题,第3题\n\
         群众满意度测评,9,青溪社区,2026-11-20,E,2,很好\n",
    )
    .unwrap();
    let k = Kind::parse("questionnaire-responses").unwrap();
    let p = k.preview(s.conn(), &path, day(2026, 11, 26)).unwrap();
    let columns: Vec<&str> = p.problems.iter().map(|x| x.column.as_str()).collect();
    assert_eq!(columns, ["第1题", "第2题", "第3题"], "{:?}", p.problems);
    assert!(
        p.problems[1]
            .message
            .contains("本题是三级满意度，不按分数填"),
        "{}",
        p.problems[1].message
    );
    assert!(
        !p.problems[2].message.contains("三级"),
        "{}",
        p.problems[2].message
    );
}

/// The file a 电话回访 came from, imported again after it was corrected and another
/// deleted here (probe O): the corrected row is named as of an older list, and the
/// deleted one, added again by the file, is not brought back a second time from the
/// recycle bin.
#[test]
fn an_older_call_back_file_is_named_and_a_restore_does_not_count_one_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = store();
    let k = Kind::parse("callbacks").unwrap();
    let file = |name: &str, chen_result: &str, saved: (u32, u32)| {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            format!(
                "回访日期,村/社区,被回访人,联系电话,回访事项,诉求或小区,回访结果,备注\n\
                 2026-11-21,青溪社区,陈九,13900001111,一般回访,,{chen_result},\n\
                 2026-11-22,青溪社区,赵一,13900002222,一般回访,,满意,\n"
            ),
        )
        .unwrap();
        let t = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, saved.0, saved.1, 0, 0)
            .unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(t.into())
            .unwrap();
        path
    };
    // Saved on 11-01, imported at ctx()'s 11-26 10:00 (02:00 UTC).
    let first = file("回访.csv", "不满意", (1, 0));
    assert_eq!(commit_file(&mut s, &k, &first).created, 2);
    let later = crate::support::ctx_on(2026, 11, 26);
    let later = gridledger_core::Ctx::new(later.now + chrono::Duration::hours(3));
    let id_of = |s: &Store, name: &str| {
        surveys::callbacks(s.conn())
            .unwrap()
            .into_iter()
            .find(|c| c.person_name == name)
            .unwrap()
            .id
    };
    // 陈九 corrected by a newer file; 赵一 deleted.
    let fixed = file("回访改正.csv", "满意", (26, 4));
    k.commit(&mut s, &later, &fixed, &Default::default(), &mut |_, _| {})
        .unwrap();
    let zhao = id_of(&s, "赵一");
    let entry = s
        .write(&later, |tx| surveys::delete_callback(tx, &zhao))
        .unwrap();
    let p = k.preview(s.conn(), &first, day(2026, 11, 26)).unwrap();
    let stale: Vec<usize> = p.stale_rows.iter().map(|r| r.row).collect();
    assert_eq!(stale, [2], "陈九's row is of an older list: {p:?}");
    // Named by whom it is about, not by its row alone (probe N).
    assert_eq!(p.stale_rows[0].record, "电话回访“陈九”");
    // Imported anyway: 赵一 comes back as a new record, and the restore is refused.
    commit_file(&mut s, &k, &first);
    let e = s
        .write(&later, |tx| kinds::restore(tx, &entry.id))
        .unwrap_err();
    assert!(e.to_string().contains("内容完全相同"), "{e}");
    assert_eq!(
        surveys::callbacks(s.conn())
            .unwrap()
            .iter()
            .filter(|c| c.person_name == "赵一")
            .count(),
        1
    );
}
