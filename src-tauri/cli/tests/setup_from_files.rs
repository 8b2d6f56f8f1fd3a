//! A township set up from its own files alone, as a clerk scripting the CLI would
//! (issue 11): every kind written in the documented template columns (docs/IMPORT.md),
//! imported in order after `init`; `report --json` must equal the numbers the files
//! imply, counted here from the rows written (the rules of docs/PACKAGE.md, "What each
//! report key counts"); then the package goes to the county, whose report shows the
//! same figures.

mod common;

use common::cli;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

fn ok(o: Output) -> Value {
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "exit {:?}\n{out}\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// One file as written: the header row and the data rows, every cell text.
struct Sheet {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Sheet {
    fn new(header: &[&'static str]) -> Sheet {
        Sheet {
            header: header.to_vec(),
            rows: Vec::new(),
        }
    }
    fn push(&mut self, cells: &[&str]) {
        assert_eq!(cells.len(), self.header.len(), "{cells:?}");
        self.rows
            .push(cells.iter().map(|c| c.to_string()).collect());
    }
    /// The cell of `row` under the header `name` (exactly as written).
    fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        let i = self
            .header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        row[i].as_str()
    }
    fn count(&self, f: impl Fn(&[String]) -> bool) -> i64 {
        self.rows.iter().filter(|r| f(r)).count() as i64
    }
    fn csv(&self, path: &Path) -> PathBuf {
        let mut text = String::from("\u{feff}");
        for line in std::iter::once(self.header.iter().map(|h| h.to_string()).collect())
            .chain(self.rows.iter().cloned())
            .map(|r: Vec<String>| r.join(","))
        {
            assert!(!line.contains('"'));
            text.push_str(&line);
            text.push_str("\r\n");
        }
        std::fs::write(path, text).unwrap();
        path.to_path_buf()
    }
    /// An .xlsx with a title row above the header (headers may sit below titles).
    fn xlsx(&self, path: &Path) -> PathBuf {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "青溪街道台账").unwrap();
        for (c, h) in self.header.iter().enumerate() {
            ws.write_string(1, c as u16, *h).unwrap();
        }
        for (r, row) in self.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32 + 2, c as u16, v).unwrap();
                }
            }
        }
        wb.save(path).unwrap();
        path.to_path_buf()
    }
}

/// A valid 18-digit ID number (GB 11643 check character).
fn idn(i: usize) -> String {
    let body = format!(
        "320115{}{:02}{:02}{:03}",
        1970 + i % 30,
        1 + i % 12,
        1 + i % 28,
        100 + i
    );
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(weights)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
    format!("{body}{check}")
}

struct Person {
    in_post: bool,
    published: bool,
    roles: BTreeSet<(String, String)>,
}

/// Folds people files in import order: one person per ID number, roles merged,
/// state as the last row says.
fn people_from(files: &[&Sheet]) -> BTreeMap<String, Person> {
    let mut out: BTreeMap<String, Person> = BTreeMap::new();
    for s in files {
        for r in &s.rows {
            let id = s.get(r, "身份证号码（文本格式）*").to_string();
            let p = out.entry(id).or_insert(Person {
                in_post: true,
                published: false,
                roles: BTreeSet::new(),
            });
            p.in_post = s.get(r, "状态") != "离岗";
            p.published = s.get(r, "是否公示") == "是";
            p.roles.insert((
                s.get(r, "身份*").to_string(),
                s.get(r, "专职/兼职").to_string(),
            ));
        }
    }
    out
}

