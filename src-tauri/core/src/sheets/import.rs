//! Excel/CSV import, one mechanism for every record kind: a kind describes its
//! columns and how to parse and apply a row ([`RecordKind`]); this module does the
//! rest. Preview shows every row's problems before anything is written; commit
//! writes all valid rows in one transaction (or nothing, if cancelled); the error
//! workbook holds the rejected rows with a reason column, ready to fix and import
//! again; re-importing the same file updates instead of duplicating.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::base::error::{Error, Result};
use crate::sheets::{self, Cell, SheetOut};
use crate::store::{Ctx, Store, Tx};

/// One column of an import template.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub header: &'static str,
    /// Other headers offices use for the same column.
    pub aliases: &'static [&'static str],
    pub required: bool,
    /// Written and read as text (ID numbers, phones, codes).
    pub text: bool,
    /// What to write, for the template's instructions sheet.
    pub hint: &'static str,
    pub width: f64,
    /// A required column a file may leave out when it has this other one (by key):
    /// a 社区工作者 list's 所属村/社区 says where they serve, with no 所在网格/小区.
    /// The kind's rows then say what each row lacks.
    pub instead: Option<&'static str>,
    /// Values a file without this column may give once for every row, in its sheet's
    /// name or a title row (a 网格员花名册 on a sheet 网格员, with no 身份 column): the
    /// one of them found there, when exactly one is.
    pub from_title: &'static [&'static str],
    /// What the column usually holds, offered as a drop-down in the template (the
    /// clerk may still type another spelling the import reads: 党员 for 中共党员).
    pub choices: &'static [&'static str],
}

impl Column {
    /// [`Column::choices`].
    pub const fn choose_from(self, values: &'static [&'static str]) -> Column {
        Column {
            choices: values,
            ..self
        }
    }
    /// [`Column::instead`].
    pub const fn or_instead(self, key: &'static str) -> Column {
        Column {
            instead: Some(key),
            ..self
        }
    }
    /// [`Column::from_title`].
    pub const fn or_from_title(self, values: &'static [&'static str]) -> Column {
        Column {
            from_title: values,
            ..self
        }
    }
}

/// A table read as a sheet of the kind's own columns, and what the preview says of
/// it ([`RecordKind::reshape`]).
pub type Reshaped = (sheets::Sheet, String);

/// A list item's 列入日期 (履职事项, 网格事项): optional, the day a past period counts
/// it from.
pub const LISTED_ON: Column = col(
    "listedOn",
    "列入日期",
    &["列入时间", "纳入日期"],
    false,
    false,
    "事项列入清单的日期，可不填，不晚于今天。统计以前的季度、年度时从这一天起计入；不填按导入的那一天（上级部门收回事项按收回日期）。",
    12.0,
);

/// A [`Column`], briefly: `col(key, header, aliases, required, text, hint, width)`.
pub const fn col(
    key: &'static str,
    header: &'static str,
    aliases: &'static [&'static str],
    required: bool,
    text: bool,
    hint: &'static str,
    width: f64,
) -> Column {
    Column {
        key,
        header,
        aliases,
        required,
        text,
        hint,
        width,
        instead: None,
        from_title: &[],
        choices: &[],
    }
}

/// A kind's import columns followed by columns its export alone writes (a figure
/// worked out from the record, its files' names), for the export's list: at
/// compile time, so `ListRows` keeps its `&'static [Column]`. The import lists such
/// columns as ignored when the file comes back.
pub const fn then<const A: usize, const B: usize, const N: usize>(
    import: &[Column; A],
    export_only: [Column; B],
) -> [Column; N] {
    assert!(A + B == N, "N must be A + B");
    let mut out = [col("", "", &[], false, false, "", 0.0); N];
    let mut i = 0;
    while i < A {
        out[i] = import[i];
        i += 1;
    }
    while i < N {
        out[i] = export_only[i - A];
        i += 1;
    }
    out
}

/// How many notes a summary or a check says in text before "……另有 N 条说明".
pub const NOTES_SHOWN: usize = 20;

/// One data row, by column key.
pub struct RowCells<'a> {
    /// The row number as Excel shows it.
    row: usize,
    /// The file's columns this kind reads, in the file's order: a few tens at most,
    /// so a look along them is quicker than hashing the key (every `get` of every
    /// row of an import).
    cells: Vec<(&'static str, &'a Cell)>,
}

impl<'a> RowCells<'a> {
    fn cell(&self, key: &str) -> Option<&'a Cell> {
        self.cells.iter().find(|(k, _)| *k == key).map(|(_, c)| *c)
    }
    /// The row number as Excel shows it (1 = the first row of the sheet).
    pub fn row(&self) -> usize {
        self.row
    }
    /// Whether the file has this column at all (an absent column keeps stored values).
    pub fn has(&self, key: &str) -> bool {
        self.cell(key).is_some()
    }
    /// The trimmed text of a column ("" when absent).
    pub fn get(&self, key: &str) -> &str {
        self.cell(key).map(|c| c.text.trim()).unwrap_or("")
    }
    pub fn is_numeric(&self, key: &str) -> bool {
        self.cell(key).is_some_and(|c| c.numeric)
    }
}

pub enum Applied {
    Created,
    Updated,
    Unchanged,
}

/// What a record kind looks up once per file rather than once per row (the units,
/// departments … it resolves names against, and the file's own rows where a row may
/// refer to another). Built before the first row is parsed; `parse` may add to it.
pub trait FileLookup: Sized {
    /// `rows` are the file's data rows that are not empty, in order.
    fn build(conn: &Connection, rows: &[RowCells]) -> Result<Self>;
}

impl FileLookup for () {
    fn build(_: &Connection, _: &[RowCells]) -> Result<()> {
        Ok(())
    }
}

/// The date of each step of an imported record's timeline, steps `0..=upto`: the
/// step's own date from the file where the row gives one, else the row's date of the
/// nearest step (the earlier one on a tie), else `fallback` (only when the row gives
/// no step date at all). Never the import day unless the row has no date.
pub fn step_dates(given: &[Option<String>], upto: usize, fallback: &str) -> Vec<String> {
    (0..=upto)
        .map(|i| {
            given
                .iter()
                .enumerate()
                .filter_map(|(j, d)| d.as_ref().map(|d| (i.abs_diff(j), j, d)))
                .min_by_key(|(dist, j, _)| (*dist, *j))
                .map_or_else(|| fallback.to_string(), |(_, _, d)| d.clone())
        })
        .collect()
}

