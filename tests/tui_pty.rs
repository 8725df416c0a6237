//! End to end through a real terminal: the `frontdesk` binary runs in a pseudo-terminal,
//! keys are typed into it and the screen is read back through a vt100 emulator. The
//! store is prepared with the CLI first and checked with the CLI after the TUI has quit
//! (sled holds a file lock while the TUI runs).
//!
//! Synchronisation never sleeps for a fixed time: every step polls the emulated screen
//! until the text it expects appears, and fails with the whole screen when it does not.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use serde_json::Value;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-23T10:00:00Z";
const ROWS: u16 = 30;
const COLS: u16 = 100;
/// Generous: a debug build on a loaded two-core machine.
const TIMEOUT: Duration = Duration::from_secs(20);
/// How often the screen is looked at while waiting.
const POLL: Duration = Duration::from_millis(15);

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const DOWN: &str = "\x1b[B";
const RIGHT: &str = "\x1b[C";
const CTRL_S: &str = "\x13";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_frontdesk")
}

/// Runs the CLI on `db` with the test environment.
fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env("FRONTDESK_DB", db)
        .env("FRONTDESK_NOW", NOW)
        .env("FRONTDESK_OPERATOR", "pty")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("FRONTDESK_CONFIG")
        .env_remove("FRONTDESK_ROLE")
        .output()
        .expect("frontdesk runs")
}

fn cli_ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert!(
        out.status.success(),
        "frontdesk {args:?} failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn cli_json(db: &Path, args: &[&str]) -> Value {
    let text = cli_ok(db, args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("frontdesk {args:?}: not JSON ({e}):\n{text}"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A store with 300 demo members (seed 7) plus Ana Silva: built once, copied per test
/// (a closed sled directory is plain files).
fn store() -> tempfile::TempDir {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("store");
        cli_ok(&db, &["demo", "--members", "300", "--seed", "7"]);
        cli_ok(
            &db,
            &["member", "add", "--name", "Ana Silva", "--email", "ana@example.com", "--phone", "+351 912 345 678"],
        );
        dir
    });
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&template.path().join("store"), &dir.path().join("store"));
    dir
}

fn db(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("store")
}

/// The binary running in a pseudo-terminal, its output pumped into a vt100 screen.
struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    reader: Option<JoinHandle<()>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    fn start(db: &Path) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(bin());
        cmd.cwd(db.parent().expect("store has a parent"));
        for var in ["FRONTDESK_CONFIG", "FRONTDESK_ROLE", "LC_ALL", "COLORTERM"] {
            cmd.env_remove(var);
        }
        cmd.env("FRONTDESK_DB", db);
        cmd.env("FRONTDESK_NOW", NOW);
        cmd.env("FRONTDESK_OPERATOR", "pty");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("NO_COLOR", "1");
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("spawn frontdesk in the pty");
        // Only the child holds the slave now: the reader sees EOF when it exits.
        drop(pair.slave);
        let rows = NonZeroU16::new(ROWS).expect("rows");
        let cols = NonZeroU16::new(COLS).expect("cols");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut out = pair.master.try_clone_reader().expect("pty reader");
        let pump = Arc::clone(&screen);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match out.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => pump.lock().expect("screen lock").process(&buf[..n]),
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tui { child, writer, screen, reader: Some(reader), _master: pair.master }
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Polls the screen until `ok` holds; panics with the screen after the timeout.
    fn wait_until(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            {
                let parser = self.screen.lock().expect("screen lock");
                if ok(parser.screen()) {
                    return;
                }
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out after {TIMEOUT:?} waiting for {what}; the screen shows:\n{}", self.contents());
            }
            std::thread::sleep(POLL);
        }
    }

    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("`{text}`"), |s| s.contents().contains(text));
    }

    /// Presses `key` until the row holding `needle` is the highlighted one.
    fn select_row(&mut self, needle: &str, key: &str, max_presses: usize) {
        for _ in 0..max_presses {
            let before = {
                let parser = self.screen.lock().expect("screen lock");
                if is_selected(parser.screen(), needle) {
                    return;
                }
                parser.screen().contents_formatted()
            };
            self.send(key);
            // Wait for the redraw the key causes (the highlight moves); at the end of a
            // list nothing changes, and the attempt limit ends the loop.
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(2) {
                if self.screen.lock().expect("screen lock").screen().contents_formatted() != before {
                    break;
                }
                std::thread::sleep(POLL);
            }
        }
        let ok = is_selected(self.screen.lock().expect("screen lock").screen(), needle);
        assert!(ok, "no highlighted row holds `{needle}`; the screen shows:\n{}", self.contents());
    }

    /// Leaves the Members search box with Esc and waits until the UI has taken it: an
    /// Esc followed at once by another key reaches the program as one Alt-key sequence
    /// (`ESC 4` is Alt-4), as it would from a real terminal.
    fn leave_search(&mut self) {
        self.send(ESC);
        self.wait_until("the search box to lose the focus", |s| {
            let text = s.contents();
            text.contains("/ search") && !text.contains("leave search")
        });
    }

    /// Presses `q` and waits for a clean exit that leaves the alternate screen.
    fn quit(mut self) -> String {
        self.send("q");
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().expect("child status") {
                break s;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("frontdesk did not exit after `q`; the screen shows:\n{}", self.contents());
            }
            std::thread::sleep(POLL);
        };
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        let parser = self.screen.lock().expect("screen lock");
        let last = parser.screen().contents();
        assert!(status.success(), "frontdesk exited with {status:?}; last screen:\n{last}");
        let s = parser.screen();
        assert!(!s.alternate_screen(), "the terminal was left on the alternate screen");
        assert!(!s.hide_cursor(), "the cursor was left hidden");
        assert!(!s.bracketed_paste(), "bracketed paste was left on");
        last
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // A failed test must not leave a frontdesk holding the store lock.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Where `needle` is on the screen, as (row, column) of its first cell.
fn find(s: &vt100::Screen, needle: &str) -> Option<(u16, u16)> {
    let (rows, cols) = s.size();
    for row in 0..rows.get() {
        let mut text = String::new();
        let mut col_of = Vec::new();
        for col in 0..cols.get() {
            let Some(cell) = s.cell(row, col) else { continue };
            if cell.is_wide_continuation() {
                continue;
            }
            let c = if cell.has_contents() { cell.contents() } else { " " };
            for _ in 0..c.len() {
                col_of.push(col);
            }
            text.push_str(c);
        }
        if let Some(at) = text.find(needle) {
            return Some((row, col_of[at]));
        }
    }
    None
}

