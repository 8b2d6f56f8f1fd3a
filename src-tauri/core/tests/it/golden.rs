//! Golden files: data written by the real earlier versions of the app, checked in
//! under `tests/fixtures/golden/` (see its README.md for which commit wrote each).
//! Every version from now on must read all of them: a county on this version
//! receives a township's package of every earlier format, every earlier database
//! upgrades and every document in it decodes, and a sample of every stored kind
//! decodes. Never edit or remove a golden file; add one when a format or schema
//! version is released.

use std::io::{Cursor, Write};

use crate::support::unzip as entries;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use gridledger_core::base::period::Period;
use gridledger_core::exchange::package::{self, Manifest};
use gridledger_core::exchange::report::{self, Records, KEYS, KINDS};
use gridledger_core::store::{self, backup, changelog, ledger, office};
use gridledger_core::{cobuild, contacts, demands, party, Ctx, Store};

/// (file, format version, minor version) of every golden package.
const PACKAGES: &[(&str, u32, u32, &[u8])] = &[
    (
        "f1-ff049f1-township.zip",
        1,
        0,
        include_bytes!("../fixtures/golden/packages/f1-ff049f1-township.zip"),
    ),
    (
        "f2-81a7f6a-township.zip",
        2,
        0,
        include_bytes!("../fixtures/golden/packages/f2-81a7f6a-township.zip"),
    ),
    (
        "f2-5f2e984-township.zip",
        2,
        0,
        include_bytes!("../fixtures/golden/packages/f2-5f2e984-township.zip"),
    ),
    (
        "f2-68e160d-township.zip",
        2,
        0,
        include_bytes!("../fixtures/golden/packages/f2-68e160d-township.zip"),
    ),
    (
        "f2-9494954-township.zip",
        2,
        0,
        include_bytes!("../fixtures/golden/packages/f2-9494954-township.zip"),
    ),
    (
        "f2.1-b9598b9-township.zip",
        2,
        1,
        include_bytes!("../fixtures/golden/packages/f2.1-b9598b9-township.zip"),
    ),
    (
        "f2.3-83cadb5-township.zip",
        2,
        3,
        include_bytes!("../fixtures/golden/packages/f2.3-83cadb5-township.zip"),
    ),
    (
        "f2.4-fde16f9-township.zip",
        2,
        4,
        include_bytes!("../fixtures/golden/packages/f2.4-fde16f9-township.zip"),
    ),
    (
        "f2.5-20261205-township.zip",
        2,
        5,
        include_bytes!("../fixtures/golden/packages/f2.5-20261205-township.zip"),
    ),
    (
        "f2.6-20261205-township.zip",
        2,
        6,
        include_bytes!("../fixtures/golden/packages/f2.6-20261205-township.zip"),
    ),
    (
        "f2.7-20261206-township.zip",
        2,
        7,
        include_bytes!("../fixtures/golden/packages/f2.7-20261206-township.zip"),
    ),
    (
        "f2.8-20261206-township.zip",
        2,
        8,
        include_bytes!("../fixtures/golden/packages/f2.8-20261206-township.zip"),
    ),
    (
        "f2.9-20261206-township.zip",
        2,
        9,
        include_bytes!("../fixtures/golden/packages/f2.9-20261206-township.zip"),
    ),
    (
        "f2.10-20261206-township.zip",
        2,
        10,
        include_bytes!("../fixtures/golden/packages/f2.10-20261206-township.zip"),
    ),
    (
        "f2.11-20261206-township.zip",
        2,
        11,
        include_bytes!("../fixtures/golden/packages/f2.11-20261206-township.zip"),
    ),
    (
        "f2.12-20261207-township.zip",
        2,
        12,
        include_bytes!("../fixtures/golden/packages/f2.12-20261207-township.zip"),
    ),
    (
        "f2.13-20261207-township.zip",
        2,
        13,
        include_bytes!("../fixtures/golden/packages/f2.13-20261207-township.zip"),
    ),
    (
        "f2.14-20261207-township.zip",
        2,
        14,
        include_bytes!("../fixtures/golden/packages/f2.14-20261207-township.zip"),
    ),
    (
        "f2.15-20261207-township.zip",
        2,
        15,
        include_bytes!("../fixtures/golden/packages/f2.15-20261207-township.zip"),
    ),
    (
        "f2.16-20261207-township.zip",
        2,
        16,
        include_bytes!("../fixtures/golden/packages/f2.16-20261207-township.zip"),
    ),
    (
        "f2.17-20261207-township.zip",
        2,
        17,
        include_bytes!("../fixtures/golden/packages/f2.17-20261207-township.zip"),
    ),
    (
        "f2.18-20261207-township.zip",
        2,
        18,
        include_bytes!("../fixtures/golden/packages/f2.18-20261207-township.zip"),
    ),
    (
        "f2.19-20261207-township.zip",
        2,
        19,
        include_bytes!("../fixtures/golden/packages/f2.19-20261207-township.zip"),
    ),
    (
        "f2.20-20261208-township.zip",
        2,
        20,
        include_bytes!("../fixtures/golden/packages/f2.20-20261208-township.zip"),
    ),
];

/// A county's 2.8 package (its 应报单位 青溪街道 and 秣陵街道, only 青溪街道's file
/// received), read by a city.
const COUNTY_28: &[u8] = include_bytes!("../fixtures/golden/packages/f2.8-20261206-county.zip");

