//! Periods (统计期间): a year (年度 `2026`), a quarter (季度 `2026Q4`), a month
//! (月 `2026-11`) or any span of days (自定义 `2026-10-01..2026-12-31`). The report
//! counts event figures inside a period and stock figures as of its last day
//! (`exchange::report::RULES` says which key is which).

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::error::{Error, Result};

/// The day (YYYY-MM-DD) of a stored date or time: its first ten characters.
pub fn day_of(d: &str) -> &str {
    d.get(..10).unwrap_or(d)
}

/// The day in China (UTC+8, YYYY-MM-DD) of a stored stamp (RFC 3339, UTC): the day
/// a clerk entered a record. Text that is not a stamp gives its first ten characters.
pub fn china_day(t: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(t)
        .map(|t| {
            (t + Duration::hours(8))
                .date_naive()
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_else(|_| day_of(t).to_string())
}

/// The day a record counts from: its own date `since` when given (a list item's
/// 列入日期), else the day in China it was entered (`created_at`).
pub fn since_or_entered(since: Option<&str>, created_at: &str) -> String {
    since.map_or_else(|| china_day(created_at), str::to_string)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PeriodKind {
    Year,
    Quarter,
    Month,
    Custom,
}

/// A closed span of days, `from` to `to` inclusive, and how it was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The last day of month `m` of year `y`.
fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).map(|d| d - Duration::days(1))
}

impl Period {
    pub fn year(y: i32) -> Option<Period> {
        Some(Period {
            kind: PeriodKind::Year,
            from: ymd(y, 1, 1)?,
            to: ymd(y, 12, 31)?,
        })
    }

    pub fn quarter(y: i32, q: u32) -> Option<Period> {
        if !(1..=4).contains(&q) {
            return None;
        }
        Some(Period {
            kind: PeriodKind::Quarter,
            from: ymd(y, q * 3 - 2, 1)?,
            to: month_end(y, q * 3)?,
        })
    }

    pub fn month(y: i32, m: u32) -> Option<Period> {
        Some(Period {
            kind: PeriodKind::Month,
            from: ymd(y, m, 1)?,
            to: month_end(y, m)?,
        })
    }

    /// The year holding `today` (the default period of 首页 and 统计).
    pub fn year_of(today: NaiveDate) -> Period {
        Period::year(today.year()).unwrap_or(Period {
            kind: PeriodKind::Custom,
            from: today,
            to: today,
        })
    }

    /// Reads `2026`, `2026Q4` (or `2026q4`, `2026年第4季度`), `2026-11` (or
    /// `2026年11月`), `2026-10-01..2026-12-31` (or `至` between the days). `field`
    /// names the input in the error.
    pub fn parse(field: &'static str, s: &str) -> Result<Period> {
        // ２０２６Ｑ４ typed in full-width mode reads as 2026Q4.
        let half = crate::base::fields::half_width(s);
        let text = half.as_deref().unwrap_or(s).trim();
        let bad = || {
            Error::validation(
                field,
                format!(
                    "统计期间“{text}”无法识别，请写年度（如 2026）、半年（如 2026H2）、季度（如 2026Q4）、月（如 2026-11）或起止日期（如 2026-10-01..2026-12-31）。"
                ),
            )
        };
        let day = |t: &str| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").map_err(|_| bad());
        // A half-year (2026H2, 2026年下半年), as 考核's inspections go: its days (probe
        // V: `report --period 2026H2` was refused).
        let halves = text
            .to_ascii_uppercase()
            .replace("年上半年", "H1")
            .replace("年下半年", "H2");
        if let Some((y, h)) = halves.split_once('H') {
            let y: i32 = y.trim().parse().map_err(|_| bad())?;
            let (from, to) = match h.trim() {
                "1" => (ymd(y, 1, 1), ymd(y, 6, 30)),
                "2" => (ymd(y, 7, 1), ymd(y, 12, 31)),
                _ => return Err(bad()),
            };
            return match (from, to) {
                (Some(from), Some(to)) if (2000..=2100).contains(&y) => Ok(Period {
                    kind: PeriodKind::Custom,
                    from,
                    to,
                }),
                _ => Err(bad()),
            };
        }
        if let Some((a, b)) = text.split_once("..").or_else(|| text.split_once('至')) {
            let (from, to) = (day(a)?, day(b)?);
            if from > to {
                return Err(Error::validation(
                    field,
                    format!("统计期间的开始日期 {from} 晚于结束日期 {to}，请调换。"),
                ));
            }
            return Ok(Period {
                kind: PeriodKind::Custom,
                from,
                to,
            });
        }
        let mut t = text
            .to_ascii_uppercase()
            .replace("年第", "Q")
            .replace("季度", "");
        // 2026年四季度 (第 left out), as 2026年第四季度.
        for (cn, d) in [("一", "1"), ("二", "2"), ("三", "3"), ("四", "4")] {
            t = t.replace(&format!("年{cn}"), &format!("Q{d}"));
        }
        let t = t.replace('年', "-").replace('月', "");
        let t = t.trim_end_matches('-');
        let num = |x: &str| -> Result<i32> {
            if x.is_empty() || x.len() > 4 || !x.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            x.parse::<i32>().map_err(|_| bad())
        };
        let year_ok = |y: i32| (2000..=2100).contains(&y);
        let p = if let Some((y, q)) = t.split_once('Q') {
            let q = match q {
                "一" => 1,
                "二" => 2,
                "三" => 3,
                "四" => 4,
                _ => num(q)?,
            };
            let y = num(y)?;
            year_ok(y).then(|| Period::quarter(y, q as u32)).flatten()
        } else if let Some((y, m)) = t.split_once('-') {
            let (y, m) = (num(y)?, num(m)?);
            year_ok(y).then(|| Period::month(y, m as u32)).flatten()
        } else {
            let y = num(t)?;
            year_ok(y).then(|| Period::year(y)).flatten()
        };
        p.ok_or_else(bad)
    }

    /// The period just before, of the same kind; a custom span: as many days
    /// ending the day before it starts.
    pub fn previous(&self) -> Period {
        let y = self.from.year();
        let m = self.from.month();
        let p = match self.kind {
            PeriodKind::Year => Period::year(y - 1),
            PeriodKind::Quarter => match (m - 1) / 3 + 1 {
                1 => Period::quarter(y - 1, 4),
                q => Period::quarter(y, q - 1),
            },
            PeriodKind::Month => match m {
                1 => Period::month(y - 1, 12),
                m => Period::month(y, m - 1),
            },
            PeriodKind::Custom => None,
        };
        p.unwrap_or_else(|| {
            let days = (self.to - self.from).num_days();
            let to = self.from - Duration::days(1);
            Period {
                kind: PeriodKind::Custom,
                from: to - Duration::days(days),
                to,
            }
        })
    }

    /// Whether a stored date (`YYYY-MM-DD`, or a time that starts with one) falls
    /// in the period. A missing or unreadable date does not.
    pub fn contains(&self, date: &str) -> bool {
        // A month (2026-11, a 月度进展's) from its first day.
        let day = match date.len() {
            7 => NaiveDate::parse_from_str(&format!("{date}-01"), "%Y-%m-%d").ok(),
            _ => date
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        };
        day.is_some_and(|d| self.from <= d && d <= self.to)
    }

    /// The day stock figures are counted on: the period's last day, or `today`
    /// when the period has not ended yet.
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        self.to.min(today)
    }

    /// How the screens name it: 2026年, 2026年第四季度, 2026年11月, 2026-10-01至2026-12-31.
    pub fn label(&self) -> String {
        let y = self.from.year();
        match self.kind {
            PeriodKind::Year => format!("{y}年"),
            PeriodKind::Quarter => format!(
                "{y}年第{}季度",
                QUARTERS[((self.from.month() - 1) / 3) as usize]
            ),
            PeriodKind::Month => format!("{y}年{}月", self.from.month()),
            PeriodKind::Custom => format!("{}至{}", self.from, self.to),
        }
    }
}

