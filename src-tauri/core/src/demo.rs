//! Demo data (示例数据): a realistic township for trying the app and for screenshots.
//! A new database becomes the demo township 青溪街道 (marked as demo); an initialised
//! township gets the demo records under its own code. Later record kinds extend
//! [`fill`] with demo records of their own.

use crate::base::error::{Error, Result};
use crate::hierarchy::{self, Unit, UnitInput, UnitKind};
use crate::store::office::{self, Level};
use crate::store::{Ctx, Store, Tx};

pub const DEMO_CODE: &str = "320115101000";
pub const DEMO_NAME: &str = "青溪街道";

#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub office_created: bool,
    pub villages: usize,
    pub compounds: usize,
    pub base_grids: usize,
    pub micro_grids: usize,
    pub people: usize,
    pub business_grids: usize,
    /// Party-building and co-building records (branches, committees, members,
    /// meetings, partner units, projects).
    pub party_and_cobuild: usize,
    /// Leaders, contact points, visits, departments, demands, working groups and
    /// working meetings.
    pub contacts_and_demands: usize,
    /// Items of the three lists (履职事项).
    pub duty_items: usize,
    /// Grid matters (网格事项) and the villages' claims of them (认领).
    pub grid_matters: usize,
    /// Training sessions, their participant rows and pipeline events (培训, 引育留用).
    pub training: usize,
    /// 准入事项, one at every step.
    pub admissions: usize,
    /// 专项整治 register entries (工作机制, 挂牌, 证明事项, 借调人员) and 回头看.
    pub cleanups: usize,
    /// 考核: indicators, manual scores, awards and criticism, rectification items,
    /// outpost evaluations.
    pub assessment: usize,
    /// Inspectors, two quarters' samples and the inspections (季度抽查, 检查记录).
    pub sampling: usize,
    /// Returned questionnaires (问卷答卷) of the demo questionnaire.
    pub questionnaire_responses: usize,
    /// Phone call-backs (电话回访) recorded.
    pub callbacks: usize,
    /// 月调度: tasks of the list and their monthly reports.
    pub tasks: usize,
}

struct Village {
    name: &'static str,
    urban: bool,
    compounds: &'static [(&'static str, usize)],
}

const VILLAGES: &[Village] = &[
    Village {
        name: "青溪社区",
        urban: true,
        compounds: &[("阳光花园", 3), ("翠竹苑", 2), ("锦绣华庭", 2)],
    },
    Village {
        name: "梧桐社区",
        urban: true,
        compounds: &[("梧桐雅苑", 2), ("金桥新村", 3), ("和园小区", 1)],
    },
    Village {
        name: "滨江社区",
        urban: true,
        compounds: &[("滨江公寓", 2), ("望江名邸", 2)],
    },
    Village {
        name: "杨柳村",
        urban: false,
        compounds: &[("杨家组", 1), ("柳塘组", 1), ("新庄组", 1)],
    },
    Village {
        name: "石塘村",
        urban: false,
        compounds: &[("石塘组", 1), ("竹园组", 1)],
    },
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗",
];
/// Given names by the gender the ID number gives (男 first): a demo 李秀兰 is a woman.
const GIVEN: [&[&str]; 2] = [
    &[
        "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "平", "刚", "建华", "晓东",
        "志强",
    ],
    &[
        "芳", "娜", "秀英", "敏", "静", "丽", "艳", "娟", "秀兰", "霞", "桂英", "玉兰", "海燕",
        "文静", "春梅",
    ],
];
const POLITICAL: &[&str] = &[
    "中共党员",
    "中共党员",
    "群众",
    "群众",
    "共青团员",
    "中共预备党员",
];
const EDUCATION: &[&str] = &["大学本科", "大学专科", "大学专科", "高中", "中专", "研究生"];

const ROADS: &[&str] = &[
    "青溪路",
    "梧桐大道",
    "滨江路",
    "文昌街",
    "健康路",
    "丰收路",
    "学府路",
    "秦淮河",
    "竹山路",
    "金桥街",
];

/// A tiny deterministic generator so the demo looks the same on every machine.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, lo: i64, hi: i64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lo + ((self.0 >> 33) as i64).rem_euclid(hi - lo + 1)
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next(0, list.len() as i64 - 1) as usize]
    }
    /// A plausible person: name, a valid ID number for the region, a mobile number.
    fn person(&mut self) -> (String, String, String) {
        let surname = self.pick(SURNAMES);
        // The same draws as when one list held both genders, so every other demo value stays.
        let given = self.next(0, 29) as usize;
        let birth = chrono::NaiveDate::from_ymd_opt(
            self.next(1965, 2000) as i32,
            self.next(1, 12) as u32,
            self.next(1, 28) as u32,
        )
        .unwrap_or_default();
        let sequence = self.next(10, 999);
        // The ID number's 17th digit (the sequence's last) is odd for a man.
        let names = GIVEN[usize::from(sequence % 2 == 0)];
        let name = format!("{surname}{}", names[given % names.len()]);
        let body = format!("320115{}{sequence:03}", birth.format("%Y%m%d"));
        let id = format!(
            "{body}{}",
            crate::base::identity::check_char(&body).unwrap_or('0')
        );
        let phone = format!(
            "1{}{:09}",
            self.pick(&["38", "39", "58", "59", "87", "88", "51", "77"]),
            self.next(0, 999_999_999)
        );
        (name, id, phone[..11].to_string())
    }
    fn road(&mut self) -> &'static str {
        ROADS[self.next(0, ROADS.len() as i64 - 1) as usize]
    }
}

/// A unit to create under `parent`, in town or countryside; counts and boundary
/// are filled in by the caller for grids.
fn unit(kind: UnitKind, parent: Option<&str>, name: &str, urban: bool) -> UnitInput {
    UnitInput {
        kind: kind.as_str().into(),
        parent_id: parent.map(str::to_string),
        name: name.into(),
        area_type: if urban { "urban" } else { "rural" }.into(),
        ..Default::default()
    }
}

/// Creates the unit with the next suggested code; returns its id.
fn add(tx: &Tx, mut input: UnitInput) -> Result<String> {
    // The demo's codes stay as they were written (a 村 among them numbered 00x).
    input.code = hierarchy::suggest_code(tx, &input.kind, input.parent_id.as_deref(), None)?;
    Ok(hierarchy::create(tx, &input)?.id)
}

/// Adds a person serving `unit`, started on a random month's first day, or on
/// `not_before` (its grid's 设立日期) when that is later: nobody served a grid
/// before it was set up (the demo's own roster, imported back, warned of it).
fn add_person(
    tx: &Tx,
    rng: &mut Lcg,
    role: &str,
    employment: Option<&str>,
    unit: &str,
    not_before: &str,
) -> Result<()> {
    let (name, id_number, phone) = rng.person();
    crate::people::create(
        tx,
        &crate::people::PersonInput {
            name,
            id_number,
            phone,
            political_status: rng.pick(POLITICAL).into(),
            education: rng.pick(EDUCATION).into(),
            start_date: format!("{}-{:02}-01", rng.next(2015, 2025), rng.next(1, 12))
                .max(not_before.to_string()),
            published: rng.next(0, 4) > 0,
            roles: vec![crate::people::RoleInput {
                role: role.into(),
                employment: employment.map(str::to_string),
                unit_ids: vec![unit.to_string()],
            }],
            ..Default::default()
        },
    )?;
    Ok(())
}

