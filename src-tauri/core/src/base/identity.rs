//! Chinese identity data: resident ID numbers (居民身份证号码, GB 11643-1999), mobile
//! phone numbers, and masking them for display and export (个人信息保护法).

use chrono::{Datelike, NaiveDate};

use crate::base::enums::labelled_enum;
use crate::base::error::{Error, Result};

/// What an ID number tells about its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdFacts {
    pub birth_date: NaiveDate,
    pub gender: Gender,
}

labelled_enum! {
    #[derive(Default)]
    pub enum Gender {
        #[default]
        Male("male", "男", "M", "m"),
        Female("female", "女", "F", "f"),
    }
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// The check character for the first 17 digits.
pub fn check_char(first17: &str) -> Option<char> {
    let digits: Vec<u32> = first17
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    if digits.len() != 17 {
        return None;
    }
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    Some(CHECK[(sum % 11) as usize] as char)
}

/// What a masked number (an export's default) says when it comes back in.
/// A masked phone: a list's export masks it, and it comes back only onto the record
/// that holds the full number ([`unmask_phone`]).
const MASKED: &str = "是打码后的号码（导出的台账默认打码），只能原样导回已登记的同一条记录，不能用来登记或修改号码。请填写完整的号码。";
/// A masked ID number, which identifies a person: the roster's export offers the
/// full numbers.
const MASKED_ID: &str = "是打码后的号码（导出名单时默认打码），不能用来登记。请在导出人员名单时选择“完整号码”后再导入，或填写完整的号码。";

/// Normalises and checks an ID number: 18 characters, digits and a final digit or X,
/// a province-level region code (GB/T 2260), a real birth date from 1900 on and
/// not after `today`, and the GB 11643 check character.
/// Returns the normalised number (upper-case X, no spaces) and what it tells.
pub fn check_id_number(raw: &str, today: NaiveDate) -> Result<(String, IdFacts)> {
    let bad = |m: String| Err(Error::validation("idNumber", m));
    let id: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'x' | 'ｘ' | 'Ｘ' => 'X',
            // Full-width digits typed with a Chinese input method.
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    if id.is_empty() {
        return bad("请填写身份证号码。".into());
    }
    if id.contains(['*', '＊']) {
        return bad(format!("身份证号码“{raw}”{MASKED_ID}"));
    }
    if id.contains(['E', 'e', '.', '+']) {
        return bad(format!(
            "身份证号码“{raw}”像是被 Excel 当成了数字（科学计数法），后几位已经丢失。请把这一列设置为“文本”格式后重新输入。"
        ));
    }
    if id.chars().count() != 18 {
        return bad(format!(
            "身份证号码应为18位，“{id}”是{}位。",
            id.chars().count()
        ));
    }
    if !id.is_ascii() {
        let odd: String = id.chars().filter(|c| !c.is_ascii()).collect();
        return bad(format!(
            "身份证号码“{id}”中有非法字符“{odd}”：前17位应为数字，最后一位为数字或X。"
        ));
    }
    let (body, last) = id.split_at(17);
    if !body.chars().all(|c| c.is_ascii_digit())
        || !(last == "X" || last.chars().all(|c| c.is_ascii_digit()))
    {
        return bad(format!(
            "身份证号码“{id}”中有非法字符：前17位应为数字，最后一位为数字或X。"
        ));
    }
    if !PROVINCES.contains(&&id[0..2]) {
        return bad(format!(
            "身份证号码“{id}”的前两位“{}”不是有效的省级行政区划代码，请核对。",
            &id[0..2]
        ));
    }
    // Eight ASCII digits (checked above), read as numbers: `parse_from_str` with a
    // format was most of this check's time in an import.
    let digits = |r: std::ops::Range<usize>| id[r].parse::<u32>().unwrap_or(0);
    let birth = i32::try_from(digits(6..10))
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, digits(10..12), digits(12..14)));
    let Some(birth_date) = birth else {
        return bad(format!(
            "身份证号码“{id}”中的出生日期“{}”不是真实的日期。",
            &id[6..14]
        ));
    };
    if birth_date.year() < 1900 {
        return bad(format!(
            "身份证号码“{id}”中的出生年份{}早于1900年，请核对。",
            birth_date.year()
        ));
    }
    if birth_date > today {
        return bad(format!(
            "身份证号码“{id}”中的出生日期{birth_date}晚于今天。"
        ));
    }
    let want = check_char(body).unwrap_or('?');
    if !last.starts_with(want) {
        // Ending in 00 it is most likely a number Excel cut to 15 digits and padded:
        // changing the last digit as told made an ID of nobody's (probe AM).
        let cut = if id.ends_with("00") {
            "末尾是 00，多半是表格曾把它存成数字、后几位已被 Excel 改掉：请按身份证原件重新输入整个号码，不要只改最后一位。"
        } else {
            "请核对是否有输错的数字。"
        };
        return bad(format!(
            "身份证号码“{id}”的校验位不对（最后一位应为{want}），{cut}"
        ));
    }
    let gender = if id.as_bytes()[16] % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    Ok((id, IdFacts { birth_date, gender }))
}

