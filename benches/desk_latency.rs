//! Key to frame: how long after the last key of a search its results are on the screen,
//! through the real binary in a pseudo-terminal, over a large demo store.
//!
//! ```text
//! cargo bench --bench desk_latency                       # 200,000 members, 200 searches a kind
//! DESK_MEMBERS=1000000 DESK_DIR=/tmp/fd-1m cargo bench --bench desk_latency
//! DESK_SEARCHES=500 cargo bench --bench desk_latency
//! DESK_BIN=/path/to/older/frontdesk cargo bench --bench desk_latency   # the same, another build
//! ```
//!
//! The store is built once (in-process, seed 42) under `DESK_DIR` (default
//! `target/desk-latency-<members>`) and reused. The TUI runs at 100×30 as a clerk's desk
//! would; for each search Ctrl-U empties the box (the frame with the empty box is waited
//! for), the query is written in one burst, as a fast typist or a paste delivers it, and
//! the clock stops when the terminal has been sent the frame with the hits of that query
//! (parsed by a vt100 emulator). Four kinds: a whole card, a phone tail, a surname, and
//! pinyin initials of a Chinese name. Reported: p50, p99 and max per kind.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::member::Member;
use frontdesk_exchange::demo::rng::Rng;
use frontdesk_store::store::{Store, T, keys};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod support;
use support::{env_u64, percentile_ms};

const ROWS: u16 = 30;
const COLS: u16 = 100;

/// What the reader thread waits for on the screen.
#[derive(Clone)]
enum Wanted {
    /// Nothing: just pump.
    Nothing,
    /// A text anywhere.
    Text(String),
    /// The hits of `query`: typed in the box, searched, rows shown.
    Hits(String),
}

fn satisfied(screen: &vt100::Screen, wanted: &Wanted) -> bool {
    let text = screen.contents();
    match wanted {
        Wanted::Nothing => false,
        Wanted::Text(t) => text.contains(t.as_str()),
        Wanted::Hits(q) => {
            text.contains(&format!("Search: {q}"))
                && !text.contains("Searching…")
                && !text.contains("Type a card number")
                && text.contains(" found")
                && !text.contains("No member matches")
        }
    }
}

/// The queries of one kind, from members picked at random.
fn queries(store: &Store, members: u64, per_kind: usize) -> Vec<(&'static str, String)> {
    let mut rng = Rng::new(0x5eed_1234_abcd_ef01);
    let mut out = Vec::new();
    let (mut cards, mut tails, mut surnames, mut pinyin) = (0, 0, 0, 0);
    while cards < per_kind || tails < per_kind || surnames < per_kind || pinyin < per_kind {
        let id = 1 + rng.below(members);
        let Ok(Some(m)) = store.get::<Member>(T::Members, &keys::id(id)) else { continue };
        if cards < per_kind {
            out.push(("card", m.card.clone()));
            cards += 1;
        }
        if tails < per_kind
            && let Some(p) = &m.phone
        {
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 6 {
                out.push(("phone tail", digits[digits.len() - 6..].to_string()));
                tails += 1;
            }
        }
        let chinese = m.name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        if chinese && pinyin < per_kind {
            let initials = frontdesk_core::search::initials(&m.name);
            if initials.chars().count() >= 2 {
                out.push(("pinyin", initials));
                pinyin += 1;
            }
        } else if !chinese
            && surnames < per_kind
            && let Some(last) = m.name.split_whitespace().last()
            && last.chars().count() >= 4
        {
            out.push(("surname", last.to_string()));
            surnames += 1;
        }
    }
    out
}

fn open_store(members: u64) -> (Store, std::path::PathBuf) {
    let dir = std::env::var("DESK_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/desk-latency-{members}"))
    });
    let store = Store::open(&dir, "bench").expect("store opens");
    if store.tree(T::Members).is_empty() {
        let config = Config::builtin().expect("built-in config");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let opts = frontdesk_exchange::demo::DemoOptions {
            members,
            seed: 42,
            today,
            now_ms: 1_795_000_000_000,
            managed: false,
        };
        let started = Instant::now();
        let mut last = 0;
        let mut progress = |done: u64, total: u64| {
            if done >= last + total / 10 || done == total {
                last = done;
                eprintln!("  built {done}/{total} members, {:.0} s", started.elapsed().as_secs_f64());
            }
        };
        frontdesk_exchange::demo::build(&store, &config, &opts, &mut progress).expect("demo builds");
        store.flush().expect("flush");
    }
    (store, dir)
}