/// A row's step dates as the step machine keeps them when a clerk moves a record on
/// screen: none after today, none before the one before it. `steps` are each step's
/// (column, label, date) in order, `first` the (label, date) they follow (a demand's
/// 受理日期), if any.
pub fn step_dates_in_order(
    first: Option<(&str, &str)>,
    steps: &[(&'static str, &str, Option<&String>)],
    today: NaiveDate,
) -> std::result::Result<(), Vec<(&'static str, String)>> {
    let today = today.format("%Y-%m-%d").to_string();
    let mut before = first;
    for (key, label, date) in steps {
        let Some(date) = date else { continue };
        crate::base::steps::check_not_future(Some(&today), date, label.trim_end_matches("日期"))
            .map_err(|e| vec![(*key, e.to_string())])?;
        if let Some((was, on)) = before.filter(|(_, on)| date.as_str() < *on) {
            return Err(vec![(
                *key,
                format!("{label}（{date}）早于{was}（{on}），请检查。"),
            )]);
        }
        before = Some((label, date));
    }
    Ok(())
}

/// For [`RecordKind::refuses_update`] of a kind moved through steps: a row that would
/// take the stored record back a step ([`step_back`]), or whose first new step is
/// dated before the last its history holds (`last`, the step and its date:
/// [`step_before_history`]). Every step in order has the column its date is in
/// (`columns`), its (stored name, label) (`pairs`, the enum's `PAIRS`) and the date
/// the row gives it (`dates`); `stored` and `row` index them.
pub fn refused_steps(
    columns: &[&'static str],
    pairs: &[(&str, &str)],
    dates: &[String],
    stored: usize,
    row: usize,
    last: Option<(&str, &str)>,
) -> Option<(&'static str, String)> {
    let steps: Vec<(&'static str, &str, &str)> = columns
        .iter()
        .zip(pairs)
        .enumerate()
        .map(|(i, (c, (_, l)))| (*c, *l, dates.get(i).map_or("", String::as_str)))
        .collect();
    let label = |i: usize| steps.get(i).map_or("", |s| s.1);
    if row < stored {
        return Some(step_back("status", label(stored), label(row)));
    }
    step_before_history(steps.get(stored + 1..=row)?, last?)
}

/// The first of the steps a row takes a stored record through (column, label and
/// date of each, in order) dated before `last`, the (step, date) its history ends
/// with: the move the step machine refuses on screen, refused in its column.
pub fn step_before_history(
    steps: &[(&'static str, &str, &str)],
    last: (&str, &str),
) -> Option<(&'static str, String)> {
    let (was, on) = last;
    steps.iter().find(|(_, _, date)| *date < on).map(|(key, label, date)| {
        (
            *key,
            format!(
                "{label}（{date}）早于这条记录已有的上一步“{was}”（{on}）：步骤不能记在已走过的步骤之前。请检查日期；确需更正已有步骤，请在软件里退回并写明原因。"
            ),
        )
    })
}

/// The refusal of a row whose step (`row`) is before the stored record's (`stored`),
/// for [`RecordKind::refuses_update`], in the step's `column`.
pub fn step_back(column: &'static str, stored: &str, row: &str) -> (&'static str, String) {
    (
        column,
        format!(
            "已有记录已到“{stored}”，这一行是“{row}”：导入不会改变记录已经走过的步骤（旧的名单再导入会这样）。请用最新导出的台账；确需退回或改变，请在软件里操作并写明原因。"
        ),
    )
}

/// A record kind that can be imported.
pub trait RecordKind {
    /// The CLI's name for the kind (`people`).
    const NAME: &'static str;
    /// The Chinese name (人员).
    const LABEL: &'static str;
    /// Other names the CLI and the UI accept for it (人员).
    const ALIASES: &'static [&'static str] = &[];
    /// What the import wizard says about it.
    const WIZARD: crate::sheets::kind::Wizard;
    type Parsed;
    /// Built once per file; see [`FileLookup`].
    type Lookup: FileLookup;
    /// Its import columns, in the order the template writes them.
    const COLUMNS: &'static [Column];
    /// Parses and validates a row. Problems are (column key, message).
    fn parse(
        conn: &Connection,
        lookup: &mut Self::Lookup,
        row: &RowCells,
        today: NaiveDate,
    ) -> std::result::Result<Self::Parsed, Vec<(&'static str, String)>>;
    /// What a row the file left to be filled says but what it names (a month's
    /// sheet exported with a row for every task not yet reported: 任务编号 and 月份
    /// only), for the one note on such rows; empty: the kind has none.
    const UNFILLED: &'static str = "";
    /// Whether the row is one left to be filled ([`RecordKind::UNFILLED`]): it is
    /// passed over, counted in that note, neither imported nor refused.
    fn unfilled(_row: &RowCells) -> bool {
        false
    }
    /// Something the user should know about a valid row (e.g. a code the import
    /// filled in), shown in the preview and the summary.
    fn note(_parsed: &Self::Parsed) -> Option<String> {
        None
    }
    /// Said after a row's 会清空已有… note: what clearing a cell of this kind does
    /// beyond the cell (三亮: the periods since count it as never published).
    const CLEARED_MEANS: &'static str = "";
    /// The identity of a row within the file and the store (e.g. the ID number),
    /// and the column it comes from.
    fn key(parsed: &Self::Parsed) -> String;
    const KEY_COLUMN: &'static str;
    /// The other columns that make a row's identity ([`RecordKind::key`]) with
    /// [`RecordKind::KEY_COLUMN`], for what two rows of one key are told: a claim is
    /// 同一事项名称和村/社区, not 同一事项名称 (four villages' rows claim 政策宣传).
    const KEY_WITH: &'static [&'static str] = &[];
    /// What two differing rows of one key are told besides that neither goes in
    /// (people: one person's two roles go in two files, or in one row), when they
    /// differ only in some of [`RecordKind::REPEATED_KEY_WHEN`] (empty: whatever
    /// they differ in).
    const REPEATED_KEY: &'static str = "";
    /// The columns whose difference [`RecordKind::REPEATED_KEY`] speaks of (people:
    /// 身份, 所在网格; two rows of one ID number with two phones were told of roles).
    const REPEATED_KEY_WHEN: &'static [&'static str] = &[];
    /// Whether a column the file lacks keeps the stored record's value on an update
    /// (units, people: a 楼栋长 list of name, ID, phone and grid adds the role to a
    /// person already registered). A kind that does not (it builds the whole record
    /// from the row) has such an update refused, naming the columns it would clear,
    /// instead of clearing them.
    const KEEPS_ABSENT_COLUMNS: bool = false;
    /// Why the row may not update stored record `existing`, as (column key,
    /// message); `None`: it may. A dated workflow refuses a row whose step is before
    /// the record's: an import never moves a record back (an old list imported again
    /// would undo every step since), see [`step_back`].
    fn refuses_update(
        _conn: &Connection,
        _parsed: &Self::Parsed,
        _existing: &str,
    ) -> Option<(&'static str, String)> {
        None
    }
    /// The stored record a refused row still names (people: by its ID number), so
    /// the note on what the file leaves out does not count it as left out (陈芳's
    /// row, refused for its 离岗日期 alone, was said to be missing from the file).
    fn refused_names(_conn: &Connection, _row: &RowCells) -> Option<String> {
        None
    }
    /// The id of the stored record this row updates, if any.
    fn existing(
        conn: &Connection,
        lookup: &mut Self::Lookup,
        parsed: &Self::Parsed,
    ) -> Result<Option<String>>;
    fn apply(tx: &Tx, parsed: &Self::Parsed, existing: Option<&str>) -> Result<Applied>;
    /// Whether the row goes in after the rows that do not, whatever its place in the
    /// file: a row that names another row of the same file (a 复查 its 初查, which
    /// the export lists after it, newest first).
    fn applies_after(_parsed: &Self::Parsed) -> bool {
        false
    }
    /// Whether the row would change nothing in stored record `existing`, told without
    /// writing (people: the checked person against the stored one; the kinds whose
    /// rows go through their record's check, [`crate::sheets::rows::through`]: that
    /// check run on the stored record). Only the preview asks, and says so beside its
    /// updates; `false` when the kind cannot tell.
    fn unchanged(
        _conn: &Connection,
        _parsed: &Self::Parsed,
        _existing: &str,
        _today: NaiveDate,
    ) -> bool {
        false
    }
    /// What the row changes on stored record `existing`, one column each
    /// (办理时限（2026-12-01 → 2027-01-15）): the preview says it beside the row
    /// (it said only 更新 2). Asked only for a row that is not unchanged; empty: the
    /// kind cannot tell (people say their changes in their own note).
    fn changes(
        _conn: &Connection,
        _parsed: &Self::Parsed,
        _existing: &str,
        _today: NaiveDate,
    ) -> Vec<String> {
        Vec::new()
    }
    /// How the preview names the stored record a row changes (会修改已有…的): the
    /// kind's label, or the record itself where the label says less (组织架构
    /// （各层级）: the unit, 基础网格“金桥新村第五网格”).
    fn record_named(_parsed: &Self::Parsed) -> String {
        Self::LABEL.to_string()
    }
    /// The columns the file lacks (by key) whose stored value the row, put onto
    /// stored record `existing`, would clear; empty: none. Asked only when the file
    /// lacks some of the kind's columns; every missing column (refuse, to be safe)
    /// when the kind cannot tell. The kinds whose rows go through their record's
    /// check ([`crate::sheets::rows::through`]) tell from that check's result.
    ///
    /// By default: the missing columns under whose key the stored record
    /// ([`RecordKind::STORED_IN`]) has a value (a project's `plannedStart`, a
    /// demand's `status`).
    fn clears(
        conn: &Connection,
        _parsed: &Self::Parsed,
        existing: &str,
        _today: NaiveDate,
        present: &dyn Fn(&str) -> bool,
    ) -> Vec<&'static str> {
        let missing = crate::sheets::rows::missing_columns(Self::COLUMNS, present);
        let stored: Option<serde_json::Value> = (!Self::stored_in().is_empty())
            .then(|| {
                conn.prepare_cached(&format!(
                    "SELECT json FROM {} WHERE id = ?1",
                    Self::stored_in()
                ))
                .and_then(|mut st| st.query_row([existing], |r| r.get::<_, String>(0)))
                .ok()
                .and_then(|j| serde_json::from_str(&j).ok())
            })
            .flatten();
        let Some(stored) = stored else {
            return missing;
        };
        missing
            .into_iter()
            .filter(|k| !crate::sheets::rows::empty_value(stored.get(*k)))
            .collect()
    }
    /// What the row, put onto stored record `existing`, would empty that the record
    /// has, among the columns whose cells `blank` (by key) the row leaves empty:
    /// each as its header with the value it had (联系电话（139****0005）), said in the
    /// preview before anything is written (a blank 联系电话 wiped a leader's phone
    /// unsaid). Asked only for an update with blank cells; empty: nothing, or the
    /// kind cannot tell (people say it in their own note).
    fn empties(
        _conn: &Connection,
        _parsed: &Self::Parsed,
        _existing: &str,
        _today: NaiveDate,
        _blank: &[&'static str],
    ) -> Vec<String> {
        Vec::new()
    }
    /// The stored records a new row is but for one column, each as (its id, what to
    /// say beside the row): a corrected key made a second record unsaid. Asked only
    /// for a new row; `cache` is the file's, for the kind to fill on the first ask.
    /// Empty by default; the kinds whose rows go through their record's check
    /// ([`crate::sheets::rows::through`]) compare with every stored record.
    /// The labels of the kind's coded values, by field: (field, [(code, label)]), so
    /// a change is said 回访结果（满意 → 不满意）, not 回访结果 alone (probe T).
    /// A [`crate::sheets::kind::Def`] without its own takes its first sheet's (one
    /// declaration).
    const VALUES: &'static [crate::sheets::kind::FieldValues] = &[];
    /// How a record the file meant to correct is corrected in the app, said in the
    /// note of [`RecordKind::near`]: 修改那一条, or for records never changed once
    /// entered (引育留用) 删除那一条后重新登记.
    const NEAR_FIX: &'static str = "修改那一条";
    fn near(
        _conn: &Connection,
        _parsed: &Self::Parsed,
        _today: NaiveDate,
        _cache: &mut crate::sheets::rows::NearCache,
    ) -> Vec<(String, String)> {
        Vec::new()
    }
    /// The stored records of the kind that no row of a file names (`mentioned`: the
    /// ids its rows match; `rows`: the rows that go in, for a kind whose files each
    /// cover a part of its records, such as one role's roster), said when the file
    /// looks like the whole list exported and edited (see [`absent_note`]). `None`
    /// where the kind cannot tell.
    fn absent(
        _conn: &Connection,
        _mentioned: &std::collections::HashSet<String>,
        _rows: &[&Self::Parsed],
    ) -> Option<crate::sheets::rows::Absent> {
        None
    }
    /// What the kind says of the file as a whole (`rows`: the rows that go in, each
    /// with whether it names a stored record): one note where a note per row would
    /// say the same thing a thousand times.
    fn file_note(_conn: &Connection, _rows: &[(&Self::Parsed, bool)]) -> Option<String> {
        None
    }
    /// Another shape of table the kind reads, as a sheet of its own columns and what
    /// the preview says of it (组织架构: a flat 网格划分表, one row a grid with the
    /// levels side by side, spread into one row a unit); `None`: not such a table.
    /// The rows handed on keep the Excel rows they came from (`Sheet::row_numbers`).
    fn reshape(_sheet: &sheets::Sheet) -> Result<Option<Reshaped>> {
        Ok(None)
    }
    /// The table of this kind's records: its `json` column for the default
    /// [`RecordKind::clears`] (a kind kept as JSON), its `updated_at` for
    /// [`Preview::stale_rows`] (every record table); empty: it cannot tell.
    const STORED_IN: &'static str = "";
    /// [`RecordKind::STORED_IN`], or the table of the record a kind's rows go
    /// through ([`crate::sheets::rows::through`] says it): every such kind is told
    /// of its older rows (a 电话回访 corrected here was undone by the file it came
    /// from, with no word).
    fn stored_in() -> &'static str {
        Self::STORED_IN
    }
    /// Runs once after every row is applied, in the same transaction: work that
    /// follows from the file as a whole (考核指标: one new version of the system),
    /// done once rather than after each row.
    fn finish(_tx: &Tx, _summary: &Summary) -> Result<()> {
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// The row number as Excel shows it (1 = the header row).
    pub row: usize,
    /// The column's header, or "" for the whole row.
    pub column: String,
    pub message: String,
    /// Whom or what the row is about (its 姓名, name or title column), so a clerk
    /// finds the row without counting; absent when the row has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub kind: &'static str,
    pub file_name: String,
    /// The worksheet read ("" for CSV), and every visible one the file has.
    pub sheet_name: String,
    pub sheets: Vec<String>,
    /// Data rows that are not empty.
    pub total_rows: usize,
    /// Of a table spread into rows of its own (a flat 网格划分表, one row a unit), the
    /// rows of the file those came from: 9 rows spread to 18 read as 共 18 行.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_rows: Option<usize>,
    pub valid_rows: usize,
    pub to_create: usize,
    pub to_update: usize,
    /// Of `to_update`, the rows that would change nothing ([`RecordKind::unchanged`]):
    /// a list exported and imported back as it was.
    pub unchanged: usize,
    pub rejected_rows: usize,
    /// Rows alike in every column to an earlier row that goes in (an office's list
    /// repeating a leader on each village's row): not imported, nothing to correct
    /// (they read as 有错误, probe W).
    pub repeated_rows: usize,
    pub empty_rows: usize,
    pub ignored_columns: Vec<String>,
    pub problems: Vec<Problem>,
    /// The header of the column a problem's `name` comes from (姓名, 名称, 项目名称 …),
    /// "" when the kind has none.
    pub name_header: String,
    /// What the import will fill in (e.g. suggested codes), one sentence each.
    pub notes: Vec<String>,
    /// The rows that would add a record which is a stored one but for one column
    /// (a 会议日期 or 受理日期 corrected in Excel): said in `notes`; the window leaves
    /// them out unless the clerk ticks them ([`commit_leaving_out`]).
    pub near_rows: Vec<usize>,
    /// When the file was last saved (an .xlsx's own 修改时间, else the file's), as a
    /// UTC stamp; `None` when it cannot be told.
    pub file_saved_at: Option<String>,
    /// The rows that would change a stored record changed here after the file was
    /// saved: an older list, which would undo that change (an old roster moved a
    /// grid worker back, helper G). The window leaves them out unless ticked.
    pub stale_rows: Vec<StaleRow>,
}

/// A row of [`Preview::stale_rows`]: the record it would change, and when that
/// record was last changed here (a UTC stamp).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StaleRow {
    pub row: usize,
    pub record: String,
    pub changed_at: String,
}

/// When `path` was last saved: an .xlsx's `dcterms:modified` (Excel and WPS write it
/// on every save; a copy keeps it), else the file's modification time.
pub fn saved_at(path: &Path) -> Option<chrono::DateTime<chrono::Utc>> {
    use std::io::Read;
    // A regular file only: opening a named pipe waits for a writer (the import's own
    // reading refuses it, with its message).
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    let inside = || -> Option<chrono::DateTime<chrono::Utc>> {
        let file = std::fs::File::open(path).ok()?;
        let mut zip = zip::ZipArchive::new(file).ok()?;
        let entry = zip.by_name("docProps/core.xml").ok()?;
        let mut xml = String::new();
        entry.take(64 * 1024).read_to_string(&mut xml).ok()?;
        let start = xml.find("<dcterms:modified")?;
        let text = &xml[start..];
        let from = text.find('>')? + 1;
        let to = text.find("</dcterms:modified>")?;
        chrono::DateTime::parse_from_rfc3339(text.get(from..to)?.trim())
            .ok()
            .map(|d| d.with_timezone(&chrono::Utc))
    };
    inside().or_else(|| {
        meta.modified()
            .ok()
            .map(chrono::DateTime::<chrono::Utc>::from)
    })
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub kind: &'static str,
    pub file_name: String,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    /// [`Preview::repeated_rows`] (absent when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub repeated: usize,
    pub empty_rows: usize,
    /// What the import did beyond its counts (codes filled in, a 公示 changed), one
    /// sentence each, said as done ([`as_done`]); the first [`NOTES_KEPT`] only.
    pub notes: Vec<String>,
    /// The notes beyond [`NOTES_KEPT`], counted (absent when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub notes_left_out: usize,
    /// Valid rows the clerk chose not to import ([`commit_leaving_out`]; absent when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub left_out: usize,
    /// When the backup of the data as it was before this import was taken (导入前自动
    /// 备份, `crate::sheets::kind::ImportKind::commit_backed_up`); absent when none
    /// was kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_taken_at: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How a note about a new row that is a stored record but for one column begins
/// (将新增一条诉求；已有…): such a row is one of [`Preview::near_rows`].
pub(crate) const NEAR_NOTE: &str = "将新增一条";

/// The sheet row a note names (第 12 行：…), 0 for a note of the whole file.
fn row_of(n: &str) -> usize {
    n.strip_prefix("第 ")
        .and_then(|r| r.split_once(" 行："))
        .and_then(|(d, _)| d.parse::<usize>().ok())
        .unwrap_or(0)
}

/// How many updated rows of a file the preview describes column by column.
const CHANGES_DESCRIBED: usize = 200;

/// How many of an import's notes its summary keeps: the completion screen shows
/// [`NOTES_SHOWN`], and the change log's import row keeps the summary (a file whose
/// 100,000 rows each changed a 公示 wrote 100,000 sentences into it).
pub const NOTES_KEPT: usize = 200;

/// What the check said the import 会 do, said once it has done it: the completion
/// screen repeated 会把… in the future tense. The row (第 N 行：) stays; advice for
/// before the import (请不要导入这一行) becomes advice for after it.
pub fn as_done(note: &str) -> String {
    const LEADS: &[(&str, &str)] = &[
        ("会把", "已把"),
        ("会给", "已给"),
        ("会清空", "已清空"),
        ("会修改", "已修改"),
        ("将新增", "已新增"),
    ];
    const TAILS: &[(&str, &str)] = &[
        (
            "如果这是以前的名单，请不要导入这一行。",
            "如果这是以前的名单，请在人员名单里改回。",
        ),
        // A roster meant to add roles changed what it says (probe S: the advice for
        // before the import stood on the completion screen).
        (
            "如这份名单只为加上身份，请把这些格子改成已有的内容，或删掉这些列。",
            "如这份名单只为加上身份，原来的内容可在“变更记录”里查看，请在人员名单里改回。",
        ),
        // Said after the import, when the cells are already empty: how to get them back.
        (
            "不想清空的，请填上后再导入。",
            "原来的内容可在“变更记录”里查看；要恢复，请在文件里填上后再导入一次。",
        ),
        (
            "不想清空的，请填上后再导入（或删掉整列：文件没有的列不会改动）。",
            "原来的内容可在“变更记录”里查看；要恢复，请在文件里填上后再导入一次。",
        ),
    ];
    let body_at = note
        .strip_prefix("第 ")
        .and_then(|rest| rest.split_once(" 行："))
        .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(0, |(_, body)| note.len() - body.len());
    let (row, body) = note.split_at(body_at);
    let mut out = String::with_capacity(note.len());
    out.push_str(row);
    // Each sentence's lead: a note of two (会清空…。会给…) said the second as still to come.
    for sentence in body.split_inclusive('。') {
        match LEADS.iter().find(|(will, _)| sentence.starts_with(will)) {
            Some((will, done)) => {
                out.push_str(done);
                out.push_str(&sentence[will.len()..]);
            }
            None => out.push_str(sentence),
        }
    }
    for (before, after) in TAILS {
        if out.ends_with(before) {
            out.truncate(out.len() - before.len());
            out.push_str(after);
        }
    }
    out
}

impl Summary {
    pub fn text(&self) -> String {
        let mut text = format!(
            "导入完成：新增 {} 条，更新 {} 条，{} 条与已有记录相同，{} 行有错误未导入，跳过空行 {} 行。",
            self.created,
            self.updated,
            self.unchanged,
            self.rejected,
            self.empty_rows
        );
        if self.repeated > 0 {
            text.push_str(&format!(
                "另有 {} 行与前面的行完全相同，只导入一次。",
                self.repeated
            ));
        }
        for n in self.notes.iter().take(NOTES_SHOWN) {
            text.push('\n');
            text.push_str(n);
        }
        let more = self.notes.len().saturating_sub(NOTES_SHOWN) + self.notes_left_out;
        if more > 0 {
            text.push_str(&format!("\n……另有 {more} 条说明。"));
        }
        text
    }
}

/// A file's column that gives its figures in another unit than the template's: the
/// unit is in the brackets the match leaves out (投入资金（万元） for 投入资金（元）),
/// and read as 元 it stored 25,000 元 as 2.5 (probe AI). Refused with how to fix it.
fn other_unit(file_name: &str, header: &str, c: &Column) -> Option<Error> {
    const SCALED: [(&str, &str); 3] = [("万元", "元"), ("千元", "元"), ("万人", "人")];
    let theirs = SCALED
        .iter()
        .find(|(big, small)| header.contains(big) && c.header.contains(&format!("（{small}）")))?;
    Some(Error::validation(
        "file",
        format!(
            "文件“{file_name}”的“{}”一列是以{}为单位的，本软件按{}记录：请把这一列换算成{}后，把表头改成“{}”再导入（直接导入会把数额缩小）。",
            header.trim(),
            theirs.0,
            theirs.1,
            theirs.1,
            c.header
        ),
    ))
}

/// A header as matched: spaces, `*`/`＊` and any bracketed hint (`（文本格式）`,
/// `(必填)`, `【…】`, `[…]`) removed, so `身份证号码（文本格式）*` is `身份证号码`.
pub fn normalize_header(h: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in h.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '*' | '＊') => {}
            // 专职／兼职, 所属村／社区 as typed with a full-width slash.
            '／' => out.push('/'),
            c => out.push(c),
        }
    }
    out
}

/// How offices head the column of a record's 村/社区, whatever a kind calls it: a
/// header among these names the kind's column that answers to one of them (the 三亮
/// list's 所属社区 was ignored, then its rows refused for want of a 村/社区, probe W).
const VILLAGE_HEADERS: &[&str] = &[
    "村/社区",
    "村社区",
    "所属村/社区",
    "所在村/社区",
    "所属村社区",
    "所在村社区",
    "所属社区",
    "所在社区",
    "所属村",
    "所在村",
    "村/居",
    "村居",
];

/// The column a header names: after [`normalize_header`], the column's header or one
/// of its aliases; else the header with its brackets read as words (村（社区） as
/// 村社区 and 村/社区); else a 村/社区 header ([`VILLAGE_HEADERS`]) names the kind's
/// column of the village.
pub fn column_for<'a>(columns: &'a [Column], header: &str) -> Option<&'a Column> {
    let h = normalize_header(header);
    if h.is_empty() {
        return None;
    }
    let named = |h: &str| -> Option<&'a Column> {
        columns.iter().find(|c| {
            normalize_header(c.header) == h || c.aliases.iter().any(|a| normalize_header(a) == h)
        })
    };
    if let Some(c) = named(&h) {
        return Some(c);
    }
    let words: String = header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊'))
        .collect();
    let kept: String = words
        .chars()
        .filter(|c| !matches!(c, '（' | '(' | '）' | ')'))
        .collect();
    let slashed = words.replacen(['（', '('], "/", 1).replace(['）', ')'], "");
    let village = |h: &str| VILLAGE_HEADERS.contains(&h);
    let found = [kept.as_str(), slashed.as_str()]
        .into_iter()
        .filter(|w| *w != h)
        .find_map(named)
        .or_else(|| {
            [h.as_str(), kept.as_str(), slashed.as_str()]
                .into_iter()
                .any(village)
                .then(|| -> Option<&'a Column> {
                    columns.iter().find(|c| {
                        village(&normalize_header(c.header))
                            || c.aliases.iter().any(|a| village(&normalize_header(a)))
                    })
                })
                .flatten()
        });
    found
}

