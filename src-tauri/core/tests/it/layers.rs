//! The core's layers, checked: a lower layer never imports a higher one, and two
//! domains import each other only along a declared relation (one direction each).
//! docs/ARCHITECTURE.md ("Code map") explains the layers; this table is the rule.
//!
//! It reads src/**/*.rs as text and collects every `crate::x` path (in `use`
//! lines, `use crate::{a, b}` groups and inline paths), leaving out comments and
//! test code (`tests.rs` files and everything from a file's `#[cfg(test)]` on).

use std::collections::BTreeSet;
use std::path::Path;

/// Folder (or top-level file) → layer, lowest first.
const LAYERS: &[(&str, u8)] = &[
    ("base", 0),
    ("store", 1),
    ("sheets", 2),
    ("hierarchy", 3),
    ("people", 3),
    ("party", 3),
    ("cobuild", 3),
    ("contacts", 3),
    ("demands", 3),
    ("duties", 3),
    ("gridmatters", 3),
    ("training", 3),
    ("admissions", 3),
    ("rectification", 3),
    ("sampling", 3),
    ("surveys", 3),
    ("tasks", 3),
    ("exchange", 4),
    ("scores", 4),
    ("kinds", 5),
    ("demo", 5),
    ("batch", 5),
];

/// The domains layer.
const DOMAINS: u8 = 3;

/// Declared relations between domains: (from, to) means `from` may import `to`.
/// Each is one-directional; see docs/ARCHITECTURE.md for what each one is.
const RELATIONS: &[(&str, &str)] = &[
    ("people", "hierarchy"),       // people hold roles in units
    ("party", "hierarchy"),        // branches, committees belong to units
    ("party", "cobuild"),          // committee members sit for partner units
    ("cobuild", "hierarchy"),      // projects in a village, partners paired with villages
    ("contacts", "hierarchy"),     // contact points on communities, compounds, grids
    ("demands", "hierarchy"),      // a demand's unit
    ("demands", "contacts"),       // a visit becomes a demand
    ("demands", "party"),          // working meetings reuse party's decisions and follow-ups
    ("gridmatters", "hierarchy"),  // villages claim grid matters; load per base grid
    ("gridmatters", "people"),     // load per grid worker (roles on base grids)
    ("training", "people"),        // participants picked from the registry
    ("training", "hierarchy"),     // head counts by community
    ("admissions", "hierarchy"),   // an admitted matter's villages and grids
    ("admissions", "gridmatters"), // admitted matters in force add to the grid load
    // clean-up entries are in villages; a seconded person may be in the people registry
    ("rectification", "hierarchy"),
    ("rectification", "people"),
    ("sampling", "hierarchy"), // compounds drawn by community, grids inspected
    ("surveys", "hierarchy"),  // papers and call-backs per community
    ("surveys", "demands"),    // a call-back about a demand; demands' 回访 counted
    ("surveys", "sampling"),   // a 抽查小区 call-back names a compound drawn then
];

/// Imports that break the rule today and are being taken out (each with why it is
/// still here). The check fails if one is gone (so the list only shrinks) or a new
/// one appears.
const PENDING: &[(&str, &str)] = &[];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The code of a file without comments and test code.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every top-level module a file's code names as `crate::x`.
fn imports(text: &str) -> BTreeSet<String> {
    let code = code(text);
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::c, d::{e, f}}`: the first name of each top-level item.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(first_name(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            out.insert(first_name(&item));
        } else {
            out.insert(first_name(rest));
        }
    }
    out.remove("");
    out
}

fn first_name(s: &str) -> String {
    s.trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// (file relative to src, module it imports) for every import against the rule.
fn violations(files: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, text) in files {
        let from = path.split(['/', '.']).next().unwrap_or("");
        let Some(from_layer) = layer(from) else {
            continue; // lib.rs: the crate root, re-exports only
        };
        for to in imports(text) {
            let Some(to_layer) = layer(&to) else { continue };
            if to == from {
                continue;
            }
            let upward = to_layer > from_layer;
            let sideways = from_layer == DOMAINS
                && to_layer == DOMAINS
                && !RELATIONS.contains(&(from, to.as_str()));
            if upward || sideways {
                out.push((path.clone(), to));
            }
        }
    }
    out.sort();
    out
}

fn read_src(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().to_string();
        let path = e.path();
        if path.is_dir() {
            read_src(&path, &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".rs") && name != "tests.rs" {
            out.push((
                format!("{prefix}{name}"),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn no_layer_imports_a_higher_one_and_domains_only_along_declared_relations() {
    let mut files = Vec::new();
    read_src(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "",
        &mut files,
    );
    assert!(files.len() > 40, "read {} files", files.len());
    let found = violations(&files);
    let pending: Vec<(String, String)> = PENDING
        .iter()
        .map(|(f, m)| (f.to_string(), m.to_string()))
        .collect();
    let new: Vec<_> = found.iter().filter(|v| !pending.contains(v)).collect();
    assert!(
        new.is_empty(),
        "imports against the layers (file → module): {new:?}\n\
         A lower layer must not import a higher one; a domain imports another only \
         along RELATIONS. Pass what is needed down as an argument, or register it \
         through crate::kinds."
    );
    let gone: Vec<_> = pending.iter().filter(|p| !found.contains(p)).collect();
    assert!(
        gone.is_empty(),
        "no longer imported, take them off PENDING: {gone:?}"
    );
}

#[test]
fn the_check_sees_a_violation() {
    let files = vec![
        (
            "store/recycle.rs".to_string(),
            "use crate::store::Tx;\nfn f() { crate::party::restore(); }\n".to_string(),
        ),
        (
            "hierarchy/mod.rs".to_string(),
            "use crate::{base::error::Error, people::{self, Person}};\n".to_string(),
        ),
        (
            "people/mod.rs".to_string(),
            "// crate::exchange in a comment is fine\nuse crate::hierarchy::Unit;\n\
             #[cfg(test)]\nmod tests { use crate::demo; }\n"
                .to_string(),
        ),
        (
            "cobuild/mod.rs".to_string(),
            "use crate::party::Member;\n".to_string(),
        ),
    ];
    assert_eq!(
        violations(&files),
        vec![
            ("cobuild/mod.rs".to_string(), "party".to_string()),
            ("hierarchy/mod.rs".to_string(), "people".to_string()),
            ("store/recycle.rs".to_string(), "party".to_string()),
        ]
    );
}
