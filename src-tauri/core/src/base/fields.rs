//! Checks for the plain fields every form has: dates in any usual form, text with
//! a length limit, required text. Errors name the field and speak Chinese.

use chrono::NaiveDate;

use crate::base::error::{Error, Result};

pub fn parse_date(field: &'static str, label: &str, s: &str) -> Result<Option<NaiveDate>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Ok(Some(d));
        }
    }
    Err(Error::validation(
        field,
        format!("{label}“{s}”不是有效的日期，请写成 2024-03-01 这样的格式。"),
    ))
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

pub fn required(field: &'static str, label: &str, s: &str, max: usize) -> Result<String> {
    let s = text_field(field, label, s, max)?;
    if s.is_empty() {
        return Err(Error::validation(field, format!("请填写{label}。")));
    }
    Ok(s)
}