struct Layout {
    header_row: usize,
    /// column index -> column key
    by_index: HashMap<usize, &'static str>,
    ignored: Vec<String>,
    /// The values of [`Source::given`] columns, at indexes past every row's end
    /// (each in `by_index` too).
    given: HashMap<usize, Cell>,
    /// What was read from the sheet's name or title ([`Column::from_title`]), said
    /// in the preview's notes.
    titled: Vec<String>,
}

/// True when one of the sheet's top rows names at least two of the kind's columns.
fn has_headers(columns: &[Column], s: &sheets::Sheet) -> bool {
    s.rows
        .iter()
        .filter(|r| r.iter().any(|c| !c.text.trim().is_empty()))
        .take(10)
        .any(|r| {
            r.iter()
                .filter(|c| column_for(columns, &c.text).is_some())
                .count()
                >= 2
        })
}

fn layout(
    columns: &[Column],
    label: &str,
    s: &sheets::Sheet,
    file_name: &str,
    given: &[(&str, &str)],
) -> Result<Layout> {
    let first = s
        .rows
        .iter()
        .position(|r| r.iter().any(|c| !c.text.trim().is_empty()))
        .ok_or_else(|| Error::validation("file", format!("文件“{file_name}”里没有内容。")))?;
    // Offices often put a title row ("青溪街道网格员名单") above the headers: the
    // header row is the first of the top rows naming at least two known columns.
    let known = |cell: &Cell| column_for(columns, &cell.text).is_some();
    let header_row = s
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(10)
        .find(|(_, r)| r.iter().filter(|c| known(c)).count() >= 2)
        .map(|(i, _)| i)
        .unwrap_or(first);
    // A header in two rows, as 台账 are often laid out: a group heading over some
    // columns (办理情况 over 状态、承办部门、办结日期) and the other headings merged down
    // both rows. The row below is a header row too when each of its cells is a known
    // column or repeats the heading above it (a merged-down heading reads so in every
    // row it covers); its headings stand where the row above has no known column.
    let mut heads: Vec<String> = s.rows[header_row].iter().map(|c| c.text.clone()).collect();
    let mut header_row = header_row;
    if let Some(below) = s.rows.get(header_row + 1) {
        let above = &s.rows[header_row];
        let text_above = |i: usize| above.get(i).map_or("", |c| c.text.as_str());
        let filled: Vec<(usize, &Cell)> = below
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.text.trim().is_empty())
            .collect();
        // Under a group heading (or a blank) any sub-heading may stand, one the kind
        // does not know too (督办人 beside 状态、承办部门): it is listed as ignored.
        let under_group = |i: usize| column_for(columns, text_above(i)).is_none();
        let heading = filled.iter().all(|(i, c)| {
            known(c)
                || under_group(*i)
                || normalize_header(&c.text) == normalize_header(text_above(*i))
        });
        let subheadings: Vec<usize> = filled
            .iter()
            .filter(|(i, _)| under_group(*i))
            .map(|(i, _)| *i)
            .collect();
        if heading && subheadings.iter().any(|i| known(&below[*i])) {
            heads.resize(heads.len().max(below.len()), String::new());
            for i in subheadings {
                heads[i] = below[i].text.clone();
            }
            header_row += 1;
        }
    }
    let mut by_index = HashMap::new();
    let mut ignored = Vec::new();
    for (i, text) in heads.iter().enumerate() {
        if normalize_header(text).is_empty() {
            continue;
        }
        let col = column_for(columns, text);
        // The 序号 an exported list starts with: ignored unless it is the kind's own
        // column — by name, or by alias when no other header names that column
        // (a paper's 编号, which clerks also head 序号).
        if normalize_header(text) == normalize_header(sheets::SERIAL) {
            let own = col.is_some_and(|c| {
                normalize_header(c.header) == normalize_header(sheets::SERIAL)
                    || !heads.iter().any(|other| {
                        normalize_header(other) != normalize_header(sheets::SERIAL)
                            && column_for(columns, other).is_some_and(|o| o.key == c.key)
                    })
            });
            if !own {
                continue;
            }
        }
        match col {
            Some(c) if by_index.values().any(|k| *k == c.key) => {
                // Named as the file heads them: 变动日期 and 调岗日期 are one column.
                let first = by_index
                    .iter()
                    .filter(|(_, k)| **k == c.key)
                    .map(|(j, _): (&usize, _)| heads[*j].trim())
                    .next()
                    .unwrap_or(c.header);
                let text = text.trim();
                return Err(Error::validation(
                    "file",
                    if normalize_header(first) == normalize_header(text) {
                        format!("文件“{file_name}”中“{text}”列出现了两次，请删掉一列。")
                    } else {
                        format!(
                            "文件“{file_name}”中“{first}”和“{text}”两列都是“{}”，请删掉一列。",
                            c.header
                        )
                    },
                ));
            }
            Some(c) => {
                if let Some(refusal) = other_unit(file_name, text, c) {
                    return Err(refusal);
                }
                by_index.insert(i, c.key);
            }
            None => ignored.push(text.trim().to_string()),
        }
    }
    // The given columns the file lacks, past the widest row.
    let width = s.rows.iter().map(Vec::len).max().unwrap_or(0);
    // The columns the file lacks that every row is given: by the caller
    // ([`Source::given`]), or once in the sheet's name or title ([`Column::from_title`]).
    let lacks = |key: &str| !by_index.values().any(|k| *k == key);
    let mut giving: Vec<(&'static str, String)> = given
        .iter()
        .filter_map(|(key, value)| {
            let c = columns.iter().find(|c| c.key == *key)?;
            lacks(c.key).then(|| (c.key, value.to_string()))
        })
        .collect();
    let mut titled = Vec::new();
    let title: Vec<&str> = [file_name, s.name.as_str()]
        .into_iter()
        .chain(
            s.rows
                .iter()
                .take(header_row)
                .flat_map(|r| r.iter().map(|c| c.text.as_str())),
        )
        .collect();
    for c in columns
        .iter()
        .filter(|c| !c.from_title.is_empty() && lacks(c.key))
    {
        if giving.iter().any(|(k, _)| *k == c.key) {
            continue;
        }
        let found: Vec<&str> = c
            .from_title
            .iter()
            .copied()
            .filter(|v| title.iter().any(|t| t.contains(v)))
            .collect();
        if let [value] = found[..] {
            giving.push((c.key, value.to_string()));
            // Where it was read: the file's name, the sheet's, or a title row (it said
            // 按表名 of a file name: probe AN).
            let at = title.iter().position(|t| t.contains(value)).unwrap_or(0);
            let named = title.get(at).map(|t| t.trim()).unwrap_or(value);
            let whose = match at {
                0 => "文件名",
                1 => "工作表名",
                _ => "表格标题",
            };
            titled.push(format!(
                "文件没有“{}”列：按{whose}“{named}”，每一行的{}都是“{value}”。不是的，请加上这一列逐行填写。",
                c.header, c.header
            ));
        }
    }
    let mut given_cells = HashMap::new();
    for (key, text) in giving {
        let at = width + given_cells.len();
        by_index.insert(at, key);
        given_cells.insert(
            at,
            Cell {
                text,
                ..Cell::default()
            },
        );
    }
    let has = |key: &str| by_index.values().any(|k| *k == key);
    let missing: Vec<String> = columns
        .iter()
        .filter(|c| c.required && !has(c.key) && !c.instead.is_some_and(has))
        .map(|c| match c.instead {
            Some(other) => format!("{}（或{}）", c.header, header_of(columns, other)),
            None => c.header.to_string(),
        })
        .collect();
    if by_index.is_empty() {
        let sheet = if s.name.is_empty() {
            String::new()
        } else {
            format!("的工作表“{}”", s.name)
        };
        return Err(Error::validation(
            "file",
            format!(
                "文件“{file_name}”{sheet}里找不到{}表格的表头（如“{}”）。请确认选对了文件和工作表；如果是从网上平台导出的文件，请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。",
                label,
                columns.iter().filter(|c| c.required).map(|c| c.header).collect::<Vec<_>>().join("、")
            ),
        ));
    }
    if !missing.is_empty() {
        // The headers it did not know are most likely the missing ones under another
        // name: said, so the clerk knows which to rename.
        let unknown: Vec<&str> = ignored
            .iter()
            .map(String::as_str)
            .filter(|h| !h.is_empty())
            .collect();
        // With no header left unknown there is nothing to rename: the column is to
        // be added (a 网格员花名册 without 身份 was told to rename a header it lacks).
        let what = if unknown.is_empty() {
            format!(
                "请在表里加上{}并逐行填写（填法见{label}导入模板）",
                if missing.len() == 1 {
                    "这一列"
                } else {
                    "这几列"
                }
            )
        } else {
            format!(
                "请使用{label}导入模板，或把第 {} 行的表头改成模板里的名称（没有认出的表头：{}）；表里没有的列，请加上并逐行填写",
                header_row + 1,
                unknown.join("、")
            )
        };
        return Err(Error::validation(
            "file",
            format!(
                "文件“{file_name}”缺少必填列：{}。{what}。",
                missing.join("、"),
            ),
        ));
    }
    Ok(Layout {
        header_row,
        by_index,
        ignored,
        given: given_cells,
        titled,
    })
}