/// (name, schema version, township database, county database that received the
/// township's package), each zipped.
const DATABASES: &[(&str, u32, &[u8], &[u8])] = &[
    (
        "v4-c846684",
        4,
        include_bytes!("../fixtures/golden/databases/v4-c846684-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v4-c846684-county.db.zip"),
    ),
    (
        "v5-ff049f1",
        5,
        include_bytes!("../fixtures/golden/databases/v5-ff049f1-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v5-ff049f1-county.db.zip"),
    ),
    (
        "v6-81a7f6a",
        6,
        include_bytes!("../fixtures/golden/databases/v6-81a7f6a-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v6-81a7f6a-county.db.zip"),
    ),
    (
        "v7-5f2e984",
        7,
        include_bytes!("../fixtures/golden/databases/v7-5f2e984-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v7-5f2e984-county.db.zip"),
    ),
    (
        // Version 8 as main wrote it before issue 11 renumbered the migrations.
        "v8-3c437f2",
        8,
        include_bytes!("../fixtures/golden/databases/v8-3c437f2-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v8-3c437f2-county.db.zip"),
    ),
    (
        "v9-68e160d",
        9,
        include_bytes!("../fixtures/golden/databases/v9-68e160d-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v9-68e160d-county.db.zip"),
    ),
    (
        "v10-9494954",
        10,
        include_bytes!("../fixtures/golden/databases/v10-9494954-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v10-9494954-county.db.zip"),
    ),
    (
        "v20-83cadb5",
        20,
        include_bytes!("../fixtures/golden/databases/v20-83cadb5-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v20-83cadb5-county.db.zip"),
    ),
    (
        "v21-fde16f9",
        21,
        include_bytes!("../fixtures/golden/databases/v21-fde16f9-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v21-fde16f9-county.db.zip"),
    ),
    (
        "v22-20261203",
        22,
        include_bytes!("../fixtures/golden/databases/v22-20261203-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v22-20261203-county.db.zip"),
    ),
    (
        "v23-20261203",
        23,
        include_bytes!("../fixtures/golden/databases/v23-20261203-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v23-20261203-county.db.zip"),
    ),
    (
        "v24-20261203",
        24,
        include_bytes!("../fixtures/golden/databases/v24-20261203-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v24-20261203-county.db.zip"),
    ),
    (
        "v25-20261203",
        25,
        include_bytes!("../fixtures/golden/databases/v25-20261203-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v25-20261203-county.db.zip"),
    ),
    (
        "v26-20261204",
        26,
        include_bytes!("../fixtures/golden/databases/v26-20261204-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v26-20261204-county.db.zip"),
    ),
    (
        "v27-20261204",
        27,
        include_bytes!("../fixtures/golden/databases/v27-20261204-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v27-20261204-county.db.zip"),
    ),
    (
        "v28-20261204",
        28,
        include_bytes!("../fixtures/golden/databases/v28-20261204-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v28-20261204-county.db.zip"),
    ),
    (
        "v29-20261204",
        29,
        include_bytes!("../fixtures/golden/databases/v29-20261204-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v29-20261204-county.db.zip"),
    ),
    (
        "v30-20261205",
        30,
        include_bytes!("../fixtures/golden/databases/v30-20261205-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v30-20261205-county.db.zip"),
    ),
    (
        "v31-20261206",
        31,
        include_bytes!("../fixtures/golden/databases/v31-20261206-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v31-20261206-county.db.zip"),
    ),
    (
        "v32-20261206",
        32,
        include_bytes!("../fixtures/golden/databases/v32-20261206-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v32-20261206-county.db.zip"),
    ),
    (
        "v33-20261207",
        33,
        include_bytes!("../fixtures/golden/databases/v33-20261207-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v33-20261207-county.db.zip"),
    ),
    (
        "v34-20261207",
        34,
        include_bytes!("../fixtures/golden/databases/v34-20261207-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v34-20261207-county.db.zip"),
    ),
    (
        "v35-20261207",
        35,
        include_bytes!("../fixtures/golden/databases/v35-20261207-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v35-20261207-county.db.zip"),
    ),
    (
        "v36-20261207",
        36,
        include_bytes!("../fixtures/golden/databases/v36-20261207-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v36-20261207-county.db.zip"),
    ),
    (
        "v37-20261208",
        37,
        include_bytes!("../fixtures/golden/databases/v37-20261208-township.db.zip"),
        include_bytes!("../fixtures/golden/databases/v37-20261208-county.db.zip"),
    ),
];

/// After every golden file was written (packages from the future are refused).
fn ctx() -> Ctx {
    Ctx::new(Utc.with_ymd_and_hms(2026, 12, 10, 2, 0, 0).unwrap())
}

fn new_office(dir: &Path, level: &str, code: &str, name: &str) -> Store {
    let d = dir.join(code);
    std::fs::create_dir_all(&d).unwrap();
    let mut s = Store::open(&d.join("g.db")).unwrap();
    s.write(&ctx(), |tx| office::setup(tx, level, code, name, false))
        .unwrap();
    s
}

