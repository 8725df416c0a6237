//! The pseudo-terminal harness of `tui::pty`: the binary in a pty read back through a
//! vt100 emulator, and the CLI around it.
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use serde_json::Value;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const NOW: &str = "2026-11-23T10:00:00Z";
pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
/// Generous: a debug build on a loaded two-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(45);
/// How often the screen is looked at while waiting.
pub const POLL: Duration = Duration::from_millis(15);

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const DOWN: &str = "\x1b[B";
pub const RIGHT: &str = "\x1b[C";
pub const CTRL_S: &str = "\x13";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_frontdesk")
}

/// Runs the CLI on `db` with the test environment.
pub fn cli(db: &Path, args: &[&str]) -> Output {
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

/// Adds the first operator, the admin `login` with `pin` (no sign-in needed yet).
pub fn add_admin(db: &Path, login: &str, pin: &str) {
    let added = Command::new(bin())
        .args(["operator", "add", login, "--name", "The Boss", "--admin"])
        .env("FRONTDESK_DB", db)
        .env("FRONTDESK_NOW", NOW)
        .env("FRONTDESK_NEW_PIN", pin)
        .env_remove("FRONTDESK_OPERATOR")
        .env_remove("FRONTDESK_ROLE")
        .output()
        .expect("frontdesk runs");
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
}

pub fn cli_ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert!(
        out.status.success(),
        "frontdesk {args:?} failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

pub fn cli_json(db: &Path, args: &[&str]) -> Value {
    let text = cli_ok(db, args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("frontdesk {args:?}: not JSON ({e}):\n{text}"))
}

pub fn copy_dir(from: &Path, to: &Path) {
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
    // With its mode, as files keep theirs: a store copied open would warn on every run.
    std::fs::set_permissions(to, std::fs::metadata(from).expect("stat").permissions()).expect("chmod");
}

/// A store with 300 demo members (seed 7) plus Ana Silva: built once, copied per test
/// (a closed sled directory is plain files).
pub fn store() -> tempfile::TempDir {
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

pub fn db(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("store")
}

/// The binary running in a pseudo-terminal, its output pumped into a vt100 screen.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote to the terminal, as written.
    raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    pub fn start(db: &Path) -> Tui {
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
        let raw = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&raw);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match out.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        keep.lock().expect("raw lock").extend_from_slice(&buf[..n]);
                        pump.lock().expect("screen lock").process(&buf[..n]);
                    }
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tui { child, writer, screen, raw, reader: Some(reader), _master: pair.master }
    }

    /// Every byte written to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw lock").clone()
    }

    pub fn contents(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Polls the screen until `ok` holds; panics with the screen after the timeout.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
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

    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("`{text}`"), |s| s.contents().contains(text));
    }

    /// Presses `key` until the row holding `needle` is the highlighted one.
    pub fn select_row(&mut self, needle: &str, key: &str, max_presses: usize) {
        for _ in 0..max_presses {
            let before = {
                let parser = self.screen.lock().expect("screen lock");
                if is_selected(parser.screen(), needle) {
                    return;
                }
                parser.screen().contents_formatted()
            };
            self.send(key);
            // Wait for the redraw the key causes (the highlight moves). At the end of a
            // list nothing changes: stop pressing then, rather than after a short wait,
            // so that a slow redraw on a loaded machine cannot let two presses land
            // together and skip past the row.
            let start = Instant::now();
            let mut moved = false;
            while start.elapsed() < Duration::from_secs(10) {
                if self.screen.lock().expect("screen lock").screen().contents_formatted() != before {
                    moved = true;
                    break;
                }
                std::thread::sleep(POLL);
            }
            if !moved {
                break;
            }
        }
        let ok = is_selected(self.screen.lock().expect("screen lock").screen(), needle);
        assert!(ok, "no highlighted row holds `{needle}`; the screen shows:\n{}", self.contents());
    }

    /// Leaves the Members search box with Esc and waits until the UI has taken it: an
    /// Esc followed at once by another key reaches the program as one Alt-key sequence
    /// (`ESC 4` is Alt-4), as it would from a real terminal.
    pub fn leave_search(&mut self) {
        self.send(ESC);
        self.wait_until("the search box to lose the focus", |s| {
            let text = s.contents();
            text.contains("/ search") && !text.contains("leave search")
        });
    }

    /// Presses `q` and waits for a clean exit that leaves the alternate screen.
    pub fn quit(mut self) -> String {
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
pub fn find(s: &vt100::Screen, needle: &str) -> Option<(u16, u16)> {
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

pub fn is_selected(s: &vt100::Screen, needle: &str) -> bool {
    find(s, needle).and_then(|(r, c)| s.cell(r, c)).is_some_and(vt100::Cell::inverse)
}

/// Searches for Ana by the tail of her phone and opens her.
pub fn open_ana(t: &mut Tui) {
    t.wait_for("Find a member");
    t.send("345678");
    t.wait_until("Ana Silva in the search hits", |s| is_selected(s, "Ana Silva"));
    t.send(ENTER);
    t.wait_for("E-mail: ana@example.com");
}

pub fn member_json(db: &Path) -> Value {
    cli_json(db, &["--json", "member", "show", "ana@example.com"])
}
