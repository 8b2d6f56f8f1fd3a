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

use serde::ser::{Impossible, SerializeStruct, Serializer};
use serde::Serialize;
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

/// A record kept whole (a create, a delete, a restore) as [`compact`] keeps it, as
/// JSON text: the same value as `compact(None, Some(to_value(record)))` written out,
/// without building the `Value` tree first (that tree was a tenth of an import's
/// time: a map and a string per field, per person). The record's own fields are
/// written in the same sorted order; a nested struct (a person's roles) keeps its
/// declared field order, the same JSON value. A value that is not a plain struct
/// takes the `Value` path.
pub fn whole_json<T: Serialize + ?Sized>(record: &T) -> serde_json::Result<String> {
    let Ok(mut fields) = record.serialize(Fields) else {
        let value = serde_json::to_value(record)?;
        let (_, kept) = compact(None, Some(value));
        return serde_json::to_string(&kept);
    };
    fields.sort_unstable_by_key(|(key, _)| *key);
    let mut out = String::with_capacity(
        fields
            .iter()
            .map(|(k, v)| k.len() + v.len() + 4)
            .sum::<usize>()
            + 2,
    );
    out.push('{');
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(key)?);
        out.push(':');
        out.push_str(value);
    }
    out.push('}');
    Ok(out)
}

/// The JSON text of a value [`empty`] calls empty.
fn empty_json(text: &str) -> bool {
    matches!(text, "null" | "false" | "\"\"" | "[]" | "{}")
}

/// Not a plain struct: [`whole_json`] goes the `Value` way.
#[derive(Debug)]
struct NotAStruct;

impl std::fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a plain struct")
    }
}
impl std::error::Error for NotAStruct {}
impl serde::ser::Error for NotAStruct {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotAStruct
    }
}

/// Serialises a struct into its kept fields (name, JSON text); anything else is
/// [`NotAStruct`].
struct Fields;
type Kept = Vec<(&'static str, String)>;

/// The serializer methods that refuse: everything but a struct.
macro_rules! not_a_struct {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, NotAStruct> {
            Err(NotAStruct)
        })*
    };
}

impl Serializer for Fields {
    type Ok = Kept;
    type Error = NotAStruct;
    type SerializeSeq = Impossible<Kept, NotAStruct>;
    type SerializeTuple = Impossible<Kept, NotAStruct>;
    type SerializeTupleStruct = Impossible<Kept, NotAStruct>;
    type SerializeTupleVariant = Impossible<Kept, NotAStruct>;
    type SerializeMap = Impossible<Kept, NotAStruct>;
    type SerializeStruct = KeptFields;
    type SerializeStructVariant = Impossible<Kept, NotAStruct>;

    not_a_struct! {
        serialize_bool(bool) -> Kept;
        serialize_i8(i8) -> Kept;
        serialize_i16(i16) -> Kept;
        serialize_i32(i32) -> Kept;
        serialize_i64(i64) -> Kept;
        serialize_u8(u8) -> Kept;
        serialize_u16(u16) -> Kept;
        serialize_u32(u32) -> Kept;
        serialize_u64(u64) -> Kept;
        serialize_f32(f32) -> Kept;
        serialize_f64(f64) -> Kept;
        serialize_char(char) -> Kept;
        serialize_str(&str) -> Kept;
        serialize_bytes(&[u8]) -> Kept;
        serialize_none() -> Kept;
        serialize_unit() -> Kept;
        serialize_unit_struct(&'static str) -> Kept;
        serialize_unit_variant(&'static str, u32, &'static str) -> Kept;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<Kept, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<Kept, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Kept, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<KeptFields, NotAStruct> {
        Ok(KeptFields(Vec::with_capacity(len)))
    }
}

struct KeptFields(Kept);

impl SerializeStruct for KeptFields {
    type Ok = Kept;
    type Error = NotAStruct;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotAStruct> {
        if IMPLIED.contains(&key) {
            return Ok(());
        }
        let text = serde_json::to_string(value).map_err(|_| NotAStruct)?;
        if !empty_json(&text) {
            self.0.push((key, text));
        }
        Ok(())
    }
    fn end(self) -> Result<Kept, NotAStruct> {
        Ok(self.0)
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
    fn a_whole_record_as_text_is_what_compact_keeps() {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Role {
            unit_id: String,
            kind: &'static str,
        }
        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Record {
            id: String,
            owner_code: String,
            name: String,
            note: String,
            published: bool,
            start_date: Option<String>,
            households: u32,
            share: f64,
            roles: Vec<Role>,
            tags: Vec<String>,
            created_at: String,
        }
        #[derive(serde::Serialize)]
        struct Flattened {
            #[serde(flatten)]
            record: Record,
            extra: &'static str,
        }
        let record = || Record {
            id: "x".into(),
            owner_code: "1".into(),
            name: "张\"三".into(),
            note: String::new(),
            published: false,
            start_date: Some("2024-01-02".into()),
            households: 0,
            share: 0.25,
            roles: vec![Role {
                unit_id: "u".into(),
                kind: "grid_worker",
            }],
            tags: vec![],
            created_at: "t".into(),
        };
        let slow = |v: Value| compact(None, Some(v)).1.unwrap();
        let text = whole_json(&record()).unwrap();
        assert_eq!(
            text,
            r#"{"households":0,"name":"张\"三","roles":[{"unitId":"u","kind":"grid_worker"}],"share":0.25,"startDate":"2024-01-02"}"#
        );
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap(),
            slow(serde_json::to_value(record()).unwrap())
        );
        // Not a plain struct: the `Value` way, same result.
        let flat = Flattened {
            record: record(),
            extra: "",
        };
        assert_eq!(
            serde_json::from_str::<Value>(&whole_json(&flat).unwrap()).unwrap(),
            slow(serde_json::to_value(&flat).unwrap())
        );
        assert_eq!(whole_json(&vec![1, 2]).unwrap(), "[1,2]");
    }

    #[test]
    fn values_that_are_not_records_stay_whole() {
        assert_eq!(
            compact(Some(json!([1, 2])), Some(json!("x"))),
            (Some(json!([1, 2])), Some(json!("x")))
        );
    }
}
