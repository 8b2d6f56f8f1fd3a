//! Reading the append-only change log (变更记录). Rows are written by
//! [`crate::store::Tx::log_change`] inside the same transaction as the change.
//! The log keeps full records; what is read out of it has identity numbers and
//! phone numbers masked (个人信息保护法), like every list the core serves.

use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::Value;

use crate::base::error::Result;
use crate::base::identity::{mask_id_number, mask_phone};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRow {
    pub seq: i64,
    pub at: String,
    pub operator: String,
    pub table_name: String,
    pub record_id: String,
    pub op: String,
    /// Masked: see [`mask_personal`].
    pub before: Option<Value>,
    /// Masked: see [`mask_personal`].
    pub after: Option<Value>,
    /// The top-level fields an update changed, compared before masking (two
    /// numbers may mask alike). Empty for a create or a delete.
    pub changed: Vec<String>,
    /// What the record is called, by its kind (`crate::kinds::change_log`);
    /// `None` where the window names it from its fields.
    pub summary: Option<String>,
    /// The records its fields name by id (上级单位, 联系领导 …), by what they are
    /// called now (`crate::kinds::change_log`); an id no record has any more is
    /// left out.
    pub names: std::collections::BTreeMap<String, String>,
}

/// Masks identity and phone numbers anywhere in a record's JSON, by field name:
/// `idNumber` (or ending in `IdNumber`) as `3201**********123X`, `phone` (or
/// ending in `Phone`) as `138****5678`.
pub fn mask_personal(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                match x {
                    Value::String(s) if k == "idNumber" || k.ends_with("IdNumber") => {
                        *s = mask_id_number(s)
                    }
                    Value::String(s) if k == "phone" || k.ends_with("Phone") => *s = mask_phone(s),
                    _ => mask_personal(x),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_personal),
        _ => {}
    }
}

fn changed(before: &Option<Value>, after: &Option<Value>) -> Vec<String> {
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let mut keys: Vec<String> = b
                .keys()
                .chain(a.keys())
                .filter(|k| b.get(*k) != a.get(*k))
                .cloned()
                .collect();
            keys.sort();
            keys.dedup();
            keys
        }
        _ => Vec::new(),
    }
}

fn parse(s: Option<String>) -> Option<Value> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

/// Where a logged row holds one searched word (parameter `?{text}`) among its
/// values as the screen shows them, or one of the codes the word names (`?{codes}`,
/// a JSON array, or NULL: 离岗 is stored `left`): not its field names, ids or stamps
/// (a date found every row logged that day), nor the numbers the screen masks (a
/// full ID number found the rows that hide it). The whole-text test first, so only
/// rows that hold it at all are walked.
fn holds_word(text: usize, codes: usize) -> String {
    let shown = format!(
        "(t.type = 'text' AND instr(t.value, ?{text}) > 0
          AND t.key NOT IN ('id', 'createdAt', 'updatedAt', 'recordedAt', 'ownerCode')
          AND t.key NOT LIKE '%Id' AND t.key NOT LIKE '%Ids'
          AND t.key NOT IN ('idNumber', 'phone') AND t.key NOT LIKE '%IdNumber'
          AND t.key NOT LIKE '%Phone')"
    );
    let code = format!("(t.type = 'text' AND t.value IN (SELECT value FROM json_each(?{codes})))");
    format!(
        "(instr(after_json, ?{text}) > 0 OR instr(before_json, ?{text}) > 0
          OR EXISTS (SELECT 1 FROM json_each(?{codes}) c
                     WHERE instr(after_json, '\"' || c.value || '\"') > 0
                        OR instr(before_json, '\"' || c.value || '\"') > 0))
         AND EXISTS (
           SELECT 1 FROM json_tree(coalesce(after_json, '{{}}')) t WHERE {shown} OR {code}
           UNION ALL
           SELECT 1 FROM json_tree(coalesce(before_json, '{{}}')) t WHERE {shown} OR {code})"
    )
}

