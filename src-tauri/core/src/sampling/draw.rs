//! The quarter's draw (季度抽查), as a pure function of its inputs: the quarter, the
//! office code, the number the assessment team writes down in its meeting, the rate,
//! the compounds (the frame, each with its village/community and whether last
//! quarter's sample drew it) and the inspectors' roster. The same inputs give the
//! same draw on any machine: the random numbers come from a seed derived from
//! SHA-256 of "quarter|office code|number" through SplitMix64, never from the
//! system's random generator. `docs/PACKAGE.md` and the printed sample state the rule.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::base::error::{Error, Result};

/// The lowest rate allowed: 30 % (300 ‰). A team may set it higher, never lower.
pub const MIN_RATE_PERMILLE: u32 = 300;
/// Inspectors per drawn compound (双随机: two, when the roster allows).
pub const INSPECTORS_PER_COMPOUND: usize = 2;

/// A calendar quarter, written `2026Q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    pub q: u32,
}

impl Quarter {
    /// `2026Q4`, `2026q4`, `2026-Q4` or `2026年第4季度`; the error names `field`.
    pub fn parse_in(field: &'static str, s: &str) -> Result<Quarter> {
        let t: String = s
            .trim()
            .to_uppercase()
            .replace(['-', ' ', '年', '第', '度'], "")
            .replace("季", "Q");
        let t = t.replace("一Q", "1Q").replace("二Q", "2Q");
        let t = t.replace("三Q", "3Q").replace("四Q", "4Q");
        // "2026Q4" or "20264Q" (from 2026年第4季度)
        let (year, q) = if let Some((y, q)) = t.split_once('Q') {
            if q.is_empty() && y.len() == 5 {
                (&y[..4], &y[4..])
            } else {
                (y, q)
            }
        } else {
            ("", "")
        };
        match (year.parse::<i32>(), q.parse::<u32>()) {
            (Ok(year), Ok(q)) if (2000..=2100).contains(&year) && (1..=4).contains(&q) => {
                Ok(Quarter { year, q })
            }
            _ => Err(Error::validation(
                field,
                format!(
                    "季度“{}”无法识别，请写成 2026Q4 这样的格式（年份加 Q1–Q4）。",
                    s.trim()
                ),
            )),
        }
    }

    pub fn parse(s: &str) -> Result<Quarter> {
        Quarter::parse_in("quarter", s)
    }

    pub fn of(d: NaiveDate) -> Quarter {
        Quarter {
            year: d.year(),
            q: (d.month() - 1) / 3 + 1,
        }
    }

    pub fn previous(self) -> Quarter {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }

    pub fn next(self) -> Quarter {
        if self.q >= 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        }
    }

    /// 2026年第四季度
    pub fn label(self) -> String {
        let n = ["一", "二", "三", "四"][(self.q.clamp(1, 4) - 1) as usize];
        format!("{}年第{n}季度", self.year)
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        Quarter::of(d) == self
    }

    /// Its last day (2026-12-31 for 2026Q4).
    pub fn last_day(self) -> NaiveDate {
        let next = self.next();
        NaiveDate::from_ymd_opt(next.year, (next.q - 1) * 3 + 1, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

/// A half-year, written `2026H2`: every base and micro grid is inspected once in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HalfYear {
    pub year: i32,
    pub h: u32,
}

impl HalfYear {
    pub fn parse(s: &str) -> Result<HalfYear> {
        let t = s.trim().to_uppercase().replace(['-', ' '], "");
        let t = t
            .replace("年上半年", "H1")
            .replace("年下半年", "H2")
            .replace("上半年", "H1")
            .replace("下半年", "H2");
        match t
            .split_once('H')
            .map(|(y, h)| (y.parse::<i32>(), h.parse::<u32>()))
        {
            Some((Ok(year), Ok(h))) if (2000..=2100).contains(&year) && (1..=2).contains(&h) => {
                Ok(HalfYear { year, h })
            }
            _ => Err(Error::validation(
                "half",
                format!(
                    "半年“{}”无法识别，请写成 2026H2（下半年）或 2026H1（上半年）。",
                    s.trim()
                ),
            )),
        }
    }

    pub fn of(d: NaiveDate) -> HalfYear {
        HalfYear {
            year: d.year(),
            h: if d.month() <= 6 { 1 } else { 2 },
        }
    }

    /// 2026年下半年
    pub fn label(self) -> String {
        format!(
            "{}年{}半年",
            self.year,
            if self.h == 1 { "上" } else { "下" }
        )
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        HalfYear::of(d) == self
    }

    /// Its last day: 06-30 or 12-31.
    pub fn last_day(self) -> NaiveDate {
        let (m, d) = if self.h == 1 { (6, 30) } else { (12, 31) };
        NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or(NaiveDate::MAX)
    }
}

impl std::fmt::Display for HalfYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}H{}", self.year, self.h)
    }
}