/// Fills `store` with the demo township. Everything in one transaction.
pub fn fill(store: &mut Store, ctx: &Ctx) -> Result<DemoSummary> {
    store.write(ctx, |tx| {
        let mut summary = DemoSummary::default();
        let office = match office::get(tx)? {
            Some(o) => o,
            None => {
                summary.office_created = true;
                office::setup(tx, "township", DEMO_CODE, DEMO_NAME, true)?
            }
        };
        if office.level != Level::Township {
            return Err(Error::Refused(format!(
                "示例组织架构是乡镇/街道的数据，本机是{}“{}”，不能填入。",
                office.level.label(),
                office.name
            )));
        }
        let existing = hierarchy::list(tx)?;
        if existing
            .iter()
            .any(|u| u.kind == UnitKind::Village && u.name == VILLAGES[0].name)
        {
            return Err(Error::Refused(
                "示例数据已经填入过了，无需重复填入。".into(),
            ));
        }
        let mut rng = Lcg(20261126);
        // Base grids by village, for the business grids below.
        let mut grids_of: Vec<(&str, Vec<String>)> = Vec::new();
        for v in VILLAGES {
            grids_of.push((v.name, Vec::new()));
            let village = add(tx, unit(UnitKind::Village, None, v.name, v.urban))?;
            summary.villages += 1;
            for _ in 0..rng.next(3, 5) {
                add_person(tx, &mut rng, "community_worker", None, &village, "")?;
                summary.people += 1;
            }
            for (compound_name, grids) in v.compounds {
                let compound = add(
                    tx,
                    unit(UnitKind::Compound, Some(&village), compound_name, v.urban),
                )?;
                summary.compounds += 1;
                for g in 1..=*grids {
                    let micro_count = if v.urban {
                        rng.next(2, 4)
                    } else {
                        rng.next(1, 2)
                    };
                    let mut households = 0;
                    let mut micro = Vec::new();
                    for m in 1..=micro_count {
                        let h = if v.urban {
                            rng.next(40, 120)
                        } else {
                            rng.next(20, 60)
                        };
                        households += h;
                        let name = if v.urban {
                            let first = (g as i64 - 1) * 8 + (m - 1) * 2 + 1;
                            format!("{}{}-{}栋", compound_name, first, first + 1)
                        } else {
                            format!(
                                "{}第{}片",
                                compound_name,
                                ["一", "二", "三"][(m - 1) as usize % 3]
                            )
                        };
                        micro.push((name, h));
                    }
                    let grid_name = if *grids == 1 {
                        format!("{compound_name}网格")
                    } else {
                        format!(
                            "{compound_name}第{}网格",
                            ["一", "二", "三", "四"][(g - 1) % 4]
                        )
                    };
                    let boundary = format!(
                        "东至{}，南至{}，西至{}，北至{}",
                        rng.road(),
                        rng.road(),
                        rng.road(),
                        rng.road()
                    );
                    let residents = households * rng.next(25, 32) / 10;
                    // One grid split off in 2026 (设立日期): 2025's figures leave it out.
                    let established_on = if grid_name == "金桥新村第三网格" {
                        "2026-03-01".into()
                    } else {
                        String::new()
                    };
                    let grid = add(
                        tx,
                        UnitInput {
                            households: Some(households),
                            residents: Some(residents),
                            boundary,
                            established_on: established_on.clone(),
                            ..unit(UnitKind::BaseGrid, Some(&compound), &grid_name, v.urban)
                        },
                    )?;
                    summary.base_grids += 1;
                    if let Some((_, list)) = grids_of.last_mut() {
                        list.push(grid.clone());
                    }
                    let part_time = !v.urban || rng.next(0, 4) == 0;
                    add_person(
                        tx,
                        &mut rng,
                        "grid_worker",
                        Some(if part_time { "part_time" } else { "full_time" }),
                        &grid,
                        &established_on,
                    )?;
                    summary.people += 1;
                    for (name, h) in micro {
                        let r = h * rng.next(24, 33) / 10;
                        let micro = add(
                            tx,
                            UnitInput {
                                households: Some(h),
                                residents: Some(r),
                                ..unit(UnitKind::MicroGrid, Some(&grid), &name, v.urban)
                            },
                        )?;
                        summary.micro_grids += 1;
                        // Most micro-grids have a building head; some are still unstaffed.
                        if rng.next(0, 5) > 0 {
                            let role = if rng.next(0, 3) == 0 {
                                "info_officer"
                            } else {
                                "building_head"
                            };
                            add_person(tx, &mut rng, role, None, &micro, &established_on)?;
                            summary.people += 1;
                        }
                    }
                }
            }
        }
        summary.business_grids = add_business_grids(tx, &grids_of)?;
        summary.party_and_cobuild = add_party_and_cobuild(tx)?;
        summary.contacts_and_demands = add_contacts_and_demands(tx)?;
        summary.duty_items = add_duty_items(tx)?;
        summary.grid_matters = add_grid_matters(tx)?;
        summary.training = add_training(tx)?;
        summary.admissions = add_admissions(tx)?;
        summary.cleanups = add_cleanups(tx)?;
        summary.assessment = add_assessment(tx)?;
        summary.sampling = add_sampling(tx)?;
        (summary.questionnaire_responses, summary.callbacks) = add_surveys(tx)?;
        summary.tasks = add_tasks(tx)?;
        add_adjustment(tx)?;
        Ok(summary)
    })
}

/// 月调度: seven measures of the city's list, reported on for the two months
/// before this one (one done, one behind, one not reported last month) and, for one
/// task, this month already.
fn add_tasks(tx: &Tx) -> Result<usize> {
    use crate::tasks::{self, ProgressInput, TaskInput};
    use chrono::Datelike;
    const TASKS: &[(&str, &str, &str, &str, &str)] = &[
        (
            "1",
            "推动小区党支部应建尽建，小区党组织“三亮”公示到位",
            "党建引领",
            "区委组织部",
            "2026-12-31",
        ),
        (
            "2",
            "建立街道大工委、社区大党委，吸纳驻区单位负责人任兼职委员",
            "党建引领",
            "区委组织部",
            "2026-09-30",
        ),
        (
            "3",
            "优化网格设置，推进“多格合一”，专职网格员配备到位",
            "畅路",
            "区委政法委",
            "2026年12月底",
        ),
        (
            "4",
            "落实领导干部基层联系点制度，每季度到联系点走访不少于一次",
            "畅路",
            "区委办公室",
            "长期坚持",
        ),
        (
            "5",
            "清理规范村（社区）工作事项、机制牌子和证明事项",
            "减负",
            "区委社会工作部",
            "2026-11-30",
        ),
        (
            "6",
            "开展社区工作者全员轮训，年度培训覆盖率达到100%",
            "队伍建设",
            "区委社会工作部",
            "2026-12-31",
        ),
        (
            "10",
            "每个城市社区至少实施1个居民议定的“微实事”项目",
            "微治理",
            "区民政局",
            "长期",
        ),
    ];
    let today = tx.ctx.today();
    let Some(this) = today.with_day(1) else {
        return Ok(0);
    };
    let Some(last) = this.pred_opt().and_then(|d| d.with_day(1)) else {
        return Ok(0);
    };
    let Some(before) = last.pred_opt().and_then(|d| d.with_day(1)) else {
        return Ok(0);
    };
    let mut ids = Vec::new();
    for (code, title, category, lead, deadline) in TASKS {
        let t = tasks::create_task(
            tx,
            &TaskInput {
                code: code.to_string(),
                title: title.to_string(),
                category: category.to_string(),
                lead: lead.to_string(),
                deadline: deadline.to_string(),
                remark: String::new(),
            },
        )?;
        ids.push(t.id);
    }
    // (task, month, status, progress, problems, next steps, done on)
    let m = |d: chrono::NaiveDate| tasks::month_of(d);
    let day15 = |d: chrono::NaiveDate| d.with_day(15).map(|d| d.format("%Y-%m-%d").to_string());
    let reports = [
        (
            0,
            m(before),
            "推进中",
            "新建小区党支部2个，12个小区完成“三亮”公示",
            "",
            "推动剩余小区公示到位",
            None,
        ),
        (
            0,
            m(last),
            "推进中",
            "小区党支部覆盖率达到90%，“三亮”公示完成率80%",
            "个别新建小区物业未进驻",
            "协调物业公司落实公示栏",
            None,
        ),
        (
            1,
            m(before),
            "已完成",
            "街道大工委、3个社区大党委均已成立，兼职委员12名",
            "",
            "",
            day15(before),
        ),
        (
            2,
            m(before),
            "推进中",
            "完成网格划分调整方案，报区委政法委审核",
            "",
            "按方案调整网格",
            None,
        ),
        (
            2,
            m(last),
            "推进中",
            "22个基础网格全部配备专职网格员",
            "业务网格尚未全部并入",
            "推进综治网格、城管网格并入",
            None,
        ),
        (
            3,
            m(before),
            "推进中",
            "7名街道领导均建立联系点，本月走访5次",
            "",
            "",
            None,
        ),
        (
            3,
            m(last),
            "推进中",
            "本月走访联系点6次，收集诉求4件",
            "",
            "跟踪诉求办理",
            None,
        ),
        (
            4,
            m(last),
            "滞后",
            "已梳理工作机制18个、挂牌12块，正在逐项核对",
            "部分条线部门未反馈意见",
            "12月上旬完成清理并报备",
            None,
        ),
        (
            5,
            m(last),
            "推进中",
            "举办社区工作者培训2期，参训86人次",
            "",
            "组织第三期轮训",
            None,
        ),
        (
            6,
            m(before),
            "未启动",
            "正在征集居民意见",
            "",
            "召开居民议事会确定项目",
            None,
        ),
    ];
    let mut n = ids.len();
    for (task, month, status, progress, problems, next, done_on) in reports {
        tasks::save_task_progress(
            tx,
            &ProgressInput {
                task_id: ids[task].clone(),
                month,
                status: status.to_string(),
                progress: progress.to_string(),
                problems: problems.to_string(),
                next_steps: next.to_string(),
                done_on: done_on.unwrap_or_default(),
                remark: String::new(),
            },
        )?;
        n += 1;
    }
    tasks::save_task_progress(
        tx,
        &ProgressInput {
            task_id: ids[0].clone(),
            month: m(this),
            status: "推进中".into(),
            progress: "已对照清单逐个小区核查公示栏".into(),
            ..ProgressInput::default()
        },
    )?;
    Ok(n + 1)
}

/// 网格划分调整: a building pulled down in the autumn, its micro grid 撤销 on
/// 2026-10-15. It counts in 2025 and the third quarter, not after.
fn add_adjustment(tx: &Tx) -> Result<()> {
    let Some(day) = chrono::NaiveDate::from_ymd_opt(2026, 10, 15) else {
        return Ok(());
    };
    let Some(grid) = hierarchy::find_by_name(tx, "金桥新村第二网格", None)?.pop() else {
        return Ok(());
    };
    // A clock before the day (a test's) has nothing to 撤销 yet.
    if tx.ctx.today() <= day {
        return Ok(());
    }
    let id = add(
        tx,
        UnitInput {
            households: Some(24),
            residents: Some(70),
            established_on: "2024-05-01".into(),
            ..unit(UnitKind::MicroGrid, Some(&grid.id), "金桥新村12栋", true)
        },
    )?;
    hierarchy::adjust::dissolve(
        tx,
        &id,
        &hierarchy::adjust::DissolveInput {
            dissolved_on: day.to_string(),
            note: "楼栋拆除，住户并入相邻微网格".into(),
        },
        crate::kinds::ALL,
    )?;
    Ok(())
}

/// Department, name, village whose base grids it maps onto, and (base grid index,
/// merged date or "") per mapping.
type BusinessGridPlan = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(usize, &'static str)],
);