fn county(dir: &Path) -> Store {
    new_office(dir, "county", "320115000000", "江宁区")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn manifest_of(bytes: &[u8]) -> serde_json::Value {
    let e = entries(bytes);
    let m = &e.iter().find(|(n, _)| n == "manifest.json").unwrap().1;
    serde_json::from_slice(m).unwrap()
}

/// A package rewritten: `edit` changes the entries and the manifest (as JSON);
/// the manifest's parts are then recomputed for every entry, as a writer would.
fn rewrite(
    bytes: &[u8],
    edit: impl Fn(&mut Vec<(String, Vec<u8>)>, &mut serde_json::Value),
) -> Vec<u8> {
    let mut e = entries(bytes);
    let mut m = manifest_of(bytes);
    e.retain(|(n, _)| n != "manifest.json");
    edit(&mut e, &mut m);
    m["parts"] = e
        .iter()
        .map(
            |(n, d)| serde_json::json!({"path": n, "sha256": package::sha256(d), "bytes": d.len()}),
        )
        .collect();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    w.start_file("manifest.json", opts).unwrap();
    w.write_all(&serde_json::to_vec(&m).unwrap()).unwrap();
    for (n, d) in &e {
        w.start_file(n.as_str(), opts).unwrap();
        w.write_all(d).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn receive(store: &mut Store, path: &Path) -> package::Receipt {
    package::receive(store, &ctx(), path, false).unwrap()
}

fn refusal(store: &mut Store, path: &Path) -> (String, String) {
    let r = package::receive_many(store, &ctx(), &[path.to_path_buf()], false, |_, _, _| {})
        .unwrap()
        .remove(0);
    assert_eq!(r.outcome, "refused", "{}", r.message);
    (r.reason.unwrap_or_default().to_string(), r.message)
}

#[test]
fn a_county_on_this_version_receives_every_earlier_format_and_passes_it_up() {
    for (name, major, minor, bytes) in PACKAGES {
        let dir = tempfile::tempdir().unwrap();
        let m = manifest_of(bytes);
        assert_eq!(m["formatVersion"], *major, "{name}");
        assert_eq!(m["formatMinor"].as_u64().unwrap_or(0), u64::from(*minor));
        let mut county = county(dir.path());
        let path = write(dir.path(), name, bytes);
        let r = receive(&mut county, &path);
        assert_eq!(r.outcome, "accepted", "{name}: {}", r.message);
        let total = report::report(county.conn(), ctx().today()).unwrap().total;
        // Every report key the package carries is what this version counts, but for
        // keys the sender counted by an older rule: this version's count stands.
        for (key, _) in KEYS {
            // A key added after the package's version: this version counts it from
            // the records (people.grid_workers_published from a 2.4 package's people).
            let Some(want) = m["totals"][key].as_i64() else {
                continue;
            };
            if package::counts_as_we_do(key, *major, *minor) {
                assert_eq!(total[*key], want, "{name}: {key}");
            }
        }
        // Every record decodes from the snapshot.
        let records = report::snapshot_records(county.conn(), "320115101000", None).unwrap();
        for (kind, n) in records.counts() {
            let want = m["counts"][&kind].as_u64().unwrap_or(0) as usize;
            assert_eq!(n, want, "{name}: {kind}");
        }
        // The old package travels up inside this version's county package.
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        let e = package::export(&mut county, &ctx(), &out).unwrap();
        let mut city = new_office(dir.path(), "city", "320100000000", "南京市");
        let r = receive(&mut city, Path::new(&e.path));
        assert_eq!(r.outcome, "accepted", "{name} via county: {}", r.message);
        let total = report::report(city.conn(), ctx().today()).unwrap().total;
        assert_eq!(
            total["grids.base"],
            m["totals"]["grids.base"].as_i64().unwrap()
        );
    }
}

/// Every version a release writes has its golden files: the current package format
/// and schema are the newest golden ones. Bumping either fails here until the
/// release's own files are added (the 2.4 format and schema 21 once went out
/// without them).
#[test]
fn the_format_and_schema_this_version_writes_have_golden_files() {
    let (name, major, minor, _) = PACKAGES[PACKAGES.len() - 1];
    assert_eq!(
        (major, minor),
        (package::FORMAT_VERSION, package::FORMAT_MINOR),
        "the newest golden package {name} is not of the format this version writes"
    );
    let (name, schema, _, _) = DATABASES[DATABASES.len() - 1];
    assert_eq!(
        schema,
        store::SCHEMA_VERSION,
        "the newest golden database {name} is not of the schema this version writes"
    );
}

#[test]
fn a_newer_major_version_is_refused_with_an_upgrade_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = county(dir.path());
    let (_, _, _, base) = PACKAGES[PACKAGES.len() - 1];
    // Version 3 whose manifest this version could not even decode.
    let v3 = rewrite(base, |_, m| {
        m["formatVersion"] = 3.into();
        m["office"] = "320115101000".into();
        m["counts"] = serde_json::json!([]);
    });
    let path = write(dir.path(), "v3.zip", &v3);
    let (reason, msg) = refusal(&mut county, &path);
    assert_eq!(reason, "newer_format", "{msg}");
    assert!(msg.contains("格式版本 3"), "{msg}");
    assert!(msg.contains("请升级"), "{msg}");
    // Even with entries this version does not know.
    let v3 = rewrite(base, |e, m| {
        m["formatVersion"] = 3.into();
        e.push(("forms/x.bin".into(), b"x".to_vec()));
    });
    let path = write(dir.path(), "v3b.zip", &v3);
    let (reason, msg) = refusal(&mut county, &path);
    assert_eq!(reason, "newer_format", "{msg}");
}

#[test]
fn a_newer_minor_version_is_read_and_what_it_adds_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = county(dir.path());
    let (_, _, _, base) = PACKAGES[PACKAGES.len() - 1];
    // A newer sender counts the keys added since the base by this version's rules
    // (some count older kinds, e.g. demands' 回访 under `assessment.callbacks`).
    let counted = package::verify(base, "base").unwrap().own_totals;
    let newer = |minor: u32| {
        let counted = counted.clone();
        rewrite(base, move |e, m| {
            m["formatMinor"] = minor.into();
            m["appVersion"] = "9.9.0".into();
            // What every minor up to this one added, empty: the base is an older minor.
            for kind in package::required_kinds(2, minor) {
                let part = format!("records/{kind}.jsonl");
                if !e.iter().any(|(n, _)| *n == part) {
                    e.push((part, Vec::new()));
                    m["counts"][kind] = 0.into();
                }
            }
            for key in package::required_report_keys(2, minor) {
                if m["totals"].get(key).is_none() {
                    m["totals"][key] = counted.get(key).copied().unwrap_or(0).into();
                }
            }
            m["newManifestField"] = serde_json::json!({"any": "thing"});
            m["totals"]["duties.lists"] = 2.into();
            m["counts"]["duty_lists"] = 2.into();
            e.push((
                "records/duty_lists.jsonl".into(),
                b"{\"id\":\"d1\",\"ownerCode\":\"320115101000\"}\n{\"id\":\"d2\"}\n".to_vec(),
            ));
            // A field this version does not know on every unit.
            let units = e
                .iter_mut()
                .find(|(n, _)| n == "records/units.jsonl")
                .unwrap();
            let lines: Vec<String> = std::str::from_utf8(&units.1)
                .unwrap()
                .lines()
                .map(|l| {
                    let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                    v["dutyListId"] = "d1".into();
                    v.to_string()
                })
                .collect();
            units.1 = (lines.join("\n") + "\n").into_bytes();
        })
    };
    let path = write(dir.path(), "v2.99.zip", &newer(99));
    let r = receive(&mut county, &path);
    assert_eq!(r.outcome, "accepted", "{}", r.message);
    let total = report::report(county.conn(), ctx().today()).unwrap().total;
    assert!(
        !total.contains_key("duties.lists"),
        "an unknown key is ignored"
    );
    let m = manifest_of(base);
    assert_eq!(
        total["grids.base"],
        m["totals"]["grids.base"].as_i64().unwrap()
    );
    // The same additions claimed by a package of this very version are not
    // something this version wrote: refused as before.
    let same = write(dir.path(), "same.zip", &newer(package::FORMAT_MINOR));
    let (reason, msg) = refusal(&mut county, &same);
    assert_eq!(reason, "unexpected_entry", "{msg}");
    assert!(msg.contains("records/duty_lists.jsonl"), "{msg}");
}

#[test]
fn unknown_report_keys_are_ignored_and_only_the_versions_own_keys_are_required() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = county(dir.path());
    let (_, _, _, base) = PACKAGES[PACKAGES.len() - 1];
    let extra = rewrite(base, |_, m| {
        m["totals"]["trainings.sessions"] = 5.into();
    });
    let r = receive(&mut county, &write(dir.path(), "extra.zip", &extra));
    assert_eq!(r.outcome, "accepted", "{}", r.message);
    // A key of the package's own version missing: refused.
    let missing = rewrite(base, |_, m| {
        m["sequence"] = 2.into();
        m["totals"].as_object_mut().unwrap().remove("grids.base");
    });
    let (reason, msg) = refusal(&mut county, &write(dir.path(), "missing.zip", &missing));
    assert_eq!(reason, "totals", "{msg}");
    assert!(msg.contains("grids.base"), "{msg}");
}

#[test]
fn every_report_key_and_kind_is_listed_with_the_version_that_added_it() {
    let latest = (package::FORMAT_VERSION, package::FORMAT_MINOR);
    let keys = package::required_report_keys(latest.0, latest.1);
    for (key, _) in KEYS {
        assert!(keys.contains(key), "{key} is not in REPORT_KEYS_SINCE");
    }
    let kinds = package::required_kinds(latest.0, latest.1);
    for kind in KINDS {
        assert!(kinds.contains(kind), "{kind} is not in KINDS_SINCE");
    }
    assert_eq!(package::required_kinds(1, 0).len(), 3);
    for ((major, minor), _) in package::KINDS_SINCE
        .iter()
        .chain(package::REPORT_KEYS_SINCE)
    {
        assert!((*major, *minor) <= latest);
    }
}