/// The columns that say whom or what a row is about, in the order they are looked at.
const NAME_KEYS: [&str; 2] = ["name", "title"];

/// The headers of a kind's key columns as a phrase: 事项名称和村/社区, 姓名、事件和日期.
fn key_words(columns: &[Column], key: &str, with: &[&str]) -> String {
    let headers: Vec<String> = std::iter::once(key)
        .chain(with.iter().copied())
        .map(|k| header_of(columns, k))
        .filter(|h| !h.is_empty())
        .collect();
    match headers.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}和{last}", rest.join("、")),
        _ => headers.concat(),
    }
}

fn header_of(columns: &[Column], key: &str) -> String {
    columns
        .iter()
        .find(|c| c.key == key)
        .map(|c| c.header.to_string())
        .unwrap_or_default()
}

/// A row ready to apply.
struct Ready<P> {
    parsed: P,
    existing: Option<String>,
    /// The row's number in the sheet, to name it should its write be refused.
    row: usize,
    /// Whom or what the row is about (its name or title column), as a problem names
    /// it: an older file's row is named so too (it said 第 13 行 only, probe N).
    name: Option<String>,
}

/// How the preview names the stored record a row is: the kind's own name of it,
/// else its label and the row's name (电话回访“陈九”, not 电话回访 alone).
fn record_named<K: RecordKind>(r: &Ready<K::Parsed>) -> String {
    let named = K::record_named(&r.parsed);
    match &r.name {
        Some(n) if named == K::LABEL => format!("{named}“{n}”"),
        _ => named,
    }
}

struct Analysis<P> {
    preview: Preview,
    ready: Vec<Ready<P>>,
    /// Rejected rows: (row index in the sheet, reasons).
    rejected: Vec<(usize, Vec<String>)>,
    layout: Layout,
    sheet: sheets::Sheet,
}

/// The file to import and which of its worksheets: by default the first visible
/// one; the preview names it and lists the others, so the clerk can pick another.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub sheet: Option<&'a str>,
    /// Values for columns the file lacks, by column key, as if every row held them:
    /// a sign-in sheet of 姓名 and 身份证号码 imported into the training opened on
    /// screen gets its 培训日期 and 培训主题 (probe S: it was refused for lacking them).
    /// A column the file has is read from the file.
    pub given: &'a [(&'a str, &'a str)],
}

impl<'a> From<&'a Path> for Source<'a> {
    fn from(path: &'a Path) -> Self {
        Source {
            path,
            sheet: None,
            given: &[],
        }
    }
}

impl<'a> From<&'a std::path::PathBuf> for Source<'a> {
    fn from(path: &'a std::path::PathBuf) -> Self {
        Source::from(path.as_path())
    }
}

/// [`analyse_rows`], with a panic anywhere in reading or parsing reported as a
/// damaged file instead of taking the app down.
fn analyse<K: RecordKind>(
    conn: &Connection,
    src: Source,
    today: NaiveDate,
) -> Result<Analysis<K::Parsed>> {
    let path = src.path;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyse_rows::<K>(conn, src, today)
    }))
    .unwrap_or_else(|_| {
        Err(Error::validation(
            "file",
            format!(
                "文件“{}”的内容无法处理（可能已损坏）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入；如果反复出现，请把文件交给技术支持。",
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            ),
        ))
    })
}

/// The file's sheet read, its header row found and its size checked: what
/// [`analyse_rows`] does before any row is parsed. Not generic over the kind (nor are
/// [`row_cells`] and [`reject_row`]): one copy in the binary, not one per kind.
fn read_source(
    src: Source,
    kind: &'static str,
    label: &str,
    columns: &[Column],
    reshape: fn(&sheets::Sheet) -> Result<Option<Reshaped>>,
) -> Result<(sheets::Sheet, Layout, Preview)> {
    let path = src.path;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut s = sheets::read_sheet(path, src.sheet)?;
    // A workbook of many lists (导出全部台账) holds this kind's under its name: that
    // sheet, unless the clerk chose one (probe T: 电话回访 read 人员名单, the first).
    if src.sheet.is_none() && s.name != label {
        if let Some(name) = s.sheets.iter().find(|n| n.trim() == label).cloned() {
            s = sheets::read_sheet(path, Some(&name))?;
        }
    }
    let mut reshaped = reshape(&s)?;
    // Workbooks often start with a 说明 or cover sheet: unless the clerk chose a
    // sheet, take the first visible one that has this kind's headers (the preview
    // names it, and the clerk can still pick another).
    if src.sheet.is_none() && reshaped.is_none() && !has_headers(columns, &s) {
        // The next few sheets only: each is a whole read of the file.
        for name in s.sheets.clone().iter().skip(1).take(9) {
            let other = sheets::read_sheet(path, Some(name))?;
            reshaped = reshape(&other)?;
            if reshaped.is_some() || has_headers(columns, &other) {
                s = other;
                break;
            }
        }
    }
    let reshape_note = reshaped.map(|(sheet, note)| {
        s = sheet;
        note
    });
    let layout = layout(columns, label, &s, &file_name, src.given).map_err(|e| match e {
        // A list of one level has no 层级: the import of that level takes it (probe W:
        // a 村/社区 list refused, with no word of where it goes).
        Error::Validation { field, message }
            if kind == "units" && message.contains("缺少必填列：层级") =>
        {
            Error::Validation {
                field,
                message: format!(
                    "{message}只有村/社区的名单，请用“导入村/社区名单”（命令行 --kind villages）；只有基础网格的，请用“导入基础网格名单”（--kind grids）。"
                ),
            }
        }
        e => e,
    })?;
    for row in s.rows.iter_mut().skip(layout.header_row + 1) {
        for cell in row.iter_mut() {
            if let Some(half) = crate::base::fields::half_width(&cell.text) {
                cell.text = half;
            }
        }
    }
    let data_rows = s
        .rows
        .iter()
        .skip(layout.header_row + 1)
        .filter(|r| r.iter().any(|c| !c.text.trim().is_empty()))
        .count();
    if data_rows > sheets::MAX_ROWS {
        return Err(Error::validation(
            "file",
            format!(
                "文件“{file_name}”有 {data_rows} 行数据（不含表头），超过每个文件 {} 行的上限。请拆成几个文件分别导入。",
                sheets::MAX_ROWS
            ),
        ));
    }
    let preview = Preview {
        kind,
        file_name,
        sheet_name: s.name.clone(),
        sheets: s.sheets.clone(),
        total_rows: 0,
        file_rows: None,
        valid_rows: 0,
        to_create: 0,
        to_update: 0,
        unchanged: 0,
        rejected_rows: 0,
        repeated_rows: 0,
        empty_rows: 0,
        ignored_columns: layout.ignored.clone(),
        problems: Vec::new(),
        name_header: NAME_KEYS
            .iter()
            .map(|k| header_of(columns, k))
            .find(|h| !h.is_empty())
            .unwrap_or_default(),
        notes: reshape_note
            .into_iter()
            .chain(layout.titled.iter().cloned())
            .chain(hidden_rows_note(&s, &layout))
            .collect(),
        near_rows: Vec::new(),
        file_saved_at: None,
        stale_rows: Vec::new(),
    };
    Ok((s, layout, preview))
}

/// The data rows the sheet hides (by hand or by 筛选) that hold something: imported
/// like the others, which a clerk who sees only the rows left visible must be told.
fn hidden_rows_note(s: &sheets::Sheet, layout: &Layout) -> Option<String> {
    let mut rows: Vec<usize> = s
        .hidden_rows
        .iter()
        .filter(|r| **r > layout.header_row)
        .filter(|r| {
            s.rows
                .get(**r)
                .is_some_and(|row| row.iter().any(|c| !c.text.trim().is_empty()))
        })
        .map(|r| s.excel_row(*r))
        .collect();
    // A flat table's row spread into several units is one row of the file.
    rows.dedup();
    const NAMED: usize = 10;
    let named: Vec<String> = rows.iter().take(NAMED).map(usize::to_string).collect();
    let more = if rows.len() > NAMED {
        format!(" 等 {} 行", rows.len())
    } else {
        " 行".to_string()
    };
    (!rows.is_empty()).then(|| {
        format!(
            "第 {}{more}在表格里被隐藏（或被筛选掉），看不见，但也会导入。只想导入看得见的行，请在 Excel 里取消筛选、删掉不要的行后再导入。",
            named.join("、")
        )
    })
}

