//! Whole commands, each its own process, against the `sqlite3` tool doing the same:
//!
//! * one-shot CLI: `frontdesk member show CARD`, `frontdesk stay post …` and `frontdesk
//!   report tiers` on the stores the bench has built, versus one `sqlite3` invocation each
//!   (the member row by card; the post as its own `BEGIN IMMEDIATE … COMMIT` with
//!   `synchronous=FULL`; the tiers query of [`sqlite_read::TIERS`]): wall time and the
//!   command's peak RSS (`wait4`, under the launcher of [`super::child`]);
//! * served durable posts: `frontdesk serve` and K = 1, 4, 8 `frontdesk batch -` processes
//!   at once, versus K `sqlite3` processes at once, each post its own transaction.
//!
//! The SQLite posts are earned with frontdesk's rules ([`sqlite::post_scripts`]) before
//! the timed run and handed to `sqlite3` as literal statements.

use super::child::{Finished, Running, drain, find_sqlite3, frontdesk, run, spawn, sqlite3};
use super::{Post, Table, p, sorted, sqlite, sqlite_read};
use crate::support::env_u64;
use chrono::{Datelike, Days, NaiveDate};
use frontdesk_core::config::Config;
use frontdesk_exchange::demo::rng::Rng;
use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the command phases run on.
pub struct Setup<'a> {
    /// Where the bench keeps its files.
    pub dir: &'a Path,
    /// The frontdesk store and the SQLite database the bench has built (both closed).
    pub fd: &'a Path,
    pub sq: &'a Path,
    pub config: &'a Config,
    pub members: u64,
    pub properties: &'a [String],
    pub today: NaiveDate,
}

/// `n` different cards of members 1..=members, in random order (fewer if there are fewer
/// members).
fn distinct_cards(prefix: &str, members: u64, n: u64, seed: u64) -> Vec<String> {
    let mut r = Rng::new(seed);
    let (mut seen, mut ids) = (HashSet::new(), Vec::new());
    while (ids.len() as u64) < n.min(members) {
        let i = 1 + r.below(members);
        if seen.insert(i) {
            ids.push(i);
        }
    }
    ids.into_iter().map(|i| frontdesk_core::domain::card::issue(prefix, i)).collect()
}

/// A completed stay of `nights` from `arrival` at 150.00 a night.
fn stay(card: String, property: &str, arrival: NaiveDate, nights: u64, external_ref: String) -> Post {
    Post {
        card,
        property: property.to_string(),
        arrival,
        departure: arrival + Days::new(nights),
        revenue_minor: (nights * 15_000) as i64,
        channel: "direct".into(),
        external_ref,
    }
}

/// The `sqlite3` scripts of `posts` ([`sqlite::post_scripts`], on a connection of its own
/// that is closed again before any `sqlite3` runs).
fn scripts(s: &Setup<'_>, posts: &[Post]) -> Vec<String> {
    let mut conn = sqlite::open(s.sq, s.config.store.cache_mb);
    sqlite::post_scripts(&mut conn, s.config, posts)
}

/// Stays whose reference starts with `prefix`, in the SQLite database.
fn sqlite_stays(s: &Setup<'_>, prefix: &str) -> i64 {
    let conn = sqlite::open(s.sq, s.config.store.cache_mb);
    conn.query_row("SELECT count(*) FROM stays WHERE external_ref LIKE ?1 || '%'", [prefix], |r| r.get(0))
        .expect("count of stays")
}

/// Median and max wall and peak RSS of one command on both sides, three rows.
fn rows(table: &mut Table, what: &str, fd: &[Finished], sq: &[Finished]) {
    let walls = |v: &[Finished]| sorted(v.iter().map(|f| f.wall).collect());
    let (a, b) = (walls(fd), walls(sq));
    table.ms(&format!("{what}: median of {}", a.len()), p(&a, 0.5), p(&b, 0.5));
    table.ms(&format!("{what}: max"), p(&a, 1.0), p(&b, 1.0));
    let peak = |v: &[Finished]| v.iter().map(|f| f.rss_mib).fold(0.0, f64::max);
    let (x, y) = (peak(fd), peak(sq));
    table.text(
        &format!("{what}: peak RSS of the process"),
        format!("{x:.1} MiB"),
        format!("{y:.1} MiB"),
        super::ratio(x, y),
    );
}