pub(crate) fn unzip_to(bytes: &[u8], dir: &Path) -> PathBuf {
    let e = entries(bytes);
    assert_eq!(e.len(), 1);
    write(dir, &e[0].0, &e[0].1)
}

/// What the people list finds for `text`, every page.
fn search(conn: &rusqlite::Connection, text: &str) -> gridledger_core::people::Page {
    gridledger_core::people::list(
        conn,
        &gridledger_core::people::PersonQuery {
            text: text.into(),
            ..Default::default()
        },
    )
    .unwrap()
}

fn count(conn: &rusqlite::Connection, table: &str) -> usize {
    let exists: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap();
    if exists == 0 {
        return 0;
    }
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap() as usize
}

/// Deletes one record of a ledger kind into the recycle bin and restores it: the
/// upgraded document goes round the bin unchanged. Records others refer to are
/// skipped (the store refuses their deletion).
fn round_trip<D: ledger::Document>(s: &mut Store) -> bool {
    let all: Vec<D> = ledger::list(s.conn()).unwrap();
    for d in all {
        let deleted = s.write(&ctx(), |tx| ledger::delete::<D>(tx, d.id()));
        let Ok(entry) = deleted else { continue };
        s.write(&ctx(), |tx| gridledger_core::kinds::restore(tx, &entry.id))
            .unwrap();
        let back: D = ledger::get(s.conn(), d.id()).unwrap();
        assert!(back == d, "{} came back changed", D::TABLE);
        return true;
    }
    false
}

