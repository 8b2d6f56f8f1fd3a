//! The core's error set. Every message is Simplified Chinese and says what to do;
//! callers branch on [`ErrorKind`], never on message text.

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A field's value is wrong. `field` is the input's name (e.g. `code`).
    #[error("{message}")]
    Validation {
        field: &'static str,
        message: String,
    },
    /// Several fields are wrong at once (a form checked whole, e.g. a person): every
    /// problem, in field order; the message is the first one's. Seen as `validation`.
    #[error("{}", .0.first().map(|p| p.message.as_str()).unwrap_or("填写的内容有误，请检查。"))]
    Problems(Vec<FieldProblem>),
    #[error("{0}")]
    NotFound(String),
    /// The value duplicates something that exists.
    #[error("{message}")]
    Conflict {
        field: Option<&'static str>,
        message: String,
    },
    /// The operation is not allowed in the current state.
    #[error("{0}")]
    Refused(String),
    #[error("本机尚未设置所属单位，请先完成首次设置。")]
    NotInitialized,
    /// The path names a file that is not a GridLedger database (seen to the UI as
    /// `refused`).
    #[error("{0}")]
    NotADatabase(String),
    #[error("该数据库文件由更新版本的软件创建（结构版本 {found}，本软件最高支持 {supported}），请升级软件后再打开。文件未做任何改动。")]
    NewerVersion { found: u32, supported: u32 },
    #[error("{}", storage_message(.0))]
    Storage(#[from] rusqlite::Error),
    #[error("文件“{path}”读写失败（{}）。{}", io_reason(.source), io_advice(.source))]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("程序内部错误（{0}）。请把这条信息告诉技术支持。")]
    Internal(String),
}

/// The fixed set of error kinds the UI and the CLI see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Validation,
    NotFound,
    Conflict,
    Refused,
    NotInitialized,
    NewerVersion,
    Storage,
    Io,
    Internal,
}

/// One field's problem in a [`Error::Problems`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

/// What crosses into the UI or `--json` output: `{kind, message, field?, problems?}`;
/// `problems` lists every field's problem when a form was checked whole.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<FieldProblem>>,
}

/// `r`'s value, or `None` with its error kept in `problems`: a whole-form check
/// that says every field's problem at once ([`Error::from_problems`]).
pub fn take<T>(problems: &mut Vec<Error>, r: Result<T>) -> Option<T> {
    r.map_err(|e| problems.push(e)).ok()
}

impl Error {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Error::Validation {
            field,
            message: message.into(),
        }
    }

    /// Every problem a whole-form check found, as one error: the problem itself when
    /// there is one, [`Error::Problems`] when several fields are wrong. A problem
    /// that is not about a field (storage, internal) wins, as it says the check
    /// itself could not finish.
    pub fn from_problems(mut problems: Vec<Error>) -> Self {
        if let Some(i) = problems.iter().position(|e| e.field().is_none()) {
            return problems.swap_remove(i);
        }
        if problems.len() <= 1 {
            return problems
                .pop()
                .unwrap_or_else(|| Error::Internal("检查结果为空".into()));
        }
        Error::Problems(
            problems
                .iter()
                .filter_map(|e| {
                    e.field().map(|field| FieldProblem {
                        field,
                        message: e.to_string(),
                    })
                })
                .collect(),
        )
    }

    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation { .. } | Error::Problems(_) => ErrorKind::Validation,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::Refused(_) | Error::NotADatabase(_) => ErrorKind::Refused,
            Error::NotInitialized => ErrorKind::NotInitialized,
            Error::NewerVersion { .. } => ErrorKind::NewerVersion,
            Error::Storage(_) => ErrorKind::Storage,
            Error::Io { .. } => ErrorKind::Io,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Validation { field, .. } => Some(field),
            Error::Conflict { field, .. } => *field,
            Error::Problems(list) => list.first().map(|p| p.field),
            _ => None,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            kind: self.kind(),
            message: self.to_string(),
            field: self.field(),
            problems: match self {
                Error::Problems(list) => Some(list.clone()),
                _ => None,
            },
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Internal(format!("JSON: {}", json_reason(&e)))
    }
}

/// A stored record whose JSON no longer decodes (a byte changed on disk, a backup
/// damaged where SQLite's own check cannot see): named, with what to do, instead of
/// an internal error. `what` names the record (组织单位（编号 …）).
pub fn damaged_record(what: &str, e: &serde_json::Error) -> Error {
    Error::Refused(format!(
        "{}。请在“设置”中做数据检查；如仍有问题，请从备份恢复。",
        unreadable_record(what, e)
    ))
}

