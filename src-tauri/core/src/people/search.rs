//! Lists of people for the UI and exports: search as you type, filters, sorting
//! and paging. ID numbers and phones come out masked unless asked otherwise.

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{Employment, RoleKind, Status};
use crate::base::error::Result;
use crate::base::identity::{mask_id_number, mask_phone, Gender};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersonQuery {
    /// Only people holding this role (`grid_worker` …); empty = everyone.
    pub role: String,
    /// Matches name, ID number, phone, or the name or code of a unit they serve.
    pub text: String,
    /// Only people serving a unit inside this village/community.
    pub village_id: String,
    /// Only people serving this unit (a grid, micro-grid or compound) or one inside it.
    pub unit_id: String,
    pub status: String,
    pub political_status: String,
    /// `yes`: only those marked 是否公示 (the names on the 公示牌); `no`: the others.
    pub published: String,
    /// `full_time` or `part_time` (grid workers).
    pub employment: String,
    /// `name` (by pinyin), `nameStrokes` (姓氏笔画), `gender`, `birthDate`, `startDate`,
    /// `status`, `politicalStatus`, `createdAt`.
    pub sort: String,
    /// A name order turned round is the list read backwards (see `order_by_of`).
    pub descending: bool,
    /// 0-based.
    pub page: u32,
    /// 0 = all rows (exports).
    pub page_size: u32,
    /// Only these people (the rows ticked for 导出所选); empty = no such filter.
    pub ids: Vec<String>,
    /// Full ID numbers and phones instead of masked ones.
    #[serde(skip)]
    pub unmasked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub gender: String,
    pub birth_date: String,
    pub id_number: String,
    pub phone: String,
    pub political_status: String,
    pub education: String,
    /// "网格员（专职）、楼栋长"
    pub roles: String,
    /// A 网格员's 专职 or 兼职 (the roster export's own column); empty for others.
    pub employment: String,
    /// Units served, by name.
    pub units: String,
    /// Villages/communities of those units.
    pub villages: String,
    pub start_date: String,
    pub status: String,
    /// The day a 离岗 person left (their last 离岗 in the history); empty for one in
    /// post. The county's roster asks for it (probe AN: the export had no such column).
    pub left_date: String,
    pub published: bool,
    /// The whole number of one marked 公示 (it goes on the 公示牌); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_phone: Option<String>,
    /// 备注.
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    pub rows: Vec<PersonRow>,
    pub total: u32,
    pub page: u32,
    pub page_size: u32,
}

/// The village of a unit: itself, its parent, grandparent or great-grandparent.
const VILLAGE_OF: &str = "(SELECT coalesce(
        CASE WHEN u.kind = 'village' THEN u.id END,
        CASE WHEN p1.kind = 'village' THEN p1.id END,
        CASE WHEN p2.kind = 'village' THEN p2.id END,
        p3.id)
    FROM units u LEFT JOIN units p1 ON p1.id = u.parent_id
    LEFT JOIN units p2 ON p2.id = p1.parent_id LEFT JOIN units p3 ON p3.id = p2.parent_id
    WHERE u.rowid = r.unit)";

/// The row numbers of the units whose village (as [`VILLAGE_OF`] defines it) is
/// `?{a}`, as roles name units (0028): one pass over the units, not one per person.
fn units_in_village(a: &str) -> String {
    format!(
        "SELECT u.rowid FROM units u LEFT JOIN units p1 ON p1.id = u.parent_id
         LEFT JOIN units p2 ON p2.id = p1.parent_id LEFT JOIN units p3 ON p3.id = p2.parent_id
         WHERE coalesce(
            CASE WHEN u.kind = 'village' THEN u.id END,
            CASE WHEN p1.kind = 'village' THEN p1.id END,
            CASE WHEN p2.kind = 'village' THEN p2.id END,
            p3.id) = {a}"
    )
}

/// The substrings of `n` characters an index holds for `text` (ASCII folded as LIKE
/// folds it), in order, each once: the bigrams of a name (migration 0010), the
/// trigrams of a digit fragment (0024). None when `text` is shorter than `n`.
pub(crate) fn grams(text: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut out: Vec<String> = Vec::new();
    for w in chars.windows(n) {
        let g: String = w.iter().collect();
        if !out.contains(&g) {
            out.push(g);
        }
    }
    out
}

