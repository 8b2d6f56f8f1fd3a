//! Issue 14, faster entry and WPS-like lists: everyday short forms in imports, the
//! row's name beside each import problem, every problem of a person form at once,
//! and names sorted by pinyin with 多音字 surnames read as surnames.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use gridledger_core::base::sortkey::{keys, sort_key, stroke_key};
use gridledger_core::people::roster::People;
use gridledger_core::people::{self, PersonInput, PersonQuery, RoleInput};
use gridledger_core::sheets::import;
use gridledger_core::{Connection, Error, ErrorKind, Store};

use crate::support::{ctx, idn_born as idn, township, unit};

/// A township with one community and one grid; returns the store and the grid.
fn world() -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    let village = township(&mut store);
    let grid = store
        .write(&ctx(), |tx| {
            Ok(unit(
                tx,
                "base_grid",
                Some(&village),
                "320115101001001",
                "第一网格",
            ))
        })
        .unwrap();
    (store, grid)
}

fn person(name: &str, id_number: &str, phone: &str, grid: &str) -> PersonInput {
    PersonInput {
        name: name.into(),
        id_number: id_number.into(),
        phone: phone.into(),
        roles: vec![RoleInput {
            role: "grid_worker".into(),
            employment: Some("full_time".into()),
            unit_ids: vec![grid.into()],
        }],
        ..Default::default()
    }
}

#[test]
fn everyday_short_forms_are_read_as_the_standard_terms() {
    for (short, full) in [
        ("团员", "共青团员"),
        ("党员", "中共党员"),
        ("预备党员", "中共预备党员"),
        (" 群众 ", "群众"),
        ("无党派", "无党派人士"),
    ] {
        assert_eq!(people::canonical_political_status(short), full, "{short}");
    }
    for (short, full) in [
        ("本科", "大学本科"),
        ("大专", "大学专科"),
        ("研究生", "研究生"),
        ("硕士", "研究生"),
        ("博士", "研究生"),
        ("中专", "中专"),
        ("技校", "中专"),
        ("职高", "中专"),
        ("初中", "初中及以下"),
        ("小学", "初中及以下"),
    ] {
        assert_eq!(people::canonical_education(short), full, "{short}");
    }
    // Something unknown stays as written, for the check to refuse.
    assert_eq!(people::canonical_education("幼儿园"), "幼儿园");
}

fn csv(dir: &Path, text: &str) -> std::path::PathBuf {
    let p = dir.join("roster.csv");
    std::fs::write(&p, text).unwrap();
    p
}

const HEADER: &str = "姓名,身份证号码,手机号码,政治面貌,学历,身份,专职/兼职,所在网格/小区\n";

#[test]
fn an_import_accepts_short_forms_and_names_the_row_of_each_problem() {
    let (mut store, _) = world();
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}\
         张伟,{a},13812345678,团员,本科,网格员,专职,第一网格\n\
         李娜,{b},13912345678,预备党员,大专,网格员,兼职,第一网格\n\
         王强,110105194912310021,13712345678,党员,硕士,网格员,专职,第一网格\n\
         ,{c},1371234,群众,,网格员,专职,第一网格\n",
        a = idn("19900101", 11),
        b = idn("19920202", 22),
        c = idn("19800303", 33),
    );
    let p = csv(dir.path(), &text);
    let pv = import::preview::<People>(store.conn(), p.as_path(), ctx().today()).unwrap();
    assert_eq!(
        (pv.valid_rows, pv.rejected_rows),
        (2, 2),
        "{:?}",
        pv.problems
    );
    let wang = pv.problems.iter().find(|x| x.row == 4).unwrap();
    assert_eq!(wang.name.as_deref(), Some("王强"));
    assert_eq!(wang.column, "身份证号码");
    // A row without a name has no name to show.
    assert!(pv
        .problems
        .iter()
        .filter(|x| x.row == 5)
        .all(|x| x.name.is_none()));
    let json = serde_json::to_value(&pv.problems[0]).unwrap();
    assert_eq!(json["name"], "王强");

    import::commit::<People>(
        &mut store,
        &ctx(),
        p.as_path(),
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
    .unwrap();
    let rows = people::list(store.conn(), &PersonQuery::default())
        .unwrap()
        .rows;
    let zhang = rows.iter().find(|r| r.name == "张伟").unwrap();
    assert_eq!(
        (zhang.political_status.as_str(), zhang.education.as_str()),
        ("共青团员", "大学本科")
    );
    let li = rows.iter().find(|r| r.name == "李娜").unwrap();
    assert_eq!(
        (li.political_status.as_str(), li.education.as_str()),
        ("中共预备党员", "大学专科")
    );
}