fn is_selected(s: &vt100::Screen, needle: &str) -> bool {
    find(s, needle).and_then(|(r, c)| s.cell(r, c)).is_some_and(vt100::Cell::inverse)
}

/// Searches for Ana by the tail of her phone and opens her.
fn open_ana(t: &mut Tui) {
    t.wait_for("Find a member");
    t.send("345678");
    t.wait_until("Ana Silva in the search hits", |s| is_selected(s, "Ana Silva"));
    t.send(ENTER);
    t.wait_for("E-mail: ana@example.com");
}

fn member_json(db: &Path) -> Value {
    cli_json(db, &["--json", "member", "show", "ana@example.com"])
}

#[test]
fn post_a_stay_for_a_member_found_by_phone_tail() {
    let dir = store();
    let db = db(&dir);
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    t.wait_for("Balance: 0");

    t.send("p");
    t.wait_for("Post a stay");
    // Property (choice, default) → arrival.
    t.send(DOWN);
    t.send("2026-11-20");
    t.wait_for("2026-11-20");
    t.send(ENTER); // → departure, already 2026-11-23
    t.send(ENTER); // → revenue
    t.send("450.00");
    t.wait_for("450.00");
    t.send(CTRL_S);
    t.wait_for("Post this stay?");
    t.wait_for("Nights: 3");
    t.wait_for("Balance: 0 → 4,500");
    t.send("y");
    t.wait_for("Stay posted: +4,500 points, balance 4,500.");
    // The reloaded member shows the stay in the Stays & Points tab.
    t.wait_for("Stays (1)");
    t.quit();

    let m = member_json(&db);
    assert_eq!(m["balance"], 4500, "{m:#}");
    assert_eq!(m["stays"], 1, "{m:#}");
    assert_eq!(m["nights"], 3, "{m:#}");
}

#[test]
fn redeem_breakfast_for_a_member() {
    let dir = store();
    let db = db(&dir);
    cli_ok(&db, &["points", "adjust", "ana@example.com", "--points", "5000", "--reason", "seed"]);
    let mut t = Tui::start(&db);
    open_ana(&mut t);
    t.wait_for("Balance: 5,000");

    t.send("3");
    t.wait_for("Catalogue for Ana Silva — balance 5,000");
    t.wait_for("BREAKFAST");
    t.select_row("BREAKFAST", DOWN, 20);
    t.send(ENTER);
    t.wait_for("Redeem this reward?");
    t.wait_for("BREAKFAST — Breakfast for two");
    t.wait_for("Balance: 5,000 → 2,000");
    t.send("y");
    t.wait_for("balance 2,000.");
    t.wait_for("Catalogue for Ana Silva — balance 2,000");
    t.wait_until("the redemption in the list", |s| {
        find(s, "BREAKFAST").is_some_and(|_| s.contents().contains("3,000 held"))
    });
    t.quit();

    let m = member_json(&db);
    assert_eq!(m["balance"], 2000, "{m:#}");
    let list = cli_json(&db, &["--json", "redeem", "list", "ana@example.com"]);
    let items = list.as_array().unwrap_or_else(|| panic!("a list of redemptions: {list:#}"));
    assert_eq!(items.len(), 1, "{list:#}");
    assert_eq!(items[0]["reward_code"], "BREAKFAST", "{list:#}");
    assert_eq!(items[0]["points"], 3000, "{list:#}");
}

