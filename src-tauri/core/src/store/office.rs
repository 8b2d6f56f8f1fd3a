//! The office this PC serves (本单位) and statistical division codes (统计用区划代码).

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};
use crate::store::{Cached, Tx};

labelled_enum! {
    /// Administrative level of an office: township/sub-district (乡镇/街道),
    /// county/district (县/区), city (市).
    #[derive(Default)]
    pub enum Level: "level", "层级" {
        #[default]
        Township("township", "乡镇/街道", "乡镇", "街道"),
        County("county", "县/区", "县", "区"),
        City("city", "市"),
    }
}

impl Level {
    /// How many leading digits of the 12-digit code identify an office of this level.
    pub fn significant_digits(self) -> usize {
        match self {
            Level::Township => 9,
            Level::County => 6,
            Level::City => 4,
        }
    }
}

use crate::base::identity::PROVINCES;

/// Checks a 12-digit statistical division code against the office level it names.
/// Returns the trimmed code.
pub fn validate_division_code(level: Level, code: &str) -> Result<String> {
    let code = code.trim();
    let bad = |m: String| Err(Error::validation("code", m));
    if code.is_empty() {
        return bad("请填写12位统计用区划代码。".into());
    }
    if let Some(c) = code.chars().find(|c| !c.is_ascii_digit()) {
        return bad(format!("统计用区划代码只能由数字组成，其中有“{c}”。"));
    }
    if code.len() != 12 {
        return bad(format!(
            "统计用区划代码应为12位数字，现在是{}位。",
            code.len()
        ));
    }
    if !PROVINCES.contains(&&code[0..2]) {
        return bad(format!(
            "区划代码前两位“{}”不是有效的省级代码，请核对。",
            &code[0..2]
        ));
    }
    let (own, rest) = code.split_at(level.significant_digits());
    let own_last = match level {
        Level::City => &own[2..4],
        Level::County => &own[4..6],
        Level::Township => &own[6..9],
    };
    if own_last.chars().all(|c| c == '0') {
        return bad(format!(
            "这个代码在{}一级是全零（{own_last}），不是{}代码，请核对层级或代码。",
            level.label(),
            level.label()
        ));
    }
    if !rest.chars().all(|c| c == '0') {
        return bad(format!(
            "{}的区划代码最后{}位应全为0（现在是{rest}），请核对层级或代码。",
            level.label(),
            rest.len()
        ));
    }
    Ok(code.to_string())
}

