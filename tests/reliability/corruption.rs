//! Corruption trials with the real binary: random bytes of a closed store's files are
//! flipped, zeroed or cut off, then `verify --deep`, a member lookup and `salvage` run on it.
//! Each run either works or fails with a one-line error, never a panic; and a store that
//! `verify --deep` calls clean holds exactly the balances it held before the damage.
//!
//! `FRONTDESK_CORRUPTION_TRIALS=N` sets the number of trials (default 24);
//! `FRONTDESK_CORRUPTION_SEED=S` changes the (otherwise fixed) seed.

#![cfg(unix)]

use frontdesk_exchange::demo::rng::Rng;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::cli::{copy_of, ok, run};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Files sled keeps (the log and snapshots), largest first, excluding frontdesk's own notes.
fn store_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<(u64, PathBuf)> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                stack.push(p);
            } else if !name.starts_with("frontdesk.") {
                files.push((e.metadata().unwrap().len(), p));
            }
        }
    }
    files.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    files.into_iter().map(|(_, p)| p).collect()
}

/// Damages one file of the store; returns what was done, for messages.
fn damage(dir: &Path, rng: &mut Rng) -> String {
    let files = store_files(dir);
    // The log file `db` holds nearly everything; the others are small but matter as much.
    let file = if rng.below(3) > 0 { files[0].clone() } else { files[rng.below(files.len() as u64) as usize].clone() };
    let mut bytes = std::fs::read(&file).unwrap();
    let name = file.strip_prefix(dir).unwrap().display().to_string();
    if bytes.is_empty() {
        return format!("{name} is empty; left alone");
    }
    let at = rng.below(bytes.len() as u64) as usize;
    let what = match rng.below(3) {
        0 => {
            let n = 1 + rng.below(8) as usize;
            for i in at..(at + n).min(bytes.len()) {
                bytes[i] ^= 1 << rng.below(8);
            }
            format!("flipped bits in {n} bytes of {name} at {at}")
        }
        1 => {
            let n = 1 + rng.below(4096) as usize;
            let end = (at + n).min(bytes.len());
            bytes[at..end].fill(0);
            format!("zeroed {} bytes of {name} at {at}", end - at)
        }
        _ => {
            bytes.truncate(at);
            format!("cut {name} to {at} bytes")
        }
    };
    std::fs::write(&file, bytes).unwrap();
    what
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// A run that did not panic and, when it failed, said why in an `error:` line.
fn assert_orderly(what: &str, step: &str, out: &Output) {
    let all = text(out);
    assert!(!all.contains("panicked") && out.status.code() != Some(101), "{what}: {step} panicked:\n{all}");
    assert!(out.status.code().is_some(), "{what}: {step} died of a signal:\n{all}");
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.lines().any(|l| l.starts_with("error: ") && l.len() > 20),
            "{what}: {step} failed without saying why:\n{all}"
        );
    }
}

/// Every member's card and balance, as the store answers.
fn balances(db: &Path) -> Option<String> {
    let out = run(db, &["export", "members", "--format", "jsonl"]);
    out.status.success().then(|| {
        let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                format!("{} points {} {} {}", v["card"], v["balance"], v["lifetime_points"], v["tier"])
            })
            .collect();
        lines.sort();
        lines.join("\n")
    })
}

#[test]
fn damaged_store_files_open_or_fail_clearly_and_never_give_a_silently_wrong_balance() {
    let template = tempfile::tempdir().unwrap();
    ok(template.path(), &["demo", "--members", "60", "--hotels-only"]);
    // As the demo left it, everything still in sled's log (no snapshot yet): damage there
    // makes sled drop the rest of the log, which only the seal can tell.
    let fresh = copy_of(template.path());
    let original = balances(template.path()).expect("the template exports");
    assert!(original.contains("points"), "the export names no balances: {original}");
    let trials = env_u64("FRONTDESK_CORRUPTION_TRIALS", 24);
    let seed = env_u64("FRONTDESK_CORRUPTION_SEED", 0xC0_22_u64);
    let (mut refused, mut reported, mut unharmed) = (0, 0, 0);
    for trial in 0..trials {
        let mut rng = Rng::derive(seed, 1, trial);
        let db = copy_of(if trial % 2 == 0 { fresh.path() } else { template.path() });
        let what = format!("trial {trial}: {}", damage(db.path(), &mut rng));
        let verify = run(db.path(), &["verify", "--deep"]);
        assert_orderly(&what, "verify --deep", &verify);
        let find = run(db.path(), &["member", "find", "a"]);
        assert_orderly(&what, "member find", &find);
        if verify.status.success() {
            // Clean by `verify --deep`: then it must be the store it was.
            assert_eq!(
                balances(db.path()).as_deref(),
                Some(original.as_str()),
                "{what}: verify is clean but balances changed"
            );
            unharmed += 1;
        } else if text(&verify).contains("problem") {
            reported += 1;
        } else {
            let err = String::from_utf8_lossy(&verify.stderr);
            assert!(
                err.contains("damaged") || err.contains("fewer writes"),
                "{what}: refused without saying the files are damaged:\n{err}"
            );
            refused += 1;
        }
        let into = tempfile::tempdir().unwrap();
        let salvage = run(db.path(), &["salvage", "--into", into.path().join("copy").to_str().unwrap()]);
        assert_orderly(&what, "salvage", &salvage);
    }
    eprintln!(
        "{trials} trials: {refused} refused to open, {reported} opened with problems reported, {unharmed} unharmed"
    );
}

/// Regression: damage early in sled's log made sled drop every later write and open an
/// older store, consistent in itself, so `verify` called it clean. The seal written at
/// close now makes the store refuse to open, and `salvage` says writes were lost.
#[test]
fn a_store_that_lost_the_end_of_its_log_refuses_to_open_and_salvage_says_so() {
    let db = tempfile::tempdir().unwrap();
    ok(db.path(), &["demo", "--members", "40", "--hotels-only"]);
    let log = db.path().join("db");
    let mut bytes = std::fs::read(&log).unwrap();
    let at = bytes.len() / 3;
    bytes[at] ^= 0x10;
    std::fs::write(&log, bytes).unwrap();
    for args in [vec!["verify", "--deep"], vec!["member", "find", "a"], vec!["report", "overview"]] {
        let out = run(db.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("fewer writes than when it was last closed"),
            "{}",
            text(&out)
        );
    }
    let into = tempfile::tempdir().unwrap();
    let copy = into.path().join("copy");
    let out = run(db.path(), &["salvage", "--into", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(text(&out).contains("lost: the store at") && text(&out).contains("consistent"), "{}", text(&out));
    ok(&copy, &["verify"]);
}

/// Regression: a damaged settings file (`conf`) made sled say the store "may have been
/// created using a sled version earlier than 0.29"; it is reported as damaged store files.
#[test]
fn a_damaged_settings_file_is_reported_as_damage_not_as_an_old_sled_version() {
    let db = tempfile::tempdir().unwrap();
    ok(db.path(), &["demo", "--members", "10", "--hotels-only"]);
    let conf = db.path().join("conf");
    let mut bytes = std::fs::read(&conf).unwrap();
    bytes[19] ^= 1;
    std::fs::write(&conf, bytes).unwrap();
    let out = run(db.path(), &["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("are damaged") && err.contains("`conf`") && !err.contains("0.29"), "{err}");
}