/// 多格合一 in progress, as a real township would have it: comprehensive-governance
/// grids merged in two communities (one only partly), urban management mapped but
/// not merged yet, market supervision registered but not mapped.
fn add_business_grids(tx: &Tx, grids_of: &[(&str, Vec<String>)]) -> Result<usize> {
    use crate::hierarchy::business_grids::{self, BusinessGridInput};
    let grids = |village: &str| -> Vec<String> {
        grids_of
            .iter()
            .find(|(v, _)| *v == village)
            .map(|(_, g)| g.clone())
            .unwrap_or_default()
    };
    let plan: &[BusinessGridPlan] = &[
        (
            "综治",
            "青溪社区综治网格",
            "青溪社区",
            &[
                (0, "2025-06-01"),
                (1, "2025-06-01"),
                (2, "2025-06-01"),
                (3, "2025-06-01"),
                (4, "2025-06-01"),
                (5, "2025-06-01"),
                (6, "2025-06-01"),
            ],
        ),
        (
            "综治",
            "梧桐社区综治网格",
            "梧桐社区",
            &[(0, "2025-09-15"), (1, "2025-09-15"), (2, ""), (3, "")],
        ),
        (
            "城管",
            "滨江片区城管网格",
            "滨江社区",
            &[(0, ""), (1, ""), (2, "")],
        ),
        ("市场监管", "青溪市场监管网格", "", &[]),
    ];
    for (department, name, village, mappings) in plan {
        let g = business_grids::create(
            tx,
            &BusinessGridInput {
                department: department.to_string(),
                name: name.to_string(),
                note: String::new(),
            },
        )?;
        let base = grids(village);
        for (i, merged_on) in mappings.iter() {
            if let Some(base_grid) = base.get(*i) {
                business_grids::set_mapping(tx, &g.id, base_grid, merged_on)?;
            }
        }
    }
    Ok(plan.len())
}

/// Party building and co-building as a township a year into the work would have them:
/// most compounds with all three items published, a 大工委 and two 大党委 with
/// part-time members from partner units, joint meetings whose decisions are partly
/// followed up, and projects at every step.
fn add_party_and_cobuild(tx: &Tx) -> Result<usize> {
    use crate::cobuild::{self, Move, PartnerUnitInput, ProjectInput};
    use crate::party::{
        self, BranchInput, CommitteeInput, DecisionInput, MeetingInput, MemberInput,
    };
    let all = hierarchy::list(tx)?;
    let village = |name: &str| {
        all.iter()
            .find(|u| u.kind == UnitKind::Village && u.name == name)
            .map(|u| u.id.clone())
            .unwrap_or_default()
    };
    let mut n = 0;
    // 三亮: the first nine compounds complete, then one item or more missing.
    let secretaries = [
        "王建国",
        "李红梅",
        "张志强",
        "刘桂兰",
        "陈立新",
        "杨秀英",
        "赵卫东",
        "黄丽华",
        "周海军",
        "吴晓燕",
        "徐国庆",
        "孙美玲",
        "马永刚",
    ];
    let compounds: Vec<&Unit> = all
        .iter()
        .filter(|u| u.kind == UnitKind::Compound)
        .collect();
    for (i, c) in compounds.iter().enumerate() {
        let date = |m: usize| format!("2025-{:02}-{:02}", 3 + (i + m) % 6, 5 + i % 20);
        let input = BranchInput {
            exists: i != 12,
            secretary: if i == 12 {
                String::new()
            } else {
                secretaries[i % secretaries.len()].to_string()
            },
            structure_on: if i < 12 { date(0) } else { String::new() },
            duties_on: if i < 11 { date(1) } else { String::new() },
            identity_on: if i < 9 { date(2) } else { String::new() },
            note: String::new(),
            ..Default::default()
        };
        party::save_branch(tx, None, &c.id, &input)?;
        // The tenth had its 党员身份 on the board in 2025 until the notice board was
        // rebuilt (撤下, 2026-08-31): counted in the periods before that day.
        if i == 9 {
            let up = BranchInput {
                identity_on: date(2),
                ..input.clone()
            };
            party::save_branch(tx, None, &c.id, &up)?;
            let down = BranchInput {
                taken_down_on: "2026-08-31".into(),
                note: "公示栏改造，党员身份公示牌暂时撤下".into(),
                ..input
            };
            party::save_branch(tx, None, &c.id, &down)?;
        }
        n += 1;
    }
    // Partner units.
    let partners: &[(&str, &str, &str, &str, &[&str])] = &[
        (
            "江宁区供电公司青溪营业所",
            "enterprise",
            "钱伟",
            "13951001234",
            &["青溪社区", "梧桐社区"],
        ),
        (
            "青溪街道卫生服务中心",
            "institution",
            "孙丽",
            "025-52101234",
            &["青溪社区"],
        ),
        (
            "江宁区税务局第三税务所",
            "organ",
            "周强",
            "13813005678",
            &["滨江社区"],
        ),
        (
            "滨江物业服务有限公司",
            "enterprise",
            "吴刚",
            "13770112233",
            &["滨江社区"],
        ),
        (
            "青溪社工服务中心",
            "social_org",
            "郑敏",
            "18651234567",
            &["梧桐社区", "杨柳村"],
        ),
        (
            "梧桐邻里社区社会企业",
            "social_enterprise",
            "冯洁",
            "15905187766",
            &["梧桐社区"],
        ),
        (
            "青溪快递小哥党员先锋队",
            "new_employment",
            "陈浩",
            "17712345678",
            &["青溪社区", "滨江社区"],
        ),
        (
            "石塘村农业合作社",
            "other",
            "褚建华",
            "13605146677",
            &["石塘村"],
        ),
    ];
    let mut partner_ids = Vec::new();
    for (name, kind, contact, phone, villages) in partners {
        let p = cobuild::create_partner(
            tx,
            &PartnerUnitInput {
                name: name.to_string(),
                kind: kind.to_string(),
                contact_name: contact.to_string(),
                contact_phone: phone.to_string(),
                village_ids: villages.iter().map(|v| village(v)).collect(),
                note: String::new(),
            },
        )?;
        partner_ids.push(p.id);
        n += 1;
    }
    // Committees and members.
    let committees: &[(&str, &str, &str)] = &[
        ("joint_working", "青溪街道大工委", ""),
        ("community_joint", "青溪社区大党委", "青溪社区"),
        ("community_joint", "滨江社区大党委", "滨江社区"),
    ];
    let members: &[(usize, &str, Option<usize>, &str)] = &[
        (0, "林志远", None, "书记"),
        (0, "何静", None, "副书记"),
        (0, "钱伟", Some(0), "兼职委员"),
        (0, "周强", Some(2), "兼职委员"),
        (0, "郑敏", Some(4), "兼职委员"),
        (1, "高建平", None, "书记"),
        (1, "孙丽", Some(1), "兼职委员"),
        (1, "陈浩", Some(6), "兼职委员"),
        (1, "冯洁", Some(5), "兼职委员"),
        (2, "唐永红", None, "书记"),
        (2, "吴刚", Some(3), "兼职委员"),
        (2, "周强", Some(2), "兼职委员"),
    ];
    let mut committee_ids = Vec::new();
    for (kind, name, v) in committees {
        let c = party::create_committee(
            tx,
            &CommitteeInput {
                kind: kind.to_string(),
                name: name.to_string(),
                village_id: (!v.is_empty()).then(|| village(v)),
                note: String::new(),
            },
        )?;
        committee_ids.push(c.id);
        n += 1;
    }
    let mut member_ids: Vec<Vec<String>> = vec![Vec::new(); committees.len()];
    for (c, name, partner, post) in members {
        let m = party::create_member(
            tx,
            &MemberInput {
                committee_id: committee_ids[*c].clone(),
                name: name.to_string(),
                part_time: partner.is_some(),
                partner_unit_id: partner.map(|p| partner_ids[p].clone()),
                post: post.to_string(),
                term_start: "2024-01-01".into(),
                term_end: "2026-12-31".into(),
                note: String::new(),
            },
        )?;
        member_ids[*c].push(m.id);
        n += 1;
    }
    // Joint meetings, their decisions partly followed up.
    // (committee, date, topics, [(decision, owner, due, done)])
    type Decisions = &'static [(&'static str, &'static str, &'static str, bool)];
    let meetings: &[(usize, &str, &str, Decisions)] = &[
        (
            0,
            "2026-03-18",
            "一季度共建项目认领；老旧小区加装电梯协调",
            &[
                (
                    "供电所配合阳光花园加装电梯的线路改造",
                    "钱伟",
                    "2026-05-31",
                    true,
                ),
                (
                    "社工中心牵头梧桐社区为老服务需求摸排",
                    "郑敏",
                    "2026-04-30",
                    true,
                ),
            ],
        ),
        (
            1,
            "2026-06-20",
            "夏季防汛和高温慰问；快递小哥驿站选址",
            &[
                (
                    "在青溪社区党群服务中心设立快递小哥爱心驿站",
                    "陈浩",
                    "2026-08-31",
                    true,
                ),
                (
                    "卫生服务中心每月一次进小区义诊",
                    "孙丽",
                    "2026-12-31",
                    false,
                ),
            ],
        ),
        (
            0,
            "2026-09-25",
            "三季度工作推进；三亮公示查漏补缺",
            &[
                (
                    "尚未完成三亮的 4 个小区在 10 月底前补齐",
                    "何静",
                    "2026-10-31",
                    false,
                ),
                (
                    "税务所开展小微企业税费政策进社区宣讲",
                    "周强",
                    "2026-11-15",
                    false,
                ),
            ],
        ),
        (
            2,
            "2026-10-12",
            "滨江片区停车难治理",
            &[(
                "物业公司梳理夜间共享车位 60 个",
                "吴刚",
                "2026-12-15",
                false,
            )],
        ),
    ];
    for (c, held_on, topics, decisions) in meetings {
        party::create_meeting(
            tx,
            &MeetingInput {
                committee_id: committee_ids[*c].clone(),
                held_on: held_on.to_string(),
                attendee_ids: member_ids[*c].clone(),
                topics: topics.to_string(),
                note: String::new(),
                place: "街道党群服务中心二楼会议室".into(),
                host: String::new(),
                observers: String::new(),
                decisions: decisions
                    .iter()
                    .map(|(d, owner, due, done)| DecisionInput {
                        id: None,
                        decision: d.to_string(),
                        owner: owner.to_string(),
                        due_on: due.to_string(),
                        status: if *done { "done" } else { "open" }.into(),
                        done_on: if *done {
                            due.to_string()
                        } else {
                            String::new()
                        },
                    })
                    .collect(),
            },
        )?;
        n += 1;
    }
    // Projects at every step: (title, village, category, claimed by, steps beyond 已认领).
    let projects: &[(&str, &str, &str, &[usize], usize)] = &[
        ("阳光花园加装电梯线路改造", "青溪社区", "设施改造", &[0], 3),
        ("梧桐社区老年助餐点", "梧桐社区", "为老服务", &[4, 5], 2),
        ("快递小哥爱心驿站", "青溪社区", "便民服务", &[6], 2),
        ("滨江社区夜间共享车位", "滨江社区", "平安建设", &[3], 1),
        ("小区义诊进楼栋", "青溪社区", "为老服务", &[1], 1),
        ("税费政策进社区", "滨江社区", "就业创业", &[2], 0),
        ("杨柳村留守儿童暑期课堂", "杨柳村", "助学帮困", &[4], 0),
        ("石塘村人居环境整治", "石塘村", "环境整治", &[], 0),
        ("梧桐社区楼道杂物清理", "梧桐社区", "环境整治", &[], 0),
    ];
    for (i, (title, v, category, claimed_by, steps)) in projects.iter().enumerate() {
        let p = cobuild::create_project(
            tx,
            None,
            &ProjectInput {
                title: title.to_string(),
                village_id: village(v),
                category: category.to_string(),
                planned_start: format!("2026-{:02}-01", 3 + i % 6),
                planned_end: format!("2026-{:02}-28", 6 + i % 6),
                money: serde_json::json!(if i % 2 == 0 { 20000 + 5000 * i } else { 0 }),
                people: serde_json::json!(5 + i),
                goods: String::new(),
                beneficiaries: "辖区居民".into(),
                note: String::new(),
                // Registered before its claims: a back-filled project keeps its own date.
                registered_on: format!("2026-{:02}-20", 2 + i % 6),
            },
        )?;
        for u in claimed_by.iter() {
            cobuild::claim(
                tx,
                None,
                &p.id,
                &partner_ids[*u],
                &format!("2026-{:02}-10", 3 + i % 6),
            )?;
        }
        let steps_to = ["in_progress", "completed", "evaluated"];
        for (k, to) in steps_to.iter().take(*steps).enumerate() {
            cobuild::move_to(
                tx,
                None,
                &p.id,
                &Move {
                    to: to.to_string(),
                    date: format!("2026-{:02}-{:02}", 4 + i % 6 + k, 15),
                    // Completion needs evidence or why there is none: the demo has no files.
                    reason: if *to == "completed" {
                        "佐证照片存于社区纸质台账".into()
                    } else {
                        String::new()
                    },
                    score: Some(5),
                    evaluation: if *to == "evaluated" {
                        "居民满意度高".into()
                    } else {
                        String::new()
                    },
                },
            )?;
        }
        n += 1;
    }
    Ok(n)
}