/// A name as typed, imported or received: see [`crate::base::canon::name`] (trimmed, NFC,
/// no control, bidi or zero-width characters).
pub fn validate_name(field: &'static str, label: &str, name: &str, max: usize) -> Result<String> {
    crate::base::canon::name(field, label, name, max)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Office {
    pub level: Level,
    pub code: String,
    pub name: String,
    pub is_demo: bool,
    pub created_at: String,
}

pub fn get(conn: &Connection) -> Result<Option<Office>> {
    // Cached: every write that stamps the owner asks (each row of an import).
    Ok(conn
        .row(
            "SELECT level, code, name, is_demo, created_at FROM office WHERE singleton = 1",
            [],
            |r| {
                let level: String = r.get(0)?;
                Ok(Office {
                    level: Level::parse(&level).unwrap_or(Level::Township),
                    code: r.get(1)?,
                    name: r.get(2)?,
                    is_demo: r.get(3)?,
                    created_at: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// The office, or `NotInitialized`.
pub fn require(conn: &Connection) -> Result<Office> {
    get(conn)?.ok_or(Error::NotInitialized)
}

/// First-run setup: fixes which office this database belongs to. Only once.
pub fn setup(tx: &Tx, level: &str, code: &str, name: &str, is_demo: bool) -> Result<Office> {
    let level = Level::parse(level)?;
    let code = validate_division_code(level, code)?;
    let name = validate_name("name", "单位名称", name, 40)?;
    if let Some(existing) = get(tx)? {
        return Err(Error::Refused(format!(
            "本机已设置为“{}”（{}），不能再次设置。",
            existing.name, existing.code
        )));
    }
    let now = tx.ctx.stamp();
    tx.execute(
        "INSERT INTO office (singleton, level, code, name, is_demo, created_at, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5)",
        rusqlite::params![level.as_str(), code, name, is_demo, now],
    )?;
    let office = require(tx)?;
    tx.log_change("office", &office.code, "setup", None, Some(&office))?;
    Ok(office)
}

/// The name written as 操作人 in the change log and the recycle bin (设置 › 操作人),
/// when one is set on this database: `None` writes [`crate::store::LOCAL_OPERATOR`].
/// Clerks sharing an office PC could not tell who changed what (probe AB).
pub fn operator(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = 'operator'")?
        .query_row([], |r| r.get::<_, String>(0))
        .optional()?
        .filter(|n| !n.is_empty()))
}

/// Sets [`operator`] (blank: no name, 本机 again); logged under the name before.
/// Returns the name now written.
pub fn set_operator(tx: &Tx, name: &str) -> Result<String> {
    let name: String = name.trim().chars().filter(|c| !c.is_control()).collect();
    if name.chars().count() > 20 {
        return Err(Error::validation(
            "operator",
            "操作人的名字最多 20 个字，请写姓名（如“李娜”）或岗位（如“党建办李娜”）。",
        ));
    }
    let before = operator(tx)?.unwrap_or_default();
    if before == name {
        return Ok(shown_operator(&name));
    }
    if name.is_empty() {
        tx.execute("DELETE FROM settings WHERE key = 'operator'", [])?;
    } else {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('operator', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [&name],
        )?;
    }
    let logged = |n: &str| serde_json::json!({ "operator": shown_operator(n) });
    tx.log_change(
        "settings",
        "operator",
        "update",
        Some(&logged(&before)),
        Some(&logged(&name)),
    )?;
    Ok(shown_operator(&name))
}

fn shown_operator(name: &str) -> String {
    if name.is_empty() {
        crate::store::LOCAL_OPERATOR.to_string()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_codes() {
        for (level, code) in [
            (Level::Township, "320115101000"),
            (Level::Township, " 110105001000 "),
            (Level::County, "320115000000"),
            (Level::City, "320100000000"),
            (Level::City, "110100000000"),
        ] {
            assert!(
                validate_division_code(level, code).is_ok(),
                "{level:?} {code}"
            );
        }
    }

    #[test]
    fn bad_codes_name_the_problem() {
        let cases = [
            (Level::Township, "", "请填写"),
            (Level::Township, "32011510100", "现在是11位"),
            (Level::Township, "3201151010001", "现在是13位"),
            (Level::Township, "32011510100A", "“A”"),
            (
                Level::Township,
                "３２０１１５１０１０００",
                "只能由数字组成",
            ),
            (Level::Township, "990115101000", "省级代码"),
            (Level::Township, "320115000000", "全零"),
            (Level::Township, "320115101001", "最后3位应全为0"),
            (Level::County, "320100000000", "全零"),
            (Level::County, "320115101000", "最后6位应全为0"),
            (Level::City, "320000000000", "全零"),
            (Level::City, "320115000000", "最后8位应全为0"),
        ];
        for (level, code, want) in cases {
            let err = validate_division_code(level, code).unwrap_err();
            assert_eq!(err.field(), Some("code"));
            assert!(
                err.to_string().contains(want),
                "{level:?} {code:?}: {err} should mention {want}"
            );
        }
    }

    #[test]
    fn level_parsing() {
        assert_eq!(Level::parse("township").unwrap(), Level::Township);
        assert_eq!(Level::parse("县/区").unwrap(), Level::County);
        assert_eq!(Level::parse("province").unwrap_err().field(), Some("level"));
    }

    #[test]
    fn names() {
        assert_eq!(
            validate_name("name", "名称", "  青溪街道 ", 40).unwrap(),
            "青溪街道"
        );
        assert!(validate_name("name", "名称", "   ", 40).is_err());
        assert!(validate_name("name", "名称", "a\nb", 40).is_err());
        assert!(validate_name("name", "名称", &"字".repeat(41), 40).is_err());
    }
}
