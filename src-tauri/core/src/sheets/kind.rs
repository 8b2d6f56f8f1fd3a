//! The trait every record kind implements, and the pieces a kind declares: its
//! import sheets and its export lists. A kind is declared once, in its domain
//! module (usually as a [`Def`]); `crate::kinds` lists every kind in one line
//! each, and the recycle bin, the change-log labels, a unit's deletion check,
//! import, export, the CLI and the UI all read that list.
//!
//! This lives in the `sheets` layer because it is the lowest layer that knows
//! both the store (restoring a record) and spreadsheets (import columns). The
//! layers below (store) never see the list: the kinds registry hands them what
//! they need (a restore function, a label) when it calls them.

use std::marker::PhantomData;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::base::error::{Error, Result};
use crate::sheets::import::{self, Column, Preview, RecordKind, Source, Summary};
use crate::store::ledger::{self, Document};
pub use crate::store::recycle::GoesWith;
use crate::store::{Ctx, Store, Tx};

/// A list for export: its sheet name, its columns and its rows.
pub type ListRows = (&'static str, &'static [Column], Vec<Vec<String>>);

/// One record kind: a table of the store with its rows in the change log, the
/// recycle bin and (if [`Kind::travels`]) exchange packages.
pub trait Kind: Sync {
    /// The table, which is also the kind's name in the change log, the recycle
    /// bin and packages.
    fn table(&self) -> &'static str;
    /// The Chinese name (人员).
    fn label(&self) -> &'static str;
    /// Puts a record back from its recycle-bin payload.
    fn restore(&self, tx: &Tx, payload: &serde_json::Value) -> Result<()>;
    /// What of this kind still names the unit `unit_id`, as a Chinese phrase
    /// ("3 名人员"): deleting the unit is refused while any kind answers.
    fn blocks_unit_delete(&self, _conn: &Connection, _unit_id: &str) -> Result<Option<String>> {
        Ok(None)
    }
    /// What of this kind still names the person `person_id` ("2 条引育留用记录"):
    /// deleting the person is refused while any kind answers.
    fn blocks_person_delete(&self, _conn: &Connection, _person_id: &str) -> Result<Option<String>> {
        Ok(None)
    }
    /// Records of this kind that go to the recycle bin with a deleted unit.
    fn on_unit_delete(&self, _tx: &Tx, _unit_id: &str) -> Result<()> {
        Ok(())
    }
    /// Whether its records go into the bin with a parent record and come back with it.
    fn goes_with(&self) -> Option<GoesWith> {
        None
    }
    /// The sheets this kind is imported from, each with its CLI name.
    fn imports(&self) -> &'static [&'static dyn Importer] {
        &[]
    }
    /// The lists this kind exports to Excel, each with its CLI name.
    fn exports(&self) -> &'static [Export] {
        &[]
    }
    /// The report keys (`crate::exchange::report::KEYS`) its records are counted under.
    fn report_keys(&self) -> &'static [&'static str] {
        &[]
    }
    /// Whether its records travel in exchange packages.
    /// How its records carry evidence files, if they do.
    fn evidence(&self) -> Option<crate::store::attachments::Evidence> {
        None
    }
    fn travels(&self) -> bool {
        true
    }
    /// Chinese names of its record's fields (as stored: `calledOn`) that its
    /// import columns do not name, or name otherwise. The change log shows a
    /// field by this name, else by its import column's header.
    fn fields(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }
    /// The Chinese names of the stored values of its coded fields (`step`:
    /// `approved` → 已审批), for the change log.
    fn values(&self) -> &'static [FieldValues] {
        &[]
    }
    /// Where the change log reads what a record of this kind is called now.
    fn names(&self) -> Names {
        Names::None
    }
    /// What a record of this kind is called (its recycle-bin summary), read from
    /// its JSON as the change log holds it; `None` where the window names it itself.
    fn summary(&self, _record: &serde_json::Value) -> Option<String> {
        None
    }
}

/// What of a kind still names a unit (or a person), as a Chinese phrase (see
/// [`Kind::blocks_unit_delete`], [`Kind::blocks_person_delete`]).
pub type BlocksUnitDelete = fn(&Connection, &str) -> Result<Option<String>>;

/// A kind declared by its parts: what most kinds are.
pub struct Def {
    pub table: &'static str,
    pub label: &'static str,
    pub restore: fn(&Tx, &serde_json::Value) -> Result<()>,
    pub blocks_unit_delete: Option<BlocksUnitDelete>,
    pub blocks_person_delete: Option<BlocksUnitDelete>,
    pub on_unit_delete: Option<fn(&Tx, &str) -> Result<()>>,
    /// See [`Kind::goes_with`].
    pub goes_with: Option<GoesWith>,
    pub imports: &'static [&'static dyn Importer],
    pub exports: &'static [Export],
    pub report_keys: &'static [&'static str],
    pub travels: bool,
    /// Its records carry evidence files (附件): how to attach, remove and list them.
    pub evidence: Option<crate::store::attachments::Evidence>,
    /// See [`Kind::fields`].
    pub fields: &'static [(&'static str, &'static str)],
    /// See [`Kind::summary`].
    pub summary: fn(&serde_json::Value) -> Option<String>,
    /// See [`Kind::values`].
    pub values: &'static [FieldValues],
    /// See [`Kind::names`].
    pub names: Names,
}