/// Leader contact points and demands as a township would have them: a city leader's
/// key contact, county leaders' 包保, township leaders covering all but one
/// community; visits whose problems became demands at every step, one escalated,
/// one overdue; a working group with meetings.
fn add_contacts_and_demands(tx: &Tx) -> Result<usize> {
    use crate::contacts::{self, ContactPointInput, LeaderInput, VisitInput};
    use crate::demands::{
        self, DemandInput, DepartmentInput, Move, WorkingGroupInput, WorkingMeetingInput,
    };
    use crate::party::DecisionInput;
    let all = hierarchy::list(tx)?;
    let unit = |name: &str| {
        all.iter()
            .find(|u| u.name == name)
            .map(|u| u.id.clone())
            .unwrap_or_default()
    };
    // The 村/社区 a unit is in (a demand is filed under one).
    let by_id: std::collections::HashMap<&str, &Unit> =
        all.iter().map(|u| (u.id.as_str(), u)).collect();
    let village_of = |name: &str| {
        let unit = all.iter().find(|u| u.name == name)?;
        hierarchy::village_of(&by_id, &unit.id).map(|v| v.id.clone())
    };
    let mut n = 0;
    let departments: &[(&str, &str)] = &[
        ("城管科", "township"),
        ("社会事务科", "township"),
        ("平安办", "township"),
        ("区住建局", "county"),
        ("区交通运输局", "county"),
        ("青溪社区居委会", "village"),
    ];
    let mut dept = Vec::new();
    for (name, level) in departments {
        dept.push(
            demands::create_department(
                tx,
                &DepartmentInput {
                    name: name.to_string(),
                    level: level.to_string(),
                    note: String::new(),
                },
            )?
            .id,
        );
        n += 1;
    }
    let leaders: &[(&str, &str, &str, &str, &str)] = &[
        ("沈文华", "city", "副市长", "南京市人民政府", "13901010001"),
        ("韩立", "county", "区委副书记", "江宁区委", "13901010002"),
        ("杨帆", "county", "副区长", "江宁区人民政府", "13901010003"),
        (
            "林志远",
            "township",
            "党工委书记",
            "青溪街道",
            "13901010004",
        ),
        (
            "高建平",
            "township",
            "办事处主任",
            "青溪街道",
            "13901010005",
        ),
        (
            "何静",
            "township",
            "党工委副书记",
            "青溪街道",
            "13901010006",
        ),
    ];
    let mut leader = Vec::new();
    for (name, level, post, u, phone) in leaders {
        leader.push(
            contacts::create_leader(
                tx,
                &LeaderInput {
                    name: name.to_string(),
                    level: level.to_string(),
                    post: post.to_string(),
                    unit: u.to_string(),
                    phone: phone.to_string(),
                    note: String::new(),
                },
            )?
            .id,
        );
        n += 1;
    }
    // (leader, unit): 石塘村 is left without a township leader, for the gap list.
    let points: &[(usize, &str)] = &[
        (0, "青溪社区"),
        (1, "梧桐社区"),
        (2, "滨江社区"),
        (3, "青溪社区"),
        (3, "阳光花园"),
        (4, "梧桐社区"),
        (4, "滨江社区"),
        (5, "杨柳村"),
        (5, "阳光花园第一网格"),
    ];
    let mut point = Vec::new();
    for (l, u) in points {
        point.push(
            contacts::create_point(
                tx,
                &ContactPointInput {
                    leader_id: leader[*l].clone(),
                    unit_id: unit(u),
                    start_on: "2026-01-01".into(),
                    end_on: String::new(),
                    note: String::new(),
                },
            )?
            .id,
        );
        n += 1;
    }
    // Visits, and the demands made from what they found, at every step.
    let visits: &[(usize, &str, &str, &str)] = &[
        (
            3,
            "2026-03-12",
            "阳光花园 3 栋外墙瓷砖脱落，有坠落风险",
            "现场要求物业先拉警戒线",
        ),
        (
            5,
            "2026-05-20",
            "梧桐社区菜场周边早高峰占道经营",
            "与城管科商定错时管理",
        ),
        (
            0,
            "2026-06-08",
            "青溪社区老旧小区加装电梯审批慢",
            "请区住建局开辟绿色通道",
        ),
        (
            7,
            "2026-09-03",
            "杨柳村村道路灯损坏 12 盏",
            "由平安办牵头排查",
        ),
        (6, "2026-10-15", "滨江公寓楼道堆放电动车，消防隐患", ""),
    ];
    // (visit, title, category, level, deadline, steps taken, dept)
    let made: &[(usize, &str, &str, &str, &str, usize, usize)] = &[
        (
            0,
            "阳光花园 3 栋外墙瓷砖脱落",
            "安全隐患",
            "township",
            "2026-04-15",
            4,
            2,
        ),
        (
            1,
            "菜场周边占道经营",
            "市政设施",
            "township",
            "2026-06-30",
            3,
            0,
        ),
        (
            2,
            "老旧小区加装电梯审批",
            "民生保障",
            "county",
            "2026-09-30",
            2,
            3,
        ),
        (
            3,
            "杨柳村村道路灯损坏",
            "市政设施",
            "township",
            "2026-09-30",
            1,
            2,
        ),
        (
            4,
            "楼道电动车消防隐患",
            "安全隐患",
            "village",
            "2026-11-15",
            0,
            5,
        ),
    ];
    let mut visit_ids = Vec::new();
    for (p, on, found, coordinated) in visits {
        visit_ids.push(
            contacts::create_visit(
                tx,
                &VisitInput {
                    contact_point_id: point[*p].clone(),
                    visited_on: on.to_string(),
                    visitors: "街道党政办陪同".into(),
                    found: found.to_string(),
                    coordinated: coordinated.to_string(),
                },
                demands::linked_to_visits,
            )?
            .id,
        );
        n += 1;
    }
    let steps = ["assigned", "in_progress", "resolved", "called_back"];
    for (v, title, category, level, deadline, taken, d) in made {
        let on = visits[*v].1;
        let dm = demands::from_visit(
            tx,
            &visit_ids[*v],
            &DemandInput {
                title: title.to_string(),
                unit_id: village_of(points[visits[*v].0].1),
                source: "visit".into(),
                reporter: "联系点走访".into(),
                category: category.to_string(),
                level: level.to_string(),
                received_on: on.to_string(),
                deadline: deadline.to_string(),
                ..Default::default()
            },
        )?;
        for (k, to) in steps.iter().take(*taken).enumerate() {
            let date = plus_days(on, 3 + 7 * k as i64);
            demands::move_to(
                tx,
                &dm.id,
                &Move {
                    to: to.to_string(),
                    date,
                    reason: String::new(),
                    department_id: dept[*d].clone(),
                    result: "已整改完毕，居民认可".into(),
                    satisfaction: "satisfied".into(),
                },
            )?;
        }
        n += 1;
    }
    // Demands reported by villages and grid workers; one escalated to the district.
    let reported: &[(&str, &str, &str, &str, &str, &str)] = &[
        (
            "梧桐雅苑小区噪音扰民",
            "梧桐雅苑",
            "grid_worker",
            "邻里纠纷",
            "2026-10-20",
            "2026-11-05",
        ),
        (
            "金桥新村雨污管道堵塞",
            "金桥新村",
            "village",
            "市政设施",
            "2026-11-10",
            "2026-12-10",
        ),
        (
            "滨江名邸停车位不足",
            "望江名邸",
            "village",
            "道路交通",
            "2026-11-18",
            "2026-12-31",
        ),
    ];
    for (i, (title, place, source, category, on, deadline)) in reported.iter().enumerate() {
        let dm = demands::create_demand(
            tx,
            &DemandInput {
                title: title.to_string(),
                unit_id: village_of(place),
                source: source.to_string(),
                reporter: "网格员".into(),
                category: category.to_string(),
                description: format!("{title}，居民多次反映。"),
                level: "township".into(),
                received_on: on.to_string(),
                deadline: deadline.to_string(),
                ..Default::default()
            },
        )?;
        if i == 1 {
            demands::escalate(
                tx,
                &dm.id,
                "county",
                "2026-11-12",
                "管网属区水务集团，街道无权处置",
            )?;
        }
        n += 1;
    }
    let g = demands::create_group(
        tx,
        &WorkingGroupInput {
            name: "畅路专项工作组".into(),
            topic: "背街小巷通行和停车秩序".into(),
            lead_unit: "城管科".into(),
            members: "平安办、社会事务科、各社区".into(),
            note: String::new(),
        },
    )?;
    n += 1;
    for (on, topics, decision, owner, due) in [
        (
            "2026-07-10",
            "背街小巷占道摸排",
            "建立占道点位清单",
            "城管科",
            "2026-08-10",
        ),
        (
            "2026-10-22",
            "滨江片区停车秩序",
            "协调夜间共享车位",
            "平安办",
            "2026-11-30",
        ),
    ] {
        demands::create_working_meeting(
            tx,
            &WorkingMeetingInput {
                group_id: g.id.clone(),
                held_on: on.into(),
                participants: "城管科、平安办、各社区书记".into(),
                topics: topics.into(),
                note: String::new(),
                decisions: vec![DecisionInput {
                    decision: decision.into(),
                    owner: owner.into(),
                    due_on: due.into(),
                    ..Default::default()
                }],
            },
        )?;
        n += 1;
    }
    Ok(n)
}

