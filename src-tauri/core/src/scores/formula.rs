//! The formula of a computed indicator: a tiny, safe expression language over
//! report keys. Numbers (`100`, `0.5`), key names (`compounds.total`) or a figure's
//! Chinese name in 【】 as 统计 shows it (`【小区（自然村/组）】`), `+ - * /`, unary
//! minus and parentheses; nothing else (no functions, no variables, no calls into
//! anything). A formula is stored with keys and plain signs ([`plain`]). Parsed at
//! save time, so a typo or an unknown key is refused with the key named; evaluated at scoring time against one office's
//! totals, where a key the office's report does not have (an older package) or a
//! division by zero gives "无数据" instead of a number.

use std::collections::BTreeSet;

use crate::exchange::report;

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Key(String),
    Neg(Box<Expr>),
    Bin(char, Box<Expr>, Box<Expr>),
}

/// Why a formula has no value for an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoValue {
    /// The office's report has no figure for this key (an older package).
    Missing(String),
    /// A divisor was zero (e.g. no compounds at all).
    DivisionByZero,
}

impl NoValue {
    /// In Chinese, for the score table's note.
    pub fn describe(&self) -> String {
        match self {
            NoValue::Missing(k) => format!("无数据：报表中没有统计项 {k}"),
            NoValue::DivisionByZero => "无数据：除数为 0".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Key(String),
    Op(char),
    Open,
    Close,
}

/// A parse error in Chinese, naming the position (1-based, in characters).
pub type ParseError = String;

/// An operator as a clerk may type it: + - * /, the signs the screen shows a formula
/// with (× ÷), or their full-width forms (＋ － ＊ ／, an IME's Chinese mode).
fn operator(c: char) -> Option<char> {
    match c {
        '+' | '＋' => Some('+'),
        '-' | '－' => Some('-'),
        '*' | '×' | '＊' => Some('*'),
        '/' | '÷' | '／' => Some('/'),
        _ => None,
    }
}

/// The formula as it is stored and as every version reads it: figures by key
/// (`【三亮齐全的小区】` → `compounds.sanliang_complete`), operators and brackets
/// written + - * / ( ). A name 统计 does not have is left as written (the formula was
/// checked before it is stored).
pub fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '【' => {
                let name: String = chars.by_ref().take_while(|&c| c != '】').collect();
                match report::key_of(name.trim()) {
                    Some(key) => out.push_str(key),
                    None => {
                        out.push('【');
                        out.push_str(&name);
                        out.push('】');
                    }
                }
            }
            '（' => out.push('('),
            '）' => out.push(')'),
            c => out.push(operator(c).unwrap_or(c)),
        }
    }
    out
}

/// A stored formula with each figure by its name in 【】, as a clerk reads and edits
/// it in an exported sheet (`100 * 【三亮齐全的小区】 / 【小区（自然村/组）】`); a key 统计
/// does not name stays as it is. [`plain`] reads it back.
pub fn named(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut key = String::new();
    let flush = |key: &mut String, out: &mut String| {
        if key.is_empty() {
            return;
        }
        match report::label_of(key) {
            Some(label) => {
                out.push('【');
                out.push_str(label);
                out.push('】');
            }
            None => out.push_str(key),
        }
        key.clear();
    };
    for c in s.chars() {
        let in_key = if key.is_empty() {
            c.is_ascii_alphabetic() || c == '_'
        } else {
            c.is_ascii_alphanumeric() || c == '_' || c == '.'
        };
        if in_key {
            key.push(c);
        } else {
            flush(&mut key, &mut out);
            out.push(c);
        }
    }
    flush(&mut key, &mut out);
    out
}

