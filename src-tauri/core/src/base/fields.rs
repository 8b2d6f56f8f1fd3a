//! Checks for the plain fields every form has: dates in any usual form, text with
//! a length limit, required text. Errors name the field and speak Chinese.

use chrono::{Datelike, NaiveDate};

use crate::base::error::{Error, Result};

/// The day an Excel date serial stands for (44582 → 2022-01-21), for a whole number
/// from 20000 to 79999 (1954 to 2118): in a date column, no other reading.
pub fn date_serial(text: &str) -> Option<String> {
    let n: u32 = text
        .trim()
        .parse()
        .ok()
        .filter(|n| (20000..80000).contains(n))?;
    NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|d| d.checked_add_days(chrono::Days::new(n.into())))
        .map(|d| d.format("%Y-%m-%d").to_string())
}

pub fn parse_date(field: &'static str, label: &str, s: &str) -> Result<Option<NaiveDate>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    // As clerks also write them: 2026 年 3 月 1 日 (spaces), 2026年3月1号, and a date
    // with its time typed as text (2026-03-01 10:00, an exported 受理时间): the day.
    let written = s;
    let spaced: String;
    let s = if s.contains('年') {
        // Spaces beside 年/月/日 only (2026年1 1月 stays refused, not read as 11月).
        let chars: Vec<char> = s.chars().collect();
        let mark = |c: Option<&char>| c.is_some_and(|c| "年月日号".contains(*c));
        spaced = chars
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                !c.is_whitespace() || {
                    let before = chars[..*i].iter().rev().find(|c| !c.is_whitespace());
                    let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                    !(mark(before) || mark(after))
                }
            })
            .map(|(_, c)| *c)
            .collect::<String>()
            .replace('号', "日");
        spaced.as_str()
    } else {
        match s.split_once(' ') {
            Some((day, time))
                if chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").is_ok()
                    || chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M:%S").is_ok() =>
            {
                day
            }
            _ => s,
        }
    };
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            // 24-3-1 reads as the year 24: a two-digit year is refused, not kept as 0024.
            if !(1900..=2100).contains(&d.year()) {
                return Err(Error::validation(
                    field,
                    format!("{label}“{s}”的年份不对，请写四位年份，如 2024-03-01。"),
                ));
            }
            return Ok(Some(d));
        }
    }
    // 2023.05, 2023-5, 2023/05, 2023年5月: a month, as rosters give 入职时间 and
    // many ledgers a month's work; read as its first day (every period is a month or
    // longer, so the month counts where it did).
    if let Some(d) = month_only(s) {
        return Ok(Some(d));
    }
    // 44000: an Excel date cell a tool wrote without its date format (a CSV saved
    // from it, a copy pasted as values) keeps the day's serial number. An import
    // reads it as its day before this (`import::read_date_serials`); a form says it.
    if let Some(shown) = date_serial(s) {
        return Err(Error::validation(
            field,
            format!("{label}“{written}”是 Excel 的日期序号（约为 {shown}），单元格丢了日期格式。请在 Excel 里把这一列设为日期格式再保存，或直接写成 2024-03-01 这样的格式。"),
        ));
    }
    // Written the right way but no such day (2023-02-30, 1986-13-06): the form is
    // right, the month or day is not.
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    // A span in one cell (2026.12-2029.11, 2026年12月至2029年11月): two days, where
    // the column takes one (probe AI: a 任期 told only to write 2024-03-01).
    let span = s
        .split(['至', '到', '~', '～', '—'])
        .filter(|p| !p.trim().is_empty())
        .count()
        == 2
        || (s.matches('-').count() == 1
            && s.split('-').all(|p| {
                p.trim().chars().take(4).all(|c| c.is_ascii_digit()) && p.trim().len() >= 6
            }));
    if span {
        return Err(Error::validation(
            field,
            format!("{label}“{written}”是一段时间，这里只填一天：开始和结束请分开填（如任期开始、任期结束两列），写成 2026-12-01 这样的格式。"),
        ));
    }
    // 10/9, 11月18日: a ledger of one year leaves it out (probe AG: told to write
    // 2024-03-01, as if the day were wrong).
    if let [m, d] = parts[..] {
        let small = |t: &str, most: u32| {
            t.len() <= 2 && t.parse::<u32>().is_ok_and(|n| (1..=most).contains(&n))
        };
        if small(m, 12) && small(d, 31) && !s.contains('年') {
            return Err(Error::validation(
                field,
                format!(
                    "{label}“{written}”没有写年份，请补上年份，写成 2026-{:02}-{:02} 这样的格式（年-月-日）。",
                    m.parse::<u32>().unwrap_or(1),
                    d.parse::<u32>().unwrap_or(1)
                ),
            ));
        }
    }
    if let [y, m, d] = parts[..] {
        if y.len() == 4
            && [y, m, d]
                .iter()
                .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(Error::validation(
                field,
                format!("{label}“{written}”这一天不存在（月份为 1 到 12，日不超过当月天数），请核对月和日。"),
            ));
        }
    }
    Err(Error::validation(
        field,
        format!("{label}“{written}”不是有效的日期，请写成 2024-03-01 这样的格式。"),
    ))
}