/// [`damaged_record`]'s finding without its advice: 组织单位（编号 …）的存储内容已损坏…
pub fn unreadable_record(what: &str, e: &serde_json::Error) -> String {
    format!("{what}的存储内容已损坏，无法读取（{}）", json_reason(e))
}

/// What a failed database operation says: what happened in the clerk's words, what
/// to do about it (permissions and disk space are not fixed by restoring a backup),
/// SQLite's own words in brackets.
fn storage_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let code = match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    };
    let what = match code {
        Some(C::ReadOnly) => "数据库文件或它所在的文件夹是只读的，无法保存。请检查文件和文件夹的写入权限，或把数据库放到可以写入的位置",
        Some(C::DiskFull) => "磁盘空间不足，无法保存。请清理磁盘空间后再试",
        Some(C::CannotOpen) => "无法打开数据库文件或它旁边的临时文件。请检查文件夹是否存在、是否有写入权限",
        Some(C::SystemIoFailure) => "读写磁盘失败。请检查磁盘空间、U 盘或网络盘是否还连着",
        Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => "数据库正被另一个程序使用。请关闭它后再试",
        Some(C::PermissionDenied) => "没有读写这个数据库文件的权限。请检查文件的权限",
        Some(C::DatabaseCorrupt) | Some(C::NotADatabase) => "数据库文件已损坏（磁盘或 U 盘出错、复制不完整都可能造成），无法读取。请在“设置”中从备份恢复",
        _ => "数据库操作失败。如果反复出现，请在“设置”中做数据检查或从备份恢复",
    };
    format!("{what}（{e}）。本次操作未保存任何内容。")
}

/// Why JSON could not be read, in Chinese for what a clerk may meet (a damaged
/// record, a changed file); the parser's own words, which name the wrong value, in
/// brackets after.
pub fn json_reason(e: &serde_json::Error) -> String {
    let raw = e.to_string();
    let what = if raw.starts_with("unknown variant") {
        "有不认得的取值"
    } else if raw.starts_with("invalid type") {
        "有取值的类型不对（例如该填数字的地方是文字）"
    } else if raw.starts_with("missing field") {
        "缺少必要的字段"
    } else if raw.starts_with("invalid value") || raw.starts_with("invalid length") {
        "有取值不对"
    } else if raw.contains("recursion limit") {
        "嵌套层数过多"
    } else if raw.contains("unicode") || raw.contains("escape") {
        "有无效的字符"
    } else if e.is_eof() {
        "内容不完整"
    } else if e.is_syntax() {
        "格式不对"
    } else {
        "无法读取"
    };
    format!("{what}：{raw}")
}

/// What to do about a failed read or write, for its reason (a file not found was
/// told to check the disk's free space).
fn io_advice(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "请检查文件名和所在的文件夹（文件可能已被移走或改名）。",
        K::PermissionDenied => {
            "请检查是否有权限，或文件是否正被别的程序（如 Excel、WPS）打开，关闭后再试。"
        }
        K::AlreadyExists => "请换一个文件名。",
        K::StorageFull => "请清理磁盘空间后再试。",
        K::ReadOnlyFilesystem => "请换一个可以写入的位置。",
        K::NotADirectory | K::IsADirectory => "请检查路径是否选对了。",
        _ => "请检查文件是否存在、磁盘空间和权限。",
    }
}