/// Whether `text` could be part of an ID number or a phone number.
/// What a search box's text looks for: full-width digits and letters half-width
/// (not punctuation: a grid named 阳光花园（二期） keeps its brackets), and the spaces
/// a number (159 7565 9602, 3201 1519 …) or a name (何 勇) was typed or pasted with
/// dropped, as the forms store them (and migration 0030 stored the names of earlier
/// versions).
fn search_text(text: &str) -> String {
    let half = crate::base::canon::half_width(text.trim());
    let digits: String = half.chars().filter(|c| !c.is_whitespace()).collect();
    if digit_like(&digits) {
        return digits;
    }
    crate::base::fields::squeezed_name(&half).into_owned()
}

impl PersonQuery {
    /// The query with its text as it searches ([`search_text`]); itself when that
    /// is its text already (every list without a search, the tabs' first pages).
    fn searched(&self) -> std::borrow::Cow<'_, PersonQuery> {
        let text = search_text(&self.text);
        if text == self.text {
            return std::borrow::Cow::Borrowed(self);
        }
        std::borrow::Cow::Owned(PersonQuery {
            text,
            ..self.clone()
        })
    }
}

fn digit_like(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || c == 'x' || c == 'X')
}

/// The column `q` sorts by.
fn order_of(q: &PersonQuery) -> &'static str {
    match q.sort.as_str() {
        "gender" => "p.gender",
        "birthDate" => "p.birth_date",
        "startDate" => "p.start_date",
        "status" => "p.status",
        "politicalStatus" => "p.political_status",
        "createdAt" => "p.created_at",
        // 姓氏笔画: by strokes, then pinyin (`sortkey::stroke_key`).
        "nameStrokes" => "p.name_strokes",
        // By pinyin, as WPS sorts names (`sortkey`); the name itself, then the row
        // number (which ends every index entry, 0027), breaks ties.
        _ => "p.name_sort",
    }
}

/// The whole `ORDER BY` list of `q`: its column, then the name, then the row number.
/// A name order (pinyin, strokes) turned round is the same list read backwards, every
/// key descending, which its index gives by walking back; another column descending
/// keeps the names under each value from A to Z.
fn order_by_of(q: &PersonQuery) -> String {
    let order = order_of(q);
    match (q.descending, is_name_order(order)) {
        (false, _) => format!("{order}, p.name, p.rowid"),
        (true, true) => format!("{order} DESC, p.name DESC, p.rowid DESC"),
        (true, false) => format!("{order} DESC, p.name, p.rowid"),
    }
}

fn is_name_order(order: &str) -> bool {
    matches!(order, "p.name_sort" | "p.name_strokes")
}

/// `%text%` for `LIKE … ESCAPE '\'`, its `%`, `_` and `\` taken literally.
fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// How many people, in name order, a text search looks at to decide whether its
/// page is found by walking the name index (`walk_by_name`).
const WALK_SAMPLE: i64 = 4096;