/// A data row of the sheet, before parsing.
enum DataRow {
    Empty,
    /// A line under the table that is no record (see [`footer`]): what it is.
    Footer(&'static str),
    /// A cell longer than the limit, by its column's key (`None`: a column the kind
    /// does not read).
    TooLong(Option<&'static str>),
    /// Index into the row cells.
    Cells(usize),
}

/// A row under a hand-made table that is no record: its 合计 (总计, 小计) row, the
/// other cells numbers, or the sign-off under a printed list (制表人：… 审核人：…).
/// Almost every office file ends so; refused as a bad row, it also switched off the
/// warning that the file leaves stored records out.
pub(crate) fn footer(row: &[Cell]) -> Option<&'static str> {
    // Most rows are records: told apart by their first filled cell, before anything
    // is copied (a 100,000-row import reads every row here).
    let first = row.iter().map(|c| c.text.trim()).find(|t| !t.is_empty())?;
    // A village's own subtotal (汤泉社区小计) ends so.
    let subtotal =
        |t: &str| ["小计", "合计"].iter().any(|w| t.ends_with(w)) && t.chars().count() <= 20;
    if !first.starts_with([
        '合', '总', '小', '共', '制', '填', '审', '统', '负', '单', '联', '日', '注', '说',
    ]) && !subtotal(first)
    {
        return None;
    }
    let filled: Vec<String> = row
        .iter()
        .map(|c| {
            c.text
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect();
    let (first, rest) = filled.split_first()?;
    // A label merged across the first columns reads in each of them (probe Y: 合计
    // over 序号, 村 and 小区 asked for a village named 合计).
    let rest: Vec<&String> = rest.iter().filter(|t| *t != first).collect();
    let total = subtotal(first)
        || ["合计", "总计", "小计", "共计"].iter().any(|w| {
            first.strip_prefix(w).is_some_and(|after| {
                after.is_empty() || (after.starts_with(['：', ':']) && after.chars().count() <= 12)
            })
        });
    // A figure, or the formula that sums it (=SUM(F3:F7), its result not saved by
    // the tool that wrote the file); a count said in words too (共30件, 5 个单位; probes
    // AG and AI: the row was refused as a record).
    let figure = |t: &String| {
        let said = t.trim_start_matches(['共', '计']);
        t.starts_with('=')
            || said.chars().all(|c| {
                c.is_ascii_digit() || ".,，%-—人户个条项名次元件份处天万单位家所座".contains(c)
            })
    };
    if total && rest.iter().all(|t| figure(t)) {
        return Some("合计行");
    }
    // One note under the table (注：…, 说明：…).
    if rest.is_empty()
        && ["注：", "注:", "说明：", "说明:"]
            .iter()
            .any(|w| first.starts_with(w))
    {
        return Some("表下的说明");
    }
    const SIGNED: [&str; 15] = [
        "联系电话",
        "制表人",
        "填表人",
        "填报人",
        "审核人",
        "审批人",
        "统计人",
        "负责人",
        "单位负责人",
        "联系人",
        "制表日期",
        "填表日期",
        "填报日期",
        "制表单位",
        "日期",
    ];
    let signed = |t: &String| {
        SIGNED.iter().any(|w| {
            t.strip_prefix(w)
                .is_some_and(|after| after.starts_with(['：', ':']))
        })
    };
    if filled.iter().all(signed) {
        return Some("落款（制表人、审核人等）");
    }
    None
}

/// Every data row's cells by column key (so the kind can see the whole file once),
/// and each row in order: (index in the sheet, what it is).
fn row_cells<'s>(
    s: &'s sheets::Sheet,
    layout: &'s Layout,
) -> (Vec<RowCells<'s>>, Vec<(usize, DataRow)>) {
    let mut cells: Vec<RowCells> = Vec::new();
    let mut rows: Vec<(usize, DataRow)> = Vec::new();
    let header = s.rows.get(layout.header_row);
    for (index, row) in s.rows.iter().enumerate().skip(layout.header_row + 1) {
        let read = |i: &usize| layout.by_index.contains_key(i);
        // Empty in every column the kind reads (a template's blank row with its 序号
        // filled in), or the header row again (a sheet pasted under another).
        let blank = row
            .iter()
            .enumerate()
            .all(|(i, c)| !read(&i) || c.text.trim().is_empty());
        let header_again = header.is_some_and(|h| {
            row.iter()
                .enumerate()
                .filter(|(i, c)| {
                    read(i)
                        && !c.text.trim().is_empty()
                        && h.get(*i).is_some_and(|x| x.text.trim() == c.text.trim())
                })
                .count()
                >= 2
        });
        let r = if blank || header_again {
            DataRow::Empty
        } else if let Some(what) = footer(row) {
            DataRow::Footer(what)
        } else if let Some(at) = row
            .iter()
            .position(|c| c.text.chars().count() > sheets::MAX_CELL_CHARS)
        {
            DataRow::TooLong(layout.by_index.get(&at).copied())
        } else {
            // A column of the file is in every row: a reader drops the empty cells
            // at a row's end, and a blank cell there read as a column the file
            // lacks (kept the stored value) where the same blank before a filled
            // cell cleared it. But for a row whose blanks say nothing.
            let given_only = s.given_only.binary_search(&index).is_ok();
            cells.push(RowCells {
                row: s.excel_row(index),
                cells: layout
                    .by_index
                    .iter()
                    .map(|(i, key)| {
                        let given = layout.given.get(i);
                        (*key, row.get(*i).or(given).unwrap_or(&EMPTY_CELL))
                    })
                    .filter(|(_, c)| !given_only || !c.text.trim().is_empty())
                    .collect(),
            });
            DataRow::Cells(cells.len() - 1)
        };
        rows.push((index, r));
    }
    (cells, rows)
}

/// A cell of a column the file has, past the end of a row whose last cells are
/// empty.
static EMPTY_CELL: Cell = Cell {
    text: String::new(),
    numeric: false,
    formula_without_value: false,
};

/// What Excel writes in a cell whose formula failed.
const EXCEL_ERRORS: &[&str] = &[
    "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#DATA!", "#SPILL!",
    "#CALC!",
];

/// Problems any kind's row has in its cells, found before the kind parses it (one
/// copy for every kind): a formula's error (#N/A) where a value should be; a
/// formula the file holds no result for (read as empty, it would clear the value
/// the stored record has); a text
/// column (codes, numbers) that Excel stored as a number of more than 15 digits,
/// whose last digits it has already changed; invisible characters in the column
/// that names the record (沈文华 with a zero-width space looks like 沈文华 and would
/// be a second leader).
fn cell_problems(columns: &[Column], key_column: &str, row: &RowCells) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in columns {
        let Some(cell) = row.cell(c.key) else {
            continue;
        };
        let text = cell.text.trim();
        if cell.formula_without_value {
            let shown: String = text.chars().take(40).collect();
            let more = if shown.len() < text.len() { "…" } else { "" };
            out.push((
                c.header.to_string(),
                format!("单元格是公式（{shown}{more}），但文件里没有保存它的计算结果（有些软件生成的表格不计算公式）。请用 Excel 或 WPS 打开这个文件、保存一次后再导入，或把公式改成要导入的内容。"),
            ));
        } else if EXCEL_ERRORS.contains(&text) {
            out.push((
                c.header.to_string(),
                format!("单元格是公式出错的结果（{text}），请在 Excel 里改正公式，或把它改成要导入的内容后再导入。"),
            ));
        } else if is_date_column(c) && cell.numeric && month_or_october(text) {
            // Typed 2023.10 in a 常规 cell, Excel keeps the number 2023.1: January
            // and October read alike, and the file cannot tell which was meant.
            out.push((
                c.header.to_string(),
                format!(
                    "“{text}”被 Excel 存成了数字，分不清是 {}年1月 还是 {}年10月（输入 2023.10 时 Excel 会去掉末尾的 0）。请改写成 {}-10-01 这样的日期，或把这一列设为“文本”格式后重新输入。",
                    &text[..4], &text[..4], &text[..4]
                ),
            ));
        } else if lost_digits(c, cell) {
            out.push((
                c.header.to_string(),
                format!(
                    "{}被 Excel 存成了数字（{text}），超过 15 位的数字 Excel 会改掉后几位。请把这一列设为“文本”格式，重新输入后再导入。",
                    c.header
                ),
            ));
        } else if c.key == key_column {
            if let Some(ch) = text
                .chars()
                .find(|ch| crate::base::canon::is_invisible(*ch))
            {
                out.push((
                    c.header.to_string(),
                    format!(
                        "含有看不见的字符（U+{:04X}），和别的名称看起来一样却不相同。请删除后再导入。",
                        ch as u32
                    ),
                ));
            }
        }
    }
    out
}

/// A text column's cell (an ID number, a code) that Excel stored as a number of more
/// than 15 digits: its last digits are already changed, and no check can tell.
fn lost_digits(c: &Column, cell: &Cell) -> bool {
    c.text && cell.numeric && cell.text.chars().filter(char::is_ascii_digit).count() > 15
}

/// Whether a column holds a day (登记日期, 实际完成 …): keys end in `On` or `Date`,
/// or are `date`, `actualStart` or `actualEnd`; a test holds every kind's columns to it.
pub fn is_date_column(c: &Column) -> bool {
    c.key.ends_with("On")
        || c.key.ends_with("Date")
        || matches!(c.key, "date" | "actualStart" | "actualEnd")
}

/// Reads an Excel date serial (44582) in a date column as its day (2022-01-21): a
/// date cell that lost its format (a copy pasted as values, a CSV saved from it)
/// keeps the day's number, and in a date column such a number means only that day.
/// It refused the row, optional column or not: 10 of a township's 51 网格员 went
/// missing over their 入职时间 (probe AM). Returns the note saying so, naming the
/// first such cell, for the preview and the summary.
fn read_date_serials(s: &mut sheets::Sheet, layout: &Layout, columns: &[Column]) -> Option<String> {
    let dated: Vec<usize> = layout
        .by_index
        .iter()
        .filter(|(_, key)| columns.iter().any(|c| c.key == **key && is_date_column(c)))
        .map(|(i, _)| *i)
        .collect();
    if dated.is_empty() {
        return None;
    }
    let header_of = |s: &sheets::Sheet, i: usize| {
        s.rows
            .get(layout.header_row)
            .and_then(|h| h.get(i))
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default()
    };
    let mut first: Option<String> = None;
    let mut n = 0;
    for index in layout.header_row + 1..s.rows.len() {
        for &i in &dated {
            let Some(cell) = s.rows[index].get(i) else {
                continue;
            };
            let Some(day) = crate::base::fields::date_serial(&cell.text) else {
                continue;
            };
            let was = cell.text.trim().to_string();
            n += 1;
            if first.is_none() {
                first = Some(format!(
                    "第 {} 行{}“{was}”即 {day}",
                    s.excel_row(index),
                    header_of(s, i)
                ));
            }
            if let Some(cell) = s.rows[index].get_mut(i) {
                cell.text = day;
                cell.numeric = false;
            }
        }
    }
    let first = first?;
    Some(format!(
        "有 {n} 个日期是 Excel 的日期序号（如{first}），单元格丢了日期格式，已按日期读入。请核对；以后可在 Excel 里把这一列设为日期格式。"
    ))
}

/// The date cells of a refused row that are not dates, beside the problem the kind
/// found first (a column it already speaks of is not said twice).
fn other_bad_dates(
    columns: &[Column],
    row: &RowCells,
    said: &[(String, String)],
) -> Vec<(String, String)> {
    columns
        .iter()
        .filter(|c| is_date_column(c) && !said.iter().any(|(h, _)| h == c.header))
        .filter_map(|c| {
            let e = crate::base::fields::parse_date(c.key, c.header, row.get(c.key)).err()?;
            Some((c.header.to_string(), e.to_string()))
        })
        .collect()
}

/// A date written to the month only (2019.6, 2019-06, 2019/6, 2019年6月), which
/// the date reading takes as the month's 1st.
pub(crate) fn is_month_only(text: &str) -> bool {
    let text = text.trim().trim_end_matches('月');
    let Some((year, month)) = text.split_once(['.', '-', '/', '年']) else {
        return false;
    };
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && !month.is_empty()
        && month.len() <= 2
        && month.bytes().all(|b| b.is_ascii_digit())
        && month.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
}

/// A number that may be a month typed as 2023.1 or as 2023.10 (Excel drops the last 0).
fn month_or_october(text: &str) -> bool {
    text.len() == 6 && text.ends_with(".1") && text[..4].bytes().all(|b| b.is_ascii_digit())
}

/// Each problem under the column's header as the file writes it (离岗日期), where it
/// was named by the template's (变动日期, a column the clerk's file does not show).
fn said_under_file_headers(
    columns: &[Column],
    s: &sheets::Sheet,
    layout: &Layout,
    preview: &mut Preview,
    rejected: &mut [(usize, Vec<String>)],
) {
    let Some(header) = s.rows.get(layout.header_row) else {
        return;
    };
    let shown: HashMap<String, String> = layout
        .by_index
        .iter()
        .filter_map(|(i, key)| {
            let written = header.get(*i)?.text.trim();
            let template = header_of(columns, key);
            // 到岗日期* or 到岗日期（必填） is the template's own: said as the template says it.
            (column_for(columns, written).is_some()
                && normalize_header(written) != normalize_header(&template))
            .then(|| (template, written.to_string()))
        })
        .collect();
    if shown.is_empty() {
        return;
    }
    // The column, and the message when it starts by naming it (变动日期“2026-13-01”…).
    let renamed = |column: &str, message: &str| -> Option<(String, String)> {
        let h = shown.get(column)?;
        let message = match message.strip_prefix(column) {
            Some(rest) => format!("{h}{rest}"),
            None => message.to_string(),
        };
        Some((h.clone(), message))
    };
    for p in &mut preview.problems {
        if let Some((c, m)) = renamed(&p.column, &p.message) {
            (p.column, p.message) = (c, m);
        }
    }
    for (_, lines) in rejected {
        for line in lines {
            if let Some((c, m)) = line.split_once('：').and_then(|(c, m)| renamed(c, m)) {
                *line = format!("{c}：{m}");
            } else if let Some((template, written)) =
                shown.iter().find(|(t, _)| line.starts_with(t.as_str()))
            {
                // A message that begins with its column is written without a
                // 列：prefix (到岗日期“44582”是 Excel 的日期序号…): its start is
                // renamed (probe AM: the 错误原因 said 到岗日期 beside 入职时间).
                *line = format!("{written}{}", &line[template.len()..]);
            }
        }
    }
}

/// Records a refused row: in the preview (a problem per column) and in the rows
/// the error workbook lists.
fn reject_row(
    preview: &mut Preview,
    rejected: &mut Vec<(usize, Vec<String>)>,
    (index, row): (usize, usize),
    problems: Vec<(String, String)>,
    name: Option<String>,
) {
    preview.rejected_rows += 1;
    rejected.push((
        index,
        problems
            .iter()
            // The column once, where the message does not begin with it already
            // (户数：户数只能填写…), each sentence whole.
            .map(|(c, m)| {
                if c.is_empty() || m.starts_with(c.as_str()) {
                    m.clone()
                } else {
                    format!("{c}：{m}")
                }
            })
            .collect(),
    ));
    for (column, message) in problems {
        preview.problems.push(Problem {
            row,
            column,
            message,
            name: name.clone(),
        });
    }
}

/// Whether two rows of one key hold the same text in every other column of the
/// kind (the key's own cells may differ as the key reads them alike: m01, M01).
fn same_cells(columns: &[Column], key: &str, a: &RowCells, b: &RowCells) -> bool {
    // A number written with dashes or spaces is the number (139-1234-5678 and
    // 13912345678 were two rows that differ, probe Y): as every kind stores it.
    let number = |t: &str| -> Option<String> {
        let digits: String = t
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '－'))
            .collect();
        (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
    };
    columns.iter().all(|c| {
        let (x, y) = (a.get(c.key), b.get(c.key));
        c.key == key || x == y || number(x).is_some_and(|n| number(y) == Some(n))
    })
}

