//! `backup` and `restore` with the real binary: a restored store is the same store, byte for
//! byte, with the same `verify` and reports; damaged, truncated or foreign files change
//! nothing; a restore cut short leaves a store that says so; a backup taken while a server
//! takes writes is one consistent moment.

#![cfg(unix)]

use frontdesk_store::store::{Store, T, TREE_NAMES};
use std::path::Path;
use std::process::Output;

use crate::support::serve;

use crate::support::cli::{frontdesk, ok, run};

const REPORTS: [&str; 8] =
    ["overview", "tiers", "retention", "rfm", "liability", "complaints", "satisfaction", "property"];

fn err(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every key and value of every tree, in order.
fn contents(db: &Path) -> Vec<(usize, Vec<u8>, Vec<u8>)> {
    let store = Store::open(db, "test").expect("store opens");
    let mut all = Vec::new();
    for (i, tree) in store.trees().iter().enumerate() {
        for item in tree.iter() {
            let (k, v) = item.expect("readable");
            all.push((i, k.to_vec(), v.to_vec()));
        }
    }
    all
}

/// The operator Ana (an admin) and her PIN, as the CLI reads them.
const ANA: [(&str, &str); 2] = [("FRONTDESK_OPERATOR", "ana"), ("FRONTDESK_PIN", "1357")];

/// `frontdesk --db DB ARGS…` with these variables set.
fn run_with(db: &Path, vars: &[(&str, &str)], args: &[&str]) -> Output {
    frontdesk(db, args).envs(vars.iter().copied()).output().unwrap()
}

/// `verify` and every report, as JSON, each of which must succeed.
fn figures(db: &Path, vars: &[(&str, &str)]) -> Vec<String> {
    std::iter::once(vec!["--json", "verify"])
        .chain(REPORTS.iter().map(|r| vec!["--json", "report", r]))
        .map(|args| {
            let out = run_with(db, vars, &args);
            assert!(out.status.success(), "{args:?}: {}", err(&out));
            String::from_utf8(out.stdout).unwrap()
        })
        .collect()
}

/// A demo store with every kind of record: members, stays, redemptions, complaints,
/// activities, promotions, residences (the residential property), operators, an approval
/// waiting and the audit trail.
fn full_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo", "--members", "120"]);
    ok(dir.path(), &["expire"]);
    let add = run_with(dir.path(), &ANA[1..], &["operator", "add", "ana", "--name", "Ana", "--admin"]);
    assert!(add.status.success(), "{}", err(&add));
    let clerk_vars = [ANA[0], ANA[1], ("FRONTDESK_NEW_PIN", "2468")];
    let clerk = run_with(dir.path(), &clerk_vars, &["--role", "clerk", "operator", "add", "cleo", "--name", "Cleo"]);
    assert!(clerk.status.success(), "{}", err(&clerk));
    let found = run_with(dir.path(), &ANA, &["--json", "member", "find", "a", "--limit", "1"]);
    let card =
        serde_json::from_slice::<serde_json::Value>(&found.stdout).unwrap()[0]["card"].as_str().unwrap().to_string();
    let cleo = [("FRONTDESK_OPERATOR", "cleo"), ("FRONTDESK_PIN", "2468")];
    let asked = run_with(dir.path(), &cleo, &["points", "adjust", &card, "--points", "3000", "--reason", "folio"]);
    assert_eq!(asked.status.code(), Some(7), "{}", err(&asked));
    dir
}