/// The page of a text search sorted by name (by pinyin or by 姓氏笔画), found by
/// walking that name index when the matches are dense there (a common character: 华
/// is in a fifth of all names), and its total counted once from the set of matches;
/// None when the first `WALK_SAMPLE` people in name order do not already hold the
/// page (then walking might visit everyone, and sorting the matches is the better
/// plan). Sorting two hundred thousand matches to keep twenty took twice as long at
/// a million people.
pub(super) fn walk_by_name(
    conn: &Connection,
    q: &PersonQuery,
    limit: i64,
    offset: i64,
) -> Result<Option<(Vec<String>, u32)>> {
    let text = q.text.trim();
    // The index whose entries run in the list's order (its key, the name, the row
    // number), forwards or backwards.
    let index = match order_of(q) {
        "p.name_sort" => "people_name_sort",
        "p.name_strokes" => "people_name_strokes",
        _ => return Ok(None),
    };
    let order_by = order_by_of(q);
    if text.is_empty() || limit <= 0 {
        return Ok(None);
    }
    // Digits are an ID or phone fragment, found by their own index: no name holds them.
    if offset + limit > WALK_SAMPLE || digit_like(text) {
        return Ok(None);
    }
    let rest = PersonQuery {
        text: String::new(),
        ..q.clone()
    };
    let (rest_where, rest_args) = where_of(&rest);
    let and_rest = match rest_where.strip_prefix("WHERE ") {
        Some(w) => format!("AND {w}"),
        None => String::new(),
    };
    // People whose own name matches are matches whatever else they serve. Counted
    // only up to the page's end; with no other filter, from the name index alone.
    let mut sample_args = rest_args.clone();
    sample_args.push(Value::Text(like_pattern(text)));
    let pattern = sample_args.len();
    let first = format!(
        "SELECT p.rowid, p.name FROM people p INDEXED BY {index}
         ORDER BY {order_by} LIMIT {WALK_SAMPLE}"
    );
    let sample = if rest_where.is_empty() {
        format!("SELECT 1 FROM ({first}) WHERE name LIKE ?{pattern} ESCAPE '\\'")
    } else {
        format!(
            "SELECT 1 FROM ({first}) s JOIN people p ON p.rowid = s.rowid
             WHERE s.name LIKE ?{pattern} ESCAPE '\\' {and_rest}"
        )
    };
    let sampled: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM ({sample} LIMIT {})",
            offset + limit
        ))?
        .query_row(rusqlite::params_from_iter(sample_args.iter()), |r| r.get(0))?;
    if sampled < offset + limit {
        return Ok(None);
    }
    let mut args = rest_args;
    let set = text_set(text, &mut |v| {
        args.push(Value::Text(v));
        format!("?{}", args.len())
    });
    // Filters that name no column of `p` but its row number (roles, units): the
    // matches' row numbers serve as `p` without reading each person's row (华 in
    // the 网格员 tab at a million people checks two hundred thousand matches).
    let reads_person = rest_where.replace("p.rowid", "").contains("p.");
    let count = if rest_where.is_empty() {
        "SELECT count(*) FROM m".to_string()
    } else if !reads_person {
        format!("SELECT count(*) FROM (SELECT r AS rowid FROM m) p {rest_where}")
    } else {
        format!("SELECT count(*) FROM m JOIN people p ON p.rowid = m.r {rest_where}")
    };
    let mut total = 0;
    let ids = conn
        .prepare_cached(&format!(
            "WITH m(r) AS MATERIALIZED ({set})
             SELECT p.id, ({count}) FROM people p INDEXED BY {index}
             WHERE p.rowid IN m {and_rest}
             ORDER BY {order_by} LIMIT {limit} OFFSET {offset}"
        ))?
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            total = r.get(1)?;
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some((ids, total)))
}

/// The rows of the people `text` matches (name, ID number, phone, or the name or
/// code of a unit they serve), as a compound `SELECT` of row numbers; `arg` numbers
/// each value it binds.
fn text_set(text: &str, arg: &mut impl FnMut(String) -> String) -> String {
    let a = arg(like_pattern(text));
    let like = |col: &str| format!("{col} LIKE {a} ESCAPE '\\'");
    // Serving a unit whose name or code matches, or one inside a unit whose name
    // does (青溪 finds who serves in 青溪社区's grids, as the list's 所属村/社区 column
    // shows them; 一组 those of 王家一组's grids).
    // Unit names compare with their brackets alike (the window sends 阳光花园(一期)
    // half-width, the tree holds 阳光花园（一期）).
    let b = arg(like_pattern(&text.replace('（', "(").replace('）', ")")));
    let unit_like =
        |col: &str| format!("replace(replace({col}, '（', '('), '）', ')') LIKE {b} ESCAPE '\\'");
    let by_unit = format!(
        "SELECT person FROM person_roles WHERE unit IN
            (SELECT u.rowid FROM units u LEFT JOIN units p1 ON p1.id = u.parent_id
             LEFT JOIN units p2 ON p2.id = p1.parent_id LEFT JOIN units p3 ON p3.id = p2.parent_id
             WHERE {} OR {} OR {} OR {} OR {})",
        unit_like("u.name"),
        like("u.code"),
        unit_like("p1.name"),
        unit_like("p2.name"),
        unit_like("p3.name")
    );
    let mut rowids = Vec::new();
    let name_grams = grams(text, 2);
    if name_grams.is_empty() {
        // One character: a scan of the name index (name and row number). Named,
        // because the planner otherwise scans the table to merge the UNION in row
        // order: 华 at a million people took 150 ms that way, 100 ms through the index.
        rowids.push(format!(
            "SELECT rowid FROM people INDEXED BY people_by_name WHERE {}",
            like("name")
        ));
    } else {
        // The people whose name holds every bigram (keyed by row, 0026),
        // checked with LIKE: the bigrams may lie apart.
        let lookups: Vec<String> = name_grams
            .into_iter()
            .map(|g| {
                let g = arg(g);
                format!("SELECT person FROM person_name_grams WHERE gram = {g}")
            })
            .collect();
        rowids.push(format!(
            "SELECT rowid FROM people WHERE rowid IN ({}) AND {}",
            lookups.join(" INTERSECT "),
            like("name")
        ));
    }
    if digit_like(text) {
        // Digits and X only: nothing to quote inside an FTS5 string.
        let number_grams = grams(text, 3);
        if number_grams.is_empty() {
            // One or two characters: each a scan of a narrow index (number and
            // rowid), named so that the planner does not scan the table instead.
            rowids.push(format!(
                "SELECT rowid FROM people INDEXED BY people_by_id_number WHERE {}",
                like("id_number")
            ));
            rowids.push(format!(
                "SELECT rowid FROM people INDEXED BY people_by_phone WHERE {}",
                like("phone")
            ));
        } else {
            // The people whose numbers hold every trigram (migration 0024),
            // checked with LIKE: the trigrams may lie apart, or in two numbers.
            let m = arg(number_grams
                .iter()
                .map(|g| format!("\"{g}\""))
                .collect::<Vec<_>>()
                .join(" "));
            rowids.push(format!(
                "SELECT q.rowid FROM person_numbers n JOIN people q ON q.rowid = n.rowid
                 WHERE person_numbers MATCH {m} AND (q.{} OR q.{})",
                like("id_number"),
                like("phone")
            ));
        }
    }
    format!("{by_unit} UNION {}", rowids.join(" UNION "))
}