#[test]
fn every_earlier_database_upgrades_and_every_stored_document_decodes() {
    for (name, version, township, county_db) in DATABASES {
        let dir = tempfile::tempdir().unwrap();
        let tdir = dir.path().join("township");
        let cdir = dir.path().join("county");
        std::fs::create_dir_all(&tdir).unwrap();
        std::fs::create_dir_all(&cdir).unwrap();
        let tpath = unzip_to(township, &tdir);
        let cpath = unzip_to(county_db, &cdir);
        // Counted before the upgrade, by table.
        let tables: Vec<&str> = KINDS.iter().copied().filter(|k| *k != "units").collect();
        let before: Vec<(String, usize)> = {
            let c = rusqlite::Connection::open(&tpath).unwrap();
            assert_eq!(store::user_version(&c).unwrap(), *version, "{name}");
            tables
                .iter()
                .chain(["units", "change_log", "person_history", "person_roles"].iter())
                .map(|t| (t.to_string(), count(&c, t)))
                .collect()
        };
        let mut t = Store::open(&tpath).unwrap();
        assert_eq!(
            store::user_version(t.conn()).unwrap(),
            store::SCHEMA_VERSION
        );
        let fresh = Store::open_in_memory().unwrap();
        assert_eq!(
            store::schema_dump(t.conn()).unwrap(),
            store::schema_dump(fresh.conn()).unwrap(),
            "{name}: upgraded schema differs from a fresh one"
        );
        // The pre-upgrade backup, when there was anything to upgrade.
        let backups = backup::list(&t).unwrap();
        if *version < store::SCHEMA_VERSION {
            assert!(
                backups
                    .iter()
                    .any(|b| b.file_name.contains(&format!("-v{version}-before-"))),
                "{name}: {backups:?}"
            );
        }
        // Every stored record decodes through today's types.
        let records = Records::own(t.conn()).unwrap();
        let counts = records.counts();
        for (table, n) in &before {
            if let Some(got) = counts.get(table) {
                assert_eq!(got, n, "{name}: {table}");
            }
        }
        assert!(counts["units"] > 0 && counts["people"] > 0, "{name}");
        let n_log = before.iter().find(|(t, _)| t == "change_log").unwrap().1;
        // Every change-log row reads (a page is at most 1,000 rows).
        let mut read = 0;
        loop {
            let page = changelog::list(t.conn(), 1000, read as u32).unwrap();
            if page.is_empty() {
                break;
            }
            read += page.len();
        }
        assert!(
            read >= n_log,
            "{name}: {read} of {n_log} change-log rows read"
        );
        report::report(t.conn(), ctx().today()).unwrap();
        // The number index (0024) holds every person's numbers, and a fragment of
        // one finds them.
        t.conn()
            .execute(
                "INSERT INTO person_numbers (person_numbers, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .unwrap();
        let (id_number, phone): (String, String) = t
            .conn()
            .query_row(
                "SELECT id_number, phone FROM people WHERE length(phone) = 11 LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        for fragment in [&id_number[6..14], &phone[3..9]] {
            let found = search(t.conn(), fragment);
            assert!(found.total > 0, "{name}: {fragment} not found");
        }
        // Every role and history event still names a person, and every role a unit,
        // by row number (0027–0029): none lost, none pointing nowhere.
        for (table, names_nothing) in [
            (
                "person_roles",
                "person NOT IN (SELECT rowid FROM people) OR unit NOT IN (SELECT rowid FROM units)",
            ),
            ("person_history", "person NOT IN (SELECT rowid FROM people)"),
        ] {
            let n_before = before.iter().find(|(t, _)| t == table).unwrap().1;
            assert!(n_before > 0, "{name}: {table}");
            let (n, orphans): (i64, i64) = t
                .conn()
                .query_row(
                    &format!(
                        "SELECT count(*), count(*) FILTER (WHERE {names_nothing}) FROM {table}"
                    ),
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!((n as usize, orphans), (n_before, 0), "{name}: {table}");
        }
        // The name bigrams (keyed by the person's row since 0026) find every person
        // by their name, and by its last two characters.
        let named: Vec<(String, String)> = t
            .conn()
            .prepare("SELECT id, name FROM people WHERE length(name) >= 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(!named.is_empty(), "{name}");
        for (id, person) in &named {
            let chars: Vec<char> = person.chars().collect();
            let tail: String = chars[chars.len() - 2..].iter().collect();
            for text in [person.clone(), tail] {
                let found = search(t.conn(), &text);
                assert!(
                    found.rows.iter().any(|r| &r.id == id),
                    "{name}: {person} not found by {text}"
                );
            }
        }
        // Documents go round the recycle bin.
        if *version >= 6 {
            let mut kinds = 0;
            kinds += round_trip::<party::Branch>(&mut t) as usize;
            kinds += round_trip::<party::Committee>(&mut t) as usize;
            kinds += round_trip::<party::Member>(&mut t) as usize;
            kinds += round_trip::<party::Meeting>(&mut t) as usize;
            kinds += round_trip::<cobuild::PartnerUnit>(&mut t) as usize;
            kinds += round_trip::<cobuild::Project>(&mut t) as usize;
            kinds += round_trip::<demands::Department>(&mut t) as usize;
            kinds += round_trip::<contacts::Leader>(&mut t) as usize;
            kinds += round_trip::<contacts::ContactPoint>(&mut t) as usize;
            kinds += round_trip::<contacts::Visit>(&mut t) as usize;
            kinds += round_trip::<demands::Demand>(&mut t) as usize;
            kinds += round_trip::<demands::WorkingGroup>(&mut t) as usize;
            kinds += round_trip::<demands::WorkingMeeting>(&mut t) as usize;
            let want = if *version >= 7 { 8 } else { 4 };
            assert!(
                kinds >= want,
                "{name}: only {kinds} kinds went round the bin"
            );
        }
        // The upgraded township's package is received by a county on this version.
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        let e = package::export(&mut t, &ctx(), &out).unwrap();
        let mut fresh = county(dir.path());
        let r = receive(&mut fresh, Path::new(&e.path));
        assert_eq!(r.outcome, "accepted", "{name}: {}", r.message);

        // The county: its snapshot, receipt log and totals read after the upgrade.
        let mut c = Store::open(&cpath).unwrap();
        let snap = report::snapshot_records(c.conn(), "320115101000", None).unwrap();
        assert_eq!(
            snap.counts()["units"],
            before.iter().find(|(t, _)| t == "units").unwrap().1
        );
        let rep = report::report(c.conn(), ctx().today()).unwrap();
        assert!(rep.total["grids.base"] > 0, "{name}");
        // Its figures for 2026: the ones kept at receipt (schema 23 on) are those
        // counted from the records.
        let year = gridledger_core::base::period::Period::parse("period", "2026").unwrap();
        let kept = report::period_report(c.conn(), &year, ctx().today()).unwrap();
        c.conn()
            .execute("DELETE FROM snapshot_period_figures", [])
            .unwrap();
        let counted = report::period_report(c.conn(), &year, ctx().today()).unwrap();
        assert_eq!(kept.rows[0].figures, counted.rows[0].figures, "{name}");
        assert!(kept.rows[0].figures["grids.base"] > 0, "{name}");
        // 报送情况's records by kind (kept from schema 23 on, counted by the
        // migration before) are those the snapshot holds.
        let held = |c: &Store| -> std::collections::BTreeMap<String, usize> {
            let sent =
                gridledger_core::exchange::senders::who_has_sent(c.conn(), ctx().today()).unwrap();
            let row = sent.rows.iter().find(|r| r.code == "320115101000").unwrap();
            row.counts
                .clone()
                .unwrap()
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .collect()
        };
        let stored = |c: &Store| -> std::collections::BTreeMap<String, usize> {
            c.conn()
                .prepare("SELECT kind, count(*) FROM snapshot_records GROUP BY kind")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        assert_eq!(held(&c), stored(&c), "{name}");
        assert!(stored(&c)["units"] > 0, "{name}");
        let log = gridledger_core::exchange::senders::receipt_log(c.conn(), 100, 0).unwrap();
        // The receipt log came with schema 5.
        assert_eq!(log.len(), if *version >= 5 { 2 } else { 0 }, "{name}");
        // And it takes the upgraded township's newer package.
        let r = receive(&mut c, Path::new(&e.path));
        assert_eq!(r.outcome, "accepted", "{name}: {}", r.message);
        assert_eq!(held(&c), stored(&c), "{name}: after the newer package");
    }
}

/// (kind, sample file) for every stored and exchanged document kind.
/// A golden sample by its table name, from `fixtures/golden/samples/<table>.json`
/// (the samples of kinds added later were written by the version that added them).
macro_rules! sample {
    ($table:literal) => {
        (
            $table,
            include_str!(concat!("../fixtures/golden/samples/", $table, ".json")),
        )
    };
}

#[rustfmt::skip]
const SAMPLES: &[(&str, &str)] = &[
    sample!("units"),
    sample!("people"),
    sample!("business_grids"),
    sample!("party_branches"),
    sample!("committees"),
    sample!("committee_members"),
    sample!("joint_meetings"),
    sample!("partner_units"),
    sample!("projects"),
    sample!("departments"),
    sample!("leaders"),
    sample!("contact_points"),
    sample!("visits"),
    sample!("demands"),
    sample!("working_groups"),
    sample!("working_meetings"),
    sample!("duty_items"),
    sample!("grid_matters"),
    sample!("grid_matter_claims"),
    sample!("training_sessions"),
    sample!("training_participants"),
    sample!("pipeline_events"),
    sample!("admissions"),
    sample!("certificates"),
    sample!("mechanisms"),
    sample!("plaques"),
    sample!("rechecks"),
    sample!("secondments"),
    sample!("indicators"),
    sample!("outpost_evaluations"),
    sample!("rectification_items"),
    sample!("inspections"),
    sample!("samples"),
    sample!("callbacks"),
    sample!("questionnaire_responses"),
    sample!("questionnaires"),
    sample!("dissolved_units"),
    sample!("dispatch_tasks"),
    sample!("task_progress"),
];

#[test]
fn a_sample_of_every_kind_decodes_whole_with_fields_missing_and_with_fields_added() {
    for kind in KINDS {
        assert!(
            SAMPLES.iter().any(|(k, _)| k == kind),
            "no golden sample for {kind}"
        );
    }
    for (kind, json) in SAMPLES {
        let sample: serde_json::Value = serde_json::from_str(json).unwrap();
        // Whole: every field of the sample survives decoding and encoding.
        let mut r = Records::default();
        assert!(r.push_json(kind, json.as_bytes()).unwrap(), "{kind}");
        let rows = r.rows().unwrap();
        let back: serde_json::Value = serde_json::from_str(&rows[0].3).unwrap();
        for (field, value) in sample.as_object().unwrap() {
            assert_eq!(&back[field], value, "{kind}.{field} lost");
        }
        // Any field missing: defaults (an earlier version did not write it).
        for field in sample.as_object().unwrap().keys() {
            let mut less = sample.clone();
            less.as_object_mut().unwrap().remove(field);
            let mut r = Records::default();
            r.push_json(kind, less.to_string().as_bytes())
                .unwrap_or_else(|e| panic!("{kind} without {field}: {e}"));
        }
        // A field this version does not know: ignored.
        let mut more = sample.clone();
        more["fieldFromTheFuture"] = serde_json::json!({"x": [1, 2]});
        let mut r = Records::default();
        r.push_json(kind, more.to_string().as_bytes()).unwrap();
    }
    // The manifest as a county stores it.
    let m: Manifest =
        serde_json::from_str(include_str!("../fixtures/golden/samples/manifest.json")).unwrap();
    assert_eq!(m.format_version, 2);
    assert_eq!(m.format_minor, 0);
    let _: Manifest = serde_json::from_str(r#"{"format":"gridledger-package"}"#).unwrap();
}

/// Schema 30: a name stored with the spaces typed inside it (张 伟, 刘　洋) by an
/// earlier version loses them on upgrade, with its sort keys and search bigrams, so
/// the search for 张伟 finds it; a name with a Latin part keeps its space.
#[test]
fn names_stored_with_inner_spaces_lose_them_on_upgrade() {
    let (_, version, township, _) = DATABASES
        .iter()
        .find(|(_, v, _, _)| *v == 29)
        .expect("the schema 29 golden database");
    let dir = tempfile::tempdir().unwrap();
    let path = unzip_to(township, dir.path());
    let (spaced, latin): (String, String) = {
        let c = rusqlite::Connection::open(&path).unwrap();
        assert_eq!(store::user_version(&c).unwrap(), *version);
        let ids: Vec<String> = c
            .prepare("SELECT id FROM people ORDER BY rowid LIMIT 2")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        c.execute(
            "UPDATE people SET name = '欧 阳\u{3000}娜' WHERE id = ?1",
            [&ids[0]],
        )
        .unwrap();
        c.execute(
            "UPDATE people SET name = 'Mary 李' WHERE id = ?1",
            [&ids[1]],
        )
        .unwrap();
        (ids[0].clone(), ids[1].clone())
    };
    let s = Store::open(&path).unwrap();
    let name = |id: &str| -> String {
        s.conn()
            .query_row("SELECT name FROM people WHERE id = ?1", [id], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(name(&spaced), "欧阳娜");
    assert_eq!(name(&latin), "Mary 李");
    let found = gridledger_core::people::list(
        s.conn(),
        &gridledger_core::people::PersonQuery {
            text: "欧阳娜".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(found.rows.len(), 1);
    assert_eq!(found.rows[0].id, spaced);
}

/// The backup taken before upgrading a database older than identities (schema 8)
/// is listed as this database's, and restoring it keeps the database's identity:
/// every backup of the office was badged 其他数据库, and undoing the restore asked
/// for the unit's name as for another office's data.
#[test]
fn a_backup_from_before_identities_stays_this_databases_through_a_restore() {
    use gridledger_core::store::backup;
    let (_, _, township, _) = DATABASES
        .iter()
        .find(|(_, v, _, _)| *v == 7)
        .expect("the schema 7 golden database");
    let dir = tempfile::tempdir().unwrap();
    let path = unzip_to(township, dir.path());
    let mut s = Store::open(&path).unwrap();
    let listed = backup::list(&s).unwrap();
    let before_upgrade = listed
        .iter()
        .find(|b| b.occasion == "升级前自动备份")
        .expect("the pre-upgrade backup");
    assert!(before_upgrade.database_id.is_empty());
    assert!(before_upgrade.same_database, "{before_upgrade:?}");
    let identity = backup::database_id(s.conn()).unwrap();
    let name = before_upgrade.file_name.clone();
    // Named as `backup` prints it, under its folder.
    backup::restore(&mut s, &ctx(), &format!("backups/{name}"), None).unwrap();
    assert_eq!(backup::database_id(s.conn()).unwrap(), identity);
    assert!(backup::list(&s).unwrap().iter().all(|b| b.same_database));
}

/// The 2.7 golden package (陈春梅 moved on 2026-10-01, 陈芳's 公示 set to 否 on
/// 2026-11-01) is counted by this version with the roles and 公示 of each period's
/// last day, and its township database keeps them through the upgrade path.
#[test]
fn a_27_package_counts_a_past_period_with_the_roles_of_its_last_day() {
    let (name, _, _, bytes) = PACKAGES
        .iter()
        .find(|(n, ..)| n.starts_with("f2.7-"))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut county = county(dir.path());
    let r = receive(&mut county, &write(dir.path(), name, bytes));
    assert_eq!(r.outcome, "accepted", "{}", r.message);
    let records = report::snapshot_records(county.conn(), "320115101000", None).unwrap();
    let held = |who: &str, day: &str| {
        let p = records.people.iter().find(|p| p.name == who).unwrap();
        (p.published_on(day), p.roles_on(day).to_vec())
    };
    let (_, september) = held("陈春梅", "2026-09-30");
    let (_, now) = held("陈春梅", "2026-12-01");
    assert_ne!(september, now, "the 调岗 of 2026-10-01");
    assert!(held("陈芳", "2026-10-31").0, "公示 until 2026-11-01");
    assert!(!held("陈芳", "2026-11-01").0);
    let q3 = Period::parse("period", "2026Q3").unwrap();
    let q4 = Period::parse("period", "2026Q4").unwrap();
    let published = |p: &Period| -> bool {
        report::members_in("people.published", &records, p, ctx().today())
            .iter()
            .any(|i| matches!(i, report::Item::Person(x) if x.name == "陈芳"))
    };
    assert!(published(&q3) && !published(&q4));
}

/// A city receives the 2.8 golden county package and says which of the county's
/// townships it lacks (秣陵街道).
#[test]
fn a_29_packages_rectification_items_are_open_from_their_issue_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = county(dir.path());
    let r = receive(&mut county, &write(dir.path(), "t.zip", package("f2.9")));
    assert_eq!(r.outcome, "accepted", "{}", r.message);
    // Issued 2026-11-06 (the demo's notice, 30 days before the export); one of the
    // three done 2026-11-11.
    let today = crate::support::day(2026, 12, 6);
    for (period, open) in [("2026Q3", 0), ("2026Q4", 2), ("2026", 2), ("2025", 0)] {
        let p = Period::parse("period", period).unwrap();
        let r = report::period_report(county.conn(), &p, today).unwrap();
        assert_eq!(
            r.total.figures["assessment.rectifications_open"], open,
            "{period}"
        );
    }
}

/// The golden package whose name begins with `prefix` (`f2.9`): its bytes.
/// A county of this version (in `dir`/`prefix`) that received the golden package
/// `prefix`, and its receipt (accepted).
fn county_receiving(dir: &Path, prefix: &str) -> (Store, package::Receipt) {
    let mut county = new_office(
        dir.join(prefix).as_path(),
        "county",
        "320115000000",
        "江宁区",
    );
    let r = receive(&mut county, &write(dir, "t.zip", package(prefix)));
    assert_eq!(r.outcome, "accepted", "{}", r.message);
    (county, r)
}

fn package(prefix: &str) -> &'static [u8] {
    PACKAGES
        .iter()
        .find(|(name, ..)| name.starts_with(&format!("{prefix}-")))
        .map(|(.., bytes)| *bytes)
        .unwrap_or_else(|| panic!("no golden package {prefix}"))
}

/// A 2.10 package's units carry their 设立日期 (`establishedOn`): the county leaves
/// the demo's 金桥新村第三网格 (set up 2026-03-01) and its three micro-grids out of
/// 2025, as the township does; a 2.9 package's units count in every period.
#[test]
fn a_210_packages_units_count_from_their_set_up_day() {
    let dir = tempfile::tempdir().unwrap();
    let today = crate::support::day(2026, 12, 6);
    for (prefix, code, base25, micro25) in [
        ("f2.10", "320115101000", 21, 54),
        ("f2.9", "320115101000", 22, 57),
    ] {
        let (county, _) = county_receiving(dir.path(), prefix);
        for (period, base, micro) in [("2025", base25, micro25), ("2026", 22, 57)] {
            let p = Period::parse("period", period).unwrap();
            let r = report::period_report(county.conn(), &p, today).unwrap();
            let row = r.rows.iter().find(|r| r.code == code).unwrap();
            assert_eq!(
                (row.figures["grids.base"], row.figures["grids.micro"]),
                (base, micro),
                "{prefix} {period}"
            );
        }
    }
}

#[test]
fn a_city_reads_a_28_countys_expected_townships() {
    let dir = tempfile::tempdir().unwrap();
    let mut city = new_office(dir.path(), "city", "320100000000", "南京市");
    let r = receive(&mut city, &write(dir.path(), "county.zip", COUNTY_28));
    assert_eq!(r.outcome, "accepted", "{}", r.message);
    let s = gridledger_core::exchange::senders::who_has_sent(city.conn(), ctx().today()).unwrap();
    let row = s.rows.iter().find(|r| r.code == "320115000000").unwrap();
    assert!(row.flags.contains(&"below_missing"), "{:?}", row.flags);
    let below = row.below.as_ref().unwrap();
    assert_eq!((below.expected, below.sent), (2, 1));
    assert_eq!(below.missing[0].name, "秣陵街道");
}

/// Before 2.13 a list item (履职事项, 网格事项) counted in every period: a county on
/// this version counts a 2.12 township's third quarter so (probe Q: 0 items at the
/// county, 46 at home), received now or held since before the upgrade; a 2.13
/// package's items count from their 列入日期 (the demo's lists from 2025).
#[test]
fn a_212_packages_list_items_count_in_every_period() {
    let dir = tempfile::tempdir().unwrap();
    let today = crate::support::day(2026, 12, 7);
    let lists = |conn: &rusqlite::Connection, period: &str| {
        let p = Period::parse("period", period).unwrap();
        let r = report::period_report(conn, &p, today).unwrap();
        let row = r.rows.iter().find(|r| r.code == "320115101000").unwrap();
        (
            row.figures["lists.basic_duties"],
            row.figures["lists.assisting_duties"],
            row.figures["gridlist.items"],
        )
    };
    for prefix in ["f2.12", "f2.13"] {
        let (county, _) = county_receiving(dir.path(), prefix);
        for period in ["2025", "2026Q3", "2026"] {
            assert_eq!(
                lists(county.conn(), period),
                (46, 40, 12),
                "{prefix} {period}"
            );
        }
    }
    // A county that held a 2.12 file before upgrading (schema 33) counts it so too.
    let (_, _, _, county_db) = DATABASES
        .iter()
        .find(|(name, ..)| *name == "v33-20261207")
        .unwrap();
    let cdir = dir.path().join("v33");
    std::fs::create_dir_all(&cdir).unwrap();
    let cpath = unzip_to(county_db, &cdir);
    let county = Store::open(&cpath).unwrap();
    assert_eq!(lists(county.conn(), "2026Q3"), (46, 40, 12));
}

/// A file from a township that has not upgraded says so at receipt and in 报送情况
/// (probe Q: a 2.9 file read as 正常, with 已撤销的单位 0 among its counts); one of
/// this version says nothing of it.
#[test]
fn a_file_of_an_older_version_says_its_sender_has_not_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let current = format!("{}.{}", package::FORMAT_VERSION, package::FORMAT_MINOR);
    for (prefix, older) in [("f2.9".to_string(), true), (format!("f{current}"), false)] {
        let (county, r) = county_receiving(dir.path(), &prefix);
        assert_eq!(
            r.message.contains(&format!(
                "用的软件版本较旧：它导出的交换文件是 2.9 格式，本软件导出的是 {current} 格式"
            )),
            older,
            "{}",
            r.message
        );
        assert_eq!(
            r.message
                .contains("已撤销的单位、调度任务、月度进展是它的版本还没有的台账"),
            older,
            "{}",
            r.message
        );
        assert!(!r.message.contains("已撤销的单位 0"), "{}", r.message);
        let s = gridledger_core::exchange::senders::who_has_sent(
            county.conn(),
            crate::support::day(2026, 12, 7),
        )
        .unwrap();
        let row = s.rows.iter().find(|r| r.code == "320115101000").unwrap();
        assert_eq!(row.flags.contains(&"old_version"), older, "{:?}", row.flags);
        assert_eq!(
            row.format.as_deref(),
            Some(if older { "2.9" } else { current.as_str() })
        );
    }
}

/// A key a newer format added, as a county counts it: `key` for each of `periods`
/// (as of 7 December 2026) from the golden package `prefix`, received alone.
fn county_counts<const N: usize>(prefix: &str, periods: [&str; N], key: &str) -> [i64; N] {
    let dir = tempfile::tempdir().unwrap();
    let today = crate::support::day(2026, 12, 7);
    let (county, _) = county_receiving(dir.path(), prefix);
    periods.map(|period| {
        let p = Period::parse("period", period).unwrap();
        let r = report::period_report(county.conn(), &p, today).unwrap();
        let row = r.rows.iter().find(|r| r.code == "320115101000").unwrap();
        row.figures[key]
    })
}

/// The totals the golden package `prefix` carries in its manifest.
fn manifest_totals(prefix: &str) -> report::Totals {
    let e = entries(package(prefix));
    let m = &e.iter().find(|(n, _)| n == "manifest.json").unwrap().1;
    serde_json::from_slice::<Manifest>(m).unwrap().totals
}

/// 领导走访 (`contacts.visits`, format 2.14): a county counts a 2.13 township's
/// visits from its records, by period, as it counts a 2.14 township's that carries
/// the key (the demo's five visits, one in 2026Q4), and the 2.14 manifest's figure
/// is the records'.
#[test]
fn a_213_packages_visits_are_counted_from_its_records() {
    let periods = ["2025", "2026", "2026Q3", "2026Q4"];
    let counted = county_counts("f2.14", periods, "contacts.visits");
    assert_eq!(county_counts("f2.13", periods, "contacts.visits"), counted);
    assert_eq!(counted[3], 1);
    assert!(counted[1] >= counted[3]);
    assert_eq!(manifest_totals("f2.14").get("contacts.visits"), Some(&5));
    assert_eq!(manifest_totals("f2.13").get("contacts.visits"), None);
}

/// 复查 and 整改 from an inspection (format 2.15): a county reads the demo's recheck
/// and its item, and counts the grid once, as the township did (11 grids inspected
/// this half-year, the recheck not a twelfth).
#[test]
fn a_215_packages_recheck_is_not_another_inspection() {
    let mut r = Records::default();
    for (name, bytes) in entries(package("f2.15")) {
        if let Some(kind) = name
            .strip_prefix("records/")
            .and_then(|n| n.strip_suffix(".jsonl"))
        {
            for line in bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
                r.push_json(kind, line).unwrap();
            }
        }
    }
    let rechecks: Vec<_> = r.inspections.iter().filter(|i| !i.is_first()).collect();
    assert_eq!(rechecks.len(), 1);
    let first = rechecks[0].recheck_of.as_deref().unwrap();
    assert!(r.inspections.iter().any(|i| i.id == first && i.is_first()));
    assert!(r.rectification_items.iter().any(|i| {
        i.inspection_id.as_deref() == Some(first) && i.notice.starts_with("检查发现：")
    }));
    let today = crate::support::day(2026, 12, 7);
    assert_eq!(report::totals(&r, today)["assessment.grids_inspected"], 11);
    // The county counts it so.
    let dir = tempfile::tempdir().unwrap();
    let (county, _) = county_receiving(dir.path(), "f2.15");
    let p = Period::parse("period", "2026").unwrap();
    let report = report::period_report(county.conn(), &p, today).unwrap();
    let row = report
        .rows
        .iter()
        .find(|r| r.code == "320115101000")
        .unwrap();
    assert_eq!(row.figures["assessment.grids_inspected"], 11);
}

/// 小区季度抽查覆盖率's keys (format 2.16): a county counts a 2.15 township's
/// checked compounds and its compounds quarter by quarter from its records, as it
/// counts a 2.16 township's that carries them (the demo: 3 of the 5 drawn in 2026Q4
/// checked, of 13 compounds), and the 2.16 manifest's figures are the records'.
#[test]
fn a_215_packages_checked_compounds_are_counted_from_its_records() {
    let periods = ["2026", "2026Q3", "2026Q4", "2026-12"];
    for key in [
        "assessment.compounds_checked",
        "assessment.compounds_quarters",
    ] {
        assert_eq!(
            county_counts("f2.15", periods, key),
            county_counts("f2.16", periods, key),
            "{key}"
        );
    }
    let checked = county_counts("f2.16", periods, "assessment.compounds_checked");
    let base = county_counts("f2.16", periods, "assessment.compounds_quarters");
    assert_eq!((checked[2], base[2]), (3, 13));
    assert_eq!(
        (checked[3], base[3]),
        (3, 13),
        "a month counts its quarter so far"
    );
    assert!(base[0] >= 13 * 3, "{base:?}");
    let m = manifest_totals("f2.16");
    assert_eq!(m.get("assessment.compounds_checked"), Some(&3));
    assert_eq!(m.get("assessment.compounds_quarters"), Some(&13));
    assert_eq!(
        manifest_totals("f2.15").get("assessment.compounds_checked"),
        None
    );
}

/// 逾期未完成整改事项 (format 2.19): a county counts a 2.18 township's overdue
/// rectification items from its records, by period, as a 2.19 township's (the demo:
/// one of its two open items is past its 整改期限), and the 2.19 manifest's figure is
/// the records'.
#[test]
fn a_218_packages_overdue_rectification_items_are_counted_from_its_records() {
    let periods = ["2025", "2026", "2026Q3", "2026Q4"];
    let key = "assessment.rectifications_overdue";
    let counted = county_counts("f2.19", periods, key);
    assert_eq!(county_counts("f2.18", periods, key), counted);
    assert_eq!(counted[1], 1, "{counted:?}");
    let m = manifest_totals("f2.19");
    assert_eq!(m.get(key), Some(&1));
    assert_eq!(m.get("assessment.rectifications_open"), Some(&2));
    assert_eq!(manifest_totals("f2.18").get(key), None);
}

/// 交办 and 逾期 (format 2.17): a county counts a 2.16 township's assigned and
/// overdue demands from its records, by period, as a 2.17 township's (the demo: 4
/// and 4), and the 2.17 manifest's figures are the records'.
#[test]
fn a_216_packages_assigned_and_overdue_demands_are_counted_from_its_records() {
    let periods = ["2025", "2026", "2026Q3", "2026Q4"];
    for key in ["demands.assigned", "demands.overdue"] {
        let counted = county_counts("f2.17", periods, key);
        assert_eq!(county_counts("f2.16", periods, key), counted, "{key}");
        assert!(counted[1] > 0, "{key}: {counted:?}");
    }
    let m = manifest_totals("f2.17");
    assert_eq!(m.get("demands.assigned"), Some(&4));
    assert_eq!(m.get("demands.overdue"), Some(&4));
    assert_eq!(manifest_totals("f2.16").get("demands.assigned"), None);
}

/// 三亮 taken down (format 2.18): the demo's tenth compound had its 党员身份 on the
/// board from 2025 until 2026-08-31. A county counts a 2.18 package's 2025 and
/// 2026-07 with it, 2026-08 and 2026Q4 without it; a 2.17 package (no `takenDown`) counts it in
/// no period, as its sender did; both manifests' figures are the records'.
#[test]
fn a_218_packages_taken_down_sanliang_counts_in_the_periods_before() {
    let dir = tempfile::tempdir().unwrap();
    let today = crate::support::day(2026, 12, 7);
    let figures = |conn: &rusqlite::Connection| {
        ["2025", "2026-07", "2026-08", "2026Q4"].map(|period| {
            let p = Period::parse("period", period).unwrap();
            let r = report::period_report(conn, &p, today).unwrap();
            let row = r.rows.iter().find(|r| r.code == "320115101000").unwrap();
            row.figures["compounds.sanliang_complete"]
        })
    };
    let (old, _) = county_receiving(dir.path(), "f2.17");
    let (new, _) = county_receiving(dir.path(), "f2.18");
    // Taken down on 2026-08-31: not on the board on August's count day.
    assert_eq!(figures(old.conn()), [9, 9, 9, 9]);
    assert_eq!(figures(new.conn()), [10, 10, 9, 9]);
}
