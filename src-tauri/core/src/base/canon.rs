//! Canonical values at every boundary (issue 10). Text that comes from a file, a
//! package or a form is normalised once: trimmed, Unicode NFC; codes and names may
//! not hold control, bidi-override/isolate or zero-width characters (they make two
//! different strings look the same, or reorder what the clerk sees). The
//! normalised value is what is validated and stored.

use unicode_normalization::UnicodeNormalization;

use crate::base::error::{Error, Result};

/// Characters that change how text is laid out or are invisible: bidi embeddings,
/// overrides and isolates, directional marks, and zero-width characters.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

/// What a bad character is called in a message.
fn describe(c: char) -> String {
    let kind = if c.is_control() {
        "控制字符"
    } else if matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}') {
        "零宽字符"
    } else {
        "文字方向控制字符"
    };
    format!("{kind}（U+{:04X}）", c as u32)
}

/// Trimmed and NFC. Most text already is NFC (ASCII always is): it is checked
/// quickly and copied as it is (composing every character again was a tenth of a
/// package's receipt).
pub fn normalize(raw: &str) -> String {
    let s = raw.trim();
    if s.is_ascii()
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Full-width digits and Latin letters half-width (２号楼 → 2号楼), and the
/// ideographic space a space: what a clerk typing with a Chinese IME in full-width
/// mode writes for what the lists hold. Punctuation stays: 阳光花园（二期） keeps its
/// brackets.
pub fn half_width(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// What two names are compared by: [`half_width`], brackets alike
/// (阳光花园(一期) is 阳光花园（一期）) and no spaces. Two units of one parent may not
/// share it, and a file naming a unit either way finds it.
pub fn name_key(name: &str) -> String {
    let squeezed: String = half_width(name.trim())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    squeezed.replace('(', "（").replace(')', "）")
}

/// The writings a stored name with [`name_key`] `key`'s meaning most likely has,
/// for an indexed `name IN (…)` instead of reading every name: `given` as it is, the
/// key, the key with half-width brackets, and the key with its digits and letters
/// full-width (a name stored before names were stored half-width). A name stored
/// some other way (spaces inside) is not found by them.
pub fn name_writings(given: &str) -> [String; 4] {
    let key = name_key(given);
    let half_brackets = key.replace('（', "(").replace('）', ")");
    let full: String = key
        .chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' | 'a'..='z' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    [given.trim().to_string(), key, half_brackets, full]
}

/// A name (person, office, unit…): trimmed, NFC, not empty, at most `max`
/// characters, no control, bidi or zero-width characters.
pub fn name(field: &'static str, label: &str, raw: &str, max: usize) -> Result<String> {
    let s = normalize(raw);
    if s.is_empty() {
        return Err(Error::validation(field, format!("请填写{label}。")));
    }
    let n = s.chars().count();
    if n > max {
        return Err(Error::validation(
            field,
            format!("{label}最多{max}个字，现在有{n}个字。"),
        ));
    }
    if let Some(c) = s.chars().find(|c| c.is_control() || is_invisible(*c)) {
        return Err(Error::validation(
            field,
            format!(
                "{label}中含有换行或不可见字符（{}），请删除后再保存。",
                describe(c)
            ),
        ));
    }
    Ok(s)
}

/// A code (division code, unit code, record id…): trimmed, NFC, at most `max`
/// characters, no whitespace inside, no control, bidi or zero-width characters.
/// May be empty; callers that require one check that.
pub fn code(field: &'static str, label: &str, raw: &str, max: usize) -> Result<String> {
    let s = normalize(raw);
    let n = s.chars().count();
    if n > max {
        return Err(Error::validation(
            field,
            format!("{label}最多{max}个字符，现在有{n}个。"),
        ));
    }
    if let Some(c) = s
        .chars()
        .find(|c| c.is_control() || is_invisible(*c) || c.is_whitespace())
    {
        let what = if c.is_whitespace() && !c.is_control() {
            "空格".to_string()
        } else {
            describe(c)
        };
        return Err(Error::validation(
            field,
            format!(
                "{label}“{}”中含有{what}，请删除后再保存。",
                s.escape_debug()
            ),
        ));
    }
    Ok(s)
}

/// Free text (notes, descriptions): trimmed, NFC, at most `max` characters; line
/// breaks and tabs are kept, other control characters and bidi overrides refused.
/// Zero-width characters are harmless in prose (and common in pasted text): kept.
pub fn text(field: &'static str, label: &str, raw: &str, max: usize) -> Result<String> {
    let s = normalize(raw);
    let n = s.chars().count();
    if n > max {
        return Err(Error::validation(
            field,
            format!("{label}最多{max}个字，现在有{n}个字。"),
        ));
    }
    if let Some(c) = s.chars().find(|c| {
        (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }) {
        return Err(Error::validation(
            field,
            format!("{label}中含有不可见的{}，请删除后再保存。", describe(c)),
        ));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_composed() {
        // "é" as e + combining acute becomes one character.
        assert_eq!(name("name", "姓名", "  Jose\u{301} ", 20).unwrap(), "José");
        assert_eq!(name("name", "姓名", "\n张三\t", 20).unwrap(), "张三");
    }

    /// The quick path returns exactly what composing every character returns.
    #[test]
    fn normalize_is_nfc_whatever_the_path() {
        for raw in [
            "",
            " plain ascii ",
            "张三",
            "Jose\u{301}",
            "José",
            // A CJK compatibility ideograph: NFC maps it to the unified one.
            "\u{F900}字",
            "\u{1100}\u{1161}\u{11A8}",
            "a\u{301}\u{327}",
            "ﬁ① Å",
            "\u{212B}",
        ] {
            let want: String = raw.trim().nfc().collect();
            assert_eq!(normalize(raw), want, "{raw:?}");
        }
        assert_eq!(normalize("\u{F900}"), "\u{8C48}");
    }

    #[test]
    fn names_refuse_invisible_characters_naming_the_field() {
        for raw in [
            "张\u{202E}三",
            "张\u{2066}三",
            "张\u{200B}三",
            "张\u{200D}三",
            "张\u{FEFF}三",
            "张\u{200F}三",
            "张\u{061C}三",
            "张\u{2060}三",
            "张\n三",
            "张\u{7}三",
        ] {
            let e = name("name", "姓名", raw, 20).unwrap_err();
            assert_eq!(e.field(), Some("name"), "{raw:?}");
            assert!(e.to_string().contains("姓名"), "{e}");
        }
        assert!(name("name", "姓名", "  ", 20)
            .unwrap_err()
            .to_string()
            .contains("请填写姓名"));
        assert!(name("name", "姓名", &"字".repeat(21), 20).is_err());
        assert!(name("name", "姓名", &"字".repeat(20), 20).is_ok());
    }

    #[test]
    fn codes_refuse_inner_spaces_and_invisible_characters() {
        assert_eq!(
            code("code", "区划代码", "320115102000 \n", 12).unwrap(),
            "320115102000"
        );
        assert_eq!(code("code", "编码", "", 12).unwrap(), "");
        for raw in ["3201 15", "3201\u{200B}15", "3201\u{202E}15", "32\u{0}01"] {
            let e = code("code", "区划代码", raw, 30).unwrap_err();
            assert_eq!(e.field(), Some("code"));
            assert!(e.to_string().contains("区划代码"), "{e}");
        }
        assert!(code("code", "编码", "1234567890123", 12).is_err());
    }

    #[test]
    fn text_keeps_line_breaks_and_refuses_other_controls() {
        assert_eq!(
            text("note", "备注", " 第一行\n第二行\t完 ", 100).unwrap(),
            "第一行\n第二行\t完"
        );
        assert!(text("note", "备注", "a\u{1b}[31mb", 100).is_err());
        assert!(text("note", "备注", "a\u{202E}b", 100).is_err());
        let e = text("note", "备注", &"字".repeat(101), 100).unwrap_err();
        assert!(e.to_string().contains("备注最多100个字"), "{e}");
        assert_eq!(e.field(), Some("note"));
    }
}