/// Item 1: `runs` of each one-shot command, alternating frontdesk and `sqlite3`.
pub fn oneshot(s: &Setup<'_>, tool: &Path, runs: u64, table: &mut Table, checks: &mut Vec<String>) {
    let prefix = &s.config.store.card_prefix;
    let shown = distinct_cards(prefix, s.members, runs, 0x0e5107);
    let posted = distinct_cards(prefix, s.members, runs, 0x9057);
    // Between the generated stays (they end by 2026-11-04) and the desk posts (from 11-20):
    // `stay post` refuses a stay that overlaps another at the same property.
    let arrival = NaiveDate::from_ymd_opt(2026, 11, 10).expect("date");
    let tiers_sql = sqlite_read::TIERS.replace("?1", &s.today.year().to_string());
    let mut done: [[Vec<Finished>; 2]; 3] = Default::default();
    for (i, (show, post)) in shown.iter().zip(&posted).enumerate() {
        let fd = run(frontdesk(s.fd, &["member", "show", show]), None, "frontdesk member show");
        assert!(fd.out.contains(show.as_str()), "member show printed {}", fd.out);
        let sql = format!("SELECT {} FROM members WHERE card = '{show}';", sqlite_read::COLUMNS);
        let sq = run(sqlite3(tool, s.sq, Some(&sql)), None, "sqlite3 member row");
        assert!(sq.out.contains(show.as_str()), "sqlite3 printed {}", sq.out);
        done[0][0].push(fd);
        done[0][1].push(sq);

        let stay = stay(post.clone(), &s.properties[i % s.properties.len()], arrival, 2, format!("oneshot-{i}"));
        let script = format!("PRAGMA synchronous=FULL;\n{}", scripts(s, std::slice::from_ref(&stay)).concat());
        let day = stay.arrival.to_string();
        let args = ["stay", "post", "--member", post, "--property", &stay.property, "--arrival", &day];
        let tail = ["--nights", "2", "--revenue", "300.00", "--external-ref", &stay.external_ref];
        let fd = run(frontdesk(s.fd, &[&args[..], &tail[..]].concat()), None, "frontdesk stay post");
        assert!(fd.out.contains(post.as_str()), "stay post printed {}", fd.out);
        done[1][0].push(fd);
        done[1][1].push(run(sqlite3(tool, s.sq, Some(&script)), None, "sqlite3 stay post"));

        done[2][0].push(run(frontdesk(s.fd, &["report", "tiers"]), None, "frontdesk report tiers"));
        done[2][1].push(run(sqlite3(tool, s.sq, Some(&tiers_sql)), None, "sqlite3 tiers query"));
    }
    let [show, post, tiers] = &done;
    rows(table, "one-shot `member show CARD` / SELECT by card", &show[0], &show[1]);
    rows(table, "one-shot `stay post` / one durable transaction", &post[0], &post[1]);
    rows(table, "one-shot `report tiers` / GROUP BY", &tiers[0], &tiers[1]);
    let posted_sq = sqlite_stays(s, "oneshot-");
    assert_eq!(posted_sq, posted.len() as i64, "every sqlite3 post applied");
    checks.push(format!(
        "one-shot: {runs} runs of each command; posts applied: frontdesk {}, SQLite {posted_sq}; \
         peak RSS measured under a launcher of {:.1} MiB (no figure can be below it)",
        post[0].len(),
        super::child::launcher_floor_mib()
    ));
}

/// The server, stopped (SIGTERM) on drop if the bench stops first.
struct Server {
    child: Option<Child>,
    log: Option<JoinHandle<String>>,
}