/// The rate as per mille from what a clerk writes: `0.3`, `30%`, `30` (percent) or
/// `300‰`. Below 30 % is refused, above 100 % too.
pub fn parse_rate(s: &str) -> Result<u32> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(MIN_RATE_PERMILLE);
    }
    let bad = || {
        Error::validation(
            "rate",
            format!("抽查比例“{t}”无法识别，请写成 30% 或 0.3 这样的比例。"),
        )
    };
    let permille = if let Some(p) = t.strip_suffix(['%', '％']) {
        p.trim().parse::<f64>().map_err(|_| bad())? * 10.0
    } else if let Some(p) = t.strip_suffix('‰') {
        p.trim().parse::<f64>().map_err(|_| bad())?
    } else {
        let v = t.parse::<f64>().map_err(|_| bad())?;
        if v <= 1.0 {
            v * 1000.0
        } else {
            v * 10.0
        }
    };
    if !permille.is_finite() {
        return Err(bad());
    }
    let permille = permille.round() as i64;
    if permille < MIN_RATE_PERMILLE as i64 {
        return Err(Error::validation(
            "rate",
            format!(
                "抽查比例不能低于 30%（现在是 {}%）。可以调高，不能调低。",
                permille as f64 / 10.0
            ),
        ));
    }
    if permille > 1000 {
        return Err(Error::validation("rate", "抽查比例最多 100%。"));
    }
    Ok(permille as u32)
}

/// The meeting's number: digits only (at most 18), kept as written without leading zeros.
pub fn parse_number(s: &str) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Error::validation(
            "number",
            "请填写随机号：考核组在抽查会上当场写下的一个数字（如 2741），记入会议记录。",
        ));
    }
    if t.len() > 18 || !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::validation(
            "number",
            format!("随机号“{t}”只能是数字（最多 18 位），如 2741。"),
        ));
    }
    Ok(t.parse::<u64>().map(|n| n.to_string()).unwrap_or_default())
}

/// The seed: the first 8 bytes (big-endian) of SHA-256("quarter|office code|number").
pub fn seed(quarter: &str, office_code: &str, number: &str) -> u64 {
    let digest = Sha256::digest(format!("{quarter}|{office_code}|{number}").as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(b)
}

/// SplitMix64 (Steele, Lea, Flood 2014): the published constants, nothing else.
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), without modulo bias (rejects the top remainder).
    pub fn below(&mut self, n: usize) -> usize {
        let n = n.max(1) as u64;
        let limit = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < limit {
                return (x % n) as usize;
            }
        }
    }

    /// Fisher–Yates, from the last element down.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// A compound of the frame.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FrameCompound {
    pub id: String,
    pub code: String,
    pub name: String,
    pub community_id: String,
    pub community_name: String,
    /// Last quarter's sample drew it: drawn again only where the rate needs it.
    pub drawn_last_quarter: bool,
}

/// An inspector of the roster as the draw saw it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RosterInspector {
    pub id: String,
    pub name: String,
    pub unit_name: String,
    /// The village/community they work in (回避: never sent to a compound there).
    pub community_id: Option<String>,
}

/// A drawn compound and its inspectors.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DrawnCompound {
    pub compound_id: String,
    pub compound_code: String,
    pub compound_name: String,
    pub community_id: String,
    pub community_name: String,
    pub drawn_last_quarter: bool,
    pub inspector_ids: Vec<String>,
    pub inspector_names: Vec<String>,
}

/// One village/community of the frame and how many of its compounds were drawn.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Stratum {
    pub community_id: String,
    pub community_name: String,
    pub compounds: usize,
    pub drawn: usize,
}

/// What a draw is made from.
#[derive(Debug, Clone, Default)]
pub struct DrawInputs {
    pub quarter: String,
    pub office_code: String,
    pub number: String,
    pub rate_permille: u32,
    pub frame: Vec<FrameCompound>,
    pub roster: Vec<RosterInspector>,
}

/// The result of a draw.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Draw {
    /// The seed as 16 hex digits.
    pub seed: String,
    /// ⌈compounds × rate⌉, at least one per village/community.
    pub size: usize,
    pub strata: Vec<Stratum>,
    pub drawn: Vec<DrawnCompound>,
    /// The rule in words, printed with the sample.
    pub rule: String,
}

/// The rule in words, as printed on the sample list and the notice.
pub fn rule_text(quarter: &str, office_code: &str, number: &str, rate_permille: u32) -> String {
    format!(
        "抽取数 = ⌈小区总数 × 抽查比例 {}%⌉（比例不低于 30%，向上取整）；按村/社区分层，每个村/社区至少抽 1 个，\
         其余按各村/社区小区数的比例以最大余数法分配；层内优先抽取上季度未被抽中的小区。\
         检查人员从考核组名单中随机抽取，每个小区 {INSPECTORS_PER_COMPOUND} 名（名单不足时 1 名），\
         回避其工作所在的村/社区，任务尽量均衡。随机数：复核码（随机数种子）= SHA-256(“{quarter}|{office_code}|{number}”) 的前 8 字节，\
         以 SplitMix64 生成；同样的季度、单位代码、随机号、小区和名单，任何人重抽都得到同样的结果。",
        rate_permille as f64 / 10.0
    )
}