#[test]
fn township_from_files_reports_what_the_files_say_and_so_does_the_county() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("township.db");
    let today = (chrono::Utc::now() + chrono::Duration::hours(8))
        .format("%Y-%m-%d")
        .to_string();

    // ---------- the files ----------

    // The hierarchy in one sheet: villages, compounds, base grids, micro-grids.
    let mut units = Sheet::new(&[
        "层级*",
        "所属村/社区",
        "上级单位",
        "编码",
        "名称*",
        "类型",
        "户数",
        "人口数",
    ]);
    let villages = [
        (
            "320115101001",
            "青溪社区",
            "城镇",
            &["阳光花园", "翠竹苑"][..],
        ),
        ("320115101002", "文昌社区", "城镇", &["文昌小区"][..]),
        ("320115101201", "杨柳村", "农村", &["张庄组"][..]),
    ];
    let mut base_grids = Vec::new();
    let mut compounds = Vec::new();
    let mut micro_grids = Vec::new();
    for (vc, vname, kind, cs) in villages {
        let label = if kind == "农村" { "村" } else { "社区" };
        units.push(&[label, "", "", vc, vname, kind, "1200", "3600"]);
        let mut seq = 0;
        for (ci, cname) in cs.iter().enumerate() {
            let cc = format!("{vc}XQ{:02}", ci + 1);
            units.push(&["小区", vc, vc, &cc, cname, "", "", ""]);
            compounds.push((cc.clone(), vc, *cname));
            for g in 1..=2 {
                seq += 1;
                let gc = format!("{vc}{seq:03}");
                let gname = format!("{cname}第{g}网格");
                // The second grid names its compound by name (within its village).
                let parent = if g == 1 {
                    cc.clone()
                } else {
                    cname.to_string()
                };
                units.push(&["基础网格", vc, &parent, &gc, &gname, "", "300", "900"]);
                base_grids.push((gc.clone(), vc));
                if g == 1 {
                    for m in 1..=2 {
                        let mc = format!("{gc}{m:02}");
                        units.push(&["微网格", vc, &gc, &mc, &format!("{m}号楼"), "", "", ""]);
                        micro_grids.push(mc);
                    }
                }
            }
        }
        // A grid directly under the village, its code left for the app to suggest.
        if kind == "农村" {
            units.push(&["基础网格", vc, vc, "", "村部网格", "", "", ""]);
        }
    }
    let units_file = units.xlsx(&d.join("组织架构.xlsx"));

    // Grid workers (one per coded base grid) and community workers.
    let people_header = [
        "姓名*",
        "身份证号码（文本格式）*",
        "手机号码*",
        "身份*",
        "专职/兼职",
        "所属村/社区",
        "所在网格/小区*",
        "到岗日期",
        "状态",
        "是否公示",
    ];
    let mut workers = Sheet::new(&people_header);
    for (i, (gc, vc)) in base_grids.iter().enumerate() {
        workers.push(&[
            &format!("网格员{i}"),
            &idn(i),
            &format!("139{i:08}"),
            "网格员",
            if i % 3 == 1 { "兼职" } else { "专职" },
            vc,
            gc,
            "2023-03-01",
            if i % 5 == 4 { "离岗" } else { "在岗" },
            if i % 2 == 0 { "是" } else { "否" },
        ]);
    }
    for (j, (vc, _, _, _)) in villages.iter().enumerate() {
        let i = 100 + j;
        workers.push(&[
            &format!("社工{j}"),
            &idn(i),
            &format!("139{i:08}"),
            "社区工作者",
            "",
            vc,
            vc,
            "2022-09-01",
            if j == 2 { "离岗" } else { "在岗" },
            "是",
        ]);
    }
    // Building heads of the micro-grids, information officers of the compounds, and
    // grid worker 0 again as a building head (one person, two roles).
    let mut heads = Sheet::new(&people_header);
    for (k, mc) in micro_grids.iter().enumerate() {
        let i = 200 + k;
        heads.push(&[
            &format!("楼栋长{k}"),
            &idn(i),
            &format!("139{i:08}"),
            "楼栋长",
            "",
            "",
            mc,
            "2024-01-01",
            if k == 1 { "离岗" } else { "在岗" },
            if k % 2 == 0 { "是" } else { "否" },
        ]);
    }
    for (k, (cc, vc, _)) in compounds.iter().enumerate() {
        let i = 300 + k;
        heads.push(&[
            &format!("信息员{k}"),
            &idn(i),
            &format!("139{i:08}"),
            "信息员",
            "",
            vc,
            cc,
            "2024-01-01",
            "在岗",
            "否",
        ]);
    }
    heads.push(&[
        "网格员0",
        &idn(0),
        &format!("139{:08}", 0),
        "楼栋长",
        "",
        "",
        &micro_grids[1],
        "2023-03-01",
        "在岗",
        "是",
    ]);

    // 三亮 of every compound: complete, one date missing, no branch, complete.
    let mut branches = Sheet::new(&[
        "小区*",
        "所属村/社区",
        "是否成立党支部*",
        "支部书记",
        "亮组织架构日期",
        "亮职责日期",
        "亮党员身份日期",
    ]);
    let shapes: [[&str; 5]; 4] = [
        ["是", "陈书记", "2025-03-01", "2025-03-02", "2025-03-03"],
        ["是", "刘书记", "2025-04-01", "", "2025-04-03"],
        ["否", "", "", "", ""],
        ["是", "周书记", "2025-05-01", "2025-05-01", "2025-05-01"],
    ];
    for ((cc, _, _), s) in compounds.iter().zip(shapes) {
        branches.push(&[cc, "", s[0], s[1], s[2], s[3], s[4]]);
    }

    let mut partners = Sheet::new(&[
        "单位名称*",
        "单位类型*",
        "联系人",
        "联系电话",
        "结对村/社区",
    ]);
    partners.push(&["区供电公司", "企业", "王经理", "13800000001", "青溪社区"]);
    partners.push(&[
        "区实验小学",
        "事业单位",
        "李老师",
        "025-84561234",
        "文昌社区",
    ]);
    partners.push(&["青溪志愿者协会", "社会组织", "", "", "青溪社区、杨柳村"]);

    let mut committees = Sheet::new(&["类型*", "名称*", "所属村/社区"]);
    committees.push(&["大工委", "青溪街道大工委", ""]);
    committees.push(&["大党委", "青溪社区大党委", "青溪社区"]);

    let mut members = Sheet::new(&["委员会*", "姓名*", "专职/兼职*", "所在共建单位", "职务"]);
    members.push(&["青溪街道大工委", "张书记", "专职", "", "书记"]);
    members.push(&["青溪街道大工委", "李四", "兼职", "区供电公司", "兼职委员"]);
    members.push(&["青溪社区大党委", "李四", "兼职", "区供电公司", "兼职委员"]);
    members.push(&["青溪社区大党委", "王五", "兼职", "区实验小学", "兼职委员"]);
    members.push(&[
        "青溪社区大党委",
        "赵六",
        "兼职",
        "青溪志愿者协会",
        "兼职委员",
    ]);

    let mut meetings = Sheet::new(&["委员会*", "会议日期*", "议题*", "参会委员"]);
    meetings.push(&[
        "青溪街道大工委",
        "2025-03-18",
        "共建项目认领",
        "张书记、李四",
    ]);
    meetings.push(&["青溪社区大党委", "2025-06-10", "小区停车整治", "李四、王五"]);

    let mut projects = Sheet::new(&[
        "项目名称*",
        "村/社区*",
        "类别*",
        "状态",
        "认领单位",
        "认领日期",
        "实际开始",
        "实际完成",
        "评分",
        "评价日期",
    ]);
    projects.push(&[
        "楼道灯改造",
        "青溪社区",
        "环境整治",
        "待认领",
        "",
        "",
        "",
        "",
        "",
        "",
    ]);
    projects.push(&[
        "四点半课堂",
        "文昌社区",
        "助学帮困",
        "已认领",
        "区实验小学",
        "2025-02-01",
        "",
        "",
        "",
        "",
    ]);
    projects.push(&[
        "线路改造",
        "青溪社区",
        "环境整治",
        "实施中",
        "区供电公司",
        "2025-01-10",
        "2025-02-01",
        "",
        "",
        "",
    ]);
    projects.push(&[
        "助老送餐",
        "杨柳村",
        "为老服务",
        "已完成",
        "青溪志愿者协会",
        "2024-09-01",
        "2024-09-15",
        "2024-12-13",
        "",
        "",
    ]);
    projects.push(&[
        "河道清理",
        "杨柳村",
        "环境整治",
        "已评价",
        "青溪志愿者协会、区供电公司",
        "2024-03-01",
        "2024-03-10",
        "2024-05-30",
        "5",
        "2024-06-15",
    ]);

    let mut leaders = Sheet::new(&["姓名*", "层级*", "职务*", "单位"]);
    leaders.push(&["钱区长", "县/区", "副区长", "江宁区政府"]);
    leaders.push(&["孙主任", "乡镇/街道", "党工委副书记", "青溪街道"]);
    leaders.push(&["吴委员", "乡镇/街道", "党工委委员", "青溪街道"]);

    let (g0, _) = &base_grids[0];
    let (g3, _) = &base_grids[3];
    let mut points = Sheet::new(&[
        "领导姓名*",
        "联系对象*",
        "所属村/社区",
        "开始日期",
        "结束日期",
    ]);
    points.push(&["钱区长", "320115101001", "", "2025-01-01", ""]);
    points.push(&["孙主任", "320115101001XQ01", "", "2025-01-01", ""]);
    points.push(&["孙主任", "320115101001", "", "2025-02-01", ""]);
    points.push(&["吴委员", g0, "", "2024-01-01", "2025-06-30"]);
    points.push(&["吴委员", g3, "", "2025-07-01", ""]);

    let mut visits = Sheet::new(&["领导姓名*", "联系对象*", "走访日期*", "发现的问题或情况*"]);
    visits.push(&[
        "钱区长",
        "320115101001",
        "2025-03-05",
        "老旧小区加装电梯意愿强",
    ]);
    visits.push(&["孙主任", "320115101001XQ01", "2025-04-08", "停车位不足"]);

    let mut departments = Sheet::new(&["部门名称*", "层级*"]);
    departments.push(&["城管科", "乡镇/街道"]);
    departments.push(&["区住建局", "县/区"]);

    let mut demands = Sheet::new(&[
        "诉求事项*",
        "类别*",
        "诉求内容*",
        "村/社区",
        "办理层级",
        "受理日期*",
        "办理时限",
        "状态",
        "承办部门",
        "交办日期",
        "办结日期",
        "办理结果",
        "回访满意度",
        "回访日期",
    ]);
    let d_rows: [[&str; 14]; 7] = [
        [
            "路灯不亮",
            "安全隐患",
            "3栋路灯不亮",
            "青溪社区",
            "",
            "2025-01-02",
            "2025-01-20",
            "已受理",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "垃圾清运",
            "环境卫生",
            "清运不及时",
            "文昌社区",
            "",
            "2025-01-03",
            "2025-01-20",
            "已交办",
            "城管科",
            "2025-01-04",
            "",
            "",
            "",
            "",
        ],
        [
            "道路破损",
            "道路交通",
            "村道坑洼",
            "杨柳村",
            "县/区",
            "2025-01-05",
            "2025-02-28",
            "办理中",
            "区住建局",
            "2025-01-06",
            "",
            "",
            "",
            "",
        ],
        [
            "井盖缺失",
            "安全隐患",
            "井盖缺失",
            "青溪社区",
            "",
            "2025-02-01",
            "2025-02-10",
            "已办结",
            "城管科",
            "2025-02-02",
            "2025-02-08",
            "已补装",
            "",
            "",
        ],
        [
            "噪音扰民",
            "环境卫生",
            "夜间施工",
            "文昌社区",
            "",
            "2025-02-01",
            "2025-02-10",
            "已办结",
            "城管科",
            "2025-02-02",
            "2025-02-15",
            "已劝停",
            "",
            "",
        ],
        [
            "违章搭建",
            "城市管理",
            "楼顶搭建",
            "青溪社区",
            "",
            "2025-03-01",
            "",
            "已回访",
            "城管科",
            "2025-03-02",
            "2025-03-30",
            "已拆除",
            "满意",
            "2025-04-05",
        ],
        [
            "积水",
            "道路交通",
            "雨后积水",
            "杨柳村",
            "县/区",
            "2025-04-01",
            "2025-05-31",
            "已回访",
            "区住建局",
            "2025-04-02",
            "2025-05-06",
            "已疏通",
            "基本满意",
            "2025-05-10",
        ],
    ];
    for r in &d_rows {
        demands.push(r);
    }

    let mut groups = Sheet::new(&["工作组名称*", "工作主题*", "牵头单位*"]);
    groups.push(&["物业治理专班", "物业纠纷", "街道党工委"]);
    let mut working = Sheet::new(&["专项工作组*", "会议日期*", "议题*"]);
    working.push(&["物业治理专班", "2025-03-01", "物业选聘"]);
    working.push(&["物业治理专班", "2025-06-01", "维修资金"]);

    let mut duties = Sheet::new(&[
        "清单*",
        "领域*",
        "序号",
        "事项名称*",
        "牵头部门",
        "收回部门",
        "收回日期",
    ]);
    duties.push(&[
        "基本履职事项",
        "民生服务",
        "1",
        "养老保险参保登记",
        "",
        "",
        "",
    ]);
    duties.push(&["基本", "平安法治", "2", "矛盾纠纷排查化解", "", "", ""]);
    duties.push(&["基本履职事项", "党建", "3", "基层党组织建设", "", "", ""]);
    duties.push(&[
        "配合履职事项",
        "民生服务",
        "1",
        "低保审核",
        "区民政局",
        "",
        "",
    ]);
    duties.push(&[
        "上级部门收回事项",
        "其他",
        "1",
        "户外广告设置审批",
        "",
        "区城管局",
        "2024-03-01",
    ]);
    // Taken back from a day still to come: not counted yet.
    duties.push(&[
        "收回",
        "经济发展",
        "2",
        "企业环保监测",
        "",
        "区生态环境分局",
        "2099-01-01",
    ]);

    let mut matters = Sheet::new(&["事项名称*", "类别*", "工作要求", "频次"]);
    matters.push(&["入户走访", "联系群众", "每户每年至少一次", "每月一次"]);
    matters.push(&["政策宣传", "宣传政策", "", "每季度一次"]);
    matters.push(&["矛盾纠纷调解", "调解纠纷", "", "随时"]);
    matters.push(&["夜间巡防", "巡防走访", "", "每周一次"]);
    // Villages by name or code; 文昌社区 claims only from a day still to come.
    let mut claims = Sheet::new(&["村/社区*", "事项名称*", "认领日期*"]);
    claims.push(&["青溪社区", "入户走访", "2025-01-01"]);
    claims.push(&["320115101001", "夜间巡防", "2025-02-01"]);
    claims.push(&["杨柳村", "入户走访", "2025-03-01"]);
    claims.push(&["文昌社区", "政策宣传", "2099-01-01"]);
    // 培训: two sessions today (乡镇级 with five people, one of them no longer in post
    // and one not in the registry; 县级 with one person and a head count), one last
    // year (not counted). 引育留用: a community worker recruited and selected into a
    // township post today, a grid worker selected too (not from the community workers).
    let year: i32 = today[..4].parse().unwrap();
    let last_year = format!("{}-12-10", year - 1);
    let mut sessions = Sheet::new(&[
        "培训层级*",
        "主办单位*",
        "培训日期*",
        "培训主题*",
        "学时*",
        "培训方式*",
    ]);
    sessions.push(&[
        "乡镇级",
        "青溪街道",
        &today,
        "网格化服务管理实务",
        "2",
        "集中",
    ]);
    sessions.push(&[
        "县级",
        "区委社会工作部",
        &today,
        "社区工作者能力提升",
        "3",
        "线上",
    ]);
    sessions.push(&[
        "乡镇级",
        "青溪街道",
        &last_year,
        "年终业务培训",
        "2",
        "集中",
    ]);
    let mut participants = Sheet::new(&[
        "培训日期*",
        "培训主题*",
        "姓名",
        "身份证号码",
        "村/社区",
        "人数",
    ]);
    for (name, i) in [
        ("社工0", 100),
        ("社工1", 101),
        ("社工2", 102),
        ("网格员0", 0),
        ("王五", 399),
    ] {
        participants.push(&[&today, "网格化服务管理实务", name, &idn(i), "", ""]);
    }
    participants.push(&[&today, "社区工作者能力提升", "社工0", &idn(100), "", ""]);
    participants.push(&[&today, "社区工作者能力提升", "", "", "青溪社区", "10"]);
    participants.push(&[&last_year, "年终业务培训", "社工1", &idn(101), "", ""]);
    let mut pipeline = Sheet::new(&[
        "姓名*",
        "身份证号码*",
        "事件*",
        "日期*",
        "招录批次",
        "招录方式",
        "说明",
    ]);
    let recruited = format!("{}-07-01", year - 3);
    pipeline.push(&[
        "社工0",
        &idn(100),
        "招录",
        &recruited,
        "第一批",
        "公开招聘",
        "",
    ]);
    pipeline.push(&[
        "社工0",
        &idn(100),
        "选拔进入乡镇事业编",
        &today,
        "",
        "",
        "便民服务中心",
    ]);
    pipeline.push(&[
        "网格员0",
        &idn(0),
        "选拔进入乡镇公务员",
        &today,
        "",
        "",
        "党政办",
    ]);
    let mut admissions = Sheet::new(&[
        "申请部门*",
        "事项名称*",
        "实施层面*",
        "期限类型*",
        "截止日期",
        "状态",
        "申请日期",
        "审核日期",
        "审核意见",
        "审批日期",
        "审批机关",
        "批准文号",
        "进入日期",
        "退出日期",
        "退出原因",
        "不予通过日期",
        "不予通过原因",
    ]);
    let approved = [
        "2025-01-10",
        "同意",
        "2025-01-20",
        "区委、区政府",
        "宁委办〔2025〕1号",
    ];
    let row = |head: [&'static str; 7], steps: &[&'static str], tail: [&'static str; 5]| {
        let mut r: Vec<&str> = head.to_vec();
        r.extend_from_slice(steps);
        r.resize(12, "");
        r.extend_from_slice(&tail);
        r
    };
    let none = ["", "", "", "", ""];
    admissions.push(&row(
        [
            "区民政局",
            "低保入户核查",
            "乡镇层面",
            "长期",
            "",
            "已进入",
            "2025-01-05",
        ],
        &approved,
        ["2025-02-01", "", "", "", ""],
    ));
    // Short-term, its end date past: 应退出.
    admissions.push(&row(
        [
            "区应急局",
            "防汛巡查",
            "乡镇层面",
            "短期",
            "2025-12-31",
            "已进入",
            "2025-01-05",
        ],
        &approved,
        ["2025-03-01", "", "", "", ""],
    ));
    admissions.push(&row(
        [
            "区卫健委",
            "疫苗接种动员",
            "乡镇层面",
            "短期",
            "2025-06-30",
            "已退出",
            "2025-01-05",
        ],
        &approved,
        ["2025-02-01", "2025-06-01", "任务完成", "", ""],
    ));
    admissions.push(&row(
        [
            "区文旅局",
            "文明创建打分",
            "乡镇层面",
            "长期",
            "",
            "审核未通过",
            "2025-01-05",
        ],
        &[],
        ["", "", "", "2025-01-10", "不属于乡镇职责"],
    ));
    admissions.push(&row(
        [
            "区城管局",
            "违建巡查",
            "乡镇层面",
            "长期",
            "",
            "已审批",
            "2025-01-05",
        ],
        &approved,
        none,
    ));
    admissions.push(&row(
        [
            "区司法局",
            "普法宣传",
            "乡镇层面",
            "长期",
            "",
            "已申请",
            "2025-04-01",
        ],
        &[],
        none,
    ));
    // (An application dated after today is refused: a step that has happened.)
    // 专项整治: the four registers and a 回头看 that reopens a removed plaque.
    let mut mechanisms = Sheet::new(&["机制名称*", "村/社区*", "机制类型", "处理结果", "处理日期"]);
    mechanisms.push(&[
        "创建文明村领导小组",
        "杨柳村",
        "领导小组",
        "撤销",
        "2025-05-20",
    ]);
    mechanisms.push(&["人居环境整治工作组", "杨柳村", "", "整合", "2025-05-20"]);
    mechanisms.push(&["村务监督委员会", "青溪社区", "委员会", "保留", "2025-05-22"]);
    mechanisms.push(&["河长制工作站", "文昌社区", "", "", ""]);
    let mut plaques = Sheet::new(&[
        "牌子名称*",
        "村/社区*",
        "发牌部门*",
        "处理结果",
        "处理日期",
        "保留依据",
    ]);
    plaques.push(&[
        "老年人协会",
        "青溪社区",
        "区民政局",
        "摘除",
        "2025-04-18",
        "",
    ]);
    plaques.push(&["科普示范站", "文昌社区", "区科协", "摘除", "2025-04-20", ""]);
    plaques.push(&["农家书屋", "杨柳村", "区文旅局", "摘除", "2025-04-20", ""]);
    plaques.push(&[
        "村民委员会",
        "杨柳村",
        "区民政局",
        "保留",
        "2025-04-20",
        "村民委员会组织法",
    ]);
    let mut certificates = Sheet::new(&[
        "证明事项名称*",
        "村/社区*",
        "要求出具部门*",
        "依据",
        "处理结果",
        "处理日期",
        "今年出具数量",
    ]);
    certificates.push(&[
        "亲属关系证明",
        "青溪社区",
        "区公安分局",
        "",
        "取消",
        "2025-03-10",
        "",
    ]);
    certificates.push(&[
        "居住证明",
        "青溪社区",
        "区公安分局",
        "居住证暂行条例",
        "保留",
        "2025-03-10",
        "36",
    ]);
    let mut secondments = Sheet::new(&[
        "姓名*",
        "身份证号码*",
        "派出村/社区",
        "借调单位*",
        "借调开始日期*",
        "借调结束日期*",
        "经准入",
        "准入文号",
        "处理结果",
        "结束借调日期",
    ]);
    let (s1, s2, s3) = (idn(801), idn(802), idn(803));
    secondments.push(&[
        "孙丽",
        &s1,
        "青溪社区",
        "区委组织部",
        "2025-03-01",
        "2025-08-31",
        "是",
        "江宁借准〔2025〕7号",
        "",
        "",
    ]);
    secondments.push(&[
        "周强",
        &s2,
        "",
        "区信访局",
        "2025-06-01",
        "2099-05-31",
        "否",
        "",
        "",
        "",
    ]);
    secondments.push(&[
        "吴婷",
        &s3,
        "杨柳村",
        "区住建局",
        "2025-01-01",
        "2025-06-30",
        "是",
        "江宁借准〔2025〕2号",
        "结束借调",
        "2025-06-30",
    ]);
    let mut rechecks = Sheet::new(&[
        "整治台账*",
        "对象名称*",
        "村/社区",
        "回头看日期*",
        "发现情况*",
        "是否反弹",
    ]);
    rechecks.push(&[
        "挂牌",
        "科普示范站",
        "文昌社区",
        "2025-10-15",
        "牌子又挂回去了",
        "是",
    ]);
    rechecks.push(&[
        "证明事项",
        "亲属关系证明",
        "",
        "2025-10-16",
        "未再要求出具",
        "否",
    ]);

    let mut indicators = Sheet::new(&[
        "指标组*",
        "指标编号*",
        "指标名称*",
        "单位",
        "分值*",
        "目标值",
        "评分方式*",
        "计算公式",
        "是否停用",
    ]);
    indicators.push(&[
        "党建引领",
        "P01",
        "三亮完成率",
        "%",
        "5",
        "90",
        "按统计计算",
        "100 * compounds.sanliang_complete / compounds.total",
        "否",
    ]);
    indicators.push(&[
        "服务质量",
        "S01",
        "需求办结率",
        "%",
        "4",
        "90",
        "计算",
        "demands.resolved / demands.received",
        "",
    ]);
    indicators.push(&[
        "群众满意度",
        "M04",
        "回访满意情况",
        "分",
        "4",
        "",
        "考核组评分",
        "",
        "",
    ]);
    // Retired: listed, not in force.
    indicators.push(&["队伍建设", "T09", "旧指标", "分", "2", "", "人工", "", "是"]);

    let mut rectifications =
        Sheet::new(&["所属通报*", "整改事项*", "责任人*", "整改期限*", "完成日期"]);
    rectifications.push(&[
        "县通报〔2026〕3号",
        "补齐走访记录",
        "王主任",
        "2026-01-31",
        "",
    ]);
    rectifications.push(&[
        "县通报〔2026〕3号",
        "公示牌更新",
        "李书记",
        "2026-01-31",
        "2026-01-20",
    ]);
    rectifications.push(&[
        "县通报〔2026〕3号",
        "网格员培训",
        "王主任",
        "2099-01-31",
        "",
    ]);
    // Not done yet (a 完成日期 after today is refused as what has not happened):
    // still open today.
    rectifications.push(&["县通报〔2026〕3号", "台账整理", "王主任", "2099-01-31", ""]);
    // Inspections of grids: three this half-year, one in an earlier one (not counted).
    let mut inspections = Sheet::new(&[
        "单位编码*",
        "检查日期*",
        "检查人员*",
        "网格员走访*",
        "台账记录*",
        "信息公示*",
        "问题处理时效*",
        "三亮到位*",
        "发现的问题",
    ]);
    for (code, date) in [
        ("320115101001001", today.as_str()),
        ("32011510100100101", today.as_str()),
        ("320115101002001", today.as_str()),
        ("320115101001002", "2020-03-01"),
    ] {
        inspections.push(&[
            code,
            date,
            "丙、丁",
            "18",
            "20",
            "15",
            "20",
            "19",
            "走访记录缺 2 户",
        ]);
    }

    // 问卷 (one questionnaire, so the papers need not name it), its papers (answers by
    // option text or letter, some blank) and phone call-backs.
    let mut surveys = Sheet::new(&["问卷名称*", "测评期间*", "第1题", "第2题", "第3题"]);
    surveys.push(&[
        "群众满意度测评",
        "2025年第二季度",
        "您知道网格员吗？｜知道、听说过、不知道",
        "网格员服务？｜满意度",
        "小区环境？｜满意度",
    ]);
    let mut papers = Sheet::new(&["编号*", "村/社区*", "填写日期", "第1题", "第2题", "第3题"]);
    for r in [
        ["1", "青溪社区", "2025-05-01", "知道", "满意", "基本满意"],
        ["2", "青溪社区", "2025-05-01", "B", "不满意", "满意"],
        ["3", "文昌社区", "2025-05-02", "C", "A", ""],
        ["4", "杨柳村", "", "知道", "", "C"],
        ["5", "杨柳村", "2025-05-03", "", "基本满意", "不满意"],
    ] {
        papers.push(&r);
    }
    let mut calls = Sheet::new(&[
        "回访日期*",
        "村/社区*",
        "被回访人*",
        "联系电话",
        "回访事项*",
        "诉求或小区",
        "回访结果*",
    ]);
    calls.push(&[
        "2025-05-10",
        "青溪社区",
        "孙八",
        "13900000001",
        "一般回访",
        "",
        "满意",
    ]);
    // A 抽查小区 call-back names a compound a sample drew, and samples are drawn in
    // the app: a township set up from files has none yet.
    calls.push(&[
        "2025-05-11",
        "青溪社区",
        "周九",
        "13900000002",
        "一般回访",
        "",
        "不满意",
    ]);
    calls.push(&[
        "2025-05-12",
        "杨柳村",
        "吴十",
        "",
        "诉求",
        "积水",
        "基本满意",
    ]);

    // 月调度: the city's task list and the monthly sheet (months long past, so the
    // figures do not move with the clock).
    let mut tasks = Sheet::new(&[
        "任务编号*",
        "任务内容*",
        "任务类别",
        "牵头单位*",
        "完成时限",
    ]);
    tasks.push(&[
        "1",
        "小区党支部应建尽建",
        "党建引领",
        "区委组织部",
        "2025年12月底",
    ]);
    tasks.push(&["2", "推进多格合一", "畅路", "区委政法委", "2025-06-30"]);
    tasks.push(&["3", "领导干部联系点", "畅路", "区委办", "长期坚持"]);
    tasks.push(&[
        "10",
        "社区工作者轮训",
        "队伍建设",
        "区委社会工作部",
        "2099-12-31",
    ]);
    let mut progress = Sheet::new(&["任务编号*", "月份*", "进展状态*", "进展情况*", "完成日期"]);
    progress.push(&["1", "2025-05", "已完成", "全部建成", "2025-05-20"]);
    progress.push(&["2", "2025年4月", "推进中", "方案报审", ""]);
    progress.push(&["2", "2025-05", "滞后", "部门意见未反馈", ""]);
    progress.push(&["3", "2025-05", "推进中", "走访6次", ""]);

    // ---------- the setup, in the documented order ----------

    ok(cli(
        &db,
        &[
            "--json",
            "init",
            "--level",
            "township",
            "--code",
            "320115101000",
            "--name",
            "青溪街道",
        ],
    ));
    let files: Vec<(&str, PathBuf)> = vec![
        ("units", units_file),
        ("people", workers.csv(&d.join("网格员和社区工作者.csv"))),
        ("people", heads.xlsx(&d.join("楼栋长和信息员.xlsx"))),
        ("party-branches", branches.csv(&d.join("三亮.csv"))),
        ("partner-units", partners.csv(&d.join("共建单位.csv"))),
        ("committees", committees.csv(&d.join("委员会.csv"))),
        ("committee-members", members.xlsx(&d.join("委员.xlsx"))),
        ("joint-meetings", meetings.csv(&d.join("联席会议.csv"))),
        ("projects", projects.xlsx(&d.join("共建项目.xlsx"))),
        ("leaders", leaders.csv(&d.join("领导.csv"))),
        ("contact-points", points.csv(&d.join("联系点.csv"))),
        ("visits", visits.csv(&d.join("走访.csv"))),
        ("departments", departments.csv(&d.join("部门.csv"))),
        ("demands", demands.xlsx(&d.join("诉求.xlsx"))),
        ("working-groups", groups.csv(&d.join("工作组.csv"))),
        ("working-meetings", working.csv(&d.join("工作会议.csv"))),
        ("duty-items", duties.csv(&d.join("三清单.csv"))),
        ("grid-matters", matters.csv(&d.join("网格事项.csv"))),
        (
            "grid-matter-claims",
            claims.xlsx(&d.join("网格事项认领.xlsx")),
        ),
        ("training-sessions", sessions.csv(&d.join("培训.csv"))),
        (
            "training-participants",
            participants.xlsx(&d.join("培训签到.xlsx")),
        ),
        ("pipeline-events", pipeline.csv(&d.join("引育留用.csv"))),
        ("admissions", admissions.csv(&d.join("准入事项.csv"))),
        ("mechanisms", mechanisms.csv(&d.join("工作机制.csv"))),
        ("plaques", plaques.csv(&d.join("挂牌.csv"))),
        ("certificates", certificates.csv(&d.join("证明事项.csv"))),
        ("secondments", secondments.csv(&d.join("借调人员.csv"))),
        ("rechecks", rechecks.csv(&d.join("回头看.csv"))),
        ("indicators", indicators.csv(&d.join("考核指标.csv"))),
        (
            "rectification-items",
            rectifications.csv(&d.join("整改事项.csv")),
        ),
        ("inspections", inspections.csv(&d.join("检查记录.csv"))),
        ("questionnaires", surveys.csv(&d.join("问卷.csv"))),
        (
            "questionnaire-responses",
            papers.xlsx(&d.join("问卷答卷.xlsx")),
        ),
        ("callbacks", calls.csv(&d.join("电话回访.csv"))),
        ("tasks", tasks.xlsx(&d.join("市级任务清单.xlsx"))),
        ("task-progress", progress.csv(&d.join("月调度表.csv"))),
    ];
    let sheets: Vec<&Sheet> = vec![
        &units,
        &workers,
        &heads,
        &branches,
        &partners,
        &committees,
        &members,
        &meetings,
        &projects,
        &leaders,
        &points,
        &visits,
        &departments,
        &demands,
        &groups,
        &working,
        &duties,
        &matters,
        &claims,
        &sessions,
        &participants,
        &pipeline,
        &admissions,
        &mechanisms,
        &plaques,
        &certificates,
        &secondments,
        &rechecks,
        &indicators,
        &rectifications,
        &inspections,
        &surveys,
        &papers,
        &calls,
        &tasks,
        &progress,
    ];
    assert_eq!(files.len(), sheets.len());
    for ((kind, file), sheet) in files.iter().zip(&sheets) {
        let v = ok(cli(
            &db,
            // Every file was written before the first import: a later one is no
            // older list (its rows were left out when the imports crossed a second).
            &[
                "--json",
                "import",
                "--include-older-rows",
                "--kind",
                kind,
                file.to_str().unwrap(),
            ],
        ));
        let s = &v["summary"];
        assert_eq!(s["rejected"], 0, "{kind}: {v:#}");
        let written = s["created"].as_i64().unwrap() + s["updated"].as_i64().unwrap();
        assert_eq!(written, sheet.rows.len() as i64, "{kind}: {v:#}");
    }

    // ---------- what the files imply ----------

    let mut people = people_from(&[&workers, &heads]);
    // A 选拔 into a township post (or a 离职) makes the person 离岗 from its day.
    for r in &pipeline.rows {
        let event = pipeline.get(r, "事件*");
        if (event.starts_with("选拔") || event == "离职")
            && pipeline.get(r, "日期*") <= today.as_str()
        {
            if let Some(p) = people.get_mut(pipeline.get(r, "身份证号码*")) {
                p.in_post = false;
            }
        }
    }
    let in_post =
        |f: &dyn Fn(&Person) -> bool| people.values().filter(|p| p.in_post && f(p)).count() as i64;
    let has = |p: &Person, role: &str| p.roles.iter().any(|(r, _)| r == role);
    let level = |l: &str| units.count(|r| units.get(r, "层级*") == l);
    let part_time: BTreeSet<(&str, &str)> = members
        .rows
        .iter()
        .filter(|r| members.get(r, "专职/兼职*") == "兼职")
        .map(|r| (members.get(r, "姓名*"), members.get(r, "所在共建单位")))
        .collect();
    let status_in = |s: &Sheet, col: &str, set: &[&str]| s.count(|r| set.contains(&s.get(r, col)));
    // A target is covered by a point in force today whose leader is on file.
    let leader_names: BTreeSet<&str> = leaders
        .rows
        .iter()
        .map(|r| leaders.get(r, "姓名*"))
        .collect();
    // Points in force today (an ended one counts no more, as 覆盖 counts it).
    let in_force = |r: &[String]| {
        let start = points.get(r, "开始日期");
        let end = points.get(r, "结束日期");
        (start.is_empty() || start <= today.as_str()) && (end.is_empty() || end >= today.as_str())
    };
    let covered: BTreeSet<&str> = points
        .rows
        .iter()
        .filter(|r| in_force(r) && leader_names.contains(points.get(r, "领导姓名*")))
        .map(|r| points.get(r, "联系对象*"))
        .collect();
    let resolved = |r: &[String]| ["已办结", "已回访"].contains(&demands.get(r, "状态"));
    // Judgments (see PACKAGE.md): answers to the two satisfaction questions (A = 满意,
    // B = 基本满意, C = 不满意), call-back records, demands' 回访.
    let fine = |a: &str| ["满意", "基本满意", "A", "B"].contains(&a);
    let answers: Vec<&str> = papers
        .rows
        .iter()
        .flat_map(|r| [papers.get(r, "第2题"), papers.get(r, "第3题")])
        .filter(|a| !a.is_empty())
        .collect();
    let called_back: Vec<&str> = demands
        .rows
        .iter()
        .filter(|r| demands.get(r, "状态") == "已回访")
        .map(|r| demands.get(r, "回访满意度"))
        .collect();
    let call_results: Vec<&str> = calls
        .rows
        .iter()
        .map(|r| calls.get(r, "回访结果*"))
        .collect();
    let judged = (answers.len() + call_results.len() + called_back.len()) as i64;
    let satisfied = answers
        .iter()
        .chain(&call_results)
        .chain(&called_back)
        .filter(|a| fine(a))
        .count() as i64;
    let expected: BTreeMap<&str, i64> = BTreeMap::from([
        ("grids.base", level("基础网格")),
        ("grids.micro", level("微网格")),
        ("grids.business_merged", 0),
        ("people.grid_workers", in_post(&|p| has(p, "网格员"))),
        (
            "people.grid_workers_fulltime",
            in_post(&|p| p.roles.contains(&("网格员".into(), "专职".into()))),
        ),
        (
            "people.building_heads_info_officers",
            in_post(&|p| has(p, "楼栋长") || has(p, "信息员")),
        ),
        (
            "people.community_workers",
            in_post(&|p| has(p, "社区工作者")),
        ),
        ("people.published", in_post(&|p| p.published)),
        (
            "people.grid_workers_published",
            in_post(&|p| p.published && has(p, "网格员")),
        ),
        ("compounds.total", level("小区")),
        (
            "compounds.sanliang_complete",
            branches.count(|r| {
                branches.get(r, "是否成立党支部*") == "是"
                    && ["亮组织架构日期", "亮职责日期", "亮党员身份日期"]
                        .iter()
                        .all(|c| !branches.get(r, c).is_empty())
            }),
        ),
        ("party.part_time_members", part_time.len() as i64),
        ("party.joint_meetings", meetings.rows.len() as i64),
        (
            "cobuild.projects_claimed",
            status_in(&projects, "状态", &["已认领", "实施中", "已完成", "已评价"]),
        ),
        (
            "cobuild.projects_completed",
            status_in(&projects, "状态", &["已完成", "已评价"]),
        ),
        (
            "contacts.points",
            points.rows.iter().filter(|r| in_force(r)).count() as i64,
        ),
        ("contacts.targets_covered", covered.len() as i64),
        // Without a period every visit made (each row of the 走访 file).
        ("contacts.visits", visits.rows.len() as i64),
        ("demands.received", demands.rows.len() as i64),
        ("demands.resolved", demands.count(resolved)),
        (
            "demands.resolved_on_time",
            demands.count(|r| {
                let deadline = demands.get(r, "办理时限");
                resolved(r) && (deadline.is_empty() || demands.get(r, "办结日期") <= deadline)
            }),
        ),
        // Without a period every demand received: those resolved by today.
        ("demands.received_resolved", demands.count(resolved)),
        // 交办: every demand past 已受理 (this file's 状态 says where each stands).
        (
            "demands.assigned",
            demands.count(|r| !["", "已受理"].contains(&demands.get(r, "状态"))),
        ),
        // 逾期: open with its 办理时限 before today.
        (
            "demands.overdue",
            demands.count(|r| {
                let deadline = demands.get(r, "办理时限");
                !resolved(r) && !deadline.is_empty() && deadline < today.as_str()
            }),
        ),
        ("coordination.meetings", working.rows.len() as i64),
        (
            "lists.basic_duties",
            duties.count(|r| ["基本履职事项", "基本"].contains(&duties.get(r, "清单*"))),
        ),
        (
            "lists.assisting_duties",
            duties.count(|r| duties.get(r, "清单*") == "配合履职事项"),
        ),
        (
            "lists.taken_back",
            duties.count(|r| {
                ["上级部门收回事项", "收回"].contains(&duties.get(r, "清单*"))
                    && duties.get(r, "收回日期") <= today.as_str()
            }),
        ),
        ("gridlist.items", matters.rows.len() as i64),
        (
            "gridlist.villages_claimed",
            // 青溪社区 (by name and by code) and 杨柳村; 文昌社区's claim is to come.
            {
                let by_code = |v: &str| {
                    if v == "320115101001" {
                        "青溪社区"
                    } else {
                        v
                    }
                    .to_string()
                };
                let mut v: Vec<String> = claims
                    .rows
                    .iter()
                    .filter(|r| claims.get(r, "认领日期*") <= today.as_str())
                    .map(|r| by_code(claims.get(r, "村/社区*")))
                    .collect();
                v.sort();
                v.dedup();
                v.len() as i64
            },
        ),
        (
            "training.sessions",
            sessions.count(|r| sessions.get(r, "培训日期*").starts_with(&today[..4])),
        ),
        // This year's rows, each head count as its number.
        (
            "training.person_times",
            participants
                .rows
                .iter()
                .filter(|r| participants.get(r, "培训日期*").starts_with(&today[..4]))
                .map(|r| participants.get(r, "人数").parse::<i64>().unwrap_or(1))
                .sum(),
        ),
        // 社工1 (社工0 was selected into a township post today, so 离岗; 社工2 is no
        // longer in post; 网格员0 is not a community worker).
        ("training.community_workers_trained", 1),
        ("people.selected_from_community_workers", 1),
        (
            "admission.applied",
            admissions.count(|r| admissions.get(r, "申请日期") <= today.as_str()),
        ),
        (
            "admission.approved",
            admissions.count(|r| !admissions.get(r, "审批日期").is_empty()),
        ),
        (
            "admission.refused",
            admissions.count(|r| !admissions.get(r, "不予通过日期").is_empty()),
        ),
        (
            "admission.in_force",
            admissions.count(|r| {
                !admissions.get(r, "进入日期").is_empty()
                    && admissions.get(r, "退出日期").is_empty()
            }),
        ),
        (
            "admission.overdue_exit",
            admissions.count(|r| {
                admissions.get(r, "期限类型*") == "短期"
                    && admissions.get(r, "退出日期").is_empty()
                    && !admissions.get(r, "进入日期").is_empty()
                    && admissions.get(r, "截止日期") < today.as_str()
            }),
        ),
        (
            "rectification.mechanisms_removed",
            mechanisms.count(|r| ["撤销", "整合"].contains(&mechanisms.get(r, "处理结果"))),
        ),
        (
            "rectification.plaques_removed",
            // 科普示范站 was reopened by its 回头看.
            plaques.count(|r| {
                plaques.get(r, "处理结果") == "摘除" && plaques.get(r, "牌子名称*") != "科普示范站"
            }),
        ),
        (
            "rectification.certificates_cancelled",
            certificates.count(|r| certificates.get(r, "处理结果") == "取消"),
        ),
        (
            "rectification.secondments_active",
            secondments.count(|r| secondments.get(r, "处理结果").is_empty()),
        ),
        (
            "rectification.secondments_unapproved",
            secondments.count(|r| {
                secondments.get(r, "处理结果").is_empty() && secondments.get(r, "经准入") == "否"
            }),
        ),
        ("rectification.rechecks", rechecks.rows.len() as i64),
        (
            "assessment.indicators",
            indicators.count(|r| indicators.get(r, "是否停用") != "是"),
        ),
        (
            "assessment.rectifications_open",
            rectifications.count(|r| {
                let done = rectifications.get(r, "完成日期");
                done.is_empty() || done > today.as_str()
            }),
        ),
        // Of those, the ones past their 整改期限.
        (
            "assessment.rectifications_overdue",
            rectifications.count(|r| {
                let done = rectifications.get(r, "完成日期");
                let deadline = rectifications.get(r, "整改期限*");
                (done.is_empty() || done > today.as_str())
                    && !deadline.is_empty()
                    && deadline < today.as_str()
            }),
        ),
        // Samples are drawn in the app (the CLI's `sample` only prints a draw).
        ("assessment.compounds_sampled", 0),
        ("assessment.sample_rate", 0),
        // Without a sample no inspection is of a drawn compound; the base is the
        // as-of day's quarter's compounds.
        ("assessment.compounds_checked", 0),
        ("assessment.compounds_quarters", level("小区")),
        (
            "assessment.grids_inspected",
            inspections.count(|r| {
                let d = inspections.get(r, "检查日期*");
                let half = |d: &str| (d[..4].to_string(), &d[5..7] <= "06");
                half(d) == half(&today) && d <= today.as_str()
            }),
        ),
        ("assessment.questionnaires", papers.rows.len() as i64),
        ("assessment.satisfaction", satisfied),
        ("assessment.satisfaction_judged", judged),
        (
            "assessment.callbacks",
            (calls.rows.len() + called_back.len()) as i64,
        ),
        ("tasks.total", tasks.rows.len() as i64),
        (
            "tasks.done",
            progress.count(|r| progress.get(r, "进展状态*") == "已完成"),
        ),
        // Task 2's newest report says 滞后; its 完成时限 has passed, as no other's has.
        (
            "tasks.behind",
            progress.count(|r| {
                progress.get(r, "进展状态*") == "滞后" && progress.get(r, "任务编号*") == "2"
            }),
        ),
        (
            "tasks.overdue",
            tasks.count(|r| {
                let due = tasks.get(r, "完成时限");
                due.starts_with("2025-") && due < today.as_str()
            }),
        ),
        ("tasks.reports", progress.rows.len() as i64),
    ]);
    // The data is shaped so that no rule is vacuous: each count is neither zero
    // (but the one kind no file carries) nor every row.
    assert_eq!(expected["grids.base"], 9);
    assert_eq!(expected["people.grid_workers"], 6);
    assert_eq!(expected["people.grid_workers_fulltime"], 4);
    assert_eq!(expected["people.building_heads_info_officers"], 11);
    assert_eq!(expected["people.published"], 7);
    assert_eq!(expected["people.grid_workers_published"], 2);
    assert_eq!(expected["compounds.sanliang_complete"], 2);
    assert_eq!(expected["party.part_time_members"], 3);
    assert_eq!(expected["contacts.targets_covered"], 3);
    assert_eq!(expected["demands.resolved_on_time"], 3);
    assert_eq!(expected["admission.applied"], 6);
    assert_eq!(expected["admission.approved"], 4);
    assert_eq!(expected["admission.in_force"], 2);
    assert_eq!(expected["admission.overdue_exit"], 1);
    assert_eq!(expected["assessment.satisfaction"], 9);
    assert_eq!(expected["assessment.satisfaction_judged"], 13);
    assert_eq!(
        [
            expected["tasks.done"],
            expected["tasks.behind"],
            expected["tasks.overdue"]
        ],
        [1, 1, 1]
    );
    let expected = serde_json::to_value(&expected).unwrap();

    let report = ok(cli(&db, &["--json", "report"]));
    let keys: BTreeSet<&String> = report["labels"].as_object().unwrap().keys().collect();
    let ours: BTreeSet<&String> = expected.as_object().unwrap().keys().collect();
    assert_eq!(keys, ours, "every report key has its figure from the files");
    assert_eq!(report["own"], expected, "{report:#}");
    assert_eq!(report["total"], expected);
    // The score table of the imported system: three in force, P01 from the 三亮 figures.
    let score = ok(cli(&db, &["--json", "score", "--period", "2026"]));
    assert_eq!(
        score["indicators"].as_array().unwrap().len(),
        3,
        "{score:#}"
    );
    assert_eq!(score["offices"][0]["scope"], "own");
    let p01 = &score["offices"][0]["cells"][0];
    assert_eq!(p01["code"], "P01");
    assert_eq!(
        p01["figures"]["compounds.sanliang_complete"],
        expected["compounds.sanliang_complete"]
    );

    // ---------- up to the county ----------

    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let e = ok(cli(&db, &["--json", "export", out.to_str().unwrap()]));
    let package = e["path"].as_str().unwrap().to_string();
    assert_eq!(e["sequence"], 1);

    let county = d.join("county.db");
    ok(cli(
        &county,
        &[
            "--json",
            "init",
            "--level",
            "county",
            "--code",
            "320115000000",
            "--name",
            "江宁区",
        ],
    ));
    let r = ok(cli(&county, &["--json", "receive", &package]));
    assert_eq!(r[0]["outcome"], "accepted", "{r:#}");
    let c = ok(cli(&county, &["--json", "report"]));
    assert_eq!(c["total"], expected, "{c:#}");
    assert_eq!(c["offices"]["320115101000"]["totals"], expected);
    assert!(c["own"].as_object().unwrap().values().all(|v| v == 0));
    // The county scores the township from its file; with no indicators of its own
    // yet, nothing ranks it.
    let s = ok(cli(&county, &["--json", "score", "--period", "2026"]));
    assert_eq!(s["offices"][0]["code"], "320115101000");
    assert_eq!(s["offices"][0]["rank"], serde_json::Value::Null);
}
