//! The kill -9 campaign: imports, redemptions, the nightly expiry and a server taking posts
//! are SIGKILLed at random moments. After every kill `verify` is clean; every acknowledged
//! command is in the store exactly once; finishing the interrupted job gives what an
//! uninterrupted run gives. (`reliability/crash.rs` does the same for `stay post` and `demo`.)
//!
//! `FRONTDESK_KILLS=N` sets the kills per scenario (default 6; the long run uses 250);
//! `FRONTDESK_CRASH_SEED=S` changes the (otherwise fixed) seed of the kill delays.

#![cfg(unix)]

use frontdesk_exchange::demo::rng::Rng;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::support::serve;

use crate::support::cli::{copy_of, ok, run};
use crate::support::kill::{assert_verifies, env_u64, json, kill_after, life_of, spawn};

fn kills() -> u64 {
    env_u64("FRONTDESK_KILLS", 6)
}

fn rng(stream: u64) -> Rng {
    Rng::derive(env_u64("FRONTDESK_CRASH_SEED", 0x9_4111), stream, 0)
}

/// A delay from 0 to 1.5× the process's life (at least 30 ms): some kills land in start-up,
/// some mid-write, some processes finish.
fn delay(rng: &mut Rng, life: Duration) -> Duration {
    Duration::from_micros(rng.below((life.as_micros() as u64 * 3 / 2).max(30_000)))
}

fn manifest(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel).display().to_string()
}

/// Overview and liability, which every scenario compares with an uninterrupted run.
fn totals(db: &Path) -> (Value, Value) {
    (json(db, &["report", "overview"]), json(db, &["report", "liability"]))
}

#[test]
fn killed_imports_keep_what_was_written_and_finish_as_one_uninterrupted_import() {
    let (file, mapping) = (
        manifest("tests/fixtures/hotel-booking-demand/excerpt.csv"),
        manifest("config/mappings/hotel-booking-demand.toml"),
    );
    let args = ["import", "bookings", file.as_str(), "--mapping", mapping.as_str()];
    let root = tempfile::tempdir().unwrap();
    let reference = root.path().join("reference");
    let life = life_of(&reference, &args, 1);
    let mut rng = rng(1);
    let mut killed = 0;
    let db = root.path().join("killed");
    for k in 0..kills() * 4 {
        let (out, was_killed) = kill_after(spawn(&db, &args), delay(&mut rng, life));
        assert!(was_killed || out.status.success(), "import {k}: {}", String::from_utf8_lossy(&out.stderr));
        assert_verifies(&db, &format!("import killed at attempt {k}"));
        if was_killed {
            killed += 1;
            if killed == kills() {
                break;
            }
        }
    }
    ok(&db, &args);
    assert_verifies(&db, "the completed import");
    assert_eq!(totals(&db), totals(&reference), "an import finished after {killed} kills differs from one run");
    eprintln!("import: {killed} kills, import life {} ms", life.as_millis());
}

/// Three members with points enough for every attempt.
fn funded(db: &Path) -> Vec<String> {
    (0..3)
        .map(|i| {
            let card = json(db, &["member", "add", "--name", &format!("Kill Guest {i}")])["card"]
                .as_str()
                .unwrap()
                .to_string();
            ok(db, &["points", "adjust", &card, "--points", "900000", "--reason", "campaign"]);
            card
        })
        .collect()
}

#[test]
fn killed_redemptions_are_either_whole_or_absent() {
    let root = tempfile::tempdir().unwrap();
    let scratch = root.path().join("scratch");
    let scratch_card = funded(&scratch).remove(0);
    let life = life_of(&scratch, &["--json", "redeem", &scratch_card, "BREAKFAST"], 2);
    let db = root.path().join("store");
    let cards = funded(&db);
    let mut rng = rng(2);
    let (mut acknowledged, mut killed, mut attempted) = (BTreeSet::new(), 0, 0u64);
    while killed < kills() && attempted < kills() * 8 + 20 {
        let (card, r) = (&cards[(attempted % 3) as usize], format!("rk-{attempted}"));
        let reward = ["BREAKFAST", "LATE-CO"][(attempted % 2) as usize];
        let (out, was_killed) =
            kill_after(spawn(&db, &["--json", "redeem", card, reward, "--external-ref", &r]), delay(&mut rng, life));
        attempted += 1;
        if was_killed {
            killed += 1;
            continue;
        }
        assert!(out.status.success(), "{r}: {}", String::from_utf8_lossy(&out.stderr));
        acknowledged.insert(r);
    }
    assert!(killed >= kills(), "only {killed} of {} redemptions were killed", kills());
    let mut present = BTreeSet::new();
    for card in &cards {
        let mut spent = 0;
        for r in json(&db, &["redeem", "list", card]).as_array().unwrap() {
            let x = r["external_ref"].as_str().unwrap().to_string();
            assert!(present.insert(x.clone()), "{x} redeemed twice");
            spent += r["points"].as_i64().unwrap();
        }
        assert_eq!(json(&db, &["member", "show", card])["balance"].as_i64(), Some(900_000 - spent), "member {card}");
    }
    let missing: Vec<_> = acknowledged.difference(&present).collect();
    assert!(missing.is_empty(), "acknowledged redemptions missing: {missing:?}");
    assert_verifies(&db, "the killed redemptions");
    eprintln!("redeem: {attempted} attempts, {killed} killed, {} acknowledged", acknowledged.len());
}

