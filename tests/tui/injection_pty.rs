//! Terminal injection through the real binary: hostile text stored with the CLI (a name
//! with a bidi override, a ledger reason and an operator name with OSC 52 / OSC 8 /
//! CSI sequences and C1 controls) must not come back as raw bytes, neither in the
//! terminal UI running in a pseudo-terminal nor in the CLI's text output and errors.
//! See `tui/injection.rs` for every panel through TestBackend.

use crate::support::pty;

use crate::support::pty::{ENTER, Tui};
use std::path::Path;
use std::process::Command;

/// Sequences only the data holds: the program itself never writes them (the clipboard
/// OSC 52, the hyperlink OSC 8, a 256-colour CSI under NO_COLOR, C1 CSI and OSC, bidi).
const MARKERS: [(&str, &[u8]); 6] = [
    ("OSC 52", b"\x1b]52;"),
    ("OSC 8", b"\x1b]8;"),
    ("CSI 38;5", b"\x1b[38;5;201m"),
    ("C1 CSI", "\u{9b}".as_bytes()),
    ("C1 OSC", "\u{9d}".as_bytes()),
    ("RLO", "\u{202e}".as_bytes()),
];

const NAME: &str = "Mallory\u{202e}Evil";
const REASON: &str = "WHY\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[38;5;201mRED\u{9b}2J\u{9d}0;t\u{9c}\u{202e}end";
const OPERATOR: &str = "op\u{1b}]8;;https://evil.example/\u{1b}\\x";

fn leaks(bytes: &[u8]) -> Vec<&'static str> {
    MARKERS.iter().filter(|(_, m)| bytes.windows(m.len()).any(|w| w == *m)).map(|(n, _)| *n).collect()
}

fn frontdesk(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(pty::bin());
    c.arg("--db").arg(db).args(args).env("FRONTDESK_NOW", pty::NOW).env("LANG", "C.UTF-8");
    for var in ["FRONTDESK_DB", "FRONTDESK_CONFIG", "FRONTDESK_ROLE", "FRONTDESK_OPERATOR", "LC_ALL"] {
        c.env_remove(var);
    }
    c
}

/// A store with Mallory, 500 points adjusted with the hostile reason by the hostile operator.
fn hostile_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store");
    let ok = |c: &mut Command| {
        let out = c.output().expect("frontdesk runs");
        assert!(out.status.success(), "{c:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    ok(&mut frontdesk(&db, &["member", "add", "--name", NAME, "--email", "mallory@example.com"]));
    let adjust = ["points", "adjust", "mallory@example.com", "--points", "500", "--reason", REASON];
    ok(frontdesk(&db, &adjust).env("FRONTDESK_OPERATOR", OPERATOR));
    (dir, db)
}

#[test]
fn the_tui_in_a_pty_writes_no_escape_sequence_from_the_data() {
    let (_dir, db) = hostile_store();
    let mut t = Tui::start(&db);
    t.wait_for("Find a member");
    t.send("Mallory");
    // (vt100 shows the `�` the program wrote as an empty cell, so wait for the count.)
    t.wait_for("Search ready: 1 member");
    t.send(ENTER);
    t.wait_for("Balance: 500");
    t.send("2");
    t.wait_for("Stays (0)");
    t.send("\t");
    t.wait_for("Ledger (1");
    t.wait_for("WHY");
    let raw = t.raw();
    let screen = t.quit();
    assert!(leaks(&raw).is_empty(), "data sequences {:?} reached the terminal; screen:\n{screen}", leaks(&raw));
}

#[test]
fn cli_text_output_and_errors_carry_no_escape_sequence_from_the_data() {
    let (_dir, db) = hostile_store();
    for args in [&["member", "show", "mallory@example.com"][..], &["points", "history", "mallory@example.com"]] {
        let out = frontdesk(&db, args).output().expect("frontdesk runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(leaks(&out.stdout).is_empty(), "{args:?} printed {:?}: {text:?}", leaks(&out.stdout));
        assert!(!out.stdout.contains(&0x1b), "{args:?} printed an ESC: {text:?}");
        assert!(text.contains("Mallory�Evil"), "the name shows, its override replaced: {text:?}");
    }
    let history = frontdesk(&db, &["points", "history", "mallory@example.com"]).output().expect("runs");
    let text = String::from_utf8_lossy(&history.stdout);
    assert!(text.contains("WHY�]52;c;cHduZWQ=��[38;5;201"), "the reason is readable: {text:?}");
    // An error quoting what the user gave (here an unknown reward code) is made safe too.
    let out = frontdesk(&db, &["redeem", "mallory@example.com", "X\u{1b}]52;c;Zm9v\u{7}"]).output().expect("runs");
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!out.stderr.contains(&0x1b), "the error printed an ESC: {:?}", String::from_utf8_lossy(&out.stderr));
    // JSON is for programs: serde escapes the controls (`\u001b`), nothing is replaced.
    let json = frontdesk(&db, &["--json", "points", "history", "mallory@example.com"]).output().expect("runs");
    assert!(!json.stdout.contains(&0x1b) && String::from_utf8_lossy(&json.stdout).contains("\\u001b]52;"));
}