/// The first day of a month written without its day (2023.05, 2023-5, 2023/05,
/// 2023年5月); a four-digit year from 1900 to 2100 and a month from 1 to 12 only.
fn month_only(s: &str) -> Option<NaiveDate> {
    let (year, month) = match s.strip_suffix('月') {
        Some(rest) => rest.split_once('年')?,
        None => s
            .split_once('.')
            .or_else(|| s.split_once('-'))
            .or_else(|| s.split_once('/'))?,
    };
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(year, 4..=4) || !digits(month, 1..=2) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    (1900..=2100).contains(&year).then_some(())?;
    NaiveDate::from_ymd_opt(year, month.parse().ok()?, 1)
}

/// A number written with thousands separators as Excel shows one (1,200 or
/// 12,345.5, also with a full-width comma) without them; any other text as it is, so
/// that 1,2 stays for the number check to refuse.
pub fn ungrouped(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains([',', '，']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let t = s.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let groups: Vec<&str> = int.split([',', '，']).collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && !groups[0].starts_with('0')
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && frac.bytes().all(|b| b.is_ascii_digit());
    if grouped {
        std::borrow::Cow::Owned(t.replace([',', '，'], ""))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The longest text one field of a record may hold, as a package carries it: a
/// received record with a longer one is refused, and the whole file with it.
pub const MAX_TEXT_CHARS: usize = 2000;

/// A Chinese name without the spaces typed inside it (张 伟, 刘　洋, as aligned lists
/// write two-character names): a run of white space between two characters that
/// are not ASCII goes; one beside a Latin letter (Mary 李) stays.
pub fn squeezed_name(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.trim().contains(char::is_whitespace) {
        return std::borrow::Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let end = (i..chars.len())
                .find(|&j| !chars[j].is_whitespace())
                .unwrap_or(chars.len());
            let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
            if !(wide(out.chars().last().as_ref()) && wide(chars.get(end))) {
                out.push(' ');
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `s` is already a date as stored (`2026-03-01`: four-digit year from 1900
/// to 2100, a real day), told without parsing a pattern: a package holds hundreds
/// of thousands of them.
pub fn is_plain_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            (1900..=2100).contains(&y) && NaiveDate::from_ymd_opt(y as i32, m, d).is_some()
        }
        _ => false,
    }
}

/// What has happened is not dated after today (走访日期, 会议日期, 完成日期 …):
/// `date` as `YYYY-MM-DD`, `None` when not filled in.
pub fn check_not_future(
    field: &'static str,
    label: &str,
    date: Option<&str>,
    today: NaiveDate,
) -> Result<()> {
    let Some(d) = date else {
        return Ok(());
    };
    // Compared as text (both YYYY-MM-DD); written without strftime, which parses its
    // pattern every call (a check runs several times per imported row).
    let today_text = format!(
        "{:04}-{:02}-{:02}",
        today.year(),
        today.month(),
        today.day()
    );
    if d > today_text.as_str() {
        return Err(Error::validation(
            field,
            format!("{label} {d} 晚于今天（{today}）：只登记已经发生的事，请核对。"),
        ));
    }
    Ok(())
}

/// A date field: "" or a date in any usual form → `Some("2026-03-01")`.
pub fn date_field(field: &'static str, label: &str, s: &str) -> Result<Option<String>> {
    Ok(parse_date(field, label, s)?.map(|d| d.format("%Y-%m-%d").to_string()))
}

pub fn text_field(field: &'static str, label: &str, s: &str, max: usize) -> Result<String> {
    let s = s.trim();
    if s.chars().count() > max {
        return Err(Error::validation(
            field,
            format!("{label}最多 {max} 个字，现在是 {} 个。", s.chars().count()),
        ));
    }
    Ok(s.to_string())
}

/// The first `n` characters of `s`, with … when it was longer (a long text named
/// in a summary or a message).
pub fn first_chars(s: &str, n: usize) -> String {
    let mut it = s.chars();
    let head: String = it.by_ref().take(n).collect();
    if it.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

pub fn required(field: &'static str, label: &str, s: &str, max: usize) -> Result<String> {
    let s = text_field(field, label, s, max)?;
    if s.is_empty() {
        return Err(Error::validation(field, format!("请填写{label}。")));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_name_loses_the_spaces_typed_inside_it() {
        for (typed, stored) in [
            ("张 伟", "张伟"),
            ("刘\u{3000}洋", "刘洋"),
            (" 欧阳  娜娜 ", "欧阳娜娜"),
            ("Mary 李", "Mary 李"),
            ("阿依古丽·买买提", "阿依古丽·买买提"),
            ("John  Smith", "John Smith"),
            ("张伟", "张伟"),
        ] {
            assert_eq!(squeezed_name(typed), stored, "{typed:?}");
        }
    }

    /// An Excel date serial that lost its format is told as one, with the day it
    /// stands for (it read as 不是有效的日期 with no hint).
    #[test]
    fn an_excel_date_serial_is_told_as_one() {
        let e = date_field("startDate", "到岗日期", "44000").unwrap_err();
        assert!(
            e.to_string()
                .contains("是 Excel 的日期序号（约为 2020-06-18）"),
            "{e}"
        );
        assert!(date_field("startDate", "到岗日期", "20230501").is_ok());
        assert!(!date_field("startDate", "到岗日期", "123")
            .unwrap_err()
            .to_string()
            .contains("序号"));
    }

    /// 入职时间 2023.05: a month without its day reads as its first day (refused
    /// before, row by row); what is not a month still is.
    #[test]
    fn a_month_without_its_day_is_its_first_day() {
        let day = |s| parse_date("startDate", "到岗日期", s).map(|d| d.map(|d| d.to_string()));
        for s in [
            "2023.05",
            "2023.5",
            "2023-05",
            "2023/5",
            "2023年5月",
            "2023 年 5 月",
        ] {
            assert_eq!(day(s).unwrap().as_deref(), Some("2023-05-01"), "{s}");
        }
        for s in [
            "2023.13", "2023.0", "23.05", "1899.05", "2023.", "202305", "2023.05.", "5月",
        ] {
            assert!(day(s).is_err(), "{s}");
        }
    }

    /// A day written the right way that does not exist is told so, not told to use
    /// the format it already has.
    #[test]
    fn a_day_that_does_not_exist_is_told_so() {
        for s in ["2023-02-30", "1986-13-06", "2023/02/29", "2023年2月30日"] {
            let e = parse_date("startDate", "到岗日期", s)
                .unwrap_err()
                .to_string();
            assert!(e.contains("这一天不存在"), "{s}: {e}");
        }
        let e = parse_date("startDate", "到岗日期", "明天")
            .unwrap_err()
            .to_string();
        assert!(e.contains("请写成 2024-03-01 这样的格式"), "{e}");
    }

    #[test]
    fn a_plain_date_is_told_without_parsing_and_only_a_real_one() {
        for s in ["2026-03-01", "1900-01-01", "2100-12-31", "2024-02-29"] {
            assert!(is_plain_date(s), "{s}");
        }
        for s in [
            "2026-02-30",
            "2025-02-29",
            "0024-03-01",
            "2101-01-01",
            "2026/03/01",
            "2026-3-01",
            " 2026-03-01",
            "２０２６-03-01",
            "",
        ] {
            assert!(!is_plain_date(s), "{s}");
        }
    }

    #[test]
    fn thousands_separators_only_where_they_group() {
        for (s, want) in [
            ("1,200", "1200"),
            ("12,345.5", "12345.5"),
            ("1，200，000", "1200000"),
            ("1200", "1200"),
            ("1,2", "1,2"),
            ("12,34", "12,34"),
            ("a,bcd", "a,bcd"),
            ("0,500", "0,500"),
        ] {
            assert_eq!(ungrouped(s), want, "{s}");
        }
    }

    #[test]
    fn a_span_in_one_cell_is_told_to_be_split() {
        for s in [
            "2026.12-2029.11",
            "2026年12月至2029年11月",
            "2026-12-01~2029-11-30",
        ] {
            let e = date_field("d", "任期开始", s).unwrap_err().to_string();
            assert!(e.contains("是一段时间"), "{s}: {e}");
        }
        // A day with dashes is one day.
        assert!(date_field("d", "任期开始", "2026-12-01").unwrap().is_some());
    }

    #[test]
    fn a_day_without_its_year_is_told_so() {
        for (s, want) in [
            ("10/9", "2026-10-09"),
            ("11月18日", "2026-11-18"),
            ("3.5", "2026-03-05"),
        ] {
            let e = date_field("d", "受理日期", s).unwrap_err().to_string();
            assert!(e.contains("没有写年份") && e.contains(want), "{s}: {e}");
        }
        // Not a month and day: the usual message.
        let e = date_field("d", "受理日期", "13/40")
            .unwrap_err()
            .to_string();
        assert!(e.contains("不是有效的日期"), "{e}");
    }

    #[test]
    fn dates_in_usual_forms_and_a_two_digit_year_refused() {
        for s in [
            "2026-01-05",
            "2026/1/5",
            "2026.1.5",
            "2026年1月5日",
            "20260105",
            "2026 年 1 月 5 日",
            "2026年1月5号",
            "2026-01-05 10:30",
            "2026/1/5 9:05:00",
        ] {
            assert_eq!(
                date_field("d", "受理日期", s).unwrap().as_deref(),
                Some("2026-01-05"),
                "{s}"
            );
        }
        for s in ["2026年1 1月3日", "2026-03-01 :", "2026-03-01 99:99"] {
            assert!(date_field("d", "受理日期", s).is_err(), "{s}");
        }
        for s in ["24-3-1", "0024-03-01", "26/1/5", "3024-01-01"] {
            let e = date_field("d", "到岗日期", s).unwrap_err().to_string();
            assert!(e.contains("请写四位年份"), "{s}: {e}");
        }
        assert!(date_field("d", "到岗日期", "2026-02-30").is_err());
        assert_eq!(date_field("d", "到岗日期", " ").unwrap(), None);
    }
}

/// 是 or 否 as ledgers write it: 是/否, 有/无, Y/N, 1/0, TRUE/FALSE (a CSV from
/// another system, a cell typed as text) and the marks √/× of hand-kept ledgers;
/// `None` for anything else. Empty is no answer either: each column says what an
/// empty cell means. Every yes/no column reads through this, with its own words
/// (兼职, 公示, 停用) beside it.
pub fn yes_or_no(s: &str) -> Option<bool> {
    match s.trim() {
        "是" | "有" | "Y" | "y" | "YES" | "Yes" | "yes" | "1" | "TRUE" | "True" | "true" | "√"
        | "✓" | "✔" | "对" => Some(true),
        "否" | "无" | "N" | "n" | "NO" | "No" | "no" | "0" | "FALSE" | "False" | "false" | "×"
        | "✗" | "✘" | "错" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod yes_or_no_tests {
    #[test]
    fn ledgers_yes_and_no_in_every_spelling() {
        for y in ["是", "Y", "TRUE", "true", "√", "✓", "1", " 是 "] {
            assert_eq!(super::yes_or_no(y), Some(true), "{y}");
        }
        for n in ["否", "N", "FALSE", "false", "×", "0", "无"] {
            assert_eq!(super::yes_or_no(n), Some(false), "{n}");
        }
        for other in ["", "也许", "2", "TRUE!"] {
            assert_eq!(super::yes_or_no(other), None, "{other}");
        }
    }
}

/// A cell typed in full-width mode that holds only what a number, a code or a date
/// is made of (３２０１１５…ＸＱ０１, ２０２６年３月１日, １３８ ０００ ０００００), in
/// half-width: `None` when it holds anything else (a name or text keeps its
/// full-width （） and ３栋 as typed).
pub(crate) fn half_width(text: &str) -> Option<String> {
    let wide = |c: char| ('\u{FF01}'..='\u{FF5E}').contains(&c);
    if !text.chars().any(wide)
        || !text
            .chars()
            .all(|c| wide(c) || c.is_ascii() || c == '\u{3000}' || matches!(c, '年' | '月' | '日'))
    {
        return None;
    }
    Some(
        text.chars()
            .map(|c| match c {
                c if wide(c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                c => c,
            })
            .collect(),
    )
}

/// The first `n` names joined with 、, then 等 when there are more (林小红、黄建国、
/// 徐明等): how a message names some of a long list.
pub fn first_few<S: AsRef<str>>(names: &[S], n: usize) -> String {
    let shown: Vec<&str> = names.iter().take(n).map(AsRef::as_ref).collect();
    format!(
        "{}{}",
        shown.join("、"),
        if names.len() > n { "等" } else { "" }
    )
}