/// What went wrong reading or writing a file, in the clerk's words where the
/// system's are English (No such file or directory (os error 2)).
fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match (e.kind(), e.raw_os_error()) {
        (K::NotFound, _) => "找不到这个文件或文件夹".into(),
        (K::PermissionDenied, _) => "没有读写权限".into(),
        (K::AlreadyExists, _) => "已经有同名的文件".into(),
        (K::StorageFull, _) => "磁盘空间不足".into(),
        (K::ReadOnlyFilesystem, _) => "磁盘是只读的".into(),
        (K::NotADirectory, _) => "路径中有一段不是文件夹（是同名的文件）".into(),
        (K::IsADirectory, _) => "这是一个文件夹，不是文件".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_read_or_write_failure_advises_by_its_reason() {
        let io = |kind: std::io::ErrorKind| {
            Error::Io {
                path: "名单.xlsx".into(),
                source: std::io::Error::from(kind),
            }
            .to_string()
        };
        let missing = io(std::io::ErrorKind::NotFound);
        assert!(missing.contains("找不到这个文件或文件夹"), "{missing}");
        assert!(!missing.contains("磁盘空间"), "{missing}");
        assert!(io(std::io::ErrorKind::PermissionDenied).contains("正被别的程序"));
        assert!(io(std::io::ErrorKind::StorageFull).contains("清理磁盘空间"));
    }

    #[test]
    fn storage_errors_say_what_to_do_in_chinese() {
        let sqlite = |code: i32| {
            Error::Storage(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
            .to_string()
        };
        assert!(sqlite(rusqlite::ffi::SQLITE_READONLY).contains("写入权限"));
        assert!(sqlite(rusqlite::ffi::SQLITE_FULL).contains("磁盘空间不足"));
        assert!(sqlite(rusqlite::ffi::SQLITE_CANTOPEN).contains("文件夹是否存在"));
        assert!(sqlite(rusqlite::ffi::SQLITE_CORRUPT).contains("从备份恢复"));
        assert!(!sqlite(rusqlite::ffi::SQLITE_FULL).contains("从备份恢复"));
        let io = Error::io(
            std::path::Path::new("backups/x.db"),
            std::io::Error::from(std::io::ErrorKind::NotADirectory),
        );
        assert!(io.to_string().contains("不是文件夹"), "{io}");
    }

    #[test]
    fn payload_json_shape() {
        let e = Error::validation("code", "统计用区划代码应为12位数字");
        assert_eq!(
            serde_json::to_value(e.payload()).unwrap(),
            json!({"kind": "validation", "message": "统计用区划代码应为12位数字", "field": "code"})
        );
        let e = Error::Refused("不能删除".into());
        assert_eq!(
            serde_json::to_value(e.payload()).unwrap(),
            json!({"kind": "refused", "message": "不能删除"})
        );
        let e = Error::NewerVersion {
            found: 9,
            supported: 2,
        };
        let v = serde_json::to_value(e.payload()).unwrap();
        assert_eq!(v["kind"], "newer_version");
        assert!(v["message"].as_str().unwrap().contains("结构版本 9"));
    }

    #[test]
    fn several_problems_travel_together() {
        let e = Error::from_problems(vec![
            Error::validation("name", "请填写姓名。"),
            Error::validation("idNumber", "身份证号码校验位不对。"),
            Error::Conflict {
                field: Some("phone"),
                message: "手机号码已被使用。".into(),
            },
        ]);
        assert_eq!(
            serde_json::to_value(e.payload()).unwrap(),
            json!({"kind": "validation", "message": "请填写姓名。", "field": "name",
            "problems": [
                {"field": "name", "message": "请填写姓名。"},
                {"field": "idNumber", "message": "身份证号码校验位不对。"},
                {"field": "phone", "message": "手机号码已被使用。"},
            ]})
        );
        // One problem stays as it was; one not about a field wins.
        let one = Error::from_problems(vec![Error::validation("name", "请填写姓名。")]);
        assert_eq!(one.payload().problems, None);
        assert_eq!(one.field(), Some("name"));
        let broken = Error::from_problems(vec![
            Error::validation("name", "请填写姓名。"),
            Error::Internal("x".into()),
        ]);
        assert_eq!(broken.kind(), ErrorKind::Internal);
    }

    #[test]
    fn every_kind_serializes_snake_case() {
        let kinds = [
            (ErrorKind::Validation, "validation"),
            (ErrorKind::NotFound, "not_found"),
            (ErrorKind::Conflict, "conflict"),
            (ErrorKind::Refused, "refused"),
            (ErrorKind::NotInitialized, "not_initialized"),
            (ErrorKind::NewerVersion, "newer_version"),
            (ErrorKind::Storage, "storage"),
            (ErrorKind::Io, "io"),
            (ErrorKind::Internal, "internal"),
        ];
        for (k, s) in kinds {
            assert_eq!(serde_json::to_value(k).unwrap(), json!(s));
        }
    }

    #[test]
    fn json_errors_say_in_chinese_what_is_wrong() {
        let e = serde_json::from_str::<std::collections::BTreeMap<String, i64>>(r#"{"a":"很多"}"#)
            .unwrap_err();
        assert!(
            super::json_reason(&e).starts_with("有取值的类型不对"),
            "{}",
            super::json_reason(&e)
        );
        let e = serde_json::from_str::<serde_json::Value>(r#"{"a":"#).unwrap_err();
        assert!(super::json_reason(&e).starts_with("内容不完整"));
        let e = serde_json::from_str::<serde_json::Value>(r#"{"a" 1}"#).unwrap_err();
        assert!(super::json_reason(&e).starts_with("格式不对"));
    }

    #[test]
    fn a_missing_file_is_said_in_chinese() {
        let e = super::Error::io(
            "/无/此文件.xlsx",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        let text = e.to_string();
        assert!(text.contains("找不到这个文件或文件夹"), "{text}");
        assert!(!text.contains("os error"), "{text}");
    }
}