impl Server {
    /// Starts `frontdesk serve` on `db` and waits until its socket accepts connections.
    fn start(db: &Path) -> Server {
        let mut child = frontdesk(db, &["serve"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("frontdesk serve starts");
        let log = drain(child.stderr.take());
        let socket = frontdesk_protocol::socket_path(db);
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::os::unix::net::UnixStream::connect(&socket).is_err() {
            if let Some(status) = child.try_wait().expect("server status") {
                panic!("frontdesk serve exited ({status}) before listening: {}", log.join().expect("log"));
            }
            assert!(Instant::now() < deadline, "frontdesk serve did not listen within 60 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        Server { child: Some(child), log: Some(log) }
    }

    /// SIGTERM; the server must finish what it has and exit 0. Its log.
    fn stop(mut self) -> String {
        let mut child = self.child.take().expect("server running");
        let sent = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill runs");
        assert!(sent.success(), "kill -TERM failed");
        let status = child.wait().expect("server exits");
        let log = self.log.take().map(|l| l.join().expect("log")).unwrap_or_default();
        assert!(status.success(), "frontdesk serve exited {status}: {log}");
        log
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
            let _ = child.wait();
        }
    }
}

/// `per` posts for each of `clients` clients of round `tag`: random members, one night.
fn served_posts(s: &Setup<'_>, clients: u64, per: u64, tag: &str) -> Vec<Post> {
    let mut r = Rng::new(0x5e7e ^ clients);
    let arrival = NaiveDate::from_ymd_opt(2026, 11, 15).expect("date");
    let prefix = &s.config.store.card_prefix;
    (0..clients * per)
        .map(|k| {
            let card = frontdesk_core::domain::card::issue(prefix, 1 + r.below(s.members));
            let property: &String = r.pick(s.properties);
            let mut post = stay(card, property, arrival, 1, format!("{tag}-{clients}-{k}"));
            post.revenue_minor = 12_000;
            post
        })
        .collect()
}

/// A batch line posting `p` (`frontdesk batch` reads the stays layout).
fn batch_line(p: &Post) -> String {
    format!(
        "{{\"op\":\"stays\",\"member\":\"{}\",\"property\":\"{}\",\"arrival\":\"{}\",\"nights\":{},\"revenue\":\"{}.{:02}\",\"external_ref\":\"{}\"}}\n",
        p.card,
        p.property,
        p.arrival,
        (p.departure - p.arrival).num_days(),
        p.revenue_minor / 100,
        p.revenue_minor % 100,
        p.external_ref
    )
}

/// Starts one process per input at once and waits for all; wall from the first start to
/// the last exit.
fn all_at_once(inputs: Vec<String>, start: impl Fn() -> Command, what: &str) -> (Duration, Vec<Finished>) {
    let t = Instant::now();
    let running: Vec<Running> = inputs.into_iter().map(|i| spawn(start(), Some(i), what, false)).collect();
    let done = running.into_iter().map(Running::finish).collect();
    (t.elapsed(), done)
}

/// Item 2: K = 1, 4, 8 clients posting `total` stays, frontdesk through its server.
pub fn served(s: &Setup<'_>, tool: &Path, total: u64, table: &mut Table, checks: &mut Vec<String>) {
    let server = Server::start(s.fd);
    let mut fd_rates = Vec::new();
    for clients in [1u64, 4, 8] {
        let per = (total / clients).max(1);
        let fd_posts = served_posts(s, clients, per, "served-fd");
        let lines: Vec<String> = fd_posts.chunks(per as usize).map(|c| c.iter().map(batch_line).collect()).collect();
        let (fd_wall, fd_done) = all_at_once(lines, || frontdesk(s.fd, &["batch", "-"]), "frontdesk batch");
        for f in &fd_done {
            assert!(f.err.contains(&format!("applied {per},")), "a batch did not apply all {per}: {}", f.err);
        }
        let sq_posts = served_posts(s, clients, per, "served-sq");
        let head = "PRAGMA synchronous=FULL;\n".to_string();
        let inputs = scripts(s, &sq_posts).chunks(per as usize).map(|c| head.clone() + &c.concat()).collect();
        let (sq_wall, _) = all_at_once(inputs, || sqlite3(tool, s.sq, None), "sqlite3 posts");
        let applied = sqlite_stays(s, &format!("served-sq-{clients}-"));
        assert_eq!(applied as u64, clients * per, "every sqlite3 post applied");
        let n = (clients * per) as f64;
        fd_rates.push(n / fd_wall.as_secs_f64());
        let what =
            format!("served durable posts, {clients} client process{} at once", if clients > 1 { "es" } else { "" });
        table.rate(&what, "posts/s", n / fd_wall.as_secs_f64(), n / sq_wall.as_secs_f64());
    }
    let log = server.stop();
    let stopped = log.lines().rev().find(|l| l.contains("stopped")).unwrap_or("(no summary line)");
    checks.push(format!(
        "served posts: frontdesk 8 clients / 1 client = {:.2}× the posts/s; server {}",
        fd_rates[2] / fd_rates[0],
        stopped.split_once(": ").map_or(stopped, |(_, rest)| rest)
    ));
}

/// The three command phases, each skipped when its count is 0 (VS_COMMANDS=0 skips all).
pub fn phases(s: &Setup<'_>, table: &mut Table, checks: &mut Vec<String>) {
    if env_u64("VS_COMMANDS", 1) == 0 {
        println!("\ncommand phases skipped (VS_COMMANDS=0)");
        return;
    }
    let (runs, posts) = (env_u64("VS_ONESHOT_RUNS", 10), env_u64("VS_SERVE_POSTS", 4_000));
    match find_sqlite3() {
        None if runs + posts > 0 => println!("\none-shot and served commands skipped: sqlite3 not found"),
        None => {}
        Some(tool) => {
            let t = Instant::now();
            if runs > 0 {
                oneshot(s, &tool, runs, table, checks);
                eprintln!("one-shot commands: {runs} runs each in {:.1} s", t.elapsed().as_secs_f64());
            }
            let t = Instant::now();
            if posts > 0 {
                served(s, &tool, posts, table, checks);
                eprintln!("served posts: {posts} per round in {:.1} s", t.elapsed().as_secs_f64());
            }
        }
    }
    let bookings = env_u64("VS_BOOKINGS", s.members);
    if bookings > 0 {
        let t = Instant::now();
        super::bookings::run_import(s, bookings, table, checks);
        eprintln!("bookings import: {bookings} rows in {:.1} s", t.elapsed().as_secs_f64());
    }
}