/// What [`withdraw`] changes when a row already in `ready` is taken back.
struct Withdrawal<'w, 's, P> {
    placed: &'w mut HashMap<usize, (usize, usize)>,
    withdrawn: &'w mut Vec<bool>,
    ready: &'w [Ready<P>],
    preview: &'w mut Preview,
    rejected: &'w mut Vec<(usize, Vec<String>)>,
    cells: &'w [RowCells<'s>],
    /// The columns a refused row is named by (its name or title, else its key).
    name_keys: &'w [&'w str],
    /// With its key, the columns that tell it apart ([`row_name`]).
    name_with: &'w [&'w str],
}

/// Whom or what a row is about: its first filled `keys` column, and when it is
/// named by its key, the columns that key goes with in brackets (杨柳村（韩立）: the
/// point of 韩立 of the two on 杨柳村, probe AA).
fn row_name(cells: &RowCells, keys: &[&str], with: &[&str]) -> Option<String> {
    let name = keys.iter().map(|k| cells.get(k)).find(|v| !v.is_empty())?;
    let also: Vec<&str> = with
        .iter()
        .map(|k| cells.get(k))
        .filter(|v| !v.is_empty())
        .collect();
    Some(if also.is_empty() {
        name.to_string()
    } else {
        format!("{name}（{}）", also.join("、"))
    })
}

/// Takes the sheet's row `index` (Excel row `row`) back out of the import (a later
/// row claims its record with other values): uncounted, its notes dropped, refused
/// with `problem`.
fn withdraw<P>(w: &mut Withdrawal<P>, (index, row): (usize, usize), problem: (String, String)) {
    let Some((at, cells)) = w.placed.remove(&index) else {
        return;
    };
    w.withdrawn[at] = true;
    if w.ready[at].existing.is_some() {
        w.preview.to_update -= 1;
    } else {
        w.preview.to_create -= 1;
    }
    let prefix = format!("第 {row} 行：");
    w.preview.notes.retain(|n| !n.starts_with(&prefix));
    let name = row_name(&w.cells[cells], w.name_keys, w.name_with);
    reject_row(w.preview, w.rejected, (index, row), vec![problem], name);
}

/// What a file that names nearly all of a kind's stored records but not all is
/// told: the ones it leaves out stay. A clerk who deletes rows from an exported list
/// and imports it back expects them gone; an import never deletes. `None` when the
/// file leaves out more than one in ten and more than two, or a quarter or more (a
/// file of a part: one committee's members, a one-row correction, a new batch; a
/// kind scopes what a file is of through [`RecordKind::absent`]'s rows), or nothing.
/// `unit`: the kind's measure word.
/// Whether a record said to be missing (`n`, as the note names it) is the one a
/// refused row names (`r`, its name cell): the same name, the name in quotes after
/// what the record is (基本履职事项“两委班子建设”, probe T: twelve kinds called a
/// refused row's record missing), or what the record is of (新庄组的党支部, 何静 →
/// 杨柳村).
fn names_the_same(n: &str, r: &str) -> bool {
    let r = r.trim();
    if r.is_empty() {
        return false;
    }
    // `r` stands in `n` as a whole: between the ends, spaces, quotes, 对 … 的, brackets.
    let before = |c: Option<char>| c.is_none_or(|c| " “对>（(".contains(c));
    let after = |c: Option<char>| c.is_none_or(|c| " ”的（(、,，".contains(c));
    n.match_indices(r).any(|(at, _)| {
        before(n[..at].chars().next_back()) && after(n[at + r.len()..].chars().next())
    })
}

fn absent_note(label: &str, unit: &str, a: &crate::sheets::rows::Absent) -> Option<String> {
    let named = a.total - a.missing;
    if a.missing == 0 || a.missing > (a.total / 10).max(2) || named < 3 * a.missing {
        return None;
    }
    let more = if a.missing > a.names.len() { "等" } else { "" };
    // 个小区, 人次, 个单位: the word before the noun.
    let unit = unit.chars().next().map_or("条".to_string(), String::from);
    let what = a
        .what
        .clone()
        .unwrap_or_else(|| format!("{unit}已有的{label}"));
    let instead = a.instead.unwrap_or(
        "导入只新增和修改，不会删除它们；要删除，请在软件里删除（删除的记录进回收站，可以恢复）。如果是在文件里改了它们的名称或编号，请在软件里修改，不要导入成新的一条。",
    );
    Some(format!(
        "文件里没有 {} {what}（{}{more}）。{instead}",
        a.missing,
        a.names.join("、"),
    ))
}

/// What a row alike in every column to row `first` is told when `first` goes in.
fn copy_of_placed(first: usize, key_header: &str) -> String {
    format!("与第 {first} 行重复（同一{key_header}，导入的其他各列也相同），只导入第 {first} 行。")
}

/// What a row alike in every column to row `first` is told when `first` does not go in.
fn copy_of_refused(first: usize, key_header: &str) -> String {
    format!(
        "与第 {first} 行重复（同一{key_header}，导入的其他各列也相同）。第 {first} 行没有导入，这一行也不导入：请按第 {first} 行的提示改正后再导入。"
    )
}

