//! How a change is kept in the change log (变更记录) without repeating what it does
//! not change. A person imported by the hundred thousand used to cost a full JSON
//! copy of the record per row, a third of the database.
//!
//! - An update keeps only the fields that changed, each with its value before and
//!   after, plus the fields that name the record (姓名, 标题, 代码 …) so the log can
//!   say what it is about; `updatedAt` is the row's own time.
//! - A create, delete or restore keeps the record without empty fields (absent means
//!   empty, as the change-log view shows it) and without what the row itself says
//!   (`id` is the record id, `createdAt`/`updatedAt` the row's time, `ownerCode` the
//!   office).
//!
//! Rows written before this rule hold whole records; readers treat both the same.

use serde_json::{Map, Value};

/// Fields that name a record (what the change-log view shows it by: a name, a
/// title, a code, a visit's date and place, a meeting's date and group); kept in an
/// update's row even when unchanged.
const NAMING: &[&str] = &[
    "name",
    "title",
    "code",
    "visitedOn",
    "contactPointId",
    "heldOn",
    "groupId",
    "fileName",
    "file",
    // a call-back (date and person), an inspection or a 回头看 (date and what), a
    // returned paper or a sample (number, quarter), a claim, a contact point, a branch
    "date",
    "calledOn",
    "personName",
    "unitName",
    "entryName",
    "number",
    "quarter",
    "claimedOn",
    "startOn",
    "secretary",
];
/// Fields the change-log row already carries.
const IMPLIED: &[&str] = &["id", "createdAt", "updatedAt", "ownerCode"];

fn empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Number(_) => false,
    }
}

fn trimmed(o: Map<String, Value>) -> Map<String, Value> {
    o.into_iter()
        .filter(|(k, v)| !IMPLIED.contains(&k.as_str()) && !empty(v))
        .collect()
}

/// The before and after kept for one change.
pub fn compact(before: Option<Value>, after: Option<Value>) -> (Option<Value>, Option<Value>) {
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let null = Value::Null;
            let mut kb = Map::new();
            let mut ka = Map::new();
            let keys: std::collections::BTreeSet<&String> = b.keys().chain(a.keys()).collect();
            for k in keys {
                if k == "updatedAt" {
                    continue;
                }
                let (vb, va) = (b.get(k).unwrap_or(&null), a.get(k).unwrap_or(&null));
                if vb != va || NAMING.contains(&k.as_str()) {
                    if !vb.is_null() {
                        kb.insert(k.clone(), vb.clone());
                    }
                    if !va.is_null() {
                        ka.insert(k.clone(), va.clone());
                    }
                }
            }
            (Some(Value::Object(kb)), Some(Value::Object(ka)))
        }
        (b, a) => {
            let one = |v: Option<Value>| match v {
                Some(Value::Object(o)) => Some(Value::Object(trimmed(o))),
                other => other,
            };
            (one(b), one(a))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_update_keeps_what_changed_and_what_names_the_record() {
        let (b, a) = compact(
            Some(
                json!({"id": "x", "name": "张三", "phone": "13800000000", "note": "", "updatedAt": "t1", "roles": [1]}),
            ),
            Some(
                json!({"id": "x", "name": "张三", "phone": "13900000000", "note": "新", "updatedAt": "t2", "roles": [1]}),
            ),
        );
        assert_eq!(
            b,
            Some(json!({"name": "张三", "phone": "13800000000", "note": ""}))
        );
        assert_eq!(
            a,
            Some(json!({"name": "张三", "phone": "13900000000", "note": "新"}))
        );
    }

    #[test]
    fn a_create_keeps_the_filled_fields() {
        let (b, a) = compact(
            None,
            Some(
                json!({"id": "x", "ownerCode": "1", "name": "张三", "note": "", "published": false,
                        "startDate": null, "roles": [], "households": 0, "createdAt": "t"}),
            ),
        );
        assert_eq!(b, None);
        assert_eq!(a, Some(json!({"name": "张三", "households": 0})));
    }

    #[test]
    fn values_that_are_not_records_stay_whole() {
        assert_eq!(
            compact(Some(json!([1, 2])), Some(json!("x"))),
            (Some(json!([1, 2])), Some(json!("x")))
        );
    }
}
