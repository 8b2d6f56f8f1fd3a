//! Versions of the three lists (issue 15 item 1): publishing records 版本号, 发布日期
//! and a snapshot; the latest is current and earlier ones stay readable; the diff
//! between versions (新增, 删除, 表述修改 by name, then by 序号); the catalogue by 领域.

use gridledger_core::duties::versions::{self, PublishInput, VersionItem};
use gridledger_core::duties::{self, DutyField, DutyItemInput, DutyList};
use gridledger_core::{Error, Store};

use crate::support::{ctx, township};

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    township(&mut s);
    s
}

fn item(number: &str, name: &str, field: &str) -> DutyItemInput {
    DutyItemInput {
        list: "basic".into(),
        field: field.into(),
        number: number.into(),
        name: name.into(),
        ..Default::default()
    }
}

fn add(s: &mut Store, i: DutyItemInput) -> String {
    s.write(&ctx(), |tx| duties::create_duty_item(tx, &i))
        .unwrap()
        .id
}

fn publish(s: &mut Store, version: &str, on: &str) -> Result<versions::VersionSummary, Error> {
    s.write(&ctx(), |tx| {
        versions::publish(
            tx,
            &PublishInput {
                list: "basic".into(),
                version: version.into(),
                published_on: on.into(),
                note: String::new(),
            },
        )
    })
}

fn vi(number: &str, name: &str) -> VersionItem {
    VersionItem {
        number: number.into(),
        name: name.into(),
        ..Default::default()
    }
}

#[test]
fn the_diff_finds_added_removed_and_reworded_items_by_name_then_number() {
    let old = vec![
        vi("1", "基层党组织建设"),
        vi("2", "矛盾纠纷排查化解"),
        vi("3", "森林防火"),
        vi("4", "环境卫生整治"),
    ];
    let mut basis_changed = vi("1", "基层党组织建设");
    basis_changed.basis = "《中国共产党支部工作条例》".into();
    let new = vec![
        basis_changed,               // same name, basis changed: reworded
        vi("2", "矛盾纠纷排查化解"), // the same
        vi("4", "人居环境整治"),     // renamed, same 序号: reworded
        vi("5", "养老服务"),         // added
    ];
    let d = versions::diff(&old, &new);
    assert_eq!(d.unchanged, 1);
    assert_eq!(
        d.added.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(),
        ["养老服务"]
    );
    assert_eq!(
        d.removed
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        ["森林防火"]
    );
    let r: Vec<(&str, &str, Vec<&str>)> = d
        .reworded
        .iter()
        .map(|r| {
            (
                r.before.name.as_str(),
                r.after.name.as_str(),
                r.changed.clone(),
            )
        })
        .collect();
    assert_eq!(
        r,
        [
            ("基层党组织建设", "基层党组织建设", vec!["法律政策依据"]),
            ("环境卫生整治", "人居环境整治", vec!["事项名称"]),
        ]
    );
    // No 序号: a renamed item is one removed and one added.
    let d = versions::diff(&[vi("", "甲")], &[vi("", "乙")]);
    assert_eq!(
        (d.added.len(), d.removed.len(), d.reworded.len()),
        (1, 1, 0)
    );
    assert_eq!(versions::diff(&old, &old).counts().added, 0);
}