#[test]
fn a_restored_store_is_the_same_store_with_the_same_verify_and_reports() {
    let source = full_store();
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("nightly.fdbak");
    let out = run_with(source.path(), &ANA, &["--json", "backup", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", err(&out));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["schema_version"], frontdesk_store::store::SCHEMA_VERSION);
    for tree in ["activities", "approvals", "audit", "operators", "agg", "keys", "ledger"] {
        assert!(summary["trees"][tree].as_u64().unwrap() > 0, "the backup holds no {tree}: {summary}");
    }

    let target = tempfile::tempdir().unwrap();
    let out = run(target.path(), &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", err(&out));
    assert_eq!(contents(target.path()), contents(source.path()), "restored trees differ");
    let restored = figures(target.path(), &ANA);
    assert_eq!(restored, figures(source.path(), &ANA));
    assert!(restored[0].contains("\"problems\": []"));
    let deep = run_with(target.path(), &ANA, &["verify", "--deep"]);
    assert!(deep.status.success(), "{}", err(&deep));
    assert!(String::from_utf8_lossy(&deep.stdout).contains("every record decoded"));
}

#[test]
fn restore_refuses_a_store_with_data_unless_forced_and_then_replaces_everything() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    ok(a.path(), &["demo", "--members", "20", "--hotels-only"]);
    ok(b.path(), &["demo", "--members", "35", "--hotels-only", "--seed", "9"]);
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("a.bak");
    ok(a.path(), &["backup", file.to_str().unwrap()]);
    let before = contents(b.path());
    let out = run(b.path(), &["restore", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(err(&out).contains("is not empty") && err(&out).contains("--force"), "{}", err(&out));
    assert_eq!(contents(b.path()), before, "a refused restore changed the store");
    let out = run(b.path(), &["restore", "--force", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", err(&out));
    assert_eq!(contents(b.path()), contents(a.path()));
    assert_eq!(figures(b.path(), &[]), figures(a.path(), &[]));
}

/// Bytes of a backup of a small store.
fn small_backup(dir: &Path) -> Vec<u8> {
    let db = dir.join("source");
    ok(&db, &["demo", "--members", "15", "--hotels-only"]);
    let file = dir.join("small.bak");
    ok(&db, &["backup", file.to_str().unwrap()]);
    std::fs::read(file).unwrap()
}

fn gunzip(bytes: &[u8]) -> String {
    let mut s = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(bytes), &mut s).unwrap();
    s
}

fn gzip(text: &str) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut e, text.as_bytes()).unwrap();
    e.finish().unwrap()
}

#[test]
fn damaged_truncated_or_foreign_files_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = small_backup(dir.path());
    let text = gunzip(&good);
    let lines: Vec<&str> = text.lines().collect();
    let mut flipped = good.clone();
    // In the gzip trailer's CRC: a flip inside the deflate stream may as well surface as a
    // line that is no record, which the case of a cut file covers.
    let at = flipped.len() - 6;
    flipped[at] ^= 0x40;
    // A value changed by one digit, recompressed: only the checksum can tell.
    let tampered = text.replacen("\"v\":\"01", "\"v\":\"02", 1);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "empty"),
        ("not gzip", b"members,card\n1,2\n".to_vec(), "not gzip"),
        ("flipped byte", flipped, "damaged"),
        ("cut in half", good[..good.len() / 2].to_vec(), "line"),
        ("no end line", gzip(&(lines[..lines.len() - 1].join("\n") + "\n")), "without its end line"),
        ("tampered value", gzip(&tampered), "checksum"),
        ("gzip of other JSON", gzip("{\"hello\":1}\n"), "not a frontdesk backup"),
        (
            "newer schema",
            gzip(&text.replacen(
                &format!("\"schema_version\":{}", frontdesk_store::store::SCHEMA_VERSION),
                "\"schema_version\":99",
                1,
            )),
            "newer",
        ),
        (
            "data after the end",
            gzip(&(text.clone() + "{\"t\":\"members\",\"k\":\"00\",\"v\":\"00\"}\n")),
            "after the end",
        ),
    ];
    for (name, bytes, says) in cases {
        let file = dir.path().join("case.bak");
        std::fs::write(&file, &bytes).unwrap();
        let target = dir.path().join(format!("target-{}", name.replace(' ', "-")));
        let out = run(&target, &["restore", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(3), "{name}: {}", err(&out));
        assert!(err(&out).contains(says), "{name}: {}", err(&out));
        assert!(!err(&out).contains("panicked"), "{name}: {}", err(&out));
        // Nothing was written: the store opens and holds no data.
        let store = Store::open(&target, "test").expect("untouched store opens");
        assert!(store.tree(T::Members).is_empty(), "{name}: members restored from a bad file");
    }
}

#[test]
fn a_restore_cut_short_leaves_a_store_that_refuses_to_open_until_restored_again() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = small_backup(dir.path());
    let file = dir.path().join("small.bak");
    std::fs::write(&file, &bytes).unwrap();
    let target = dir.path().join("target");
    // As a restore leaves the store between its first and last write.
    {
        let store = Store::open(&target, "test").unwrap();
        store.tree(T::Meta).insert(frontdesk_store::store::shape::RESTORE_MARKER, &[][..]).unwrap();
        store.tree(T::Members).insert(7u64.to_be_bytes(), &b"half"[..]).unwrap();
        store.flush().unwrap();
    }
    for args in [vec!["member", "find", "a"], vec!["verify"]] {
        let out = run(&target, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(err(&out).contains("unfinished restore") && err(&out).contains("--force"), "{}", err(&out));
    }
    let out = run(&target, &["restore", "--force", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", err(&out));
    assert_eq!(contents(&target), contents(&dir.path().join("source")));
    ok(&target, &["verify"]);
    assert!(TREE_NAMES.contains(&"activities"));
}

/// Stays posted through a server while `backup` runs through the same server: the backup is
/// one moment between two commands, so the restored copy verifies clean and holds a prefix
/// of the acknowledged posts.
#[test]
fn a_backup_taken_while_the_server_takes_writes_is_consistent() {
    let db = tempfile::tempdir().unwrap();
    ok(db.path(), &["demo", "--members", "40", "--hotels-only"]);
    let card = {
        let v: serde_json::Value =
            serde_json::from_str(&ok(db.path(), &["--json", "member", "find", "a", "--limit", "1"])).unwrap();
        v[0]["card"].as_str().unwrap().to_string()
    };
    let server = serve::start(db.path());
    let writer = {
        let (db, card) = (db.path().to_path_buf(), card.clone());
        std::thread::spawn(move || {
            (0..60)
                .map(|k| {
                    let r = format!("bk-{k}");
                    let out = run(
                        &db,
                        &[
                            "stay",
                            "post",
                            "--allow-overlap",
                            "--member",
                            &card,
                            "--arrival",
                            "2026-10-01",
                            "--nights",
                            "1",
                            "--revenue",
                            "100",
                            "--external-ref",
                            &r,
                        ],
                    );
                    assert!(out.status.success(), "{}", err(&out));
                })
                .count()
        })
    };
    let work = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for i in 0..3 {
        let file = work.path().join(format!("during-{i}.bak"));
        ok(db.path(), &["backup", file.to_str().unwrap()]);
        files.push(file);
    }
    assert_eq!(writer.join().unwrap(), 60);
    drop(server);
    for file in files {
        let target = work.path().join(format!("{}-restored", file.file_stem().unwrap().to_string_lossy()));
        ok(&target, &["restore", file.to_str().unwrap()]);
        let verify = run(&target, &["verify"]);
        assert!(verify.status.success(), "{}: {}", file.display(), String::from_utf8_lossy(&verify.stdout));
    }
}
