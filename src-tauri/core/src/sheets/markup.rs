//! A small, tolerant tokenizer for the markup spreadsheets that web platforms hand
//! out as ".xls": XML Spreadsheet 2003 and HTML tables. It never fails: broken markup
//! yields whatever tags and text can be seen, and the readers decide.

/// A tag or a run of text, names lower-cased and without their namespace prefix.
#[derive(Debug, PartialEq)]
pub enum Tok {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    Close(String),
    Text(String),
}

impl Tok {
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Tok::Open { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

/// Decodes character references and the common named entities.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && out.len() < MAX_ATTRS {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if start == i {
            break;
        }
        let key = local(&s[start..i]);
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                i = vs;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = decode_entities(&s[vs..i.min(b.len())]);
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = decode_entities(&s[vs..i]);
            }
        }
        out.push((key, value));
    }
    out
}

/// At most this many attributes of one tag are kept (a spreadsheet cell has a few).
const MAX_ATTRS: usize = 16;

/// The tags and text of `s`, in order, one at a time (nothing is held for the whole
/// document).
pub fn tokens(s: &str) -> Tokens<'_> {
    Tokens { rest: s }
}

pub struct Tokens<'a> {
    rest: &'a str,
}

/// Where `</name` starts in `hay`, compared without regard to ASCII case, without
/// copying the document.
fn find_close(hay: &str, name: &str) -> Option<usize> {
    let b = hay.as_bytes();
    let n = name.as_bytes();
    let mut from = 0;
    while let Some(i) = hay[from..].find("</") {
        let at = from + i;
        let tail = &b[at + 2..];
        if tail.len() >= n.len() && tail[..n.len()].eq_ignore_ascii_case(n) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

impl Iterator for Tokens<'_> {
    type Item = Tok;

    fn next(&mut self) -> Option<Tok> {
        loop {
            let rest = self.rest;
            if rest.is_empty() {
                return None;
            }
            let Some(lt) = rest.find('<') else {
                self.rest = "";
                return Some(Tok::Text(decode_entities(rest)));
            };
            if lt > 0 {
                self.rest = &rest[lt..];
                return Some(Tok::Text(decode_entities(&rest[..lt])));
            }
            if let Some(body) = rest.strip_prefix("<!--") {
                self.rest = body.find("-->").map(|e| &body[e + 3..]).unwrap_or("");
                continue;
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let e = body.find("]]>").unwrap_or(body.len());
                self.rest = body.get(e + 3..).unwrap_or("");
                return Some(Tok::Text(body[..e].to_string()));
            }
            let Some(gt) = rest.find('>') else {
                self.rest = "";
                return None;
            };
            let inner = &rest[1..gt];
            self.rest = &rest[gt + 1..];
            if inner.starts_with('?') || inner.starts_with('!') {
                continue;
            }
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Tok::Close(local(name.trim())));
            }
            let self_closing = inner.ends_with('/');
            let inner = inner.trim_end_matches('/');
            let name_end = inner
                .find(|c: char| c.is_whitespace())
                .unwrap_or(inner.len());
            let name = local(&inner[..name_end]);
            if name.is_empty() {
                continue;
            }
            let mut attrs = parse_attrs(&inner[name_end..]);
            attrs.truncate(MAX_ATTRS);
            // Script and style bodies are not text. XML Spreadsheet 2003's own
            // <Style ss:ID="…"> (a cell style: its number format) is markup to read; an
            // HTML page's <style id="…"> is not.
            let spreadsheet_style =
                name == "style" && inner[name_end..].to_ascii_lowercase().contains("ss:id");
            if (name == "script" || name == "style") && !self_closing && !spreadsheet_style {
                let after = self.rest;
                self.rest = find_close(after, &name)
                    .and_then(|e| after[e..].find('>').map(|g| &after[e + g + 1..]))
                    .unwrap_or("");
                continue;
            }
            return Some(Tok::Open {
                name,
                attrs,
                self_closing,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_text_and_entities() {
        let t: Vec<Tok> = tokens(
            "<?xml version=\"1.0\"?><!-- c --><ss:Cell ss:Index='3'><Data ss:Type=\"String\">A&amp;B&#20013;</Data></ss:Cell><br/>",
        )
        .collect();
        assert_eq!(t.len(), 6);
        assert_eq!(t[0].attr("index"), Some("3"));
        assert_eq!(t[2], Tok::Text("A&B中".into()));
        assert_eq!(t[4], Tok::Close("cell".into()));
        assert!(matches!(&t[5], Tok::Open { name, self_closing: true, .. } if name == "br"));
        assert_eq!(decode_entities("&unknown; &#xZZ;"), "&unknown; &#xZZ;");
        // Script bodies are skipped in place, any case.
        let t: Vec<Tok> = tokens("<STYLE>td{}</Style><td>x</td>").collect();
        assert_eq!(t[1], Tok::Text("x".into()));
        // An HTML page's <style id> too; XML 2003's <Style ss:ID> is read.
        let t: Vec<Tok> = tokens("<style id=\"s\">td{}</style><td>x</td>").collect();
        assert_eq!(t[1], Tok::Text("x".into()));
        let t: Vec<Tok> =
            tokens("<Style ss:ID=\"p\"><NumberFormat ss:Format=\"0%\"/></Style>").collect();
        assert_eq!(t[0].attr("id"), Some("p"));
        assert_eq!(t[1].attr("format"), Some("0%"));
    }
}