fn main() {
    let members = env_u64("DESK_MEMBERS", 200_000);
    let per_kind = env_u64("DESK_SEARCHES", 200) as usize;
    let (store, dir) = open_store(members);
    let held = store.tree(T::Members).len() as u64;
    let queries = queries(&store, held, per_kind);
    drop(store);
    println!("# key → frame, {held} members in {}\n", dir.display());

    let pair = native_pty_system()
        .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
        .expect("a pty");
    // DESK_BIN measures another build (an earlier commit) over the same store and queries.
    let bin = std::env::var("DESK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_frontdesk").to_string());
    let mut cmd = CommandBuilder::new(bin);
    for var in ["FRONTDESK_CONFIG", "FRONTDESK_ROLE", "LC_ALL", "COLORTERM"] {
        cmd.env_remove(var);
    }
    cmd.env("FRONTDESK_DB", &dir);
    cmd.env("FRONTDESK_NOW", "2026-11-23T10:00:00Z");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("NO_COLOR", "1");
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("frontdesk starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");

    // The reader thread parses everything the program writes and says when the screen
    // first shows what is awaited.
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("a terminal size is not zero");
    let shared = Arc::new(Mutex::new((vt100::Parser::new(size(ROWS), size(COLS), 0), Wanted::Nothing)));
    let (seen, seen_rx) = mpsc::channel::<Instant>();
    let watch = Arc::clone(&shared);
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let at = Instant::now();
            let mut guard = watch.lock().expect("lock");
            let (parser, wanted) = &mut *guard;
            parser.process(&buf[..n]);
            if satisfied(parser.screen(), wanted) {
                *wanted = Wanted::Nothing;
                let _ = seen.send(at);
            }
        }
    });
    let mut expect = |what: Wanted, send: &str| -> Duration {
        // What the screen already shows (an empty box, at the first `/`) is not awaited.
        let already = {
            let mut guard = shared.lock().expect("lock");
            let (parser, wanted) = &mut *guard;
            let shown = satisfied(parser.screen(), &what);
            if !shown {
                *wanted = what;
            }
            shown
        };
        writer.write_all(send.as_bytes()).expect("write");
        writer.flush().expect("flush");
        let sent = Instant::now();
        if already {
            return Duration::ZERO;
        }
        match seen_rx.recv_timeout(Duration::from_secs(60)) {
            Ok(seen) => seen.saturating_duration_since(sent),
            Err(_) => {
                let guard = shared.lock().expect("lock");
                panic!("the screen never showed what was awaited after {send:?}:\n{}", guard.0.screen().contents())
            }
        }
    };
    let started = Instant::now();
    expect(Wanted::Text("Search ready".into()), "");
    println!("start → search ready: {:.2} s\n", started.elapsed().as_secs_f64());

    let mut times: Vec<(&str, Vec<Duration>)> = Vec::new();
    for (kind, q) in &queries {
        // Ctrl-U empties the search box, which keeps the focus (there `/` is typed).
        expect(Wanted::Text("Type a card number".into()), "\x15");
        let t = expect(Wanted::Hits(q.clone()), q);
        match times.iter_mut().find(|(k, _)| k == kind) {
            Some((_, v)) => v.push(t),
            None => times.push((kind, vec![t])),
        }
    }
    println!("| search | n | p50 | p99 | max |\n|---|---:|---:|---:|---:|");
    for (kind, mut v) in times {
        v.sort();
        println!(
            "| {kind} | {} | {:.2} ms | {:.2} ms | {:.2} ms |",
            v.len(),
            percentile_ms(&v, 0.5),
            percentile_ms(&v, 0.99),
            percentile_ms(&v, 1.0)
        );
    }
    let _ = writer.write_all(b"\x03");
    let _ = child.wait();
}