const SELECT: &str =
    "SELECT seq, at, operator, table_name, record_id, op, before_json, after_json \
                      FROM change_log";

fn row(r: &rusqlite::Row) -> rusqlite::Result<ChangeRow> {
    let mut before = parse(r.get(6)?);
    let mut after = parse(r.get(7)?);
    let changed = changed(&before, &after);
    before
        .iter_mut()
        .chain(after.iter_mut())
        .for_each(mask_personal);
    Ok(ChangeRow {
        seq: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        table_name: r.get(3)?,
        record_id: r.get(4)?,
        op: r.get(5)?,
        before,
        after,
        changed,
        summary: None,
        names: Default::default(),
    })
}

/// Newest first, masked; without summaries (`crate::kinds::change_log` adds them).
pub fn list(conn: &Connection, limit: u32, offset: u32) -> Result<Vec<ChangeRow>> {
    list_of(conn, None, &[], limit, offset)
}

/// [`list`] of one kind's records (`table`: its table name), or of all with `None`
/// (变更记录's 类型 filter), and of the rows whose logged record holds `text` (a
/// name, a title, a date: 变更记录's 搜索; one record's history was lost among
/// thousands of rows). Read newest first through the log's own order, stopping at
/// the page's end.
pub fn list_of(
    conn: &Connection,
    table: Option<&str>,
    words: &[(&str, Vec<&str>)],
    limit: u32,
    offset: u32,
) -> Result<Vec<ChangeRow>> {
    // Each word held by the row (陈敏 离岗: her 离岗, not everyone's), each with the
    // stored values it names.
    let words: Vec<(&str, Option<String>)> = words
        .iter()
        .map(|(w, codes)| (w.trim(), codes))
        .filter(|(w, _)| !w.is_empty())
        .take(MAX_WORDS)
        .map(|(w, codes)| {
            let codes = (!codes.is_empty())
                .then(|| serde_json::to_string(codes))
                .transpose()?;
            Ok((w, codes))
        })
        .collect::<Result<_>>()?;
    let held: String = (0..words.len())
        .map(|i| format!(" AND ({})", holds_word(4 + 2 * i, 5 + 2 * i)))
        .collect();
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE (?3 IS NULL OR table_name = ?3){held}
         ORDER BY seq DESC LIMIT ?1 OFFSET ?2"
    ))?;
    let mut values: Vec<rusqlite::types::Value> = vec![
        i64::from(limit.min(1000)).into(),
        i64::from(offset).into(),
        table.map(str::to_string).into(),
    ];
    for (w, codes) in words {
        values.push(w.to_string().into());
        values.push(codes.into());
    }
    let rows = stmt
        .query_map(rusqlite::params_from_iter(values), row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// How many words of a search count (the rest are passed over).
pub const MAX_WORDS: usize = 4;

/// One record's history, oldest first, masked.
pub fn for_record(conn: &Connection, table: &str, record_id: &str) -> Result<Vec<ChangeRow>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE table_name = ?1 AND record_id = ?2 ORDER BY seq"
    ))?;
    let rows = stmt
        .query_map(params![table, record_id], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The operations the change log records by key, with the Chinese names the window
/// shows (through the kind catalog). A workflow's step is logged under its own
/// Chinese name instead (交办, 办结 …) and shown as it is.
pub const OPS: &[(&str, &str)] = &[
    ("create", "新建"),
    ("update", "修改"),
    ("delete", "删除"),
    ("restore", "恢复"),
    ("purge", "彻底删除"),
    ("move", "移动"),
    ("dissolve", "撤销"),
    ("reinstate", "取消撤销"),
    ("setup", "设置"),
    ("import", "导入"),
    ("export_unmasked", "完整号码导出"),
    ("restore_backup", "恢复备份"),
    ("export", "导出交换文件"),
    ("receive", "接收"),
    ("receive_forced", "强制接收"),
];

/// The tables that are not record kinds but show up in the change log, with
/// their Chinese names (the record kinds' come from `crate::kinds`).
pub const OTHER_TABLES: &[(&str, &str)] = &[
    ("office", "本单位"),
    ("imports", "导入"),
    ("packages", "交换文件"),
    ("snapshots", "下级报送的数据"),
    ("settings", "设置项"),
    ("attachments", "附件"),
    ("duty_list_versions", "清单版本"),
    ("database", "数据库"),
];

/// Fields any logged record may carry, with the Chinese names the change log's
/// before/after table shows; a kind names its own (`crate::kinds::field_labels`).
pub const COMMON_FIELDS: &[(&str, &str)] = &[
    ("id", "记录号"),
    ("ownerCode", "所属单位代码"),
    ("note", "备注"),
    ("attachments", "附件"),
    ("isDemo", "示例数据"),
    ("createdAt", "创建时间"),
    ("updatedAt", "修改时间"),
];

/// The settings a change-log row of `settings` names, by their key: its summary.
pub const SETTINGS: &[(&str, &str)] = &[("operator", "操作人"), ("late_days", "报送逾期天数")];

/// Fields of the logged rows that are not records ([`OTHER_TABLES`]): an import,
/// an export, an exchange file, the office itself.
pub const OTHER_FIELDS: &[(&str, &str)] = &[
    ("code", "区划代码"),
    ("name", "名称"),
    ("level", "层级"),
    ("fileName", "文件名"),
    ("kind", "种类"),
    ("created", "新增"),
    ("updated", "更新"),
    ("unchanged", "与已有记录相同"),
    ("rejected", "有错误未导入"),
    ("emptyRows", "空行"),
    ("rows", "行数"),
    ("unmasked", "完整号码"),
    ("file", "文件"),
    ("sequence", "第几次导出"),
    ("previousSequence", "原来收到的第几次导出"),
    ("changes", "与上次相比"),
    ("sha256", "校验值（SHA-256）"),
    ("format", "文件格式"),
    ("formatVersion", "格式版本"),
    ("formatMinor", "格式小版本"),
    ("appVersion", "软件版本"),
    ("office", "报送单位"),
    ("exportedAt", "导出时间"),
    ("counts", "各类记录数"),
    ("totals", "合计"),
    ("parts", "文件组成"),
    ("role", "身份"),
    ("text", "搜索条件"),
    ("notes", "说明"),
    ("notesLeftOut", "另有说明（条）"),
    ("restoredFrom", "恢复自备份"),
    ("safetyBackup", "恢复前另存的备份"),
    ("list", "清单"),
    ("version", "版本号"),
    ("publishedOn", "发布日期"),
    ("items", "事项"),
    ("operator", "操作人"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn identity_and_phone_numbers_are_masked_at_any_depth_by_field_name() {
        let mut v = json!({
            "name": "张三",
            "idNumber": "32010519491231123X",
            "phone": "13812345678",
            "contactPhone": "025-84561234",
            "reporterPhone": "",
            "note": "13812345678 is kept in free text",
            "roles": [{ "phone": "13900001111", "unitIds": ["a"] }],
            "leader": { "guardianIdNumber": "110105194912310021", "phoneCount": 2 },
        });
        mask_personal(&mut v);
        assert_eq!(
            v,
            json!({
                "name": "张三",
                "idNumber": "3201**********123X",
                "phone": "138****5678",
                "contactPhone": "025*****1234",
                "reporterPhone": "",
                "note": "13812345678 is kept in free text",
                "roles": [{ "phone": "139****1111", "unitIds": ["a"] }],
                "leader": { "guardianIdNumber": "1101**********0021", "phoneCount": 2 },
            })
        );
    }

    #[test]
    fn a_change_hidden_by_the_mask_is_still_named() {
        let before = Some(json!({ "phone": "13812345678", "name": "张三" }));
        let after = Some(json!({ "phone": "13899995678", "name": "张三", "note": "x" }));
        assert_eq!(changed(&before, &after), ["note", "phone"]);
        assert!(changed(&None, &after).is_empty());
    }
}