fn analyse_rows<K: RecordKind>(
    conn: &Connection,
    src: Source,
    today: NaiveDate,
) -> Result<Analysis<K::Parsed>> {
    let columns = K::COLUMNS;
    let (mut s, layout, mut preview) = read_source(src, K::NAME, K::LABEL, columns, K::reshape)?;
    let serials = read_date_serials(&mut s, &layout, columns);
    // A kind without a name or title column is named by its key (三亮: the 小区),
    // under the key's header.
    let named_by_key = preview.name_header.is_empty();
    if named_by_key {
        preview.name_header = header_of(columns, K::KEY_COLUMN);
    }
    let (name_keys, name_with): (&[&str], &[&str]) = if named_by_key {
        (&[K::KEY_COLUMN], K::KEY_WITH)
    } else {
        (&NAME_KEYS, &[])
    };
    // What two rows of one key are told: the key's column, and all its columns.
    let key_header = header_of(columns, K::KEY_COLUMN);
    let key_words = key_words(columns, K::KEY_COLUMN, K::KEY_WITH);
    let mut ready = Vec::new();
    let mut rejected = Vec::new();
    // Rows are told apart by their place in the sheet (`index`) and named by their
    // Excel row (`excel_row`): a flat 网格划分表's row spread into several units
    // gives them one Excel row (see `RecordKind::reshape`).
    // Each key's first row: (its index, its cells).
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    // Rows refused as a copy of a first row that went in: (Excel row, first's index).
    let mut copies: Vec<(usize, usize, usize)> = Vec::new();
    // The stored records rows update, by the row (index) that does.
    let mut targeted: HashMap<String, usize> = HashMap::new();
    // The rows in `ready`, by their index: (place in `ready`, cells).
    // A later row that claims the same record with other values takes the first
    // back out: the first of two differing rows went in unsaid, and a key typed
    // over another record's key rewrote that record while the right row was the
    // one refused.
    let mut placed: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut withdrawn: Vec<bool> = Vec::new();
    // New rows that are a stored record but for one column, by their index:
    // said once every row is read, for the records no row of the file updates.
    let mut near_cache: crate::sheets::rows::NearCache = None;
    let mut near: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    // The stored records rows match, whether they go in or not; and whether a row
    // was refused before it was read as a record (it may be one of those the file
    // seems to leave out: then nothing is said of them).
    let mut mentioned: std::collections::HashSet<String> = Default::default();
    let mut unread_rows = 0usize;
    // Rows the kind's own note speaks of (诉求: another day's demand of that title).
    let mut noted: std::collections::HashSet<usize> = std::collections::HashSet::new();
    // Dates written to the month only (2019.6, 2019年6月), read as its 1st: how many,
    // and the first one, said once for the file (设立日期 and 到岗日期 decide periods).
    let mut month_only: (usize, Option<String>) = (0, None);
    // The file's own rows behind a spread table's (Preview::file_rows).
    let mut file_rows: std::collections::HashSet<usize> = Default::default();
    // Each column as the file heads it (入职时间, where the template says 到岗日期).
    let written_headers: HashMap<&str, String> = s
        .rows
        .get(layout.header_row)
        .map(|header| {
            layout
                .by_index
                .iter()
                .filter_map(|(i, key)| {
                    let h = header.get(*i)?.text.trim();
                    (!h.is_empty()).then(|| (*key, h.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    // First every row's cells (so the kind can see the whole file once), then each
    // row parsed in order against the lookup built from them.
    let (cells, rows) = row_cells(&s, &layout);
    let mut lookup = K::Lookup::build(conn, &cells)?;
    let present = |key: &str| layout.by_index.values().any(|k| *k == key);
    // Whether the file lacks some of the kind's columns, which an update could clear.
    let lacks_columns = !K::KEEPS_ABSENT_COLUMNS && columns.iter().any(|c| !present(c.key));
    let mut unfilled = 0usize;
    for (index, row) in &rows {
        let index = *index;
        let excel_row = s.excel_row(index);
        if matches!(row, DataRow::Cells(i) if K::unfilled(&cells[*i])) {
            unfilled += 1;
            continue;
        }
        let mut problems: Vec<(String, String)> = Vec::new();
        // What any kind refuses in a row's cells, before the kind parses it.
        let mut found = match row {
            DataRow::Cells(i) => cell_problems(columns, K::KEY_COLUMN, &cells[*i]),
            _ => Vec::new(),
        };
        match row {
            DataRow::Empty => {
                preview.empty_rows += 1;
                continue;
            }
            DataRow::Footer(what) => {
                // Said by its own note, not counted again as a blank row (a flat
                // table's 合计 and 落款 read 空行 2 行 beside those notes).
                preview.notes.push(format!(
                    "第 {excel_row} 行：这是{what}，不是一条记录，没有导入。"
                ));
                continue;
            }
            DataRow::TooLong(key) => {
                unread_rows += 1;
                problems.push((
                    key.map(|k| header_of(columns, k)).unwrap_or_default(),
                    format!(
                        "{}超过 {} 个字，请检查是否粘贴错了内容；长的说明可以放在附件里。",
                        if key.is_some() {
                            "这一格"
                        } else {
                            "这一行有一格"
                        },
                        sheets::MAX_CELL_CHARS
                    ),
                ))
            }
            DataRow::Cells(_) if !found.is_empty() => {
                unread_rows += 1;
                problems.append(&mut found)
            }
            DataRow::Cells(i) => match K::parse(conn, &mut lookup, &cells[*i], today) {
                Ok(parsed) => {
                    let key = K::key(&parsed);
                    // Two rows that differ and claim one record: (the first row, what
                    // each is told of the other). Neither goes in.
                    let mut clash: Option<(usize, String)> = None;
                    if let Some(&(first, first_cells)) = seen.get(&key) {
                        let same =
                            same_cells(columns, K::KEY_COLUMN, &cells[first_cells], &cells[*i]);
                        let first_row = s.excel_row(first);
                        if same && placed.contains_key(&first) {
                            // Refused below if a later row takes the first back.
                            copies.push((index, *i, first));
                            preview.repeated_rows += 1;
                            preview.notes.push(format!(
                                "第 {excel_row} 行：{}",
                                copy_of_placed(first_row, &key_words)
                            ));
                        } else if same {
                            // The first is refused (or taken back by another row):
                            // this copy of it is too, for the same reason.
                            problems
                                .push((key_header.clone(), copy_of_refused(first_row, &key_words)));
                        } else {
                            // Which columns differ, said by name; the kind's advice
                            // where it is about those.
                            let differ: Vec<&Column> = columns
                                .iter()
                                .filter(|c| {
                                    c.key != K::KEY_COLUMN
                                        && cells[first_cells].get(c.key) != cells[*i].get(c.key)
                                })
                                .collect();
                            let advice = if K::REPEATED_KEY_WHEN.is_empty()
                                || differ.iter().all(|c| K::REPEATED_KEY_WHEN.contains(&c.key))
                            {
                                K::REPEATED_KEY
                            } else {
                                ""
                            };
                            let which: Vec<&str> = differ.iter().map(|c| c.header).collect();
                            clash = Some((
                                first,
                                format!(
                                    "重复（同一{key_words}），同一个文件里只能出现一次。这两行的{}不同，都没有导入：请核对后删掉或改正其中一行再导入。{advice}",
                                    crate::base::fields::first_few(&which, 3)
                                ),
                            ));
                        }
                    } else {
                        seen.insert(key, (index, *i));
                        let existing = K::existing(conn, &mut lookup, &parsed)?;
                        if let Some(id) = &existing {
                            mentioned.insert(id.clone());
                        }
                        // Two rows of other keys that land on one stored record (a
                        // demand's title twice, in two villages, when one is stored):
                        // the second would undo the first without a word.
                        let twice = existing.as_deref().and_then(|id| targeted.get(id)).copied();
                        // Missing columns first: a missing 状态 reads as the first step.
                        let cleared: Vec<String> = match existing.as_deref() {
                            Some(id) if lacks_columns => {
                                K::clears(conn, &parsed, id, today, &present)
                                    .into_iter()
                                    .map(|k| header_of(columns, k))
                                    .collect()
                            }
                            _ => Vec::new(),
                        };
                        let clears = !cleared.is_empty();
                        let back = existing
                            .as_deref()
                            .filter(|_| !clears)
                            .and_then(|id| K::refuses_update(conn, &parsed, id));
                        if let Some(first) = twice {
                            clash = Some((
                                first,
                                format!(
                                    "对应同一条已有{}，同一条记录只能由一行更新，这两行都没有导入。请核对这两行，删掉或改正其中一行。",
                                    K::LABEL
                                ),
                            ));
                        } else if clears {
                            problems.push((
                                String::new(),
                                format!(
                                    "这一行对应已有的{}，但文件缺少“{}”列，导入会改掉或清空已有记录的这些内容，所以没有导入。请把这些列加上（用完整的导入模板，或本软件导出的台账）再导入。",
                                    K::LABEL,
                                    cleared.join("、")
                                ),
                            ));
                        } else if let Some((column, message)) = back {
                            problems.push((header_of(columns, column), message));
                        } else if existing.is_some() {
                            preview.to_update += 1;
                        } else {
                            preview.to_create += 1;
                        }
                        if !clears && problems.is_empty() && clash.is_none() {
                            if let Some(n) = K::note(&parsed) {
                                if n.starts_with(NEAR_NOTE) {
                                    preview.near_rows.push(excel_row);
                                }
                                preview.notes.push(format!("第 {excel_row} 行：{n}"));
                                noted.insert(excel_row);
                            }
                            // Only an update can empty anything: a new row's blanks
                            // are not looked at (an import of new people stays as fast).
                            let emptied = match existing.as_deref() {
                                Some(id) => {
                                    let blank: Vec<&'static str> = columns
                                        .iter()
                                        .filter(|c| {
                                            cells[*i].has(c.key) && cells[*i].get(c.key).is_empty()
                                        })
                                        .map(|c| c.key)
                                        .collect();
                                    if blank.is_empty() {
                                        Vec::new()
                                    } else {
                                        K::empties(conn, &parsed, id, today, &blank)
                                    }
                                }
                                None => Vec::new(),
                            };
                            for c in columns.iter().filter(|c| is_date_column(c)) {
                                let text = cells[*i].get(c.key).trim();
                                if is_month_only(text) {
                                    month_only.0 += 1;
                                    month_only.1.get_or_insert_with(|| {
                                        let header = written_headers
                                            .get(c.key)
                                            .map_or(c.header, String::as_str);
                                        format!("第 {excel_row} 行{header}“{text}”")
                                    });
                                }
                            }
                            // Only a row that goes in claims its record: a refused one
                            // leaves it to the next.
                            if let Some(id) = existing.as_deref() {
                                targeted.insert(id.to_string(), index);
                            }
                            if !emptied.is_empty() {
                                preview.notes.push(format!(
                                    "第 {excel_row} 行：会清空已有{}的{}：文件里这些格子是空的。{}不想清空的，请填上后再导入。",
                                    K::record_named(&parsed),
                                    emptied.join("、"),
                                    K::CLEARED_MEANS
                                ));
                            }
                            if existing.is_none() {
                                let found = K::near(conn, &parsed, today, &mut near_cache);
                                if !found.is_empty() {
                                    near.push((index, found));
                                }
                            }
                            placed.insert(index, (ready.len(), *i));
                            withdrawn.push(false);
                            ready.push(Ready {
                                parsed,
                                existing,
                                row: excel_row,
                                name: row_name(&cells[*i], name_keys, name_with),
                            });
                        }
                    }
                    if let Some((first, said)) = clash {
                        let first_row = s.excel_row(first);
                        problems.push((key_header.clone(), format!("与第 {first_row} 行{said}")));
                        withdraw(
                            &mut Withdrawal {
                                placed: &mut placed,
                                withdrawn: &mut withdrawn,
                                ready: &ready,
                                preview: &mut preview,
                                rejected: &mut rejected,
                                cells: &cells,
                                name_keys,
                                name_with,
                            },
                            (first, first_row),
                            (key_header.clone(), format!("与第 {excel_row} 行{said}")),
                        );
                    }
                }
                Err(list) => {
                    match K::refused_names(conn, &cells[*i]) {
                        Some(id) => {
                            mentioned.insert(id);
                        }
                        None => unread_rows += 1,
                    }
                    for (key, message) in list {
                        // A value the kind asks for in a column the file does not have.
                        let missing = !key.is_empty()
                            && columns.iter().any(|c| c.key == key)
                            && !present(key);
                        let message = if missing {
                            format!(
                                "{message}（文件里没有“{}”这一列，请加上这一列再导入。）",
                                header_of(columns, key)
                            )
                        } else {
                            message
                        };
                        problems.push((header_of(columns, key), message));
                    }
                    // A kind stops at its first problem; the row's other dates are
                    // checked here, so one round of corrections mends them all.
                    problems.extend(other_bad_dates(columns, &cells[*i], &problems));
                }
            },
        }
        preview.total_rows += 1;
        if !s.row_numbers.is_empty() {
            file_rows.insert(s.excel_row(index));
        }
        if !problems.is_empty() {
            // The row's name or title, so the preview can say whose row it is.
            let name = match row {
                DataRow::Cells(i) => row_name(&cells[*i], name_keys, name_with),
                _ => None,
            };
            reject_row(
                &mut preview,
                &mut rejected,
                (index, excel_row),
                problems,
                name,
            );
        }
    }
    if unfilled > 0 {
        preview
            .notes
            .push(format!("有 {unfilled} 行{}，没有导入。", K::UNFILLED));
    }
    for (index, found) in near {
        let row = s.excel_row(index);
        let unmatched = found.into_iter().find(|(id, _)| !targeted.contains_key(id));
        let said_already = noted.contains(&row);
        if let (true, false, Some((_, said))) =
            (placed.contains_key(&index), said_already, unmatched)
        {
            preview.notes.push(format!("第 {row} 行：{said}"));
            if said.starts_with(NEAR_NOTE) {
                preview.near_rows.push(row);
            }
        }
    }
    // A copy told its first row goes in, whose first a later differing row took
    // back (A, A, A′): nothing of that key goes in, and the copy is refused so.
    for (index, at, first) in copies {
        if placed.contains_key(&first) {
            continue;
        }
        let (row, first) = (s.excel_row(index), s.excel_row(first));
        let was = format!("第 {row} 行：{}", copy_of_placed(first, &key_words));
        preview.notes.retain(|n| *n != was);
        preview.repeated_rows -= 1;
        let name = row_name(&cells[at], name_keys, name_with);
        reject_row(
            &mut preview,
            &mut rejected,
            (index, row),
            vec![(key_header.clone(), copy_of_refused(first, &key_words))],
            name,
        );
    }
    let going: Vec<(&K::Parsed, bool)> = ready
        .iter()
        .zip(&withdrawn)
        .filter(|(_, out)| !**out)
        .map(|(r, _)| (&r.parsed, r.existing.is_some()))
        .collect();
    if !file_rows.is_empty() {
        preview.file_rows = Some(file_rows.len());
    }
    preview.notes.extend(K::file_note(conn, &going));
    preview.notes.extend(serials);
    if let (n, Some(first)) = month_only {
        let each = if n > 1 {
            format!("有 {n} 个日期只写到了月（如{first}），都")
        } else {
            format!("{first}只写到了月，")
        };
        preview.notes.push(format!(
            "{each}按当月 1 日导入。如不是 1 日，请写出具体日期。"
        ));
    }
    // Said even while some rows could not be read (a renamed unit went in as a new
    // one beside a bad row, unsaid): those rows may be some of the records named.
    if !mentioned.is_empty() {
        let going_in: Vec<&K::Parsed> = ready
            .iter()
            .zip(&withdrawn)
            .filter(|(_, out)| !**out)
            .map(|(r, _)| &r.parsed)
            .collect();
        // A refused row the problem list names (杨柳村冬季送温暖, row 14) is not a
        // record the file lacks: said so, it read as if the row were lost.
        let refused: HashSet<&str> = preview
            .problems
            .iter()
            .filter_map(|p| p.name.as_deref())
            .collect();
        let absent = K::absent(conn, &mentioned, &going_in).map(|mut a| {
            let before = a.names.len();
            // Names are said in quotes (“杨柳村冬季送温暖”), or as what a record is of
            // (新庄组的党支部: the row names 新庄组, probe N).
            // A row named by its key with what goes with it (年终台账规范整理（2026-11-06）,
            // [`row_name`]) by the key alone too.
            let bare = |r: &str| r.split_once('（').map_or("", |(k, _)| k).to_string();
            a.names.retain(|n| {
                !refused
                    .iter()
                    .any(|r| names_the_same(n, r) || names_the_same(n, &bare(r)))
            });
            a.missing -= before - a.names.len();
            a
        });
        if let Some(note) = absent.and_then(|a| absent_note(K::LABEL, K::WIZARD.unit, &a)) {
            preview.notes.push(if unread_rows > 0 {
                format!("{note}（另有 {unread_rows} 行有错误、没有读出是哪条记录，其中可能有这些记录；改好后再检查一次。）")
            } else {
                note
            });
        }
    }
    // The notes in sheet order, the file's own first: a row's near-record note
    // came after every other note, past the 20 the window shows.
    preview.notes.sort_by_key(|n| row_of(n));
    let ready: Vec<_> = ready
        .into_iter()
        .zip(withdrawn)
        .filter_map(|(r, out)| (!out).then_some(r))
        .collect();
    // Only a row that goes in can be left out (one taken back is refused).
    if !preview.near_rows.is_empty() {
        let going: HashSet<usize> = ready.iter().map(|r| r.row).collect();
        preview.near_rows.retain(|row| going.contains(row));
    }
    // A row taken back is refused after the rows below it: in sheet order again.
    rejected.sort_by_key(|(index, _)| *index);
    preview.problems.sort_by_key(|p| p.row);
    preview.valid_rows = ready.len();
    said_under_file_headers(columns, &s, &layout, &mut preview, &mut rejected);
    Ok(Analysis {
        preview,
        ready,
        rejected,
        layout,
        sheet: s,
    })
}

/// Reads and checks a file without writing anything.
pub fn preview<'a, K: RecordKind>(
    conn: &Connection,
    src: impl Into<Source<'a>>,
    today: NaiveDate,
) -> Result<Preview> {
    // One read transaction for the whole check: outside one, each of the many small
    // reads (a lookup, a stored record) opens and closes its own.
    let _read = if conn.is_autocommit() {
        Some(conn.unchecked_transaction()?)
    } else {
        None
    };
    let src: Source = src.into();
    let saved = saved_at(src.path);
    let Analysis {
        mut preview, ready, ..
    } = analyse::<K>(conn, src, today)?;
    preview.file_saved_at = saved.map(crate::store::stamp);
    let changed_at = |id: &str| -> Option<chrono::DateTime<chrono::Utc>> {
        if K::stored_in().is_empty() {
            return None;
        }
        let at: String = conn
            .prepare_cached(&format!(
                "SELECT updated_at FROM {} WHERE id = ?1",
                K::stored_in()
            ))
            .and_then(|mut st| st.query_row([id], |r| r.get(0)))
            .ok()?;
        chrono::DateTime::parse_from_rfc3339(&at)
            .ok()
            .map(|d| d.with_timezone(&chrono::Utc))
    };
    // Asked here, not in `analyse`: an import's commit has no use for it. Each
    // update says what it changes, for the first rows of a file.
    let mut described = 0usize;
    let mut more = 0usize;
    let mut changes: Vec<String> = Vec::new();
    for r in &ready {
        let Some(id) = r.existing.as_deref() else {
            continue;
        };
        if K::unchanged(conn, &r.parsed, id, today) {
            preview.unchanged += 1;
            continue;
        }
        // Changed here after the file was saved: the row is of an older list.
        if let (Some(saved), Some(at)) = (saved, changed_at(id)) {
            if at > saved {
                preview.stale_rows.push(StaleRow {
                    row: r.row,
                    record: record_named::<K>(r),
                    changed_at: crate::store::stamp(at),
                });
            }
        }
        if described >= CHANGES_DESCRIBED {
            more += 1;
            continue;
        }
        let changed = K::changes(conn, &r.parsed, id, today);
        if !changed.is_empty() {
            described += 1;
            changes.push(format!(
                "第 {} 行：会修改已有{}的{}。",
                r.row,
                record_named::<K>(r),
                changed.join("、")
            ));
        }
    }
    if !changes.is_empty() {
        preview.notes.extend(changes);
        if more > 0 {
            preview.notes.push(format!(
                "另有 {more} 行会修改已有{}，未逐行列出。",
                K::LABEL
            ));
        }
        // A stable sort: the file's own notes stay first, each row's in order.
        preview.notes.sort_by_key(|n| row_of(n));
    }
    Ok(preview)
}

/// Imports every valid row in one transaction. `progress(done, total)` is called as
/// rows are written; setting `cancel` stops the import and writes nothing.
pub fn commit<'a, K: RecordKind>(
    store: &mut Store,
    ctx: &Ctx,
    src: impl Into<Source<'a>>,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Summary> {
    commit_leaving_out::<K>(store, ctx, src.into(), cancel, progress, &[])
}

/// [`commit`] but for the valid rows `leave_out` (sheet row numbers) the clerk chose
/// not to import: the window leaves out the rows that would add a second record
/// beside a stored one ([`Preview::near_rows`]) unless they are ticked (a 会议日期
/// corrected in Excel made a second meeting).
pub fn commit_leaving_out<K: RecordKind>(
    store: &mut Store,
    ctx: &Ctx,
    src: Source,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
    leave_out: &[usize],
) -> Result<Summary> {
    store.write(ctx, |tx| {
        let mut a = analyse::<K>(tx, src, ctx.today())?;
        let leave_out: HashSet<usize> = leave_out.iter().copied().collect();
        let gone: Vec<usize> = a
            .ready
            .iter()
            .map(|r| r.row)
            .filter(|row| leave_out.contains(row))
            .collect();
        let left_out = gone.len();
        if left_out > 0 {
            a.ready.retain(|r| !leave_out.contains(&r.row));
            a.preview.notes.retain(|n| !leave_out.contains(&row_of(n)));
            let shown: Vec<String> = gone.iter().take(20).map(|r| r.to_string()).collect();
            let more = if left_out > shown.len() {
                format!(" 等 {left_out}")
            } else {
                String::new()
            };
            a.preview.notes.insert(
                0,
                format!("按你的选择，第 {}{more} 行没有导入。", shown.join("、")),
            );
        }
        let mut summary = Summary {
            kind: K::NAME,
            file_name: a.preview.file_name.clone(),
            created: 0,
            updated: 0,
            unchanged: 0,
            rejected: a.preview.rejected_rows,
            repeated: a.preview.repeated_rows,
            empty_rows: a.preview.empty_rows,
            notes: a
                .preview
                .notes
                .iter()
                .take(NOTES_KEPT)
                .map(|n| as_done(n))
                .collect(),
            notes_left_out: a.preview.notes.len().saturating_sub(NOTES_KEPT),
            left_out,
            backup_taken_at: None,
        };
        // A stable sort: the rows that name another row of the file go in last.
        a.ready.sort_by_key(|r| K::applies_after(&r.parsed));
        let total = a.ready.len();
        for (i, r) in a.ready.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return Err(Error::Refused("已取消导入，没有写入任何数据。".into()));
            }
            match K::apply(tx, &r.parsed, r.existing.as_deref()).map_err(|e| at_row(e, r.row))? {
                Applied::Created => summary.created += 1,
                Applied::Updated => summary.updated += 1,
                Applied::Unchanged => summary.unchanged += 1,
            }
            if i % 20 == 19 || i + 1 == total {
                progress(i + 1, total);
            }
        }
        K::finish(tx, &summary)?;
        tx.log_change("imports", K::NAME, "import", None, Some(&summary))?;
        Ok(summary)
    })
}

/// A row's write refused after its check passed (a rule the check does not run):
/// the whole import is undone, and the message names the row. Storage errors stay
/// as they are.
fn at_row(e: Error, row: usize) -> Error {
    match e {
        Error::Validation { .. }
        | Error::Problems(_)
        | Error::Conflict { .. }
        | Error::Refused(_)
        | Error::NotFound(_) => Error::Refused(format!(
            "第 {row} 行：{e} 这次导入没有写入任何数据：请改正或删掉这一行，再导入。"
        )),
        other => other,
    }
}

/// Writes the rejected rows of `path` to `out`: the file's columns and the required
/// ones, in the template's column order, with an 错误原因 column, so the user can fix them and import the file again.
/// Returns how many rows it holds.
pub fn write_error_workbook<'a, K: RecordKind>(
    conn: &Connection,
    src: impl Into<Source<'a>>,
    out: &Path,
    today: NaiveDate,
) -> Result<usize> {
    let src = src.into();
    // Never over the file being imported (or the database: see outfile).
    crate::base::outfile::check_target(out, &["xlsx"], &[src.path])?;
    let a = analyse::<K>(conn, src, today)?;
    rejected_rows_workbook(out, K::COLUMNS, &a.layout, &a.sheet, &a.rejected)
}

/// The error workbook's own last two columns.
const ERROR_ROW: &str = "原文件行号";
const ERROR_REASON: &str = "错误原因";

/// The rows an import refused, as they were in the file, with each row's number and
/// reasons. Not generic over the kind (nor is the template's writer below): one copy
/// in the binary, not one per kind.
fn rejected_rows_workbook(
    out: &Path,
    cols: &[Column],
    layout: &Layout,
    sheet: &sheets::Sheet,
    rejected: &[(usize, Vec<String>)],
) -> Result<usize> {
    let index_of: HashMap<&str, usize> = layout.by_index.iter().map(|(i, k)| (*k, *i)).collect();
    // The file's columns and the required ones: an optional column the file lacks,
    // written empty, cleared what stored records held when the corrected rows were
    // imported again (probe AF: 列入日期 of four 履职事项, and last year's figures).
    let cols: Vec<&Column> = cols
        .iter()
        .filter(|c| c.required || index_of.contains_key(c.key))
        .collect();
    // Each column headed as the clerk's file heads it (所在村/社区), as the 错误原因
    // names it; the template's header for a column the file lacks (probe W: the
    // workbook said 村/社区 beside reasons naming 所在村/社区).
    let mut headers: Vec<String> = cols
        .iter()
        .map(|c| {
            index_of
                .get(c.key)
                .and_then(|i| sheet.rows.get(layout.header_row)?.get(*i))
                .map(|cell| cell.text.trim().to_string())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| c.header.to_string())
        })
        .collect();
    // The file's columns the import does not read (手机号 beside 联系电话), after
    // them: what the clerk typed stays in the file she fixes (probe AI: the phones
    // were lost for good).
    let unread: Vec<(usize, String)> = sheet
        .rows
        .get(layout.header_row)
        .map(|head| {
            head.iter()
                .enumerate()
                // Not the 原文件行号 and 错误原因 of an error workbook imported again:
                // this one writes its own.
                .filter(|(i, c)| {
                    let h = normalize_header(&c.text);
                    !layout.by_index.contains_key(i)
                        && !h.is_empty()
                        && h != ERROR_ROW
                        && h != ERROR_REASON
                })
                .map(|(i, c)| (i, c.text.trim().to_string()))
                .collect()
        })
        .unwrap_or_default();
    headers.extend(unread.iter().map(|(_, h)| h.clone()));
    headers.push(ERROR_ROW.into());
    headers.push(ERROR_REASON.into());
    let rows: Vec<Vec<String>> = rejected
        .iter()
        .map(|(index, reasons)| {
            let row = &sheet.rows[*index];
            let mut blanked = Vec::new();
            let mut out: Vec<String> = cols
                .iter()
                .map(|c| {
                    // A column every row was given (身份 from the file's name 网格员花名册)
                    // is written out: left empty, the fixed workbook was refused on
                    // every row, or read as another role under another name (probe AM).
                    let cell = index_of
                        .get(c.key)
                        .and_then(|i| row.get(*i).or_else(|| layout.given.get(i)));
                    match cell {
                        // Digits Excel already changed are not written back as text:
                        // imported again, a wrong ID number that happened to pass its
                        // check digit went in (probe AM: two of them).
                        Some(cell) if lost_digits(c, cell) => {
                            blanked.push(c.header);
                            String::new()
                        }
                        Some(cell) => cell.text.clone(),
                        None => String::new(),
                    }
                })
                .collect();
            out.extend(
                unread
                    .iter()
                    .map(|(i, _)| row.get(*i).map(|c| c.text.clone()).unwrap_or_default()),
            );
            out.push(sheet.excel_row(*index).to_string());
            // Sentences one after another (it read …。；…).
            let mut said = reasons
                .iter()
                .map(|r| {
                    // …再导入。） ends its sentence too (it read 。）。).
                    if r.ends_with(['。', '？', '！']) || r.ends_with("。）") {
                        r.clone()
                    } else {
                        format!("{r}。")
                    }
                })
                .collect::<String>();
            for header in blanked {
                said.push_str(&format!(
                    "这份错误清单里的{header}已留空：原来的数字后几位已被 Excel 改掉，请按原件重新输入。"
                ));
            }
            out.push(said);
            out
        })
        .collect();
    let n = rows.len();
    let mut widths: Vec<f64> = cols.iter().map(|c| c.width).collect();
    widths.extend(unread.iter().map(|_| 14.0));
    widths.push(10.0);
    widths.push(60.0);
    // In the order of the clerk's file (a required column it lacks after its own),
    // so the rows are fixed beside the original: it was the template's order, 序号
    // after 备注 (probe AN, probe AO).
    let place: Vec<usize> = cols
        .iter()
        .map(|c| index_of.get(c.key).copied().unwrap_or(usize::MAX))
        .chain(unread.iter().map(|(i, _)| *i))
        .collect();
    let mut order: Vec<usize> = (0..place.len()).collect();
    order.sort_by_key(|&k| (place[k], k));
    let reorder = |v: &mut Vec<String>| {
        let moved: Vec<String> = order.iter().map(|&k| std::mem::take(&mut v[k])).collect();
        v.splice(..order.len(), moved);
    };
    reorder(&mut headers);
    let mut rows = rows;
    rows.iter_mut().for_each(reorder);
    let moved: Vec<f64> = order.iter().map(|&k| widths[k]).collect();
    widths.splice(..order.len(), moved);
    sheets::write_xlsx(
        out,
        &[SheetOut {
            name: "有错误的行",
            headers,
            rows,
            text_columns: (0..cols.len() + unread.len()).collect(),
            widths,
            number_columns: vec![],
            hidden_columns: vec![],
            title: None,
        }],
    )?;
    Ok(n)
}