/// The canonical text, which [`Period::parse`] reads back.
impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let y = self.from.year();
        match self.kind {
            PeriodKind::Year => write!(f, "{y}"),
            PeriodKind::Quarter => write!(f, "{y}Q{}", (self.from.month() - 1) / 3 + 1),
            PeriodKind::Month => write!(f, "{y}-{:02}", self.from.month()),
            PeriodKind::Custom => write!(f, "{}..{}", self.from, self.to),
        }
    }
}

/// The period filter of a dated list (诉求, 联席会议, 共建项目 …): `""` or `全部`
/// lists every record; any other text is read by [`Period::parse`] (a bare year
/// such as `2026` keeps the lists' old 年份 filter). One mechanism for all lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListPeriod(Option<Period>);

impl ListPeriod {
    pub const ALL: ListPeriod = ListPeriod(None);

    pub fn parse(field: &'static str, text: &str) -> Result<ListPeriod> {
        match text.trim() {
            "" | "全部" => Ok(ListPeriod::ALL),
            t => Period::parse(field, t).map(|p| ListPeriod(Some(p))),
        }
    }

    /// Whether a record dated `date` is listed: every record under 全部 (even one
    /// without a date), else only those whose date falls in the period.
    pub fn admits(&self, date: &str) -> bool {
        self.0.is_none_or(|p| p.contains(date))
    }

    /// Whether any of a record's dates falls in the period (共建项目: 登记, 计划开始,
    /// 实际开始, 完成).
    pub fn admits_any<'a>(&self, dates: impl IntoIterator<Item = &'a str>) -> bool {
        match self.0 {
            None => true,
            Some(p) => dates.into_iter().any(|d| p.contains(d)),
        }
    }

    pub fn period(&self) -> Option<Period> {
        self.0
    }

    /// 全部, 2026年第四季度 …
    pub fn label(&self) -> String {
        self.0.map_or_else(|| "全部".to_string(), |p| p.label())
    }
}