/// Where a kind's records are named from (see [`Kind::names`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// Not by id (the expected offices, keyed by their code).
    None,
    /// Its `json` column: the record's `name`, else its summary.
    Json,
    /// Its `name` column (people, business grids).
    Column,
    /// This query's (id, name) for the ids in the JSON array `?1` (a unit, under
    /// its parent: 阳光花园 › 第一网格).
    Query(&'static str),
}

/// A coded field and the Chinese name of each value it stores (an enum's `PAIRS`).
pub type FieldValues = (&'static str, &'static [(&'static str, &'static str)]);

impl Def {
    /// A kind stored through [`ledger`]: table, label and restore from its [`Document`].
    pub const fn ledger<D: Document>() -> Def {
        Def {
            table: D::TABLE,
            label: D::LABEL,
            restore: ledger::restore::<D>,
            names: Names::Json,
            summary: |v| D::deserialize(v).ok().map(|d| d.summary()),
            ..Def::EMPTY
        }
    }

    /// Nothing declared yet; fill in with `..Def::EMPTY`.
    pub const EMPTY: Def = Def {
        table: "",
        label: "",
        restore: |_, _| {
            Err(crate::base::error::Error::Internal(
                "这类记录不能从回收站恢复".into(),
            ))
        },
        blocks_unit_delete: None,
        blocks_person_delete: None,
        on_unit_delete: None,
        goes_with: None,
        imports: &[],
        exports: &[],
        report_keys: &[],
        travels: true,
        evidence: None,
        fields: &[],
        summary: |_| None,
        values: &[],
        names: Names::None,
    };
}

impl Kind for Def {
    fn table(&self) -> &'static str {
        self.table
    }
    fn label(&self) -> &'static str {
        self.label
    }
    fn restore(&self, tx: &Tx, payload: &serde_json::Value) -> Result<()> {
        (self.restore)(tx, payload)
    }
    fn blocks_unit_delete(&self, conn: &Connection, unit_id: &str) -> Result<Option<String>> {
        match self.blocks_unit_delete {
            Some(f) => f(conn, unit_id),
            None => Ok(None),
        }
    }
    fn blocks_person_delete(&self, conn: &Connection, person_id: &str) -> Result<Option<String>> {
        match self.blocks_person_delete {
            Some(f) => f(conn, person_id),
            None => Ok(None),
        }
    }
    fn goes_with(&self) -> Option<GoesWith> {
        self.goes_with
    }
    fn on_unit_delete(&self, tx: &Tx, unit_id: &str) -> Result<()> {
        match self.on_unit_delete {
            Some(f) => f(tx, unit_id),
            None => Ok(()),
        }
    }
    fn imports(&self) -> &'static [&'static dyn Importer] {
        self.imports
    }
    fn exports(&self) -> &'static [Export] {
        self.exports
    }
    fn evidence(&self) -> Option<crate::store::attachments::Evidence> {
        self.evidence
    }
    fn report_keys(&self) -> &'static [&'static str] {
        self.report_keys
    }
    fn travels(&self) -> bool {
        self.travels
    }
    fn fields(&self) -> &'static [(&'static str, &'static str)] {
        self.fields
    }
    fn summary(&self, record: &serde_json::Value) -> Option<String> {
        (self.summary)(record)
    }
    /// Its own, else those its import sheet declares ([`RecordKind::VALUES`]): a
    /// kind's coded values are said once, for the change log and the import's check.
    fn values(&self) -> &'static [FieldValues] {
        match (self.values, self.imports.first()) {
            ([], Some(sheet)) => sheet.values(),
            (values, _) => values,
        }
    }
    fn names(&self) -> Names {
        self.names
    }
}