/// Normalises and checks a mobile phone number: strips spaces, dashes and a leading
/// +86, then 11 digits starting with 1[3-9].
pub fn check_mobile(raw: &str) -> Result<String> {
    let mut p: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－'))
        .map(|c| match c {
            // Full-width digits typed with a Chinese input method.
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '＋' => '+',
            c => c,
        })
        .collect();
    if let Some(rest) = p.strip_prefix("+86").or_else(|| p.strip_prefix("0086")) {
        p = rest.to_string();
    }
    let ok = p.len() == 11
        && p.chars().all(|c| c.is_ascii_digit())
        && p.starts_with('1')
        && matches!(p.as_bytes()[1], b'3'..=b'9');
    if ok {
        Ok(p)
    } else if p.is_empty() {
        Err(Error::validation("phone", "请填写手机号码。"))
    } else if p.contains(['*', '＊']) {
        Err(Error::validation(
            "phone",
            format!("手机号码“{raw}”{MASKED}"),
        ))
    } else if p.contains(['E', 'e']) && p.contains(['.', '+']) {
        // 1.38123E+10: a GBK CSV saved from Excel keeps the number as it was shown.
        Err(Error::validation(
            "phone",
            format!("手机号码“{raw}”像是被 Excel 当成了数字（科学计数法），后几位已经丢失。请把这一列设置为“文本”格式后重新输入，或从原表重新复制。"),
        ))
    } else {
        Err(Error::validation(
            "phone",
            format!("手机号码“{raw}”不正确：应为以1开头的11位数字，如 13812345678。"),
        ))
    }
}

/// `3201**********123X`: the first 4 and last 4 characters.
pub fn mask_id_number(id: &str) -> String {
    mask(id, 4, 4)
}

/// `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    mask(phone, 3, 4)
}

/// A phone read back from one of our masked exports: when `given` is the masked form
/// of the stored `stored`, the stored number (an export edited and imported back
/// keeps the numbers it could not show); otherwise `given` as it is.
pub fn unmask_phone(given: &str, stored: Option<&str>) -> String {
    match stored {
        Some(s) if given.contains('*') && !s.is_empty() && mask_phone(s) == given.trim() => {
            s.to_string()
        }
        _ => given.to_string(),
    }
}