fn tokens(s: &str) -> Result<Vec<(usize, Tok)>, ParseError> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '【' {
            let Some(len) = chars[i + 1..].iter().position(|&c| c == '】') else {
                return Err(format!(
                    "第 {at} 个字符的“【”没有配对的“】”：统计项的名称写在【】里。"
                ));
            };
            let name: String = chars[i + 1..i + 1 + len].iter().collect();
            let Some(key) = report::key_of(name.trim()) else {
                return Err(format!(
                    "第 {at} 个字符处的统计项【{}】在统计中没有：请从“选择统计项”中选择。",
                    name.trim()
                ));
            };
            out.push((at, Tok::Key(key.to_string())));
            i += len + 2;
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let n: f64 = text
                .parse()
                .map_err(|_| format!("第 {at} 个字符处的数字“{text}”写法不对。"))?;
            out.push((at, Tok::Num(n)));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            out.push((at, Tok::Key(name)));
        } else if let Some(op) = operator(c) {
            out.push((at, Tok::Op(op)));
            i += 1;
        } else if c == '(' || c == '（' {
            out.push((at, Tok::Open));
            i += 1;
        } else if c == ')' || c == '）' {
            out.push((at, Tok::Close));
            i += 1;
        } else {
            return Err(format!(
                "第 {at} 个字符“{c}”不能用在公式里：只能写数字、统计项（写在【】里）、+ - * / 和括号。"
            ));
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }
    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |(a, _)| *a)
    }
    fn expr(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let mut left = self.term(depth)?;
        while let Some(Tok::Op(op @ ('+' | '-'))) = self.peek().cloned() {
            self.pos += 1;
            let right = self.term(depth)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn term(&mut self, depth: usize) -> Result<Expr, ParseError> {
        let mut left = self.factor(depth)?;
        while let Some(Tok::Op(op @ ('*' | '/'))) = self.peek().cloned() {
            self.pos += 1;
            let right = self.factor(depth)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn factor(&mut self, depth: usize) -> Result<Expr, ParseError> {
        if depth > 50 {
            return Err("公式的括号嵌套太深。".into());
        }
        let at = self.at();
        let tok = self.peek().cloned();
        self.pos += 1;
        match tok {
            Some(Tok::Num(n)) => Ok(Expr::Num(n)),
            Some(Tok::Key(k)) => Ok(Expr::Key(k)),
            Some(Tok::Op('-')) => Ok(Expr::Neg(Box::new(self.factor(depth + 1)?))),
            Some(Tok::Open) => {
                let e = self.expr(depth + 1)?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(format!("第 {} 个字符处缺少右括号“)”。", self.at()));
                }
                self.pos += 1;
                Ok(e)
            }
            Some(Tok::Close) => Err(format!("第 {at} 个字符处多了一个右括号“)”。")),
            Some(Tok::Op(c)) => Err(format!("第 {at} 个字符处的“{c}”前面缺少数字或统计项。")),
            None => Err("公式不完整：结尾缺少数字或统计项。".into()),
        }
    }
}

/// Parses a formula; the error says where and what is wrong.
pub fn parse(s: &str) -> Result<Expr, ParseError> {
    if s.trim().is_empty() {
        return Err("公式是空的。".into());
    }
    let toks = tokens(s)?;
    let mut p = Parser {
        end: s.chars().count() + 1,
        toks,
        pos: 0,
    };
    let e = p.expr(0)?;
    if p.peek() == Some(&Tok::Close) {
        return Err(format!("第 {} 个字符处多了一个右括号“)”。", p.at()));
    }
    if p.pos < p.toks.len() {
        return Err(format!(
            "第 {} 个字符处多出了内容：两个数字或统计项之间要有 + - * /。",
            p.at()
        ));
    }
    Ok(e)
}

impl Expr {
    /// Every key the formula names, sorted.
    pub fn keys(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        self.collect(&mut out);
        out
    }
    fn collect(&self, out: &mut BTreeSet<String>) {
        match self {
            Expr::Num(_) => {}
            Expr::Key(k) => {
                out.insert(k.clone());
            }
            Expr::Neg(e) => e.collect(out),
            Expr::Bin(_, a, b) => {
                a.collect(out);
                b.collect(out);
            }
        }
    }

    /// The value with each key's figure from `lookup` (`None`: no figure).
    pub fn eval(&self, lookup: &dyn Fn(&str) -> Option<f64>) -> Result<f64, NoValue> {
        match self {
            Expr::Num(n) => Ok(*n),
            Expr::Key(k) => lookup(k).ok_or_else(|| NoValue::Missing(k.clone())),
            Expr::Neg(e) => Ok(-e.eval(lookup)?),
            Expr::Bin(op, a, b) => {
                let (a, b) = (a.eval(lookup)?, b.eval(lookup)?);
                match op {
                    '+' => Ok(a + b),
                    '-' => Ok(a - b),
                    '*' => Ok(a * b),
                    _ if b == 0.0 => Err(NoValue::DivisionByZero),
                    _ => Ok(a / b),
                }
            }
        }
    }
}

/// Parses `s` and checks every key against `known`; the error names the first
/// unknown key.
pub fn check(s: &str, known: &[&str]) -> Result<Expr, ParseError> {
    let e = parse(s)?;
    for k in e.keys() {
        if !known.contains(&k.as_str()) {
            return Err(format!(
                "公式里的统计项“{k}”不存在，请从“选择统计项”中选择。"
            ));
        }
    }
    if e.divides_by_zero() {
        return Err(
            "公式里除以 0，这项指标永远没有数据。请改正除数（一般是除以某个统计项）。".into(),
        );
    }
    Ok(e)
}

impl Expr {
    /// Whether a division's divisor is a number that is 0 whatever the figures
    /// (`… ÷ 0`, `… / (1 - 1)`): the indicator would never have a value.
    fn divides_by_zero(&self) -> bool {
        match self {
            Expr::Num(_) | Expr::Key(_) => false,
            Expr::Neg(e) => e.divides_by_zero(),
            Expr::Bin(op, a, b) => {
                (*op == '/' && b.keys().is_empty() && b.eval(&|_| None) == Ok(0.0))
                    || a.divides_by_zero()
                    || b.divides_by_zero()
            }
        }
    }
}