/// One list a kind exports to Excel, in the columns of the import sheet of the
/// same name (so it imports back; a test holds every list to that). A list with no
/// import sheet (抽查样本: drawn by the software, never typed) is only written: it
/// names all its columns in [`Export::also`] and its note says it is not imported.
pub struct Export {
    /// The CLI's name for the list (`party-branches`), also its import sheet's.
    pub name: &'static str,
    /// Its sheet's name, as `rows` writes it; the file offered is named after it
    /// ([`ledger_title`]: 共建单位 → 共建单位台账.xlsx).
    pub sheet: &'static str,
    /// What the clerk should know of it beyond its columns (`""`: nothing), said
    /// after them in the export dialog.
    pub note: &'static str,
    /// A dated list's date columns (by column key) an export in a period reads: a
    /// row is written when any of them falls in the period, as the list on screen
    /// shows it (诉求 by 受理日期, 共建项目 by 计划开始, 实际开始 or 实际完成 …).
    /// Empty: the list has no dates and refuses a period.
    pub dated_by: &'static [&'static str],
    /// Columns the list writes after its import sheet's (a total worked out from the
    /// record, its files' names): said in the export dialog, ignored when the file
    /// is imported back. `rows` writes them last, in this order.
    pub also: &'static [crate::sheets::import::Column],
    /// (sheet name, columns, rows) of the list named `name`; `None` if the module
    /// has no such list.
    pub rows: fn(&Connection, &str, NaiveDate) -> Result<Option<ListRows>>,
}

impl Export {
    pub const fn new(
        name: &'static str,
        sheet: &'static str,
        rows: fn(&Connection, &str, NaiveDate) -> Result<Option<ListRows>>,
    ) -> Export {
        Export {
            name,
            sheet,
            note: "",
            dated_by: &[],
            also: &[],
            rows,
        }
    }

    /// The list of import kind `K`, named as the kind is (its CLI name, its label
    /// the sheet's): one place spells them both.
    pub const fn of<K: crate::sheets::import::RecordKind>(
        rows: fn(&Connection, &str, NaiveDate) -> Result<Option<ListRows>>,
    ) -> Export {
        Export::new(K::NAME, K::LABEL, rows)
    }

    pub const fn dated_by(self, keys: &'static [&'static str]) -> Export {
        Export {
            dated_by: keys,
            ..self
        }
    }

    pub const fn also(self, columns: &'static [crate::sheets::import::Column]) -> Export {
        Export {
            also: columns,
            ..self
        }
    }

    pub const fn with_note(self, note: &'static str) -> Export {
        Export { note, ..self }
    }

    /// The file name an export offers: its ledger's title (the file's title row).
    pub fn file_name(&self) -> String {
        format!("{}.xlsx", ledger_title(self.sheet))
    }
}

/// The columns every export writes masked (打码), whatever the list: a test holds
/// every list's rows to it.
pub const MASKED_HEADERS: &[&str] = &["身份证号码", "联系电话"];

/// A list's sheet name as a ledger's title: "网格员" → "网格员台账", "…名单" as it is.
pub fn ledger_title(sheet: &str) -> String {
    if ["台账", "名单", "清单", "花名册", "一览表", "表"]
        .iter()
        .any(|t| sheet.ends_with(t))
    {
        sheet.to_string()
    } else {
        format!("{sheet}台账")
    }
}

/// What the import wizard says about an import kind: its name, the measure word
/// its records are counted in, and the file names it suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Wizard {
    pub label: &'static str,
    /// 人, 个, 次, 件…
    pub unit: &'static str,
    pub template_name: &'static str,
    pub example: &'static str,
}

/// The usual [`Wizard`]: `wizard!("共建单位", "个", "共建单位台账.xlsx")` is the
/// label, the measure word, and the example's name; the template is named
/// "<label>导入模板.xlsx".
#[macro_export]
macro_rules! wizard {
    ($label:literal, $unit:literal, $example:literal) => {
        $crate::sheets::kind::Wizard {
            label: $label,
            unit: $unit,
            template_name: concat!($label, "导入模板.xlsx"),
            example: $example,
        }
    };
}

/// One importable sheet, as an object: [`RecordKind`] made callable by name.
pub trait Importer: Sync {
    /// The CLI's name (`people`).
    fn name(&self) -> &'static str;
    /// The Chinese name.
    fn label(&self) -> &'static str;
    /// Other names the CLI and the UI accept (人员).
    fn aliases(&self) -> &'static [&'static str];
    fn wizard(&self) -> Wizard;
    fn columns(&self) -> &'static [Column];
    /// The column (by key) that names which stored record a row is.
    fn key_column(&self) -> &'static str;
    /// The other columns of a row's identity ([`RecordKind::KEY_WITH`]).
    fn key_with(&self) -> &'static [&'static str];
    /// The labels of its record's coded values ([`RecordKind::VALUES`]).
    fn values(&self) -> &'static [FieldValues];
    fn preview_source(&self, conn: &Connection, src: Source, today: NaiveDate) -> Result<Preview>;
    fn commit_source(
        &self,
        store: &mut Store,
        ctx: &Ctx,
        src: Source,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
        leave_out: &[usize],
    ) -> Result<Summary>;
    fn error_workbook_source(
        &self,
        conn: &Connection,
        src: Source,
        out: &Path,
        today: NaiveDate,
    ) -> Result<usize>;
    fn write_template(&self, out: &Path) -> Result<()>;
}

