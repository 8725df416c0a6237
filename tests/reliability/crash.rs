//! Crash safety with the real binary: `stay post` and `demo` are killed (SIGKILL) at random
//! moments; afterwards every acknowledged post is in the store exactly once and the
//! totals agree with the members.
//!
//! `FRONTDESK_CRASH_KILLS=N` raises the number of killed posts (default 50);
//! `FRONTDESK_CRASH_SEED=S` changes the (otherwise fixed) seed of the kill delays.

#![cfg(unix)]

use frontdesk_exchange::demo::rng::Rng;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::cli;
use crate::support::kill;

use crate::support::kill::{env_u64, json, kill_after};

fn command(db: &Path, args: &[&str]) -> Command {
    cli::frontdesk(db, args)
}

fn run(db: &Path, args: &[&str]) -> Output {
    command(db, args).output().expect("frontdesk runs")
}

/// The arguments of the stay posted under reference `crash-K`.
fn post_args(cards: &[String], k: u64) -> Vec<String> {
    let card = &cards[(k % cards.len() as u64) as usize];
    let arrival = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date") + chrono::Days::new(k % 600);
    [
        "--json".to_string(),
        "stay".into(),
        "post".into(),
        "--member".into(),
        card.clone(),
        "--arrival".into(),
        arrival.to_string(),
        "--nights".into(),
        (1 + k % 5).to_string(),
        "--revenue".into(),
        format!("{}.{:02}", 80 + k % 400, k % 100),
        "--external-ref".into(),
        format!("crash-{k}"),
        // Random dates overlap now and then: these are load, not a desk's stays.
        "--allow-overlap".into(),
    ]
    .to_vec()
}

fn spawn(db: &Path, args: &[String]) -> Child {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    kill::spawn(db, &args)
}

/// Wall time of one uncontended `stay post` on this machine, to spread kill delays over
/// the whole life of the process (start-up, transaction, flush, reply).
fn post_duration(cards_db: &Path, cards: &[String], round: u64) -> Duration {
    let mut best = Duration::MAX;
    for k in 0..2 {
        let args = post_args(cards, 1_000_000 + round * 2 + k);
        let started = Instant::now();
        let out = spawn(cards_db, &args).wait_with_output().expect("runs");
        assert!(out.status.success(), "calibration post failed: {}", String::from_utf8_lossy(&out.stderr));
        best = best.min(started.elapsed());
    }
    best
}

fn enrol(db: &Path, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let v = json(db, &["member", "add", "--name", &format!("Crash Guest {i}")]);
            v["card"].as_str().expect("card in reply").to_string()
        })
        .collect()
}

