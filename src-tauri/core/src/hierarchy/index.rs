//! Every stored unit in memory, by id, code and name: built once per imported file,
//! so a row that names its grid costs a hash lookup instead of queries.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{list, Unit, UnitKind};
use crate::base::error::Result;

pub struct UnitIndex {
    units: Vec<Unit>,
    by_id: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
    /// Indexes into `units`, in code order (as `find_by_name` returns them).
    by_name: HashMap<String, Vec<usize>>,
}

impl UnitIndex {
    pub fn load(conn: &Connection) -> Result<UnitIndex> {
        let units = list(conn)?;
        let mut order: Vec<usize> = (0..units.len()).collect();
        order.sort_by(|a, b| units[*a].code.cmp(&units[*b].code));
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for i in order {
            by_name
                .entry(crate::base::canon::name_key(&units[i].name))
                .or_default()
                .push(i);
        }
        Ok(UnitIndex {
            by_id: units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.id.clone(), i))
                .collect(),
            by_code: units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.code.clone(), i))
                .collect(),
            by_name,
            units,
        })
    }

    /// 是不是“梧桐社区”？: the units of `kinds` one character from `text`, "" for none.
    pub fn did_you_mean(&self, kinds: &[UnitKind], text: &str) -> String {
        super::sheets::maybe_meant(
            self.units
                .iter()
                .filter(|u| kinds.contains(&u.kind))
                .map(|u| u.name.as_str()),
            text,
        )
    }

    pub fn get(&self, id: &str) -> Option<&Unit> {
        self.by_id.get(id).map(|i| &self.units[*i])
    }

    pub fn by_code(&self, code: &str) -> Option<&Unit> {
        self.by_code.get(code).map(|i| &self.units[*i])
    }

    /// Units with this name (compared by [`crate::base::canon::name_key`]: 第１网格
    /// is 第1网格), in code order; only those inside `within` (a unit id, itself
    /// included) when given. Same answer as [`super::find_by_name`].
    pub fn by_name(&self, name: &str, within: Option<&str>) -> Vec<&Unit> {
        let found = self.named(name, within);
        if !found.is_empty() {
            return found;
        }
        // A village written as its committee (阳光社区居委会, 柳湾村委会), as an
        // office's lists often name it: that village, when there is one.
        match village_of_committee(name) {
            Some(village) => self
                .named(&village, within)
                .into_iter()
                .filter(|u| u.kind == super::UnitKind::Village)
                .collect(),
            None => found,
        }
    }

    fn named(&self, name: &str, within: Option<&str>) -> Vec<&Unit> {
        self.by_name
            .get(&crate::base::canon::name_key(name))
            .into_iter()
            .flatten()
            .map(|i| &self.units[*i])
            .filter(|u| within.is_none_or(|w| self.is_within(&u.id, w)))
            .collect()
    }

    /// The name of the 村/社区 `id` is in (itself, for a village).
    pub fn village_of(&self, id: &str) -> Option<String> {
        let mut cur = self.get(id);
        for _ in 0..16 {
            match cur {
                Some(u) if u.kind == super::UnitKind::Village => return Some(u.name.clone()),
                Some(u) => cur = u.parent_id.as_deref().and_then(|p| self.get(p)),
                None => return None,
            }
        }
        None
    }

    /// Whether `id` is `ancestor` or below it.
    pub fn is_within(&self, id: &str, ancestor: &str) -> bool {
        let mut cur = self.get(id);
        // The hierarchy is four levels deep; the bound guards a damaged cycle.
        for _ in 0..16 {
            match cur {
                Some(u) if u.id == ancestor => return true,
                Some(u) => cur = u.parent_id.as_deref().and_then(|p| self.get(p)),
                None => return false,
            }
        }
        false
    }
}

impl crate::sheets::import::FileLookup for UnitIndex {
    fn build(conn: &Connection, _rows: &[crate::sheets::import::RowCells]) -> Result<Self> {
        UnitIndex::load(conn)
    }
}

/// The village a committee's name stands for: 阳光社区居委会 → 阳光社区, 柳湾村委会 →
/// 柳湾村, 柳湾村民委员会 → 柳湾村; `None` for any other name.
fn village_of_committee(name: &str) -> Option<String> {
    const SUFFIXES: &[(&str, &str)] = &[
        ("社区居民委员会", "社区"),
        ("社区居委会", "社区"),
        ("居民委员会", ""),
        ("居委会", ""),
        ("村民委员会", "村"),
        ("村委会", "村"),
    ];
    let name = name.trim();
    SUFFIXES.iter().find_map(|(suffix, keep)| {
        name.strip_suffix(suffix)
            .filter(|stem| !stem.is_empty())
            .map(|stem| format!("{stem}{keep}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hierarchy::{find_by_code, find_by_name};
    use crate::store::{Ctx, Store};

    /// The index answers exactly as the queries it replaces, for every unit's code
    /// and name, inside every village and nowhere in particular.
    #[test]
    fn answers_as_the_queries_do() {
        let mut store = Store::open_in_memory().unwrap();
        let ctx = Ctx::new(chrono::Utc::now());
        crate::demo::fill(&mut store, &ctx).unwrap();
        let conn = store.conn();
        let index = UnitIndex::load(conn).unwrap();
        let all = list(conn).unwrap();
        let villages: Vec<&Unit> = all
            .iter()
            .filter(|u| u.kind == super::super::UnitKind::Village)
            .collect();
        assert!(all.len() > 50 && villages.len() > 3);
        for u in &all {
            assert_eq!(
                index.by_code(&u.code),
                find_by_code(conn, &u.code).unwrap().as_ref()
            );
            let ids = |v: Vec<&Unit>| v.into_iter().map(|u| u.id.clone()).collect::<Vec<_>>();
            let want = |w: Option<&str>| {
                find_by_name(conn, &u.name, w)
                    .unwrap()
                    .into_iter()
                    .map(|u| u.id)
                    .collect::<Vec<_>>()
            };
            assert_eq!(ids(index.by_name(&u.name, None)), want(None));
            for v in &villages {
                assert_eq!(ids(index.by_name(&u.name, Some(&v.id))), want(Some(&v.id)));
            }
        }
        assert!(index.by_code("no such code").is_none());
        assert!(index.by_name("没有这个名字", None).is_empty());
        // A village named by its committee, as offices' lists write it.
        for v in &villages {
            let committee = if v.name.ends_with('村') {
                format!("{}委会", v.name)
            } else {
                format!("{}居委会", v.name)
            };
            let got: Vec<&str> = index
                .by_name(&committee, None)
                .iter()
                .map(|u| u.id.as_str())
                .collect();
            assert_eq!(got, [v.id.as_str()], "{committee}");
        }
        assert!(index.by_name("居委会", None).is_empty());
    }
}