/// Draws the compounds and their inspectors. Deterministic: strata in the order of
/// their community's first compound code, compounds within a stratum by code, then
/// the seeded shuffles.
pub fn draw(inputs: &DrawInputs) -> Result<Draw> {
    if inputs.rate_permille < MIN_RATE_PERMILLE || inputs.rate_permille > 1000 {
        return Err(Error::validation("rate", "抽查比例须在 30% 到 100% 之间。"));
    }
    if inputs.frame.is_empty() {
        return Err(Error::validation(
            "quarter",
            "还没有小区（自然村/组），无法抽查。请先在“网格”里建立村/社区下的小区。",
        ));
    }
    let seed = seed(&inputs.quarter, &inputs.office_code, &inputs.number);
    let mut rng = SplitMix64(seed);

    // Strata, each with its compounds ordered by code, then id.
    let mut frame: Vec<&FrameCompound> = inputs.frame.iter().collect();
    frame.sort_by(|a, b| (&a.code, &a.id).cmp(&(&b.code, &b.id)));
    let mut strata: Vec<(Stratum, Vec<&FrameCompound>)> = Vec::new();
    for c in frame {
        match strata
            .iter_mut()
            .find(|(s, _)| s.community_id == c.community_id)
        {
            Some((s, list)) => {
                s.compounds += 1;
                list.push(c);
            }
            None => strata.push((
                Stratum {
                    community_id: c.community_id.clone(),
                    community_name: c.community_name.clone(),
                    compounds: 1,
                    drawn: 0,
                },
                vec![c],
            )),
        }
    }
    let total = inputs.frame.len();
    let wanted = (total * inputs.rate_permille as usize).div_ceil(1000);
    let size = wanted.max(strata.len()).min(total);

    // Allocation: one each, then one at a time to the stratum furthest below its
    // proportional share (size × its compounds ÷ total), earlier stratum on a tie.
    for (s, _) in strata.iter_mut() {
        s.drawn = 1;
    }
    let mut given = strata.len();
    while given < size {
        let mut best: Option<(usize, i128)> = None;
        for (i, (s, _)) in strata.iter().enumerate() {
            if s.drawn >= s.compounds {
                continue;
            }
            // share − drawn, scaled by total to stay in integers.
            let gap = (size * s.compounds) as i128 - (s.drawn * total) as i128;
            match best {
                Some((_, g)) if g >= gap => {}
                _ => best = Some((i, gap)),
            }
        }
        let Some((i, _)) = best else { break };
        strata[i].0.drawn += 1;
        given += 1;
    }

    // Within each stratum: the compounds not drawn last quarter first, each group shuffled.
    let mut drawn = Vec::new();
    for (s, list) in &strata {
        let mut fresh: Vec<&FrameCompound> = list
            .iter()
            .copied()
            .filter(|c| !c.drawn_last_quarter)
            .collect();
        let mut again: Vec<&FrameCompound> = list
            .iter()
            .copied()
            .filter(|c| c.drawn_last_quarter)
            .collect();
        rng.shuffle(&mut fresh);
        rng.shuffle(&mut again);
        for c in fresh.into_iter().chain(again).take(s.drawn) {
            drawn.push(DrawnCompound {
                compound_id: c.id.clone(),
                compound_code: c.code.clone(),
                compound_name: c.name.clone(),
                community_id: c.community_id.clone(),
                community_name: c.community_name.clone(),
                drawn_last_quarter: c.drawn_last_quarter,
                inspector_ids: Vec::new(),
                inspector_names: Vec::new(),
            });
        }
    }

    // Inspectors: for each drawn compound in order, the eligible (not of its
    // community) shuffled, then the least loaded first.
    if !drawn.is_empty() && inputs.roster.is_empty() {
        return Err(Error::validation(
            "roster",
            "考核组名单是空的，无法抽取检查人员。请先在“抽查”里添加检查人员。",
        ));
    }
    let mut roster: Vec<&RosterInspector> = inputs.roster.iter().collect();
    roster.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let mut load: Vec<usize> = vec![0; roster.len()];
    for d in drawn.iter_mut() {
        let mut eligible: Vec<usize> = (0..roster.len())
            .filter(|&i| roster[i].community_id.as_deref() != Some(d.community_id.as_str()))
            .collect();
        if eligible.is_empty() {
            return Err(Error::validation(
                "roster",
                format!(
                    "考核组名单里的检查人员都在{}工作，需回避，无法检查小区“{}”。请在名单中添加其他村/社区或乡镇机关的人员。",
                    d.community_name, d.compound_name
                ),
            ));
        }
        rng.shuffle(&mut eligible);
        eligible.sort_by_key(|&i| load[i]);
        for &i in eligible.iter().take(INSPECTORS_PER_COMPOUND) {
            load[i] += 1;
            d.inspector_ids.push(roster[i].id.clone());
            d.inspector_names.push(roster[i].name.clone());
        }
    }
    Ok(Draw {
        seed: format!("{seed:016x}"),
        size: drawn.len(),
        strata: strata.into_iter().map(|(s, _)| s).collect(),
        drawn,
        rule: rule_text(
            &inputs.quarter,
            &inputs.office_code,
            &inputs.number,
            inputs.rate_permille,
        ),
    })
}