#[test]
fn saving_a_person_reports_every_problem_at_once_with_the_check_digit() {
    let (mut store, grid) = world();
    // A wrong check digit, a short phone and a bad education, all in one save.
    let good = idn("19900101", 11);
    let last = good.chars().last().unwrap();
    let wrong_digit = if last == '1' { '2' } else { '1' };
    let bad_id = format!("{}{wrong_digit}", &good[..17]);
    let mut input = person("张伟", &bad_id, "1381234", &grid);
    input.education = "幼儿园".into();
    let err = store
        .write(&ctx(), |tx| people::create(tx, &input))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    let payload = err.payload();
    let fields: Vec<&str> = payload
        .problems
        .as_ref()
        .expect("every problem listed")
        .iter()
        .map(|p| p.field)
        .collect();
    for f in ["idNumber", "phone", "education"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let id_problem = payload
        .problems
        .iter()
        .flatten()
        .find(|p| p.field == "idNumber")
        .unwrap();
    assert!(
        id_problem.message.contains("校验"),
        "{}",
        id_problem.message
    );
    // The fixed shape stays: kind, message and field are the first problem's.
    assert_eq!(payload.field, Some(fields[0]));
    assert_eq!(
        payload.message,
        payload.problems.as_ref().unwrap()[0].message
    );
    // An update reports the same way.
    let saved = store
        .write(&ctx(), |tx| {
            people::create(tx, &person("李娜", &good, "13812345678", &grid))
        })
        .unwrap();
    let mut bad = person("", &good, "123", &grid);
    bad.political_status = "外星人".into();
    let err = store
        .write(&ctx(), |tx| people::update(tx, &saved.person.id, &bad))
        .unwrap_err();
    assert!(
        matches!(&err, Error::Problems(list) if list.len() == 3),
        "{err:?}"
    );
}

#[test]
fn tricky_names_sort_as_wps_sorts_them() {
    // 多音字 surnames read as surnames.
    for (name, key) in [
        ("单雄信", "shan4 xiong2 xin4"),
        ("曾国藩", "zeng1 guo2 fan1"),
        ("解缙", "xie4 jin4"),
        ("区志坚", "ou1 zhi4 jian1"),
        ("仇英", "qiu2 ying1"),
        ("朴志勇", "piao2 zhi4 yong3"),
        ("查良镛", "zha1 liang2 yong1"),
        ("盖叫天", "ge3 jiao4 tian1"),
        ("乐嘉", "yue4 jia1"),
        ("覃明", "qin2 ming2"),
        ("尉迟恭", "yu4 chi2 gong1"),
    ] {
        assert_eq!(sort_key(name), key, "{name}");
        // The writer works both keys out with one pinyin pass.
        assert_eq!(keys(name), (sort_key(name), stroke_key(name)), "{name}");
    }
    // Syllable by syllable: 李 before 李四 before 梁; letters and digits as themselves.
    assert!(sort_key("李") < sort_key("李四"));
    assert!(sort_key("李四") < sort_key("梁一"));
    assert_eq!(sort_key("Anna"), "a n n a");

    let (mut store, grid) = world();
    let names = [
        "张三",
        "曾国藩",
        "单雄信",
        "安琪",
        "解缙",
        "李四",
        "区志坚",
        "查良镛",
        "王五",
        "乐嘉",
        "覃明",
        "陈一",
    ];
    store
        .write(&ctx(), |tx| {
            for (i, n) in names.iter().enumerate() {
                people::create(
                    tx,
                    &person(
                        n,
                        &idn("19900101", i as u32 + 1),
                        &format!("138000000{i:02}"),
                        &grid,
                    ),
                )?;
            }
            Ok(())
        })
        .unwrap();
    let listed = |descending: bool| -> Vec<String> {
        let q = PersonQuery {
            sort: "name".into(),
            descending,
            ..Default::default()
        };
        people::list(store.conn(), &q)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    let expected = [
        "安琪",
        "陈一",
        "李四",
        "区志坚",
        "覃明",
        "单雄信",
        "王五",
        "解缙",
        "乐嘉",
        "曾国藩",
        "查良镛",
        "张三",
    ];
    assert_eq!(listed(false), expected);
    let mut reversed = expected.to_vec();
    reversed.reverse();
    assert_eq!(listed(true), reversed);
    // A page size of 50 or 全部 (0) shows all twelve; 5 shows five.
    for (size, shown) in [(5, 5), (50, 12), (0, 12)] {
        let q = PersonQuery {
            page_size: size,
            ..Default::default()
        };
        assert_eq!(people::list(store.conn(), &q).unwrap().rows.len(), shown);
    }
}

#[test]
fn names_sort_by_surname_strokes_as_an_option() {
    // 丁 2, 王 4, 李 7, 张 7, 曾 12; surnames of equal strokes by their first stroke
    // (李 横 before 张 折), everyone of a surname together, then the given name
    // (probe S: 刘 朱 刘 孙 朱 mixed by the given names' strokes).
    // Four hex digits a character (short in the name index), then the pinyin.
    let k = stroke_key("丁一");
    assert_eq!(k.len(), "0000 0000|ding1 yi1".len(), "{k}");
    assert!(k.ends_with("|ding1 yi1"), "{k}");
    assert!(
        stroke_key("曾国藩").contains("|zeng1 "),
        "{}",
        stroke_key("曾国藩")
    );
    let (mut store, grid) = world();
    let names = ["曾国藩", "王五", "张三", "丁一", "李四"];
    store
        .write(&ctx(), |tx| {
            for (i, n) in names.iter().enumerate() {
                let phone = format!("139000000{i:02}");
                people::create(
                    tx,
                    &person(n, &idn("19910101", i as u32 + 1), &phone, &grid),
                )?;
            }
            Ok(())
        })
        .unwrap();
    let q = PersonQuery {
        sort: "nameStrokes".into(),
        ..Default::default()
    };
    let listed: Vec<String> = people::list(store.conn(), &q)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(listed, ["丁一", "王五", "李四", "张三", "曾国藩"]);
    // The order official lists keep (probe S's roster).
    let mut names = [
        "孔令辉",
        "王海燕",
        "刘玉兰",
        "朱平",
        "刘刚",
        "孙秀英",
        "朱丽",
        "刘建华",
        "孙明",
        "陈平",
        "李军",
        "何秀兰",
        "吴芳",
        "杨志强",
        "张玉兰",
        "马静",
    ];
    names.sort_by_key(|n| stroke_key(n));
    assert_eq!(
        names.join(" "),
        "马静 王海燕 孔令辉 朱平 朱丽 刘玉兰 刘刚 刘建华 孙秀英 孙明 李军 杨志强 吴芳 何秀兰 张玉兰 陈平"
    );
}

#[test]
fn names_written_before_the_sort_key_get_one_when_the_database_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        gridledger_core::store::migrate_to(&mut conn, 10).unwrap();
        conn.execute(
            "INSERT INTO people (id, owner_code, name, gender, birth_date, id_number, phone,
                 status, created_at, updated_at)
             VALUES ('p1', '320115101000', '曾小贤', 'male', '1985-06-12', ?1, '13812345678',
                 'active', '2026-01-01', '2026-01-01')",
            [idn("19850612", 11)],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let key: String = store
        .conn()
        .query_row("SELECT name_sort FROM people WHERE id = 'p1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(key, "zeng1 xiao3 xian2");
    let strokes: String = store
        .conn()
        .query_row("SELECT name_strokes FROM people WHERE id = 'p1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(strokes, stroke_key("曾小贤"));
}
