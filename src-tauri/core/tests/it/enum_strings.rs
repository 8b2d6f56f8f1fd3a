//! Every text-stored enum keeps the exact strings earlier versions wrote: they are
//! in databases, recycle-bin entries and packages. The literals below are the ones
//! the hand-written `as_str` and serde names used before `labelled_enum!`.

use gridledger_core::base::identity::Gender;
use gridledger_core::cobuild::{PartnerKind, ProjectStatus};
use gridledger_core::contacts::LeaderLevel;
use gridledger_core::demands::{Level as DemandLevel, Status as DemandStatus};
use gridledger_core::hierarchy::{AreaType, UnitKind};
use gridledger_core::party::{CommitteeKind, FollowUpStatus};
use gridledger_core::people::{Employment, RoleKind, Status as PersonStatus};
use gridledger_core::store::office::Level as OfficeLevel;
use serde::{de::DeserializeOwned, Serialize};

/// Checks each variant against its old stored string and label: `as_str`, serde
/// both ways, and `parse` of the string and of the label.
fn same<T>(
    all: &[T],
    old: &[(&str, &str)],
    as_str: fn(&T) -> &'static str,
    label: fn(&T) -> &'static str,
    parse: fn(&str) -> Option<T>,
) where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_eq!(all.len(), old.len(), "{all:?}");
    for (v, (stored, shown)) in all.iter().zip(old) {
        assert_eq!(as_str(v), *stored);
        assert_eq!(label(v), *shown);
        assert_eq!(serde_json::to_string(v).unwrap(), format!("\"{stored}\""));
        assert_eq!(
            &serde_json::from_str::<T>(&format!("\"{stored}\"")).unwrap(),
            v
        );
        assert_eq!(parse(stored).as_ref(), Some(v), "{stored}");
        assert_eq!(parse(shown).as_ref(), Some(v), "{shown}");
    }
}

#[test]
fn every_variant_keeps_its_stored_string_and_label() {
    same(
        &Gender::ALL,
        &[("male", "男"), ("female", "女")],
        |v| v.as_str(),
        |v| v.label(),
        Gender::parse,
    );
    same(
        &PartnerKind::ALL,
        &[
            ("organ", "机关"),
            ("enterprise", "企业"),
            ("institution", "事业单位"),
            ("social_org", "社会组织"),
            ("social_enterprise", "社区社会企业"),
            ("new_employment", "新就业群体"),
            ("other", "其他"),
        ],
        |v| v.as_str(),
        |v| v.label(),
        |s| PartnerKind::parse(s).ok(),
    );
    same(
        &ProjectStatus::ALL,
        &[
            ("open", "待认领"),
            ("claimed", "已认领"),
            ("in_progress", "实施中"),
            ("completed", "已完成"),
            ("evaluated", "已评价"),
        ],
        |v| v.as_str(),
        |v| v.label(),
        |s| ProjectStatus::parse(s).ok(),
    );
    same(
        &LeaderLevel::ALL,
        &[
            ("city", "市"),
            ("county", "县/区"),
            ("township", "乡镇/街道"),
        ],
        |v| v.as_str(),
        |v| v.label(),
        |s| LeaderLevel::parse(s).ok(),
    );
    same(
        &DemandLevel::ALL,
        &[
            ("village", "村/社区"),
            ("township", "乡镇/街道"),
            ("county", "县/区"),
            ("city", "市"),
        ],
        |v| v.as_str(),
        |v| v.label(),
        |s| DemandLevel::parse(s).ok(),
    );
    same(
        &DemandStatus::ALL,
        &[
            ("accepted", "已受理"),
            ("assigned", "已交办"),
            ("in_progress", "办理中"),
            ("resolved", "已办结"),
            ("called_back", "已回访"),
        ],
        |v| v.as_str(),
        |v| v.label(),
        |s| DemandStatus::parse(s).ok(),
    );
    same(
        &UnitKind::ALL,
        &[
            ("village", "村/社区"),
            ("compound", "小区"),
            ("base_grid", "基础网格"),
            ("micro_grid", "微网格"),
        ],
        |v| v.as_str(),
        |v| v.label(),
        |s| UnitKind::parse(s).ok(),
    );
    same(
        &AreaType::ALL,
        &[("urban", "城镇（社区）"), ("rural", "农村（村）")],
        |v| v.as_str(),
        |v| v.label(),
        |s| AreaType::parse(s).ok(),
    );
    same(
        &CommitteeKind::ALL,
        &[("joint_working", "大工委"), ("community_joint", "大党委")],
        |v| v.as_str(),
        |v| v.label(),
        |s| CommitteeKind::parse(s).ok(),
    );
    same(
        &FollowUpStatus::ALL,
        &[("open", "跟进中"), ("done", "已完成")],
        |v| v.as_str(),
        |v| v.label(),
        |s| FollowUpStatus::parse(s).ok(),
    );
    same(
        &RoleKind::ALL,
        &[
            ("grid_worker", "网格员"),
            ("building_head", "楼栋长"),
            ("info_officer", "信息员"),
            ("community_worker", "社区工作者"),
        ],
        |v| v.as_str(),
        |v| v.label(),
        RoleKind::parse,
    );
    same(
        &Employment::ALL,
        &[("full_time", "专职"), ("part_time", "兼职")],
        |v| v.as_str(),
        |v| v.label(),
        Employment::parse,
    );
    same(
        &PersonStatus::ALL,
        &[("active", "在岗"), ("left", "离岗")],
        |v| v.as_str(),
        |v| v.label(),
        PersonStatus::parse,
    );
    same(
        &OfficeLevel::ALL,
        &[
            ("township", "乡镇/街道"),
            ("county", "县/区"),
            ("city", "市"),
        ],
        |v| v.as_str(),
        |v| v.label(),
        |s| OfficeLevel::parse(s).ok(),
    );
}