#[test]
fn killed_posts_never_lose_an_acknowledged_stay_or_break_the_totals() {
    let target_kills = env_u64("FRONTDESK_CRASH_KILLS", 50);
    let mut rng = Rng::new(env_u64("FRONTDESK_CRASH_SEED", 0x5eed_f00d));
    let root = tempfile::tempdir().expect("temp dir");

    // Calibrate on a throwaway store so that the store under test holds only crash refs.
    let scratch = root.path().join("scratch");
    let scratch_cards = enrol(&scratch, 1);
    // Kill delays from 0 to 1.5× a post's life (at least 30 ms): some kills land in
    // start-up, some mid-transaction or mid-flush, some processes complete. The life is
    // measured again every 25 posts, as the load of a shared machine changes.
    let window = |life: Duration| (life.as_micros() as u64 * 3 / 2).max(30_000);
    let mut life = post_duration(&scratch, &scratch_cards, 0);
    let mut range_us = window(life);

    let db = root.path().join("store");
    let cards = enrol(&db, 3);
    let mut acknowledged: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let mut attempted = 0u64;
    let mut kills = 0u64;
    let mut unexpected = Vec::new();
    let limit = target_kills * 8 + 20;
    let started = Instant::now();
    while kills < target_kills && attempted < limit {
        let k = attempted;
        attempted += 1;
        if k > 0 && k.is_multiple_of(25) {
            life = post_duration(&scratch, &scratch_cards, k);
            range_us = window(life);
        }
        let args = post_args(&cards, k);
        let delay = Duration::from_micros(rng.below(range_us));
        let (out, killed) = kill_after(spawn(&db, &args), delay);
        if killed {
            kills += 1;
            continue;
        }
        let reply: Option<Value> = serde_json::from_slice(&out.stdout).ok();
        match (out.status.success(), reply) {
            (true, Some(v)) if v["duplicate"] == Value::Bool(false) => {
                acknowledged.insert(k, args);
            }
            _ => unexpected.push(format!(
                "crash-{k}: {:?} stdout {:?} stderr {:?}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )),
        }
    }
    eprintln!(
        "crash: {attempted} posts, {kills} killed, {} acknowledged, kill window {} ms, post life {} ms, {:.1} s",
        acknowledged.len(),
        range_us / 1000,
        life.as_millis(),
        started.elapsed().as_secs_f64()
    );
    assert!(unexpected.is_empty(), "posts that were not killed failed:\n{}", unexpected.join("\n"));
    assert!(kills >= target_kills, "only {kills} of {target_kills} posts were killed in {attempted} attempts");
    assert!(acknowledged.len() >= 3, "too few posts completed ({}) to check anything", acknowledged.len());

    // Every stay in the store, by member; each reference at most once.
    let mut present: BTreeSet<String> = BTreeSet::new();
    let mut outstanding = 0i64;
    for card in &cards {
        let stays = json(&db, &["stay", "list", card, "--limit", "1000000"]);
        let mut points_of_stays = 0i64;
        for s in stays.as_array().expect("stay list is an array") {
            let r = s["external_ref"].as_str().expect("every stay has its reference").to_string();
            assert!(present.insert(r.clone()), "reference {r} was posted twice");
            assert_eq!(s["status"], "Completed", "{s}");
            points_of_stays += s["base_points"].as_i64().expect("base") + s["bonus_points"].as_i64().expect("bonus");
        }
        let member = json(&db, &["member", "show", card]);
        let balance = member["balance"].as_i64().expect("balance");
        assert_eq!(balance, points_of_stays, "member {card}: balance vs points of the stays present");
        outstanding += balance;
    }
    for k in acknowledged.keys() {
        assert!(present.contains(&format!("crash-{k}")), "acknowledged stay crash-{k} is missing after the kills");
    }
    for r in &present {
        let k: u64 = r.trim_start_matches("crash-").parse().expect("crash reference");
        assert!(k < attempted, "unknown reference {r}");
    }
    let overview = json(&db, &["report", "overview"]);
    assert_eq!(overview["stays"].as_u64(), Some(present.len() as u64), "overview stays vs distinct refs: {overview}");
    assert_eq!(overview["members"].as_u64(), Some(cards.len() as u64), "{overview}");
    assert_eq!(overview["points_outstanding"].as_i64(), Some(outstanding), "{overview}");

    // Posting an acknowledged reference again is a duplicate and changes nothing.
    for (k, args) in &acknowledged {
        let out = spawn(&db, args).wait_with_output().expect("runs");
        assert!(out.status.success(), "re-post of crash-{k}: {}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON reply");
        assert_eq!(v["duplicate"], Value::Bool(true), "re-post of crash-{k} was applied again: {v}");
    }
    assert_eq!(json(&db, &["report", "overview"]), overview, "duplicates changed the totals");

    let verify = run(&db, &["verify"]);
    assert!(verify.status.success(), "verify: {}", String::from_utf8_lossy(&verify.stdout));
}

#[test]
fn a_killed_demo_run_leaves_a_store_that_opens_and_verifies() {
    let mut rng = Rng::new(env_u64("FRONTDESK_CRASH_SEED", 0xde30));
    let root = tempfile::tempdir().expect("temp dir");
    let runs = 6;
    let mut killed_runs = 0;
    for i in 0..runs {
        let db = root.path().join(format!("demo-{i}"));
        let child = command(&db, &["--json", "demo", "--members", "3000", "--seed", &i.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("demo starts");
        // Alternate early kills (start-up, catalogue seeding, first batches) with late ones.
        let window_ms = if i % 2 == 0 { 150 } else { 1_500 };
        let (out, killed) = kill_after(child, Duration::from_millis(rng.below(window_ms)));
        killed_runs += u32::from(killed);
        assert!(killed || out.status.success(), "demo run {i} failed: {}", String::from_utf8_lossy(&out.stderr));
        let verify = run(&db, &["verify"]);
        assert!(
            verify.status.success(),
            "verify after killed demo {i}: {}{}",
            String::from_utf8_lossy(&verify.stdout),
            String::from_utf8_lossy(&verify.stderr)
        );
        let overview = json(&db, &["report", "overview"]);
        let members = overview["members"].as_u64().expect("members");
        assert!(members <= 3000, "demo {i}: {members} members");
        assert!(overview["points_outstanding"].as_i64().expect("outstanding") >= 0, "{overview}");
    }
    eprintln!("demo: {killed_runs} of {runs} runs killed");
}