/// A period as the screens and `--json` receive it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodView {
    pub period: String,
    pub kind: PeriodKind,
    pub label: String,
    pub from: String,
    pub to: String,
}

impl From<&Period> for PeriodView {
    fn from(p: &Period) -> Self {
        PeriodView {
            period: p.to_string(),
            kind: p.kind,
            label: p.label(),
            from: p.from.to_string(),
            to: p.to.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parses_every_kind_and_reads_back_its_text() {
        for (text, canon, from, to, label) in [
            ("2026", "2026", "2026-01-01", "2026-12-31", "2026年"),
            ("2026年", "2026", "2026-01-01", "2026-12-31", "2026年"),
            (
                "2026Q4",
                "2026Q4",
                "2026-10-01",
                "2026-12-31",
                "2026年第四季度",
            ),
            (
                "2026q1",
                "2026Q1",
                "2026-01-01",
                "2026-03-31",
                "2026年第一季度",
            ),
            (
                "2026年第2季度",
                "2026Q2",
                "2026-04-01",
                "2026-06-30",
                "2026年第二季度",
            ),
            // As the screens name it (a questionnaire's 测评期间), and without 第.
            (
                "2026年第四季度",
                "2026Q4",
                "2026-10-01",
                "2026-12-31",
                "2026年第四季度",
            ),
            (
                "2026年三季度",
                "2026Q3",
                "2026-07-01",
                "2026-09-30",
                "2026年第三季度",
            ),
            (
                "2026-11",
                "2026-11",
                "2026-11-01",
                "2026-11-30",
                "2026年11月",
            ),
            (
                "2024-02",
                "2024-02",
                "2024-02-01",
                "2024-02-29",
                "2024年2月",
            ),
            (
                "2026年2月",
                "2026-02",
                "2026-02-01",
                "2026-02-28",
                "2026年2月",
            ),
            (
                " 2026-10-01..2026-12-31 ",
                "2026-10-01..2026-12-31",
                "2026-10-01",
                "2026-12-31",
                "2026-10-01至2026-12-31",
            ),
            (
                "2026-10-05至2026-10-05",
                "2026-10-05..2026-10-05",
                "2026-10-05",
                "2026-10-05",
                "2026-10-05至2026-10-05",
            ),
            // A half-year, as 考核's inspections go (probe V), read as its days.
            (
                "2026H2",
                "2026-07-01..2026-12-31",
                "2026-07-01",
                "2026-12-31",
                "2026-07-01至2026-12-31",
            ),
            (
                "2026年上半年",
                "2026-01-01..2026-06-30",
                "2026-01-01",
                "2026-06-30",
                "2026-01-01至2026-06-30",
            ),
        ] {
            let p = Period::parse("period", text).unwrap();
            assert_eq!(p.to_string(), canon, "{text}");
            assert_eq!((p.from, p.to), (d(from), d(to)), "{text}");
            assert_eq!(p.label(), label, "{text}");
            assert_eq!(Period::parse("period", canon).unwrap(), p);
        }
    }

    #[test]
    fn refuses_what_is_not_a_period() {
        for bad in [
            "",
            "26",
            "2026Q5",
            "2026Q0",
            "2026-13",
            "2026-00",
            "1999",
            "abc",
            "2026-12-31..2026-10-01",
            "2026-02-30..2026-03-01",
            "2026-1-1x",
        ] {
            let e = Period::parse("period", bad).unwrap_err();
            assert!(e.to_string().contains("统计期间"), "{bad}: {e}");
        }
    }

    #[test]
    fn the_previous_period_is_of_the_same_kind() {
        let prev = |s: &str| Period::parse("p", s).unwrap().previous().to_string();
        assert_eq!(prev("2026"), "2025");
        assert_eq!(prev("2026Q1"), "2025Q4");
        assert_eq!(prev("2026Q3"), "2026Q2");
        assert_eq!(prev("2026-01"), "2025-12");
        assert_eq!(prev("2026-03"), "2026-02");
        // Ten days back to back.
        assert_eq!(prev("2026-10-11..2026-10-20"), "2026-10-01..2026-10-10");
    }

    #[test]
    fn edges_are_inside_and_the_days_around_them_are_not() {
        let q = Period::parse("p", "2026Q4").unwrap();
        assert!(q.contains("2026-10-01"));
        assert!(q.contains("2026-12-31"));
        assert!(q.contains("2026-12-31T23:59:59+08:00"));
        assert!(!q.contains("2026-09-30"));
        assert!(!q.contains("2027-01-01"));
        assert!(!q.contains(""));
        assert_eq!(q.as_of(d("2026-11-20")), d("2026-11-20"));
        assert_eq!(q.as_of(d("2027-03-01")), d("2026-12-31"));
        assert_eq!(Period::year_of(d("2026-05-06")).to_string(), "2026");
    }
}