#[test]
fn the_other_words_imports_accepted_are_still_accepted() {
    for (s, want) in [
        ("市级", LeaderLevel::City),
        ("县级", LeaderLevel::County),
        ("镇", LeaderLevel::Township),
        ("街道", LeaderLevel::Township),
    ] {
        assert_eq!(LeaderLevel::parse(s).unwrap(), want, "{s}");
    }
    for (s, want) in [
        ("村", DemandLevel::Village),
        ("社区", DemandLevel::Village),
        ("区", DemandLevel::County),
    ] {
        assert_eq!(DemandLevel::parse(s).unwrap(), want, "{s}");
    }
    assert_eq!(OfficeLevel::parse("县").unwrap(), OfficeLevel::County);
    assert_eq!(AreaType::parse("村").unwrap(), AreaType::Rural);
    assert_eq!(AreaType::parse("社区").unwrap(), AreaType::Urban);
    assert_eq!(
        CommitteeKind::parse("社区大党委").unwrap(),
        CommitteeKind::CommunityJoint
    );
    for s in ["", "未完成", "办理中"] {
        assert_eq!(
            FollowUpStatus::parse(s).unwrap(),
            FollowUpStatus::Open,
            "{s}"
        );
    }
    assert_eq!(
        FollowUpStatus::parse("已办结").unwrap(),
        FollowUpStatus::Done
    );
    assert_eq!(PersonStatus::parse(""), Some(PersonStatus::Active));
    assert_eq!(PersonStatus::parse("离职"), Some(PersonStatus::Left));
    assert_eq!(Gender::parse("F"), Some(Gender::Female));
    // Refusals name the field and list what may be written.
    let e = LeaderLevel::parse("省").unwrap_err();
    assert_eq!(e.field(), Some("level"));
    assert_eq!(
        e.to_string(),
        "领导层级“省”无法识别，可填：市、县/区、乡镇/街道。"
    );
    assert_eq!(
        OfficeLevel::parse("").unwrap_err().to_string(),
        "请填写层级（可选：乡镇/街道、县/区、市）。"
    );
}

#[test]
fn a_missing_value_decodes_to_the_same_default_as_before() {
    assert_eq!(Gender::default(), Gender::Male);
    assert_eq!(PartnerKind::default(), PartnerKind::Organ);
    assert_eq!(ProjectStatus::default(), ProjectStatus::Open);
    assert_eq!(LeaderLevel::default(), LeaderLevel::Township);
    assert_eq!(DemandLevel::default(), DemandLevel::Village);
    assert_eq!(DemandStatus::default(), DemandStatus::Accepted);
    assert_eq!(UnitKind::default(), UnitKind::Village);
    assert_eq!(AreaType::default(), AreaType::Urban);
    assert_eq!(CommitteeKind::default(), CommitteeKind::JointWorking);
    assert_eq!(FollowUpStatus::default(), FollowUpStatus::Open);
    assert_eq!(RoleKind::default(), RoleKind::GridWorker);
    assert_eq!(Employment::default(), Employment::FullTime);
    assert_eq!(PersonStatus::default(), PersonStatus::Active);
    assert_eq!(OfficeLevel::default(), OfficeLevel::Township);
}