/// Twelve items across the three lists (目录三清单).
/// Six 准入事项, one at every step: 已申请, 已审核, 已审批, 已进入 (short-term and past
/// its end date: 应退出), 已退出, and one refused at 审批. Dated back from today.
fn add_admissions(tx: &Tx) -> Result<usize> {
    use crate::admissions::{self, AdmissionInput, AdmissionStep as S, Move};
    let today = tx.ctx.today();
    let ago = |days: i64| (today - chrono::Duration::days(days)).to_string();
    let grids: Vec<String> = hierarchy::list(tx)?
        .into_iter()
        .filter(|u| u.kind == UnitKind::BaseGrid)
        .take(3)
        .map(|u| u.id)
        .collect();
    // (department, matter, content, resources, grid level, short-term end (days ago, negative: ahead), step)
    type Plan = (
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
        bool,
        Option<i64>,
        S,
    );
    let plans: &[Plan] = &[
        (
            "区医保局",
            "城乡居民医保参保动员",
            "入户宣传参保政策，统计未参保人员",
            &["资金"],
            true,
            None,
            S::Applied,
        ),
        (
            "区住建局",
            "自建房安全隐患排查",
            "对辖区经营性自建房开展安全排查并建立台账",
            &["人员", "服务"],
            false,
            Some(-120),
            S::Reviewed,
        ),
        (
            "区市场监管局",
            "电动自行车充电安全巡查",
            "网格员日常巡查楼道充电、飞线充电情况",
            &["资金", "资源"],
            true,
            None,
            S::Approved,
        ),
        (
            "区应急管理局",
            "汛期重点部位巡查",
            "汛期每日巡查低洼地段和危旧房屋",
            &["资金", "人员"],
            true,
            Some(10),
            S::Entered,
        ),
        (
            "区卫健委",
            "重点人群健康随访",
            "配合社区卫生服务中心随访重点人群",
            &["服务"],
            false,
            Some(60),
            S::Exited,
        ),
        (
            "区统计局",
            "经营主体名录入户核实",
            "入户核实辖区经营主体名录",
            &[],
            false,
            None,
            S::RefusedApproval,
        ),
    ];
    for (i, (department, matter, content, resources, grid, end, to)) in plans.iter().enumerate() {
        let input = AdmissionInput {
            department: (*department).into(),
            matter: (*matter).into(),
            content: (*content).into(),
            basis: "区委、区政府关于规范事项下沉的工作方案".into(),
            resources: resources.iter().map(|r| r.to_string()).collect(),
            resources_note: if resources.is_empty() {
                String::new()
            } else {
                "随事项同步下沉".into()
            },
            level: if *grid && !grids.is_empty() {
                "grid".into()
            } else {
                "township".into()
            },
            unit_ids: if *grid { grids.clone() } else { Vec::new() },
            term: if end.is_some() { "short" } else { "long" }.into(),
            end_date: end.map(ago).unwrap_or_default(),
            applied_on: ago(90 - i as i64),
            note: String::new(),
        };
        let id = admissions::create_admission(tx, &input)?.id;
        // Steps dated 80, 70, 60, 30 days ago (exit: 20 days ago).
        for (k, step) in to.path().into_iter().skip(1).enumerate() {
            let date = ago([80, 70, 60, 20][k.min(3)]);
            let m = Move {
                to: step.as_str().into(),
                date,
                reason: if step.is_refused() {
                    "属于部门自身职责，不同意下沉".into()
                } else {
                    String::new()
                },
                opinion: "经乡镇党委会研究，同意报区审批".into(),
                approving_body: "中共江宁区委、江宁区人民政府".into(),
                document_number: format!("宁委办〔{}〕{}号", today.format("%Y"), 10 + i),
                exit_reason: "阶段性任务已完成".into(),
            };
            admissions::move_to(tx, &id, &m)?;
        }
    }
    Ok(plans.len())
}

/// The demo township's 目录三清单, one item a line of `demo_data/duty_items.tsv`
/// (清单, 领域, 序号, 事项名称, 依据, 乡镇职责, 牵头部门, 收回部门, 收回日期; `#`
/// starts a comment): about 120 items, as a township's published lists have them.
pub const DEMO_DUTY_ITEMS: &str = include_str!("demo_data/duty_items.tsv");

fn add_duty_items(tx: &Tx) -> Result<usize> {
    use crate::duties::{self, DutyItemInput};
    let mut n = 0;
    for (i, line) in DEMO_DUTY_ITEMS.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        let [list, field, number, name, basis, role, lead, by, on] = *c.as_slice() else {
            return Err(Error::Internal(format!(
                "示范数据 duty_items.tsv 第 {} 行应有 9 列，实有 {} 列。",
                i + 1,
                c.len()
            )));
        };
        duties::create_duty_item(
            tx,
            &DutyItemInput {
                list: list.into(),
                field: field.into(),
                number: number.into(),
                name: name.into(),
                basis: basis.into(),
                township_role: role.into(),
                lead_department: lead.into(),
                taken_back_by: by.into(),
                taken_back_on: on.into(),
                // The lists as the county published them at the start of 2025.
                listed_on: "2025-01-01".into(),
                remark: String::new(),
            },
        )?;
        n += 1;
    }
    Ok(n)
}

