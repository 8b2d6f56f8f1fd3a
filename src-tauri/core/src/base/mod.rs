//! The layer below every domain: errors, canonical values, identity numbers and
//! masking, safe output files, the labelled-enum macro and the step machine for
//! dated workflows. Nothing here knows the store or a record kind.

pub mod canon;
pub mod enums;
pub mod error;
pub mod fields;
pub mod hash;
pub mod identity;
pub mod outfile;
pub mod period;
pub mod sortkey;
pub mod steps;
mod stroke_order;
mod strokes;

/// The value `key` has in a table of (key, value) pairs: the Chinese names the core
/// keeps for the window and the CLI (report figures, refusal reasons, flags, the
/// change log's operations), a figure's counting rule.
pub fn lookup<T: Copy>(table: &[(&str, T)], key: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The Chinese name of `key` in `labels`; the key itself when the table lacks it.
pub fn label_in<'a>(labels: &[(&str, &'a str)], key: &'a str) -> &'a str {
    lookup(labels, key).unwrap_or(key)
}

/// The first `most` of `items`, each as `said` writes it, joined by `sep`, then
/// 等 N `measure` when some are left out: a sentence naming a few of many (“张伟”、
/// “李娜”等 12 人).
pub fn some_of<T>(
    items: &[T],
    most: usize,
    sep: &str,
    measure: &str,
    said: impl Fn(&T) -> String,
) -> String {
    let named: Vec<String> = items.iter().take(most).map(said).collect();
    if items.len() > most {
        format!("{}等 {} {measure}", named.join(sep), items.len())
    } else {
        named.join(sep)
    }
}

/// How many times each key occurs: a count per parent (a leader's contact points, a
/// group's meetings) from one pass over the children, instead of a pass per parent.
pub fn tally<K: std::hash::Hash + Eq>(
    keys: impl IntoIterator<Item = K>,
) -> std::collections::HashMap<K, usize> {
    let mut out = std::collections::HashMap::new();
    for k in keys {
        *out.entry(k).or_insert(0) += 1;
    }
    out
}
