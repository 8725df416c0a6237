//! Eight client processes write through one `frontdesk serve` while it is killed (SIGKILL)
//! and restarted: every acknowledged command is in the store, no balance goes negative and
//! `frontdesk verify` passes.
//!
//! `FRONTDESK_SERVE_COMMANDS=N` changes the total number of commands (default 10,000).
//! The clients are this test binary again (the `load_client` test, which does nothing
//! unless `FRONTDESK_SERVE_CHILD` is set), each a typed `frontdesk_protocol::Client`.

#![cfg(unix)]

use frontdesk_core::domain::ledger::EntryKind;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_protocol::Client;
use frontdesk_store::ops::{self, Adjustment, Command, MemberRef, RedeemInput, StayInput};
use frontdesk_store::store::{Store, T};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::cli;
use crate::support::serve;

const CLIENTS: u64 = 8;
const LOGIN: &str = "desk";
const PIN: &str = "2468";

fn total() -> u64 {
    std::env::var("FRONTDESK_SERVE_COMMANDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000)
}

/// Command `k` of client `c`: stays, redemptions and adjustments on overlapping members,
/// each with its own external reference. Deterministic, so the parent can rebuild it.
fn command_for(c: u64, k: u64, cards: &[String]) -> Command {
    let member = MemberRef::Card(cards[((c * 7 + k) % cards.len() as u64) as usize].clone());
    let external_ref = Some(format!("load-{c}-{k}"));
    match k % 3 {
        0 => {
            let arrival = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date") + chrono::Days::new(k % 600);
            Command::PostStay(StayInput {
                member,
                property: None,
                arrival,
                departure: arrival + chrono::Days::new(1 + k % 3),
                revenue_minor: 10_000 + (k % 50) as i64 * 1_000,
                channel: "direct".into(),
                status: StayStatus::Completed,
                external_ref,
            })
        }
        1 => Command::Redeem(RedeemInput {
            member,
            reward: if k.is_multiple_of(2) { "BREAKFAST".into() } else { "LATE-CO".into() },
            points: None,
            property: None,
            external_ref,
        }),
        _ => Command::AdjustPoints(Adjustment {
            member,
            points: if k.is_multiple_of(2) { 150 } else { -400 },
            reason: "load test".into(),
            kind: EntryKind::Adjust,
            external_ref,
        }),
    }
}

fn cards_of(db: &Path) -> Vec<String> {
    let store = Store::open(db, "test").expect("store opens");
    store.scan_prefix::<Member>(T::Members, &[]).map(|r| r.expect("member decodes").1.card).collect()
}

fn connect(socket: &Path) -> Client {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match Client::connect_as(socket, Some(LOGIN), Some(PIN)) {
            Ok(c) => return c,
            Err(e) => assert!(Instant::now() < deadline, "no server within 120 s: {e}"),
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The `load_client` test as this binary names it (its module path below the crate): the
/// filter a client process is started with.
const LOAD_CLIENT: &str = "concurrency::load_client";

/// A client process: runs its share of commands, re-sending a command whose answer was lost
/// (same external reference: applied at most once), and records each answer in its file.
#[test]
fn load_client() {
    let Ok(spec) = std::env::var("FRONTDESK_SERVE_CHILD") else { return };
    let parts: Vec<&str> = spec.splitn(5, '|').collect();
    let (c, count, socket, acks, cards_file) =
        (parts[0].parse::<u64>().unwrap(), parts[1].parse::<u64>().unwrap(), parts[2], parts[3], parts[4]);
    let cards: Vec<String> = std::fs::read_to_string(cards_file).unwrap().lines().map(String::from).collect();
    let socket = PathBuf::from(socket);
    let mut out = std::fs::OpenOptions::new().create(true).append(true).open(acks).unwrap();
    let mut client = connect(&socket);
    for k in 0..count {
        let cmd = command_for(c, k, &cards);
        loop {
            match client.execute(&cmd) {
                Ok(Ok(_)) => {
                    writeln!(out, "{k} ok").unwrap();
                    break;
                }
                Ok(Err(f)) => {
                    assert_eq!(f.code, 3, "command {k} of client {c} refused unexpectedly: {}", f.message);
                    writeln!(out, "{k} refused").unwrap();
                    break;
                }
                Err(_) => client = connect(&socket),
            }
        }
        out.flush().unwrap();
    }
}

fn answered(files: &[PathBuf]) -> usize {
    files.iter().map(|f| std::fs::read_to_string(f).map_or(0, |s| s.lines().count())).sum()
}

#[test]
fn eight_clients_survive_a_killed_server_without_losing_an_acknowledged_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    cli::ok(&db, &["demo", "--members", "40"]);
    let added = cli::frontdesk(&db, &["operator", "add", LOGIN, "--name", "Front desk", "--admin"])
        .env("FRONTDESK_PIN", PIN)
        .output()
        .unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let cards = cards_of(&db);
    let cards_file = dir.path().join("cards.txt");
    std::fs::write(&cards_file, cards.join("\n")).unwrap();

    let total = total();
    let mut server = serve::start(&db);
    let per_client = total.div_ceil(CLIENTS);
    let files: Vec<PathBuf> = (0..CLIENTS).map(|c| dir.path().join(format!("acks-{c}.txt"))).collect();
    let children: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let spec = format!(
                "{c}|{per_client}|{}|{}|{}",
                server.socket.display(),
                files[c as usize].display(),
                cards_file.display()
            );
            std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", LOAD_CLIENT, "--nocapture", "--test-threads", "1"])
                .env("FRONTDESK_SERVE_CHILD", spec)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();

    // Kill the server once a third of the commands have been answered, then start it again.
    let deadline = Instant::now() + Duration::from_secs(600);
    while answered(&files) < (total / 3) as usize {
        assert!(Instant::now() < deadline, "the clients made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    server.kill();
    assert!(server.socket.exists(), "a killed server leaves its socket behind");
    let mut server = serve::start(&db);

    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "a client failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let (status, log) = server.terminate();
    assert!(status.success(), "server exit {status}: {log}");
    assert!(!server.socket.exists(), "SIGTERM removes the socket");
    assert!(!log.contains('@'), "the server log names no guest: {log}");

    // Every acknowledged command is in the store: sent again, it is a duplicate.
    let store = Store::open(&db, "test").unwrap();
    let config = frontdesk_core::config::load(None).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339(cli::NOW).unwrap();
    let ctx = ops::Ctx {
        config: &config,
        actor: Actor { name: LOGIN.into(), role: Role::Admin },
        now: now.timestamp_millis(),
        today: now.date_naive(),
    };
    let (mut applied, mut refused) = (0, 0);
    for (c, file) in files.iter().enumerate() {
        for line in std::fs::read_to_string(file).unwrap().lines() {
            let (k, what) = line.split_once(' ').unwrap();
            if what == "refused" {
                refused += 1;
                continue;
            }
            applied += 1;
            let cmd = command_for(c as u64, k.parse().unwrap(), &cards);
            let reply = ops::execute(&store, &ctx, &cmd).unwrap_or_else(|e| panic!("{line} of client {c}: {e}"));
            assert!(reply.is_duplicate(), "acknowledged command {k} of client {c} is not in the store");
        }
    }
    assert_eq!(applied + refused, per_client * CLIENTS, "every command was answered once");
    assert!(applied > total / 2, "most commands applied ({applied} of {total})");
    for item in store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item.unwrap();
        assert!(m.balance >= 0, "member {} has a negative balance {}", m.id, m.balance);
    }
    drop(store);
    let verify =
        cli::frontdesk(&db, &["verify"]).env("FRONTDESK_OPERATOR", LOGIN).env("FRONTDESK_PIN", PIN).output().unwrap();
    assert!(verify.status.success(), "verify: {}", String::from_utf8_lossy(&verify.stdout));
}