/// The [`Importer`] of a [`RecordKind`]: `&Sheet::<People>::NEW`.
pub struct Sheet<K>(PhantomData<fn() -> K>);

impl<K> Sheet<K> {
    pub const NEW: Sheet<K> = Sheet(PhantomData);
}

impl<K: RecordKind> Importer for Sheet<K> {
    fn name(&self) -> &'static str {
        K::NAME
    }
    fn label(&self) -> &'static str {
        K::LABEL
    }
    fn aliases(&self) -> &'static [&'static str] {
        K::ALIASES
    }
    fn wizard(&self) -> Wizard {
        K::WIZARD
    }
    fn columns(&self) -> &'static [Column] {
        K::COLUMNS
    }
    fn key_column(&self) -> &'static str {
        K::KEY_COLUMN
    }
    fn key_with(&self) -> &'static [&'static str] {
        K::KEY_WITH
    }
    fn values(&self) -> &'static [FieldValues] {
        K::VALUES
    }
    fn preview_source(&self, conn: &Connection, src: Source, today: NaiveDate) -> Result<Preview> {
        import::preview::<K>(conn, src, today)
    }
    fn commit_source(
        &self,
        store: &mut Store,
        ctx: &Ctx,
        src: Source,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
        leave_out: &[usize],
    ) -> Result<Summary> {
        import::commit_leaving_out::<K>(store, ctx, src, cancel, progress, leave_out)
    }
    fn error_workbook_source(
        &self,
        conn: &Connection,
        src: Source,
        out: &Path,
        today: NaiveDate,
    ) -> Result<usize> {
        import::write_error_workbook::<K>(conn, src, out, today)
    }
    fn write_template(&self, out: &Path) -> Result<()> {
        import::write_template::<K>(out)
    }
}

/// The calls with a path or a sheet of a file (`impl Into<Source>`).
impl dyn Importer {
    pub fn preview<'a>(
        &self,
        conn: &Connection,
        src: impl Into<Source<'a>>,
        today: NaiveDate,
    ) -> Result<Preview> {
        self.preview_source(conn, src.into(), today)
    }

    /// Imports every valid row in one transaction (see [`import::commit`]).
    pub fn commit<'a>(
        &self,
        store: &mut Store,
        ctx: &Ctx,
        src: impl Into<Source<'a>>,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Summary> {
        self.commit_source(store, ctx, src.into(), cancel, progress, &[])
    }

    /// [`Self::commit`] but for the rows `leave_out` (see [`import::commit_leaving_out`]).
    pub fn commit_leaving_out<'a>(
        &self,
        store: &mut Store,
        ctx: &Ctx,
        src: impl Into<Source<'a>>,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
        leave_out: &[usize],
    ) -> Result<Summary> {
        self.commit_source(store, ctx, src.into(), cancel, progress, leave_out)
    }

    /// [`Self::commit_leaving_out`] with the data as it was kept first in 备份 (导入前
    /// 自动备份): the way back from a wrong file, all of it at once (probe AB: a roster
    /// that changed 20 phones had no way back but typing them again). The backup is
    /// dropped when the import wrote nothing; the summary says when it was taken. A
    /// backup that cannot be written refuses the import, which has not begun.
    pub fn commit_backed_up<'a>(
        &self,
        store: &mut Store,
        ctx: &Ctx,
        src: impl Into<Source<'a>>,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
        leave_out: &[usize],
    ) -> Result<Summary> {
        let before = match store.path() {
            Some(_) => Some(
                crate::store::backup::take(store, ctx.now, Some(crate::store::backup::BEFORE_IMPORT))
                    .map_err(|e| {
                        Error::Refused(format!(
                            "导入前的自动备份没有成功，这次没有导入：{e}。请检查磁盘空间和备份文件夹能否写入后再导入。"
                        ))
                    })?,
            ),
            None => None,
        };
        let result = self.commit_leaving_out(store, ctx, src, cancel, progress, leave_out);
        match (result, before) {
            (Ok(mut summary), Some(b)) if summary.created + summary.updated > 0 => {
                summary.backup_taken_at = Some(b.taken_at);
                // The retention rule keeps the newest of these whatever comes after.
                crate::store::backup::prune(store)?;
                Ok(summary)
            }
            (result, b) => {
                if let Some(b) = b {
                    let _ = std::fs::remove_file(&b.path);
                }
                result
            }
        }
    }

    pub fn write_error_workbook<'a>(
        &self,
        conn: &Connection,
        src: impl Into<Source<'a>>,
        out: &Path,
        today: NaiveDate,
    ) -> Result<usize> {
        self.error_workbook_source(conn, src.into(), out, today)
    }
}