#[test]
fn a_killed_nightly_job_finishes_as_one_uninterrupted_run() {
    let root = tempfile::tempdir().unwrap();
    let template = root.path().join("template");
    ok(&template, &["demo", "--members", "400", "--hotels-only"]);
    // Two years on, most lots of the demo's stays are due.
    let nightly = ["--as-of", "2028-12-31", "expire"];
    let reference = copy_of(&template);
    let life = life_of(reference.path(), &nightly, 1);
    let mut rng = rng(3);
    let mut killed = 0;
    for k in 0..kills() * 4 {
        let db = copy_of(&template);
        let (out, was_killed) = kill_after(spawn(db.path(), &nightly), delay(&mut rng, life));
        assert!(was_killed || out.status.success(), "expire {k}: {}", String::from_utf8_lossy(&out.stderr));
        assert_verifies(db.path(), &format!("expire killed at attempt {k}"));
        ok(db.path(), &nightly);
        assert_eq!(totals(db.path()), totals(reference.path()), "expire finished after a kill at attempt {k}");
        if was_killed {
            killed += 1;
            if killed == kills() {
                break;
            }
        }
    }
    assert!(killed > 0, "no nightly run was killed");
    eprintln!("expire: {killed} kills, nightly life {} ms", life.as_millis());
}

#[test]
fn a_killed_server_loses_no_acknowledged_post() {
    let root = tempfile::tempdir().unwrap();
    let db = root.path().join("store");
    let cards = funded(&db);
    let mut rng = rng(4);
    let mut acknowledged = BTreeSet::new();
    let mut next = 0u64;
    for round in 0..kills() {
        let mut server = serve::start(&db);
        let stop = Arc::new(AtomicBool::new(false));
        // Six clients at once: the server applies what waits in one group commit, so a
        // kill lands inside a group's transaction or flush as often as between them.
        let clients: Vec<_> = (0..6)
            .map(|c| {
                let (db, card, stop) = (db.clone(), cards[c % cards.len()].clone(), stop.clone());
                let first = next + c as u64 * 10_000;
                std::thread::spawn(move || post_until(&db, &card, first, &stop))
            })
            .collect();
        std::thread::sleep(Duration::from_millis(50 + rng.below(400)));
        server.kill();
        stop.store(true, Ordering::SeqCst);
        for c in clients {
            acknowledged.extend(c.join().unwrap());
        }
        next += 100_000;
        assert_verifies(&db, &format!("server killed in round {round}"));
    }
    let mut present = BTreeSet::new();
    for card in &cards {
        for s in json(&db, &["stay", "list", card, "--limit", "1000000"]).as_array().unwrap() {
            let r = s["external_ref"].as_str().unwrap().to_string();
            assert!(present.insert(r.clone()), "{r} posted twice");
        }
    }
    let missing: Vec<_> = acknowledged.difference(&present).collect();
    assert!(missing.is_empty(), "acknowledged posts missing after the kills: {missing:?}");
    eprintln!("serve: {} kills, {} acknowledged posts", kills(), acknowledged.len());
}

/// Posts through the server until told to stop; returns the references acknowledged. (A
/// post started after the kill may open the store itself: it counts like any other.)
fn post_until(db: &Path, card: &str, first: u64, stop: &AtomicBool) -> Vec<String> {
    let mut done = Vec::new();
    for k in first.. {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let r = format!("sv-{k}");
        let out = run(
            db,
            &[
                "stay",
                "post",
                "--allow-overlap",
                "--member",
                card,
                "--arrival",
                "2026-09-01",
                "--nights",
                "1",
                "--revenue",
                "90",
                "--external-ref",
                &r,
            ],
        );
        if out.status.success() {
            done.push(r);
        }
    }
    done
}

#[test]
fn a_killed_backup_leaves_no_file_and_a_killed_restore_a_store_that_says_so() {
    let root = tempfile::tempdir().unwrap();
    let source = root.path().join("source");
    ok(&source, &["demo", "--members", "300", "--hotels-only"]);
    let file = root.path().join("store.fdbak");
    let target = root.path().join("target");
    let mut rng = rng(5);
    let backup_life = life_of(&source, &["backup", file.to_str().unwrap()], 1);
    let mut killed = 0;
    for k in 0..kills() * 4 {
        let attempt = root.path().join(format!("attempt-{k}.fdbak"));
        let (out, was_killed) =
            kill_after(spawn(&source, &["backup", attempt.to_str().unwrap()]), delay(&mut rng, backup_life));
        assert!(was_killed || out.status.success(), "backup {k}: {}", String::from_utf8_lossy(&out.stderr));
        // A file under the asked name is always a whole backup.
        if attempt.exists() {
            ok(&target, &["restore", "--check", attempt.to_str().unwrap()]);
        } else {
            assert!(was_killed, "backup {k} finished without writing its file");
        }
        killed += u64::from(was_killed);
        if killed == kills() {
            break;
        }
    }
    let restore_life = life_of(&root.path().join("timing"), &["restore", file.to_str().unwrap()], 1);
    let (mut interrupted, mut restored) = (0, 0);
    for _ in 0..kills() {
        let (out, was_killed) =
            kill_after(spawn(&target, &["restore", "--force", file.to_str().unwrap()]), delay(&mut rng, restore_life));
        assert!(was_killed || out.status.success(), "restore: {}", String::from_utf8_lossy(&out.stderr));
        let verify = run(&target, &["verify"]);
        if verify.status.success() {
            restored += 1;
        } else {
            // Either not started (an empty store verifies clean) or marked unfinished.
            let err = String::from_utf8_lossy(&verify.stderr);
            assert!(err.contains("unfinished restore"), "a killed restore left: {err}");
            interrupted += 1;
        }
    }
    ok(&target, &["restore", "--force", file.to_str().unwrap()]);
    assert_eq!(totals(&target), totals(&source));
    assert_verifies(&target, "the last restore");
    eprintln!("backup: {killed} kills; restore: {interrupted} left unfinished, {restored} whole or not started");
}