impl PersonQuery {
    /// A filter that names no role, employment or status the app knows is refused:
    /// ignored, it matched everyone (`--role bogus --unmasked` wrote every full ID
    /// number to a file).
    pub fn check(&self) -> Result<()> {
        fn known(
            field: &'static str,
            label: &str,
            given: &str,
            ok: bool,
            pairs: &[(&str, &str)],
        ) -> Result<()> {
            if given.trim().is_empty() || ok {
                return Ok(());
            }
            let choices: Vec<String> = pairs
                .iter()
                .filter(|(k, _)| !k.is_empty())
                .map(|(k, l)| format!("{l}（{k}）"))
                .collect();
            Err(crate::base::error::Error::validation(
                field,
                format!(
                    "{label}“{}”无法识别，可填：{}。",
                    given.trim(),
                    choices.join("、")
                ),
            ))
        }
        known(
            "role",
            "身份",
            &self.role,
            RoleKind::parse(&self.role).is_some(),
            RoleKind::PAIRS,
        )?;
        known(
            "employment",
            "专职/兼职",
            &self.employment,
            Employment::parse(&self.employment).is_some(),
            Employment::PAIRS,
        )?;
        known(
            "status",
            "在岗状态",
            &self.status,
            Status::parse(&self.status).is_some(),
            Status::PAIRS,
        )?;
        known(
            "published",
            "是否公示",
            &self.published,
            published_of(&self.published).is_some(),
            &[("yes", "已公示"), ("no", "未公示")],
        )
    }
}

/// The 是否公示 filter's value: `yes` → 1, `no` → 0.
fn published_of(v: &str) -> Option<bool> {
    match v.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The `WHERE` clause of `q`'s filters and its arguments.
fn where_of(q: &PersonQuery) -> (String, Vec<Value>) {
    let mut filters: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |v: String| {
        args.push(Value::Text(v));
        format!("?{}", args.len())
    };
    // Every filter is a set of people found through an index (the role index, the
    // name bigrams, the units first), never a subquery run once per person.
    let employment = Employment::parse(&q.employment);
    if let Some(role) = RoleKind::parse(&q.role) {
        let a = arg(role.as_str().into());
        // A probe of the roles' primary key (person, role): the page walks people in
        // name order and stops when it is full; the tab's count uses the role index.
        filters.push(format!(
            "EXISTS (SELECT 1 FROM person_roles r WHERE r.person = p.rowid AND r.role = {a})"
        ));
    }
    let text = q.text.trim();
    if !text.is_empty() {
        filters.push(format!("p.rowid IN ({})", text_set(text, &mut arg)));
    }
    if !q.village_id.is_empty() {
        let a = arg(q.village_id.clone());
        filters.push(format!(
            "p.rowid IN (SELECT person FROM person_roles WHERE unit IN ({}))",
            units_in_village(&a)
        ));
    }
    // Serving the unit or one inside it: a compound's grids and micro-grids, a base
    // grid's micro-grids (probe S: a compound listed nobody, a grid not the 楼栋长 of
    // its micro-grids).
    if !q.unit_id.is_empty() {
        let a = arg(q.unit_id.clone());
        filters.push(format!(
            "p.rowid IN (SELECT person FROM person_roles WHERE unit IN (
               SELECT u.rowid FROM units u LEFT JOIN units p1 ON p1.id = u.parent_id
               LEFT JOIN units p2 ON p2.id = p1.parent_id
               WHERE {a} IN (u.id, p1.id, p2.id)))"
        ));
    }
    if let Some(s) = Status::parse(&q.status).filter(|_| !q.status.is_empty()) {
        let a = arg(s.as_str().into());
        filters.push(format!("p.status = {a}"));
    }
    if !q.political_status.is_empty() {
        let a = arg(q.political_status.clone());
        filters.push(format!("p.political_status = {a}"));
    }
    if let Some(on) = published_of(&q.published) {
        filters.push(format!("p.published = {}", i32::from(on)));
    }
    if let Some(e) = employment {
        // Only grid workers have an employment.
        let a = arg(e.as_str().into());
        filters.push(format!(
            "p.rowid IN (SELECT person FROM person_roles WHERE role = 'grid_worker' AND employment = {a})"
        ));
    }
    if !q.ids.is_empty() {
        // The selected rows (an export of what the clerk ticked).
        let a = arg(serde_json::to_string(&q.ids).unwrap_or_else(|_| "[]".into()));
        filters.push(format!("p.id IN (SELECT value FROM json_each({a}))"));
    }
    let where_sql = if filters.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", filters.join(" AND "))
    };
    (where_sql, args)
}