fn mask(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..head].iter().collect();
    out.push_str(&"*".repeat(chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

/// Province-level prefixes in use (GB/T 2260).
pub const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// A mobile number (checked like people's) or an office landline (025-84561234).
pub fn contact_phone(raw: &str) -> Result<String> {
    // Full-width digits and dash typed with a Chinese input method, as a mobile's.
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            c => c,
        })
        .collect();
    if s.is_empty() {
        return Ok(s);
    }
    if s.starts_with('1') {
        return check_mobile(&s).map_err(|e| Error::validation("contactPhone", e.to_string()));
    }
    if s.contains(['*', '＊']) {
        return Err(Error::validation(
            "contactPhone",
            format!("联系电话“{raw}”{MASKED}"),
        ));
    }
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    if s.starts_with('0')
        && s.chars().all(|c| c.is_ascii_digit() || c == '-')
        && (10..=12).contains(&digits)
    {
        return Ok(s);
    }
    Err(Error::validation(
        "contactPhone",
        format!("联系电话“{raw}”不正确：请填11位手机号，或带区号的座机号（如 025-84561234）。"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn good_id_numbers() {
        let cases = [
            ("11010519491231002X", "1949-12-31", Gender::Female),
            ("11010519491231002x", "1949-12-31", Gender::Female),
            ("440524190001010017", "1900-01-01", Gender::Male),
            (" 110105 19491231 002X ", "1949-12-31", Gender::Female),
            (
                "１１０１０５１９４９１２３１００２Ｘ",
                "1949-12-31",
                Gender::Female,
            ),
        ];
        for (raw, birth, gender) in cases {
            let (id, facts) =
                check_id_number(raw, today()).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(id.len(), 18);
            assert!(id.ends_with('X') || id.ends_with('7'));
            assert_eq!(facts.birth_date.to_string(), birth);
            assert_eq!(facts.gender, gender);
        }
    }

    #[test]
    fn generated_numbers_round_trip() {
        // Every check character, both genders.
        for seq in 0..200u32 {
            let body = format!("32011519900101{:03}", seq);
            let id = format!("{body}{}", check_char(&body).unwrap());
            let (_, facts) = check_id_number(&id, today()).unwrap();
            assert_eq!(facts.gender == Gender::Male, seq % 2 == 1);
        }
    }

    #[test]
    fn bad_id_numbers_say_why() {
        let cases = [
            ("", "请填写"),
            ("1.10105194912E+17", "科学计数法"),
            ("110105194912310020", "校验位不对（最后一位应为X），请核对"),
            ("341122199412011600", "不要只改最后一位"),
            ("11010519491231002", "是17位"),
            ("11010519491231002X1", "是19位"),
            ("1101051949123100AX", "非法字符"),
            ("X10105194912310021", "非法字符"),
            ("110105194902300021", "不是真实的日期"),
            ("110105194913310021", "不是真实的日期"),
            ("110105194912310〇2X", "非法字符“〇”"),
            ("1101051949123100２〇", "非法字符“〇”"),
            ("110105203001010021", "晚于今天"),
            ("999999199001010016", "前两位“99”不是有效的省级"),
            ("000000199001010018", "前两位“00”"),
            ("190105199001010015", "前两位“19”"),
            ("440524188001010014", "早于1900年"),
        ];
        for (raw, want) in cases {
            let err = check_id_number(raw, today()).unwrap_err();
            assert_eq!(err.field(), Some("idNumber"));
            assert!(
                err.to_string().contains(want),
                "{raw}: {err} should contain {want}"
            );
        }
    }

    #[test]
    fn phones() {
        for (raw, want) in [
            ("13812345678", "13812345678"),
            ("138 1234 5678", "13812345678"),
            ("138-1234-5678", "13812345678"),
            ("+86 138 1234 5678", "13812345678"),
            ("0086-19912345678", "19912345678"),
            ("１３８１２３４５６７８", "13812345678"),
        ] {
            assert_eq!(check_mobile(raw).unwrap(), want);
        }
        for raw in [
            "",
            "1381234567",
            "138123456789",
            "12812345678",
            "23812345678",
            "1381234567a",
            "025-84561234",
            "1.38123E+10",
        ] {
            assert_eq!(
                check_mobile(raw).unwrap_err().field(),
                Some("phone"),
                "{raw}"
            );
        }
    }

    #[test]
    fn masked_phones_read_back_as_the_stored_number() {
        assert_eq!(
            unmask_phone("138****5678", Some("13812345678")),
            "13812345678"
        );
        // Another masked number, or nothing stored: as given (the check refuses it).
        assert_eq!(
            unmask_phone("138****5679", Some("13812345678")),
            "138****5679"
        );
        assert_eq!(unmask_phone("138****5678", None), "138****5678");
        assert_eq!(
            unmask_phone("13912345678", Some("13812345678")),
            "13912345678"
        );
    }

    #[test]
    fn a_contact_phone_typed_full_width_is_the_number() {
        assert_eq!(
            contact_phone("１３８ １２３４ ５６７８").unwrap(),
            "13812345678"
        );
        assert_eq!(
            contact_phone("０２５－８４５６１２３４").unwrap(),
            "025-84561234"
        );
    }

    #[test]
    fn a_masked_number_says_it_is_masked_and_what_to_do() {
        let said = [
            check_id_number("3201**********123X", today()).map(|_| ()),
            check_mobile("138****5678").map(|_| ()),
            contact_phone("138****5678").map(|_| ()),
            contact_phone("025****1234").map(|_| ()),
        ];
        for (r, field) in said
            .iter()
            .zip(["idNumber", "phone", "contactPhone", "contactPhone"])
        {
            let e = r.as_ref().unwrap_err();
            assert_eq!(e.field(), Some(field), "{e}");
            assert!(
                e.to_string().contains("打码") && e.to_string().contains("完整的号码"),
                "{e}"
            );
        }
    }

    #[test]
    fn masks() {
        assert_eq!(mask_id_number("32010519491231123X"), "3201**********123X");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("123"), "***");
    }
}