#[test]
fn publishing_keeps_each_version_readable_and_the_latest_is_current() {
    let mut s = store();
    // Nothing on the list yet: nothing to publish.
    let e = publish(&mut s, "2025版", "2025-03-01").unwrap_err();
    assert!(e.to_string().contains("还没有事项"), "{e}");

    add(&mut s, item("1", "基层党组织建设", "党建"));
    let fire = add(&mut s, item("2", "森林防火", "平安法治"));
    add(&mut s, item("3", "环境卫生整治", "乡村振兴"));
    let first = publish(&mut s, "2025版", "2025-03-01").unwrap();
    assert!(first.current);
    assert_eq!(first.items, 3);
    assert_eq!(first.changes, None);

    // Checks: a 版本号 once per list, a date, not before the current version, not
    // after today (a year typed 2027 became current and refused every later one).
    for (version, on, field) in [
        ("2025版", "2026-03-01", "version"),
        ("", "2026-03-01", "version"),
        ("2026版", "", "publishedOn"),
        ("2026版", "2024-12-31", "publishedOn"),
        ("2026版", "2027-01-01", "publishedOn"),
    ] {
        let e = publish(&mut s, version, on).unwrap_err();
        assert_eq!(e.field(), Some(field), "{version} {on}: {e}");
    }

    // The list changes: one item removed, one renamed, one added.
    s.write(&ctx(), |tx| duties::delete_duty_item(tx, &fire))
        .unwrap();
    let all = duties::duty_items(s.conn()).unwrap();
    let env = all.iter().find(|d| d.name == "环境卫生整治").unwrap();
    s.write(&ctx(), |tx| {
        duties::update_duty_item(tx, &env.id, &item("3", "人居环境整治", "乡村振兴"))
    })
    .unwrap();
    add(&mut s, item("4", "养老服务", "民生服务"));
    let pending = versions::pending_changes(s.conn(), DutyList::Basic).unwrap();
    assert_eq!(
        (
            pending.added.len(),
            pending.removed.len(),
            pending.reworded.len()
        ),
        (1, 1, 1)
    );

    let second = publish(&mut s, "2026版", "2026-03-01").unwrap();
    let c = second.changes.unwrap();
    assert_eq!((c.added, c.removed, c.reworded), (1, 1, 1));
    let list = versions::versions(s.conn()).unwrap();
    assert_eq!(
        list.iter()
            .map(|v| (v.version.as_str(), v.current))
            .collect::<Vec<_>>(),
        [("2026版", true), ("2025版", false)]
    );
    // The old version is still readable as it was.
    let old = versions::version(s.conn(), &first.id).unwrap();
    assert!(old.items.iter().any(|i| i.name == "森林防火"));
    assert_eq!(old.published_on, "2025-03-01");
    let d = versions::compare(s.conn(), &first.id, &second.id).unwrap();
    assert_eq!(d.removed[0].name, "森林防火");
    assert_eq!(d.added[0].name, "养老服务");
    assert_eq!(d.reworded[0].after.name, "人居环境整治");
    // Nothing changed since: nothing pending.
    let none = versions::pending_changes(s.conn(), DutyList::Basic).unwrap();
    assert_eq!(none.counts(), versions::diff(&[], &[]).counts());

    // Another list's versions are apart, and two lists do not compare.
    s.write(&ctx(), |tx| {
        duties::create_duty_item(
            tx,
            &DutyItemInput {
                list: "assisting".into(),
                lead_department: "区民政局".into(),
                ..item("1", "低保审核", "民生服务")
            },
        )
    })
    .unwrap();
    let other = s
        .write(&ctx(), |tx| {
            versions::publish(
                tx,
                &PublishInput {
                    list: "配合履职事项".into(),
                    version: "2025版".into(),
                    published_on: "2025-01-01".into(),
                    note: String::new(),
                },
            )
        })
        .unwrap();
    assert!(other.current);
    assert!(versions::compare(s.conn(), &first.id, &other.id).is_err());
}

#[test]
fn the_catalogue_groups_each_list_by_field_from_its_current_version() {
    let mut s = store();
    add(&mut s, item("2", "矛盾纠纷排查化解", "平安法治"));
    add(&mut s, item("1", "基层党组织建设", "党建"));
    add(&mut s, item("3", "社区治安巡防", "平安法治"));
    // Before any version: the list as it stands.
    let c = versions::catalogue(s.conn()).unwrap();
    assert_eq!(c.len(), 3);
    assert!(!c[0].published);
    assert_eq!(c[0].total, 3);
    let fields: Vec<(DutyField, Vec<&str>)> = c[0]
        .fields
        .iter()
        .map(|f| (f.field, f.items.iter().map(|i| i.name.as_str()).collect()))
        .collect();
    assert_eq!(
        fields,
        [
            (DutyField::Party, vec!["基层党组织建设"]),
            (DutyField::Safety, vec!["矛盾纠纷排查化解", "社区治安巡防"]),
        ]
    );
    publish(&mut s, "2026版", "2026-03-01").unwrap();
    // A later edit is not in the catalogue until published.
    add(&mut s, item("4", "养老服务", "民生服务"));
    let c = versions::catalogue(s.conn()).unwrap();
    assert!(c[0].published);
    assert_eq!(c[0].version.as_deref(), Some("2026版"));
    assert_eq!(c[0].total, 3);
    assert!(c[1].fields.is_empty());
}