/// The ids of everyone `q` matches, in its order, every page ("select all N
/// matching the filter" before a batch action).
pub fn matching_ids(conn: &Connection, q: &PersonQuery) -> Result<Vec<String>> {
    q.check()?;
    let q = &*q.searched();
    let (where_sql, args) = where_of(q);
    let order_by = order_by_of(q);
    let ids = conn
        .prepare_cached(&format!(
            "SELECT p.id FROM people p {where_sql} ORDER BY {order_by}"
        ))?
        .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

pub fn list(conn: &Connection, q: &PersonQuery) -> Result<Page> {
    q.check()?;
    let q = &*q.searched();
    let (where_sql, args) = where_of(q);
    let employment = Employment::parse(&q.employment);
    let order_by = order_by_of(q);
    // A role tab with no other filter (the 网格员 tab opens by default): its people
    // counted in one pass over the role index, without visiting a person.
    let role = RoleKind::parse(&q.role);
    let tab_only = q.text.trim().is_empty()
        && q.village_id.is_empty()
        && q.unit_id.is_empty()
        && q.status.is_empty()
        && q.political_status.is_empty()
        && q.published.is_empty()
        && q.ids.is_empty()
        && (role.is_some() || employment.is_some())
        // Another role with an employment (held through a grid-worker role) is a
        // filter on two roles: the general count.
        && !(employment.is_some() && role.is_some_and(|r| r != RoleKind::GridWorker));
    let count_all = || -> Result<u32> {
        Ok(if tab_only {
            let role = match employment {
                Some(_) => RoleKind::GridWorker,
                None => role.unwrap_or(RoleKind::GridWorker),
            };
            let count = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<u32> {
                Ok(conn.prepare_cached(sql)?.query_row(p, |r| r.get(0))?)
            };
            match employment {
                Some(e) => count(
                    "SELECT count(DISTINCT person) FROM person_roles
                 WHERE role = ?1 AND employment = ?2",
                    &[&role.as_str(), &e.as_str()],
                )?,
                None => count(
                    "SELECT count(DISTINCT person) FROM person_roles WHERE role = ?1",
                    &[&role.as_str()],
                )?,
            }
        } else {
            conn.prepare_cached(&format!("SELECT count(*) FROM people p {where_sql}"))?
                .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
        })
    };
    let limit = if q.page_size == 0 {
        -1
    } else {
        q.page_size as i64
    };
    let offset = q.page as i64 * q.page_size as i64;
    // A text search counts its matches in the page query itself (one evaluation of
    // the match, not two); a page past the end falls back to the count.
    let windowed = !q.text.trim().is_empty();
    let with_total = if windowed { ", count(*) OVER ()" } else { "" };
    let mut seen_total: Option<u32> = None;
    // First the page's ids, through indexes only (a query that also fetched every
    // column would make the planner scan and sort the whole table), then each row.
    let ids_sql = format!(
        "SELECT p.id{with_total} FROM people p {where_sql}
         ORDER BY {order_by} LIMIT {limit} OFFSET {offset}"
    );
    let ids: Vec<String> = match walk_by_name(conn, q, limit, offset)? {
        Some((ids, total)) => {
            seen_total = Some(total);
            ids
        }
        None => conn
            .prepare_cached(&ids_sql)?
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                if windowed {
                    seen_total = Some(r.get(1)?);
                }
                r.get(0)
            })?
            .collect::<rusqlite::Result<_>>()?,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, p.gender, p.birth_date, p.id_number, p.phone, p.political_status,
                p.education, p.start_date, p.status, p.published, p.note,
                CASE WHEN p.status = 'left' THEN (SELECT max(h.date) FROM person_history h
                    WHERE h.person = p.rowid AND h.event = 'left') END
         FROM people p WHERE p.id = ?1",
    )?;
    let mut base: Vec<PersonRow> = Vec::with_capacity(ids.len());
    for id in &ids {
        base.push(stmt.query_row([id], |r| {
            let gender: String = r.get(2)?;
            let status: String = r.get(9)?;
            let id_number: String = r.get(4)?;
            let phone: String = r.get(5)?;
            let published: bool = r.get(10)?;
            Ok(PersonRow {
                public_phone: published.then(|| phone.clone()),
                id: r.get(0)?,
                name: r.get(1)?,
                gender: Gender::parse(&gender)
                    .map(|g| g.label())
                    .unwrap_or("")
                    .into(),
                birth_date: r.get(3)?,
                id_number: if q.unmasked {
                    id_number
                } else {
                    mask_id_number(&id_number)
                },
                phone: if q.unmasked {
                    phone
                } else {
                    mask_phone(&phone)
                },
                political_status: r.get(6)?,
                education: r.get(7)?,
                start_date: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                status: Status::parse(&status)
                    .map(|s| s.label())
                    .unwrap_or("")
                    .into(),
                published,
                note: r.get(11)?,
                left_date: r.get::<_, Option<String>>(12)?.unwrap_or_default(),
                roles: String::new(),
                employment: String::new(),
                units: String::new(),
                villages: String::new(),
            })
        })?);
    }
    drop(stmt);
    let total = match seen_total {
        Some(t) => t,
        None if windowed && offset == 0 => 0,
        None => count_all()?,
    };
    let mut rows = Vec::with_capacity(base.len());
    let mut roles_stmt = conn.prepare_cached(&format!(
        "SELECT r.role, r.employment, u.name, (SELECT name FROM units WHERE id = {VILLAGE_OF})
         FROM person_roles r JOIN units u ON u.rowid = r.unit
         WHERE r.person = (SELECT rowid FROM people WHERE id = ?1) ORDER BY r.role, u.code"
    ))?;
    for mut row in base {
        let parts: Vec<(String, Option<String>, String, Option<String>)> = roles_stmt
            .query_map([&row.id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut roles: Vec<String> = Vec::new();
        let mut units: Vec<String> = Vec::new();
        let mut villages: Vec<String> = Vec::new();
        for (role, employment, unit, village) in parts {
            let label = RoleKind::parse(&role).map(|r| r.label()).unwrap_or("");
            let label = match employment.as_deref().and_then(Employment::parse) {
                Some(e) => {
                    if row.employment.is_empty() {
                        row.employment = e.label().to_string();
                    }
                    format!("{label}（{}）", e.label())
                }
                None => label.to_string(),
            };
            if !roles.contains(&label) {
                roles.push(label);
            }
            if !units.contains(&unit) {
                units.push(unit);
            }
            if let Some(v) = village {
                if !villages.contains(&v) {
                    villages.push(v);
                }
            }
        }
        row.roles = roles.join("、");
        row.units = units.join("、");
        row.villages = villages.join("、");
        rows.push(row);
    }
    Ok(Page {
        rows,
        total,
        page: q.page,
        page_size: q.page_size,
    })
}

#[cfg(test)]
mod text_tests {
    use super::search_text;

    #[test]
    fn numbers_lose_their_spaces_and_width_names_and_brackets_stay() {
        for (typed, sought) in [
            ("138 1234 5678", "13812345678"),
            ("１３８　１２３４", "1381234"),
            ("3201 1519 8503 1200 1x", "32011519850312001x"),
            ("阳光花园（二期）", "阳光花园（二期）"),
            (" 张 伟 ", "张伟"),
            ("何\u{3000}勇", "何勇"),
            ("Ａ区", "A区"),
        ] {
            assert_eq!(search_text(typed), sought, "{typed:?}");
        }
    }
}