/// A column's header as the template writes it: `姓名*` for a required column.
pub fn template_header(c: &Column) -> String {
    if c.required {
        format!("{}*", c.header)
    } else {
        c.header.to_string()
    }
}

/// The import template: as `.xlsx`, the headers (text columns formatted as text) and
/// a sheet of instructions; as `.csv`, the header line in UTF-8 with a BOM (so Excel
/// opens it without garbling).
pub fn write_template<K: RecordKind>(out: &Path) -> Result<()> {
    write_template_of(out, K::LABEL, K::COLUMNS)
}

fn write_template_of(out: &Path, label: &str, cols: &[Column]) -> Result<()> {
    let is_csv = out
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("csv"));
    if is_csv {
        let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
        w.write_record(cols.iter().map(template_header))
            .map_err(|e| Error::Internal(format!("CSV: {e}")))?;
        let bytes = w
            .into_inner()
            .map_err(|e| Error::Internal(format!("CSV: {e}")))?;
        return crate::base::outfile::write_checked(out, &["csv"], &[], &bytes);
    }
    crate::base::outfile::check_target(out, &["xlsx", "csv"], &[])?;
    let headers = cols.iter().map(template_header).collect();
    let help = cols
        .iter()
        .map(|c| {
            vec![
                c.header.to_string(),
                // Required for some rows only, as its hint begins (网格员必填：…):
                // said so, not 选填 (probe W).
                match c.hint.split_once('：') {
                    _ if c.required => "必填".to_string(),
                    Some((some, _)) if some.ends_with("必填") => some.to_string(),
                    _ => "选填".to_string(),
                },
                c.hint.to_string(),
            ]
        })
        .collect();
    // A drop-down on each column with usual values (probe AO: only text formats).
    let choices: Vec<(usize, usize, &[&str])> = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.choices.is_empty())
        .map(|(i, c)| (0, i, c.choices))
        .collect();
    sheets::write_xlsx_offering(
        out,
        &choices,
        &[
            SheetOut {
                name: &format!("{label}导入模板"),
                headers,
                rows: Vec::new(),
                text_columns: (0..cols.len()).filter(|i| cols[*i].text).collect(),
                widths: cols.iter().map(|c| c.width).collect(),
                number_columns: vec![],
                hidden_columns: vec![],
                title: None,
            },
            SheetOut {
                name: "填写说明",
                headers: vec!["列名".into(), "是否必填".into(), "说明".into()],
                rows: help,
                text_columns: vec![],
                widths: vec![16.0, 10.0, 80.0],
                number_columns: vec![],
                hidden_columns: vec![],
                title: None,
            },
        ],
    )
}