#[test]
fn log_a_complaint_and_resolve_it() {
    const DESCRIPTION: &str = "PTY test shower drain blocked";
    let dir = store();
    let db = db(&dir);
    let mut t = Tui::start(&db);
    t.wait_for("Find a member");
    // Leave the search box so that `4` is a tab key, not a digit typed.
    t.leave_search();
    t.send("4");
    t.wait_for("Complaint queue (");

    t.send("n");
    t.wait_for("Log a complaint");
    // Category, severity, channel and property keep their defaults.
    t.send(&DOWN.repeat(4));
    t.send(DESCRIPTION);
    t.wait_for(DESCRIPTION);
    t.send(ENTER); // Enter on the last field submits.
    t.wait_for("Log this complaint?");
    t.send("y");
    t.wait_until("the complaint logged", |s| {
        s.contents().contains("Complaint #") && s.contents().contains(" is open.")
    });
    let screen = t.contents();
    let id: u64 = screen
        .split("Complaint #")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no complaint number on the screen:\n{screen}"));

    let row = format!("#{id:<6} ");
    t.wait_for(&row);
    t.select_row(&row, DOWN, 200);
    t.send("t");
    t.wait_for("Move the complaint on");
    for _ in 0..4 {
        if t.contents().contains("‹ resolved ›") {
            break;
        }
        let before = t.contents();
        t.send(RIGHT);
        t.wait_until("the state to change", |s| s.contents() != before);
    }
    t.wait_for("‹ resolved ›");
    t.send(CTRL_S);
    t.wait_for("Move the complaint on?");
    t.wait_for(&format!("#{id} → resolved"));
    t.send("y");
    t.wait_for(&format!("Complaint #{id} is resolved."));
    t.quit();

    let list = cli_json(&db, &["--json", "complaint", "list", "--all"]);
    let items = list.as_array().unwrap_or_else(|| panic!("a list of complaints: {list:#}"));
    let c = items.iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("complaint {id} not listed: {list:#}"));
    assert_eq!(c["state"], "resolved", "{c:#}");
    assert_eq!(c["description"], DESCRIPTION, "{c:#}");
}

#[test]
fn quit_restores_the_terminal() {
    let dir = store();
    let mut t = Tui::start(&db(&dir));
    t.wait_for("Find a member");
    t.wait_until("the alternate screen", vt100::Screen::alternate_screen);
    t.wait_until("bracketed paste", vt100::Screen::bracketed_paste);
    // Leave the search box, where `q` would be typed, then quit.
    t.leave_search();
    t.quit();
}

/// Tab 5 opens on the totals; `]` moves to the tiers, whose member count on the screen
/// is the one `report tiers` prints for the desk's property.
#[test]
fn summaries_show_the_tier_report() {
    let dir = store();
    let db = db(&dir);
    let mut t = Tui::start(&db);
    t.wait_for("Find a member");
    t.leave_search();
    t.send("5");
    t.wait_for("Overview · all properties");
    t.send("]");
    t.wait_for("qualification year 2026");
    let screen = t.contents();
    let line = screen.lines().find(|l| l.contains("qualification year")).expect("the tiers intro");
    let shown: u64 = line
        .split(" members")
        .next()
        .and_then(|s| s.rsplit(|c: char| !c.is_ascii_digit() && c != ',').next())
        .map(|n| n.replace(',', ""))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no member count in {line:?}"));
    t.quit();
    let report = cli_json(&db, &["report", "tiers", "--property", "LIS", "--json"]);
    assert_eq!(report["members"].as_u64(), Some(shown), "screen: {line}");
    assert!(shown > 0);
}

#[test]
fn without_a_terminal_it_exits_2_with_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = assert_cmd::Command::new(bin())
        .env("FRONTDESK_DB", dir.path().join("store"))
        .env("FRONTDESK_NOW", NOW)
        .env_remove("FRONTDESK_CONFIG")
        .write_stdin("")
        .output()
        .expect("frontdesk runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty(), "nothing on stdout: {out:?}");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.contains("needs a terminal"), "{err:?}");
    assert!(!err.contains('\x1b'), "no escape sequences: {err:?}");
    assert!(!dir.path().join("store").exists(), "no store created without a terminal");
}