/// The default indicator system, the team's scores of this year's manual
/// indicators, one award and one notice of criticism with open rectification
/// items, and the evaluation of two county departments' outposts.
fn add_assessment(tx: &Tx) -> Result<usize> {
    use crate::scores::{
        self, AssessmentResultInput, ManualScoreInput, OutpostEvaluationInput,
        RectificationItemInput,
    };
    // An office that has its own system keeps it.
    let mut n = if scores::indicators(tx)?.is_empty() {
        scores::defaults::install(tx)?.len()
    } else {
        0
    };
    let me = office::require(tx)?;
    let year = tx.ctx.today().format("%Y").to_string();
    let manual: Vec<scores::Indicator> = scores::in_force(tx)?
        .into_iter()
        .filter(|i| i.method == scores::Method::Manual)
        .collect();
    for (k, ind) in manual.iter().enumerate() {
        // Most scored, the last two still to score.
        if k + 2 >= manual.len() {
            break;
        }
        let share = [0.9, 0.8, 1.0, 0.7, 0.85][k % 5];
        scores::set_manual_score(
            tx,
            &ManualScoreInput {
                period: year.clone(),
                office_code: me.code.clone(),
                indicator_code: ind.code.clone(),
                score: format!("{:.1}", ind.points * share),
                note: "考核组查阅台账、实地查看".into(),
                evidence: format!("{year}年度考核记录表第{}页", k + 1),
            },
        )?;
        n += 1;
    }
    let result =
        |kind: &str, title: &str, recipient: &str, no: &str, note: &str| AssessmentResultInput {
            period: year.clone(),
            kind: kind.into(),
            title: title.into(),
            recipient: recipient.into(),
            issued_on: plus_days(&tx.ctx.today().to_string(), -30),
            document_no: no.into(),
            note: note.into(),
        };
    scores::create_result(
        tx,
        &result(
            "表彰",
            "先进单位",
            "青溪社区",
            &format!("青街〔{year}〕21号"),
            "网格化管理和“三亮”工作成效突出",
        ),
    )?;
    let notice = scores::create_result(
        tx,
        &result(
            "通报批评",
            "关于部分网格员履职不到位的通报",
            "杨柳村",
            &format!("青街〔{year}〕25号"),
            "季度抽查发现走访记录缺失、公示牌信息未更新",
        ),
    )?;
    n += 2;
    let today = tx.ctx.today().to_string();
    for (item, owner, deadline, done) in [
        ("补齐网格员入户走访记录", "杨柳村 网格长", 20, ""),
        ("更新小区公示牌网格员信息", "杨柳村 党总支书记", -5, ""),
        ("组织网格员履职培训", "街道网格中心", -20, "-25"),
    ] {
        scores::create_rectification_item(
            tx,
            &RectificationItemInput {
                notice: notice.id.clone(),
                item: item.into(),
                owner: owner.into(),
                deadline: plus_days(&today, deadline),
                done_on: if done.is_empty() {
                    String::new()
                } else {
                    plus_days(&today, done.parse().unwrap_or(0))
                },
                note: String::new(),
                inspection_id: String::new(),
            },
        )?;
        n += 1;
    }
    for (department, score, comments) in [
        ("区市场监管局青溪分局", "92", "响应及时，配合网格巡查到位"),
        ("区城管局青溪中队", "78", "违法建设处置偶有拖延"),
    ] {
        scores::create_outpost_evaluation(
            tx,
            &OutpostEvaluationInput {
                period: year.clone(),
                department: department.into(),
                score: score.into(),
                comments: comments.into(),
            },
        )?;
        n += 1;
    }
    Ok(n)
}

