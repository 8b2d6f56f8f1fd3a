//! The keys 人员名单 sorts names by, as WPS and Excel sort Chinese text: by pinyin
//! (syllable, then tone), with the surname read as a surname where the character has
//! another reading in everyday words (单 shàn, 曾 zēng, 解 xiè …); or by 姓氏笔画
//! (stroke counts, [`stroke_key`]). Kept in `people.name_sort` and `people.name_strokes`
//! by every write of a person; rows from before the columns are filled by migration
//! 0011's Rust step (`store::fill_name_sort_keys`).

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::ToPinyin;

/// Surnames whose reading as a surname differs from the reading `pinyin` gives the
/// character first (compound surnames first, so they win over their first character).
const SURNAMES: &[(&str, &[&str])] = &[
    ("尉迟", &["yu4", "chi2"]),
    ("万俟", &["mo4", "qi2"]),
    ("长孙", &["zhang3", "sun1"]),
    ("澹台", &["tan2", "tai2"]),
    ("单于", &["chan2", "yu2"]),
    ("单", &["shan4"]),
    ("曾", &["zeng1"]),
    ("解", &["xie4"]),
    ("区", &["ou1"]),
    ("仇", &["qiu2"]),
    ("朴", &["piao2"]),
    ("查", &["zha1"]),
    ("盖", &["ge3"]),
    ("乐", &["yue4"]),
    ("覃", &["qin2"]),
    ("缪", &["miao4"]),
    ("翟", &["zhai2"]),
    ("繁", &["po2"]),
    ("种", &["chong2"]),
    ("召", &["shao4"]),
    ("员", &["yun4"]),
    ("重", &["chong2"]),
    ("宓", &["mi4"]),
    ("秘", &["bi4"]),
    ("那", &["na1"]),
    ("折", &["she2"]),
    ("褚", &["chu3"]),
    ("薄", &["bo2"]),
    ("都", &["du1"]),
    ("曲", &["qu1"]),
    ("隗", &["wei3"]),
    ("柏", &["bai3"]),
    ("句", &["gou1"]),
    ("谌", &["chen2"]),
    ("祭", &["zhai4"]),
    ("黑", &["he4"]),
    ("卜", &["bu3"]),
    ("长", &["chang2"]),
    ("华", &["hua4"]),
    ("任", &["ren2"]),
    ("令狐", &["ling2", "hu2"]),
    ("尉", &["wei4"]),
    ("纪", &["ji3"]),
    ("燕", &["yan1"]),
    ("洗", &["xian3"]),
    ("过", &["guo1"]),
    ("阚", &["kan4"]),
    ("蕃", &["pi2"]),
    ("瞿", &["qu2"]),
];

/// The sort key of a name: each character's pinyin with its tone number, syllables
/// separated by a space (so 李 sorts before 李四 before 梁); characters with no
/// pinyin (letters, digits) as themselves, lower-cased.
pub fn sort_key(name: &str) -> String {
    let name = name.trim();
    let mut syllables: Vec<String> = Vec::new();
    let mut rest = name;
    if let Some((surname, readings)) = SURNAMES.iter().find(|(s, _)| name.starts_with(s)) {
        syllables.extend(readings.iter().map(|r| r.to_string()));
        rest = &name[surname.len()..];
    }
    for (c, p) in rest.chars().zip(rest.to_pinyin()) {
        match p {
            Some(p) => syllables.push(p.with_tone_num_end().to_string()),
            None => syllables.extend(c.to_lowercase().map(String::from)),
        }
    }
    syllables.join(" ")
}

fn strokes() -> &'static HashMap<char, u8> {
    static TABLE: OnceLock<HashMap<char, u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        super::strokes::BY_STROKES
            .iter()
            .flat_map(|(n, chars)| chars.chars().map(move |c| (c, *n)))
            .collect()
    })
}

/// Each GB 2312 character's place in 姓氏笔画 order, from 1: by its stroke count,
/// then the classes of its strokes in order (横竖撇点折 as 1–5, [`super::stroke_order`]:
/// of two characters of equal strokes the one whose first stroke comes first), then
/// the character (two alike so far apart).
fn stroke_ranks() -> &'static HashMap<char, u16> {
    static TABLE: OnceLock<HashMap<char, u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let classes: HashMap<char, &str> = super::stroke_order::STROKE_CLASSES
            .split_whitespace()
            .filter_map(|entry| {
                let c = entry.chars().next()?;
                Some((c, &entry[c.len_utf8()..]))
            })
            .collect();
        let mut all: Vec<(u8, &str, char)> = strokes()
            .iter()
            .map(|(c, n)| (*n, classes.get(c).copied().unwrap_or(""), *c))
            .collect();
        all.sort_unstable();
        all.into_iter()
            .zip(1u16..)
            .map(|((_, _, c), rank)| (c, rank))
            .collect()
    })
}

/// One character of a 姓氏笔画 key: its [`stroke_ranks`] place as four hex digits
/// (a letter or digit 0000 and itself; a character outside GB 2312 ffff and itself).
fn stroke_part(c: char) -> String {
    match stroke_ranks().get(&c) {
        Some(rank) => format!("{rank:04x}"),
        None if c.is_ascii_alphanumeric() => format!("0000{c}"),
        None => format!("ffff{c}"),
    }
}

/// The 姓氏笔画 key of a name, as official lists order names: the surname by its
/// strokes, then its first stroke (横竖撇点折), then the next, so that everyone of
/// one surname stands together (刘 before 朱 before 孙, and 王 before 孔); then the
/// given name the same way, character by character; names alike so far by their
/// pinyin ([`sort_key`]). The surname's part, a space, the given name's parts, `|`,
/// the pinyin; each character four hex digits ([`stroke_part`]), so the key stays
/// short in the name index. A compound surname (欧阳) is the surname whole.
pub fn stroke_key(name: &str) -> String {
    stroke_key_with(name, &sort_key(name))
}

/// Both keys of `name`, its pinyin worked out once: `(sort_key, stroke_key)`.
pub fn keys(name: &str) -> (String, String) {
    let sort = sort_key(name);
    let strokes = stroke_key_with(name, &sort);
    (sort, strokes)
}

/// [`stroke_key`] with `name`'s [`sort_key`] already known.
fn stroke_key_with(name: &str, sort: &str) -> String {
    let name = name.trim();
    let surname_len = COMPOUND_SURNAMES
        .iter()
        .find(|s| name.starts_with(**s))
        .map_or(1, |s| s.chars().count());
    let surname: String = name.chars().take(surname_len).map(stroke_part).collect();
    let given: String = name.chars().skip(surname_len).map(stroke_part).collect();
    format!("{surname} {given}|{sort}")
}

/// Two-character surnames, whose strokes count together as one surname's.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "长孙", "慕容", "令狐", "司徒",
    "夏侯", "轩辕", "宇文", "澹台", "万俟", "单于", "呼延", "端木", "西门", "南宫",
];
