//! Rows an .xlsx hides (`<row … hidden="1">`: hidden by hand, or filtered out by
//! 筛选). They are imported like every other row; the preview says which they are,
//! since a clerk who filtered a county's list down to the township's rows sees only
//! those. Read while the size check inflates each part (no extra pass over the
//! file), and only as a notice: whatever cannot be read here is no hidden row.

/// A row tag longer than this is not a row tag worth reading (they are short).
const MAX_TAG: usize = 4096;
/// Hidden rows kept for the whole file (every part together): more than a sheet may
/// hold is not a sheet we read, and a file of many sheets full of hidden rows may
/// not make the list large.
pub(super) const MAX_KEPT: usize = super::MAX_ROWS + super::MAX_TOP_ROWS + 1;

/// The hidden rows of one worksheet part, fed its bytes in the chunks they inflate in.
#[derive(Default)]
pub(super) struct RowScan {
    /// How many hidden rows this part may still keep.
    budget: usize,
    /// The start of a tag cut by the chunk's end.
    carry: Vec<u8>,
    /// The 0-based index of the row last seen (`None` before the first).
    last: Option<usize>,
    pub rows: Vec<usize>,
    /// The part has a `<mergeCell>`: only then is it read again for its merged
    /// ranges (calamine's reading of them passes over the whole sheet once more).
    pub merges: bool,
}

impl RowScan {
    /// A scan that keeps at most `budget` hidden rows.
    pub fn new(budget: usize) -> RowScan {
        RowScan {
            budget,
            ..RowScan::default()
        }
    }

    pub fn feed(&mut self, chunk: &[u8]) {
        if self.carry.is_empty() {
            let rest = self.tags(chunk);
            self.keep(rest, chunk);
        } else {
            let mut joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(chunk);
            let rest = self.tags(&joined);
            self.keep(rest, &joined);
        }
    }

    fn keep(&mut self, rest: Option<usize>, bytes: &[u8]) {
        self.carry.clear();
        if let Some(at) = rest.filter(|at| bytes.len() - at <= MAX_TAG) {
            self.carry.extend_from_slice(&bytes[at..]);
        }
    }

    /// Reads every complete tag of `bytes`; returns where an unfinished one starts.
    fn tags(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut at = 0;
        while let Some(lt) = bytes[at..].iter().position(|b| *b == b'<') {
            let start = at + lt;
            let Some(gt) = bytes[start..].iter().position(|b| *b == b'>') else {
                return Some(start);
            };
            self.tag(&bytes[start + 1..start + gt]);
            at = start + gt + 1;
        }
        None
    }

    fn tag(&mut self, tag: &[u8]) {
        let end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let name = &tag[..end];
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        if local == b"mergeCell" {
            self.merges = true;
        }
        if local != b"row" {
            return;
        }
        let attrs = String::from_utf8_lossy(&tag[end..]);
        let row = attr(&attrs, "r")
            .and_then(|r| r.parse::<usize>().ok())
            .and_then(|r| r.checked_sub(1))
            .unwrap_or_else(|| self.last.map_or(0, |l| l + 1));
        self.last = Some(row);
        if matches!(attr(&attrs, "hidden"), Some("1" | "true")) && self.rows.len() < self.budget {
            self.rows.push(row);
        }
    }
}

/// An attribute's value in a tag's attribute text (`r="5" hidden="1"`).
fn attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = attrs;
    loop {
        let at = rest.find(key)?;
        let before = rest[..at].chars().next_back();
        let after = rest[at + key.len()..].trim_start();
        rest = &rest[at + key.len()..];
        if before.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let value = &value[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
}

/// The worksheet part (`xl/worksheets/sheet2.xml`) that holds the sheet named
/// `sheet`, from the workbook part and its relations (both their first 64 KB).
pub(super) fn part_of(workbook: &[u8], rels: &[u8], sheet: &str) -> Option<String> {
    use super::markup::{tokens, Tok};
    let workbook = String::from_utf8_lossy(workbook);
    let id = tokens(&workbook).find_map(|t| match &t {
        Tok::Open { name, attrs, .. } if name == "sheet" && t.attr("name") == Some(sheet) => attrs
            .iter()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v.clone()),
        _ => None,
    })?;
    let rels = String::from_utf8_lossy(rels);
    let target = tokens(&rels).find_map(|t| match &t {
        Tok::Open { name, .. } if name == "relationship" && t.attr("id") == Some(&id) => {
            t.attr("target").map(str::to_string)
        }
        _ => None,
    })?;
    Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_ascii_lowercase(),
        None => format!("xl/{target}").to_ascii_lowercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(parts: &[&str]) -> Vec<usize> {
        let mut s = RowScan::new(MAX_KEPT);
        for p in parts {
            s.feed(p.as_bytes());
        }
        s.rows
    }

    #[test]
    fn hidden_rows_by_number_or_by_order_across_chunks() {
        let xml = r#"<sheetData><row r="1"><c r="A1"/></row><row r="3" spans="1:2" hidden="1"><c/></row><row hidden='true'/><row r="9" customHeight="1"/><x:row r="10" hidden="1"/></sheetData>"#;
        assert_eq!(scan(&[xml]), [2, 3, 9]);
        // Cut anywhere, the same rows.
        for cut in 1..xml.len() {
            assert_eq!(scan(&[&xml[..cut], &xml[cut..]]), [2, 3, 9], "cut at {cut}");
        }
        // No more than the budget is kept (a file of many sheets of hidden rows).
        let mut s = RowScan::new(2);
        s.feed(xml.as_bytes());
        assert_eq!(s.rows, [2, 3]);
        // rowhidden= or hidden="0" is no hidden row.
        assert!(scan(&[r#"<row r="2" xhidden="1"/><row r="3" hidden="0"/>"#]).is_empty());
    }

    #[test]
    fn the_part_of_a_sheet_from_the_workbook_and_its_relations() {
        let wb = r#"<workbook><sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="R&amp;D" sheetId="2" r:id="rId2"/></sheets></workbook>"#;
        let rels = r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/Sheet2.xml"/></Relationships>"#;
        assert_eq!(
            part_of(wb.as_bytes(), rels.as_bytes(), "说明").as_deref(),
            Some("xl/worksheets/sheet1.xml")
        );
        assert_eq!(
            part_of(wb.as_bytes(), rels.as_bytes(), "R&D").as_deref(),
            Some("xl/worksheets/sheet2.xml")
        );
        assert_eq!(part_of(wb.as_bytes(), rels.as_bytes(), "没有"), None);
    }
}