/// `date` (YYYY-MM-DD) plus `days`.
fn plus_days(date: &str, days: i64) -> String {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map(|d| {
            (d + chrono::Duration::days(days))
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_else(|_| date.to_string())
}

/// 网格事项参考清单: 12 items, claimed unevenly (青溪社区 takes most, 石塘村 none),
/// so 认领 and 负担 have something to show. Returns items plus claims.
fn add_grid_matters(tx: &Tx) -> Result<usize> {
    use crate::gridmatters::{self, ClaimInput, GridMatterInput};
    const ITEMS: &[(&str, &str, &str, &str)] = &[
        (
            "联系群众",
            "入户走访",
            "网格内住户每年至少走访一遍，了解诉求并记录",
            "每月不少于20户",
        ),
        (
            "联系群众",
            "重点人群关爱",
            "独居老人、困难家庭、残疾人定期探视",
            "每周一次",
        ),
        (
            "联系群众",
            "收集社情民意",
            "收集群众意见建议，按流程上报",
            "随时",
        ),
        (
            "宣传政策",
            "政策宣传",
            "宣传惠民政策和法律法规",
            "每季度一次",
        ),
        (
            "宣传政策",
            "防诈骗宣传",
            "提醒群众防范电信网络诈骗",
            "每月一次",
        ),
        (
            "宣传政策",
            "文明创建宣传",
            "倡导移风易俗、文明新风",
            "每季度一次",
        ),
        (
            "调解矛盾纠纷",
            "矛盾纠纷排查",
            "排查邻里、家庭、物业等矛盾纠纷",
            "每月一次",
        ),
        (
            "调解矛盾纠纷",
            "矛盾纠纷调解",
            "能调则调，调不了的及时上报",
            "随时",
        ),
        (
            "巡防走访",
            "安全隐患巡查",
            "巡查消防通道、电动车充电等安全隐患",
            "每周一次",
        ),
        ("巡防走访", "治安巡防", "协助开展治安巡逻", "每周两次"),
        (
            "巡防走访",
            "环境卫生巡查",
            "发现乱堆乱放、垃圾未清运及时上报",
            "每周一次",
        ),
        ("其他", "协助应急处置", "突发事件时协助疏散、通知", "随时"),
    ];
    // Village → how many of the items it claims (the first n), and the day.
    const CLAIMS: &[(&str, usize, &str)] = &[
        ("青溪社区", 11, "2025-03-01"),
        ("梧桐社区", 8, "2025-03-05"),
        ("滨江社区", 6, "2025-03-10"),
        ("杨柳村", 4, "2025-04-01"),
    ];
    let mut ids = Vec::new();
    for (category, name, requirement, frequency) in ITEMS {
        ids.push(
            gridmatters::create_grid_matter(
                tx,
                &GridMatterInput {
                    category: (*category).into(),
                    name: (*name).into(),
                    requirement: (*requirement).into(),
                    frequency: (*frequency).into(),
                    // Listed before the villages claimed them (from 2025-03-01).
                    listed_on: "2025-02-20".into(),
                    remark: String::new(),
                },
            )?
            .id,
        );
    }
    let villages = hierarchy::list(tx)?;
    let mut n = ids.len();
    for (village, count, on) in CLAIMS {
        let Some(v) = villages
            .iter()
            .find(|u| u.kind == UnitKind::Village && u.name == *village)
        else {
            continue;
        };
        for matter in ids.iter().take(*count) {
            gridmatters::create_claim(
                tx,
                &ClaimInput {
                    village_id: v.id.clone(),
                    matter_id: matter.clone(),
                    claimed_on: (*on).into(),
                    remark: String::new(),
                },
            )?;
            n += 1;
        }
    }
    Ok(n)
}

/// A year of training up to today (sessions at the three levels, the township's with
/// its community and grid workers, the county's and city's partly as head counts by
/// community) and the community workers' pipeline: recruitments, a promotion, an
/// award, one selection into a township post this year, one leaving.
fn add_training(tx: &Tx) -> Result<usize> {
    use crate::people::pipeline::{self, PipelineInput};
    use crate::people::{self, RoleKind};
    use crate::training::{self, ParticipantInput, SessionInput};
    let today = tx.ctx.today();
    let people = people::all(tx)?;
    let has = |p: &people::Person, r: RoleKind| p.roles.iter().any(|x| x.role == r);
    let workers: Vec<&people::Person> = people
        .iter()
        .filter(|p| has(p, RoleKind::CommunityWorker))
        .collect();
    let grid_workers: Vec<&people::Person> = people
        .iter()
        .filter(|p| has(p, RoleKind::GridWorker))
        .collect();
    let villages: Vec<Unit> = hierarchy::list(tx)?
        .into_iter()
        .filter(|u| u.kind == UnitKind::Village)
        .collect();
    // (days before today, level, organiser, topic, hours, method)
    let plan: &[(i64, &str, &str, &str, &str, &str)] = &[
        (
            320,
            "township",
            "青溪街道党工委",
            "网格员入格走访规范",
            "2",
            "集中",
        ),
        (
            300,
            "county",
            "区委社会工作部",
            "社区工作者岗位能力提升",
            "6",
            "集中",
        ),
        (
            270,
            "township",
            "青溪街道综治中心",
            "矛盾纠纷排查化解实务",
            "3",
            "现场",
        ),
        (
            240,
            "city",
            "市委社会工作部",
            "基层治理现代化专题",
            "4",
            "线上",
        ),
        (
            210,
            "township",
            "青溪街道党工委",
            "小区党支部三亮工作",
            "2",
            "集中",
        ),
        (180, "county", "区民政局", "社会救助政策解读", "3", "线上"),
        (
            150,
            "township",
            "青溪街道社区事务办",
            "民生诉求办理流程",
            "2",
            "集中",
        ),
        (
            120,
            "township",
            "青溪街道应急办",
            "消防安全与应急处置",
            "2",
            "现场",
        ),
        (90, "county", "区委组织部", "社区书记履职培训", "4", "集中"),
        (
            60,
            "township",
            "青溪街道党工委",
            "网格员信息采集与系统使用",
            "3",
            "集中",
        ),
        (45, "city", "市民政局", "城乡社区治理创新案例", "3", "线上"),
        (
            20,
            "township",
            "青溪街道社区事务办",
            "年终台账规范整理",
            "2",
            "集中",
        ),
    ];
    let mut n = 0;
    for (i, (days, level, organiser, topic, hours, method)) in plan.iter().enumerate() {
        let date = today - chrono::Duration::days(*days);
        let session = training::create_session(
            tx,
            &SessionInput {
                level: (*level).into(),
                organiser: (*organiser).into(),
                date: date.format("%Y-%m-%d").to_string(),
                topic: (*topic).into(),
                hours: (*hours).into(),
                place: if *method == "线上" {
                    "线上直播".into()
                } else {
                    "街道党群服务中心".into()
                },
                method: (*method).into(),
                note: String::new(),
            },
        )?;
        n += 1;
        // Not the two community workers who leave below (选拔 30 days ago, 离职 50)
        // in the sessions after they left: a participant is in post on the day.
        let in_post = |p: &&&people::Person| {
            let left = match workers.iter().position(|w| w.id == p.id) {
                Some(0) => Some(30),
                Some(3) => Some(50),
                _ => None,
            };
            left.is_none_or(|days| date <= today - chrono::Duration::days(days))
        };
        let ids: Vec<String> = match *level {
            // The township's own sessions: every community worker and, by turns, the grid workers.
            "township" => workers
                .iter()
                .chain(grid_workers.iter().skip(i % 2).step_by(2))
                .filter(in_post)
                .map(|p| p.id.clone())
                .collect(),
            // Above the township: a few community workers by name, the rest as head counts.
            _ => workers
                .iter()
                .skip(i % 3)
                .step_by(3)
                .filter(in_post)
                .map(|p| p.id.clone())
                .collect(),
        };
        n += training::add_people(tx, &session.id, &ids)?;
        if *level != "township" {
            for (k, v) in villages.iter().enumerate() {
                training::add_participant(
                    tx,
                    &ParticipantInput {
                        session_id: session.id.clone(),
                        community_id: v.id.clone(),
                        head_count: (4 + (i + k * 3) % 9).to_string(),
                        ..Default::default()
                    },
                )?;
                n += 1;
            }
        }
    }
    let event = |person: &str, event: &str, days: i64, batch: &str, way: &str, detail: &str| {
        pipeline::add_event(
            tx,
            &PipelineInput {
                person_id: person.to_string(),
                event: event.into(),
                date: (today - chrono::Duration::days(days))
                    .format("%Y-%m-%d")
                    .to_string(),
                batch: batch.into(),
                way: way.into(),
                detail: detail.into(),
            },
        )
        .map(|_| 1)
    };
    // Recruited on the day they started (到岗日期), in that year's batch (probe S: a
    // 招录 of 2022 in the 2023 batch, two years after its worker started).
    for (k, w) in workers.iter().enumerate().take(8) {
        let started = w
            .start_date
            .as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .filter(|d| *d <= today)
            .unwrap_or(today - chrono::Duration::days(2400 - k as i64 * 200));
        let batch = format!("{}年社区工作者招录", chrono::Datelike::year(&started));
        let days = (today - started).num_days();
        n += event(&w.id, "招录", days, &batch, "公开招聘", "")?;
    }
    if let [first, second, third, fourth, ..] = workers.as_slice() {
        n += event(&first.id, "晋升", 400, "", "", "社区党委副书记")?;
        n += event(&second.id, "评优", 330, "", "", "优秀社区工作者")?;
        n += event(
            &first.id,
            "选拔进入乡镇公务员",
            30,
            "",
            "",
            "青溪街道党政办公室",
        )?;
        n += event(&third.id, "评优", 25, "", "", "优秀网格指导员")?;
        n += event(&fourth.id, "离职", 50, "", "", "考取外地事业单位")?;
    }
    Ok(n)
}

/// 专项整治: a few entries in each register (some removed, some kept, some still to
/// decide), secondments approved, unapproved and overdue, and one 回头看 that found a
/// removed plaque back on the wall and reopened it.
fn add_cleanups(tx: &Tx) -> Result<usize> {
    use crate::base::identity::check_char;
    use crate::rectification::{self as rect, EntryInput, RecheckInput, Register};
    let all = hierarchy::list(tx)?;
    let village = |name: &str| {
        all.iter()
            .find(|u| u.kind == UnitKind::Village && u.name == name)
            .map(|u| u.id.clone())
            .unwrap_or_default()
    };
    let mut n = 0;
    let entry =
        |name: &str, unit: &str, dept: &str, decision: &str, date: &str, basis: &str| EntryInput {
            name: name.into(),
            unit_id: village(unit),
            department: dept.into(),
            decision: decision.into(),
            result_date: date.into(),
            basis: basis.into(),
            ..EntryInput::default()
        };
    let mechanisms = [
        (
            "创建文明村领导小组",
            "杨柳村",
            "领导小组",
            "撤销",
            "2025-05-20",
        ),
        (
            "人居环境整治工作组",
            "杨柳村",
            "工作机制",
            "整合",
            "2025-05-20",
        ),
        ("村务监督委员会", "石塘村", "委员会", "保留", "2025-05-22"),
        ("河长制工作站", "石塘村", "工作机制", "", ""),
        ("安全生产委员会", "青溪社区", "委员会", "撤销", "2025-06-03"),
    ];
    for (name, unit, category, decision, date) in mechanisms {
        let basis = if decision == "保留" {
            "《村民委员会组织法》"
        } else {
            ""
        };
        rect::create_entry(
            tx,
            Register::Mechanisms,
            &EntryInput {
                category: category.into(),
                ..entry(name, unit, "", decision, date, basis)
            },
        )?;
        n += 1;
    }
    let plaques = [
        (
            "老年人协会",
            "青溪社区",
            "区民政局",
            "摘除",
            "2025-04-18",
            "",
        ),
        ("科普示范站", "梧桐社区", "区科协", "摘除", "2025-04-20", ""),
        (
            "村民委员会",
            "杨柳村",
            "区民政局",
            "保留",
            "2025-04-20",
            "《村民委员会组织法》",
        ),
        (
            "农家书屋",
            "石塘村",
            "区文旅局",
            "保留",
            "2025-04-21",
            "农家书屋工程建设要求",
        ),
        ("计划生育协会", "滨江社区", "区卫健委", "", "", ""),
    ];
    let mut reopen = String::new();
    for (name, unit, dept, decision, date, basis) in plaques {
        let e = rect::create_entry(
            tx,
            Register::Plaques,
            &entry(name, unit, dept, decision, date, basis),
        )?;
        if name == "科普示范站" {
            reopen = e.id;
        }
        n += 1;
    }
    let certificates = [
        (
            "亲属关系证明",
            "青溪社区",
            "区公安分局",
            "取消",
            "2025-03-10",
            "",
            "",
        ),
        (
            "居住证明",
            "青溪社区",
            "区公安分局",
            "保留",
            "2025-03-10",
            "《居住证暂行条例》",
            "36",
        ),
        (
            "无犯罪记录证明",
            "杨柳村",
            "区人社局",
            "取消",
            "2025-03-12",
            "",
            "",
        ),
        (
            "生活困难证明",
            "石塘村",
            "区民政局",
            "保留",
            "2025-03-15",
            "《社会救助暂行办法》",
            "12",
        ),
    ];
    for (name, unit, dept, decision, date, basis, issued) in certificates {
        rect::create_entry(
            tx,
            Register::Certificates,
            &EntryInput {
                issued_this_year: issued.into(),
                ..entry(name, unit, dept, decision, date, basis)
            },
        )?;
        n += 1;
    }
    let id_number = |seq: u32| {
        let body = format!("32011519880315{seq:03}");
        let check = check_char(&body).unwrap_or('0');
        format!("{body}{check}")
    };
    // (name, seq, from village or "" for the township, to, start, end, approval, ended)
    let secondments = [
        (
            "孙丽",
            21,
            "青溪社区",
            "区委组织部",
            "2025-03-01",
            "2025-08-31",
            "江宁借准〔2025〕7号",
            "",
        ),
        (
            "周强",
            22,
            "",
            "区信访局",
            "2025-06-01",
            "2026-05-31",
            "",
            "",
        ),
        (
            "吴婷",
            23,
            "石塘村",
            "区住建局",
            "2025-01-01",
            "2025-06-30",
            "江宁借准〔2025〕2号",
            "2025-06-30",
        ),
        (
            "郑凯",
            24,
            "",
            "区委宣传部",
            "2025-09-01",
            "2026-08-31",
            "江宁借准〔2025〕11号",
            "",
        ),
    ];
    for (name, seq, unit, to, start, end, approval, ended) in secondments {
        rect::create_entry(
            tx,
            Register::Secondments,
            &EntryInput {
                name: name.into(),
                id_number: id_number(seq),
                unit_id: if unit.is_empty() {
                    String::new()
                } else {
                    village(unit)
                },
                department: to.into(),
                start_date: start.into(),
                end_date: end.into(),
                approved: !approval.is_empty(),
                approval_number: approval.into(),
                decision: if ended.is_empty() { "" } else { "结束借调" }.into(),
                result_date: ended.into(),
                ..EntryInput::default()
            },
        )?;
        n += 1;
    }
    rect::create_recheck(
        tx,
        &RecheckInput {
            register: "plaques".into(),
            entry_id: reopen,
            date: "2025-10-15".into(),
            found: "回头看时发现“科普示范站”的牌子又挂回了社区办公室门口".into(),
            rebound: true,
            remark: "已要求社区限期摘除".into(),
        },
    )?;
    n += 1;
    Ok(n)
}

/// 考核: the assessment team's roster, last quarter's sample with every drawn compound
/// inspected, this quarter's with half inspected, and this half-year's grid
/// inspections partly done (every other base grid).
fn add_sampling(tx: &Tx) -> Result<usize> {
    use crate::sampling::inspections::{self, InspectionInput, CHECKLIST};
    use crate::sampling::{self, HalfYear, InspectorInput, Quarter, SampleInput};
    use chrono::{Datelike, Duration, NaiveDate};
    use std::collections::BTreeMap;
    let today = tx.ctx.today();
    let units = hierarchy::list(tx)?;
    let villages: Vec<&Unit> = units
        .iter()
        .filter(|u| u.kind == UnitKind::Village)
        .collect();
    let mut n = 0;
    let roster = [
        ("周敏", "街道党建办", None),
        ("吴刚", "街道综治中心", None),
        ("陈静", "街道社会事务办", None),
        ("郑丽", "社区居委会", villages.first()),
        ("王强", "村委会", villages.get(1)),
    ];
    for (name, unit, village) in roster {
        sampling::create_inspector(
            tx,
            &InspectorInput {
                name: name.into(),
                unit_name: match village {
                    Some(v) => format!("{}{unit}", v.name),
                    None => unit.into(),
                },
                community_id: village.map(|v| v.id.clone()).unwrap_or_default(),
                ..Default::default()
            },
        )?;
        n += 1;
    }
    let scores = |i: usize| -> BTreeMap<String, String> {
        CHECKLIST
            .iter()
            .enumerate()
            .map(|(k, (key, _, max, _))| {
                (key.to_string(), (max - ((i + k) % 4) as u32).to_string())
            })
            .collect()
    };
    let findings = [
        "",
        "走访记录缺 2 户",
        "公示栏信息未更新",
        "一件问题超期未办结",
    ];
    let q = Quarter::of(today);
    let prev = q.previous();
    let inspect = |tx: &Tx,
                   i: usize,
                   unit_id: &str,
                   date: NaiveDate,
                   who: String|
     -> Result<inspections::Inspection> {
        Ok(inspections::create_inspection(
            tx,
            None,
            &InspectionInput {
                unit_id: unit_id.into(),
                date: date.to_string(),
                inspector: who,
                scores: scores(i),
                findings: findings[i % findings.len()].into(),
                remark: String::new(),
                recheck_of: None,
                substitute_reason: String::new(),
            },
        )?
        .inspection)
    };
    let last = sampling::draw_sample(
        tx,
        &SampleInput {
            quarter: prev.to_string(),
            rate: "30%".into(),
            number: "1126".into(),
            // Entered with the rest of the demo, after that quarter ended.
            reason: "示例数据：上季度的样本随示例一起补录".into(),
        },
    )?;
    n += 1;
    let mid_prev = NaiveDate::from_ymd_opt(prev.year, (prev.q - 1) * 3 + 2, 15).unwrap_or(today);
    for (i, d) in last.sample.drawn.iter().enumerate() {
        inspect(
            tx,
            i,
            &d.compound_id,
            mid_prev,
            d.inspector_names.join("、"),
        )?;
        n += 1;
    }
    let this = sampling::draw_sample(
        tx,
        &SampleInput {
            quarter: q.to_string(),
            rate: "35%".into(),
            number: "2741".into(),
            reason: String::new(),
        },
    )?;
    n += 1;
    for (i, d) in this
        .sample
        .drawn
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
    {
        inspect(
            tx,
            i + 1,
            &d.compound_id,
            today,
            d.inspector_names.join("、"),
        )?;
        n += 1;
    }
    let half = HalfYear::of(today);
    let half_start =
        NaiveDate::from_ymd_opt(half.year, if half.h == 1 { 1 } else { 7 }, 1).unwrap_or(today);
    // Base grids only: the micro-grids are all still to do (and an empty one may be
    // deleted, as the package tests do).
    let grids = units.iter().filter(|u| u.kind == UnitKind::BaseGrid);
    let mut earliest = None;
    for (i, g) in grids.enumerate().filter(|(i, _)| i % 2 == 0) {
        let date = (today - Duration::days(3 * i as i64)).max(half_start);
        debug_assert!(date.year() == half.year);
        let done = inspect(tx, i, &g.id, date, "周敏、吴刚".into())?;
        if !done.findings.is_empty()
            && earliest
                .as_ref()
                .is_none_or(|e: &inspections::Inspection| done.date < e.date)
        {
            earliest = Some(done);
        }
        n += 1;
    }
    // 检查 → 整改 → 复查: the earliest grid inspection's findings put right within ten
    // days, and the grid checked again the day after.
    if let Some(first) = earliest {
        use crate::scores::{self, RectificationItemInput};
        let found = NaiveDate::parse_from_str(&first.date, "%Y-%m-%d").unwrap_or(today);
        if found + Duration::days(9) <= today {
            scores::create_rectification_item(
                tx,
                &RectificationItemInput {
                    inspection_id: first.id.clone(),
                    item: format!("整改检查发现的问题：{}", first.findings),
                    owner: format!("{}网格员", first.community_name),
                    deadline: (found + Duration::days(10)).to_string(),
                    done_on: (found + Duration::days(8)).to_string(),
                    ..Default::default()
                },
            )?;
            inspections::create_inspection(
                tx,
                None,
                &InspectionInput {
                    unit_id: first.unit_id.clone(),
                    date: (found + Duration::days(9)).to_string(),
                    inspector: "周敏".into(),
                    // Full marks: what was found is put right.
                    scores: CHECKLIST
                        .iter()
                        .map(|(key, _, max, _)| (key.to_string(), max.to_string()))
                        .collect(),
                    findings: String::new(),
                    remark: "整改后复查，问题已解决".into(),
                    recheck_of: Some(first.id.clone()),
                    substitute_reason: String::new(),
                },
            )?;
            n += 1;
        }
    }
    Ok(n)
}

/// A satisfaction questionnaire with a few hundred papers across the communities
/// (most satisfied, some communities better than others) and a dozen call-backs.
fn add_surveys(tx: &Tx) -> Result<(usize, usize)> {
    use crate::sampling;
    use crate::surveys::{self, CallbackInput, QuestionInput, QuestionnaireInput, ResponseInput};
    let today = tx.ctx.today();
    let units = hierarchy::list(tx)?;
    let villages: Vec<&Unit> = units
        .iter()
        .filter(|u| u.kind == UnitKind::Village)
        .collect();
    let q = surveys::create_questionnaire(
        tx,
        &QuestionnaireInput {
            title: "2026年第四季度群众满意度测评".into(),
            period: "2026年第四季度".into(),
            scale: "three".into(),
            questions: vec![
                QuestionInput {
                    text: "您是否知道本网格的网格员？".into(),
                    kind: "choice".into(),
                    options: vec!["知道".into(), "听说过".into(), "不知道".into()],
                },
                QuestionInput {
                    text: "您对网格员的服务是否满意？".into(),
                    kind: "satisfaction".into(),
                    options: Vec::new(),
                },
                QuestionInput {
                    text: "您对小区环境和物业服务是否满意？".into(),
                    kind: "satisfaction".into(),
                    options: Vec::new(),
                },
                QuestionInput {
                    text: "您最希望改进的方面是？".into(),
                    kind: "choice".into(),
                    options: vec![
                        "环境卫生".into(),
                        "停车管理".into(),
                        "治安巡逻".into(),
                        "便民服务".into(),
                    ],
                },
            ],
            note: "入户发放，当场回收。".into(),
        },
    )?;
    let mut rng = Lcg(0x5eed_0016);
    let mut papers = 0;
    for (vi, v) in villages.iter().enumerate() {
        // 60–90 papers per community; the last one is less satisfied.
        let n = 60 + rng.next(0, 30) as usize;
        let unhappy = if vi + 1 == villages.len() { 3 } else { 1 };
        for i in 0..n {
            let pick = |rng: &mut Lcg, weights: &[i64], options: &[&str]| -> String {
                let total: i64 = weights.iter().sum();
                let mut x = rng.next(0, total - 1);
                for (w, o) in weights.iter().zip(options) {
                    if x < *w {
                        return o.to_string();
                    }
                    x -= w;
                }
                String::new()
            };
            let scale = ["满意", "基本满意", "不满意", ""];
            let answers = vec![
                pick(&mut rng, &[6, 3, 1], &["知道", "听说过", "不知道"]),
                pick(&mut rng, &[12, 5, unhappy, 1], &scale),
                pick(&mut rng, &[9, 6, unhappy + 1, 1], &scale),
                pick(
                    &mut rng,
                    &[3, 4, 2, 2, 1],
                    &["环境卫生", "停车管理", "治安巡逻", "便民服务", ""],
                ),
            ];
            let on = today - chrono::Duration::days(rng.next(3, 40));
            surveys::create_response(
                tx,
                &ResponseInput {
                    questionnaire_id: q.id.clone(),
                    number: format!("{}{:03}", vi + 1, i + 1),
                    community_id: v.id.clone(),
                    answered_on: on.format("%Y-%m-%d").to_string(),
                    answers,
                },
            )?;
            papers += 1;
        }
    }
    let people = [
        ("孙建国", "13851230101"),
        ("周秀兰", "13951230102"),
        ("吴志强", "13770230103"),
        ("郑丽华", "18951230104"),
        ("冯德明", "13605230105"),
        ("陈桂芳", "15805230106"),
    ];
    let mut calls = 0;
    for (i, v) in villages.iter().enumerate() {
        for j in 0..3 {
            let (name, phone) = people[(i * 3 + j) % people.len()];
            let result =
                ["satisfied", "satisfied", "basic", "unsatisfied"][rng.next(0, 3) as usize];
            let on = today - chrono::Duration::days(rng.next(1, 30));
            // The first call in a community is about a compound of it drawn then.
            let mut compound = None;
            for u in units.iter().filter(|u| {
                j == 0 && u.kind == UnitKind::Compound && u.parent_id.as_deref() == Some(&v.id)
            }) {
                if sampling::drawing_quarter(tx, &u.id, on)?.is_some() {
                    compound = Some(u.id.clone());
                    break;
                }
            }
            let topic = if compound.is_some() {
                "compound"
            } else {
                "general"
            };
            surveys::create_callback(
                tx,
                &CallbackInput {
                    called_on: on.format("%Y-%m-%d").to_string(),
                    community_id: v.id.clone(),
                    person_name: name.into(),
                    phone: phone.into(),
                    topic: topic.into(),
                    topic_ref: compound,
                    result: result.into(),
                    note: if result == "unsatisfied" {
                        "反映夜间停车难，已转社区跟进。".into()
                    } else {
                        String::new()
                    },
                },
            )?;
            calls += 1;
        }
    }
    Ok((papers, calls))
}
