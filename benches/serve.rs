//! Throughput of `frontdesk serve`: durable stay posts through the socket from 1, 4 and 8
//! client threads (each its own connection), and their latency; plus the round trip of a
//! `Ping` (the protocol's floor). The server is the real binary on a demo store.
//!
//! ```text
//! SERVE_COMMANDS=4000 SERVE_MEMBERS=2000 cargo bench --bench serve
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

mod support;

use chrono::NaiveDate;
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_protocol::Client;
use frontdesk_store::ops::{Command, MemberRef, StayInput};
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-23T10:00:00Z";

fn frontdesk(db: &Path, args: &[&str]) -> Process {
    let mut c = Process::new(env!("CARGO_BIN_EXE_frontdesk"));
    c.arg("--db").arg(db).args(args).env("FRONTDESK_NOW", NOW);
    for var in ["FRONTDESK_DB", "FRONTDESK_CONFIG", "FRONTDESK_OPERATOR", "FRONTDESK_PIN", "FRONTDESK_ROLE"] {
        c.env_remove(var);
    }
    c
}

fn post(n: u64, members: u64, round: usize) -> Command {
    let arrival = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default() + chrono::Days::new(n % 300);
    Command::PostStay(StayInput {
        member: MemberRef::Id(1 + n % members),
        property: None,
        arrival,
        departure: arrival + chrono::Days::new(2),
        revenue_minor: 24_050,
        channel: "direct".into(),
        status: StayStatus::Completed,
        external_ref: Some(format!("bench-{round}-{n}")),
    })
}

/// `total` posts from `clients` threads; (commands/s, sorted latencies).
fn run(socket: &Path, clients: u64, total: u64, members: u64, round: usize) -> (f64, Vec<Duration>) {
    let per = total / clients;
    let start = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let socket = socket.to_path_buf();
            std::thread::spawn(move || {
                let mut client = Client::connect(&socket).expect("connects");
                let mut lat = Vec::with_capacity(per as usize);
                for k in 0..per {
                    let cmd = post(c * per + k, members, round);
                    let t = Instant::now();
                    client.execute(&cmd).expect("server answers").expect("stay posted");
                    lat.push(t.elapsed());
                }
                lat
            })
        })
        .collect();
    let mut all: Vec<Duration> = threads.into_iter().flat_map(|t| t.join().expect("client thread")).collect();
    let secs = start.elapsed().as_secs_f64();
    all.sort();
    (all.len() as f64 / secs, all)
}

/// User and system CPU a process has used (Linux `/proc`; 0 elsewhere).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are the 14th and 15th fields, 12th and 13th after the name; 100 Hz.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let total = support::env_u64("SERVE_COMMANDS", 4_000);
    let members = support::env_u64("SERVE_MEMBERS", 2_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store");
    let demo = frontdesk(&db, &["demo", "--members", &members.to_string()]).output().expect("demo runs");
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let server = frontdesk(&db, &["serve"]).stderr(Stdio::piped()).spawn().expect("serve starts");
    let socket = frontdesk_protocol::socket_path(&db);
    let deadline = Instant::now() + Duration::from_secs(60);
    while Client::connect(&socket).is_err() {
        assert!(Instant::now() < deadline, "the server did not listen within 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }

    let mut client = Client::connect(&socket).expect("connects");
    let pings: Vec<Duration> = (0..2_000)
        .map(|_| {
            let t = Instant::now();
            client.ping().expect("pong");
            t.elapsed()
        })
        .collect();
    let mut sorted = pings;
    sorted.sort();
    println!(
        "ping round trip: p50 {:.3} ms, p99 {:.3} ms",
        support::percentile_ms(&sorted, 0.5),
        support::percentile_ms(&sorted, 0.99)
    );
    println!("durable stay posts through frontdesk serve ({total} per run, {members} members):");
    for (round, clients) in [1u64, 4, 8].into_iter().enumerate() {
        let cpu = cpu_seconds(server.id());
        let (rate, lat) = run(&socket, clients, total, members, round);
        let per_post = (cpu_seconds(server.id()) - cpu) / lat.len() as f64;
        println!(
            "  {clients} client(s): {rate:>7.0} commands/s   latency p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms   server CPU {:.3} ms a post",
            support::percentile_ms(&lat, 0.5),
            support::percentile_ms(&lat, 0.99),
            lat.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
            per_post * 1e3
        );
    }
    let _ = Process::new("kill").args(["-TERM", &server.id().to_string()]).status();
    let out = server.wait_with_output().expect("server exits");
    assert!(out.status.success(), "server exit {}", out.status);
    // The server's last line tells how many posts shared each flush (group commit).
    let log = String::from_utf8_lossy(&out.stderr);
    if let Some(stopped) = log.lines().rev().find(|l| l.contains("stopped")) {
        println!("server: {stopped}");
    }
}
