//! Issue 16 (9): the store holds every guest's contact data in the clear, so whatever the
//! umask, the store directory is 0700, everything in it 0600 / 0700, and backups, exports,
//! rejects and duplicates files 0600. A store whose files are open to others warns once
//! with the fix (on standard error, and on the terminal UI's status line) and fails
//! `verify` until the fix is applied. (`store::permissions_accounts` tries it as another account.)

#![cfg(unix)]

use crate::support::pty;
use crate::support::serve;

use crate::support::cli::{frontdesk, run};
use crate::support::perms::{arg, chmod, mode, open_entries, open_parent, with_umask};
use std::path::Path;
use std::process::Output;

fn run_masked(mask: u32, db: &Path, args: &[&str]) -> Output {
    with_umask(frontdesk(db, args), mask).output().expect("frontdesk runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_ok(out: &Output, what: &str) {
    assert!(out.status.success(), "{what} failed: {}", text(&out.stderr));
}

#[test]
fn nothing_frontdesk_writes_is_open_to_other_users_whatever_the_umask() {
    for mask in [0o000, 0o022] {
        let dir = open_parent();
        let db = dir.path().join("store");
        let file = |name: &str| dir.path().join(name);
        assert_ok(&run_masked(mask, &db, &["demo", "--members", "20"]), "demo");
        // An export over a file everybody may read leaves it private too.
        std::fs::write(file("members.csv"), "old").unwrap();
        chmod(&file("members.csv"), 0o666);
        assert_ok(&run_masked(mask, &db, &["export", "members", "--out", arg(&file("members.csv"))]), "export");
        assert_ok(&run_masked(mask, &db, &["backup", arg(&file("store.backup"))]), "backup");
        std::fs::write(file("in.csv"), "name,email\nNew Guest,new@example.com\n,not-an-email\n").unwrap();
        let (input, rejects, duplicates) = (file("in.csv"), file("rejects.csv"), file("duplicates.csv"));
        let import = ["import", "members", arg(&input), "--rejects", arg(&rejects), "--duplicates", arg(&duplicates)];
        let imported = run_masked(mask, &db, &import);
        assert_eq!(imported.status.code(), Some(3), "one row is rejected: {}", text(&imported.stderr));
        // The server writes to the store too (sled's snapshots, the socket).
        let mut server = serve::spawn(with_umask(frontdesk(&db, &["serve"]), mask), &db);
        assert_eq!(mode(&serve::socket(&db)), 0o660, "the socket keeps its mode");
        let found = run(&db, &["member", "find", "New Guest"]);
        assert_ok(&found, "member find through the server");
        assert!(text(&found.stdout).contains("New Guest"), "{}", text(&found.stdout));
        let (status, log) = server.terminate();
        assert!(status.success(), "{log}");
        assert!(!log.contains("warning"), "a store frontdesk made is not open: {log}");

        assert_eq!(mode(&db), 0o700, "umask {mask:03o}: the store directory");
        assert_eq!(open_entries(&db), Vec::<String>::new(), "umask {mask:03o}: open in the store");
        for name in ["members.csv", "store.backup", "rejects.csv", "duplicates.csv"] {
            assert_eq!(mode(&file(name)), 0o600, "umask {mask:03o}: {name}");
        }
        let verified = run(&db, &["verify"]);
        assert_ok(&verified, "verify");
        assert!(!text(&verified.stdout).contains("permissions"), "{}", text(&verified.stdout));
    }
}

/// A demo store whose directory and `db` file are open, as an older frontdesk or a
/// careless copy leaves them; and the fix `frontdesk` should name for it.
fn open_store() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    assert_ok(&run(&db, &["demo", "--members", "20"]), "demo");
    chmod(&db, 0o755);
    chmod(&db.join("db"), 0o644);
    let fix = format!("chmod -R go= {}", std::path::absolute(&db).unwrap().display());
    (dir, db, fix)
}

#[test]
fn a_store_open_to_others_warns_once_with_the_fix() {
    let (_dir, db, fix) = open_store();
    let out = run(&db, &["report", "tiers"]);
    assert_ok(&out, "report tiers");
    let err = text(&out.stderr);
    assert_eq!(err.matches("warning: the store").count(), 1, "{err}");
    assert!(err.contains("can be read by other local users (./ 0755, db 0644)"), "{err}");
    assert!(err.contains(&format!("to fix: {fix}\n")), "{err}");
    assert!(!text(&out.stdout).contains("warning"), "the warning stays off standard output");

    // In the configured language, through the catalogue.
    let zh = frontdesk(&db, &["report", "tiers"]).env("LANG", "zh_CN.UTF-8").output().unwrap();
    let err = text(&zh.stderr);
    assert!(err.contains("警告: 数据库") && err.contains(&format!("修复方法：{fix}")), "{err}");

    // The fix as given closes the store: no more warning.
    let fixed = std::process::Command::new("sh").arg("-c").arg(&fix).status().unwrap();
    assert!(fixed.success());
    let out = run(&db, &["report", "tiers"]);
    assert_ok(&out, "report tiers");
    assert!(!text(&out.stderr).contains("warning"), "{}", text(&out.stderr));
    assert_eq!(open_entries(&db), Vec::<String>::new());
}

#[test]
fn verify_reports_each_open_file_and_fails_until_fixed() {
    let (_dir, db, fix) = open_store();
    let abs = std::path::absolute(&db).unwrap();
    let out = run(&db, &["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let dir_line = format!(
        "permissions: the store directory {} is 0755, open to other local users (expected 0700)",
        abs.display()
    );
    assert!(stdout.contains(&dir_line), "{stdout}");
    assert!(stdout.contains("permissions: file db is 0644, open to other local users (expected 0600)"), "{stdout}");
    assert!(stdout.contains(": consistent"), "the records themselves are sound: {stdout}");
    let err = text(&out.stderr);
    let why = format!(
        "error: the records are consistent, but 2 of the store's files and directories are open to other local users; to fix: {fix}"
    );
    assert!(err.contains(&why), "{err}");
    assert!(!err.contains("warning"), "verify reports it once, as findings: {err}");

    let json = run(&db, &["--json", "verify"]);
    assert_eq!(json.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("verify --json is JSON");
    assert_eq!(report["permissions"].as_array().map(Vec::len), Some(2), "{report:#}");
    assert_eq!(report["permissions_fix"], fix.as_str(), "{report:#}");
    assert_eq!(report["problems"].as_array().map(Vec::len), Some(0), "{report:#}");

    assert!(std::process::Command::new("sh").arg("-c").arg(&fix).status().unwrap().success());
    let out = run(&db, &["--json", "verify"]);
    assert_ok(&out, "verify after the fix");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["permissions"], serde_json::json!([]), "{report:#}");
    assert!(report.get("permissions_fix").is_none(), "{report:#}");
}

#[test]
fn the_terminal_ui_keeps_the_warning_on_its_status_line() {
    let dir = pty::store();
    let db = pty::db(&dir);
    chmod(&db, 0o755);
    chmod(&db.join("db"), 0o644);
    let mut t = pty::Tui::start(&db);
    t.wait_for("can be read by other");
    // Once the search index is ready (a search finds Ana), the warning is still shown.
    pty::open_ana(&mut t);
    assert!(t.contents().contains("can be read by other"), "{}", t.contents());
    t.quit();
    // The TUI's own log files are private.
    let logs = db.join("logs");
    assert_eq!(mode(&logs), 0o700);
    assert!(std::fs::read_dir(&logs).unwrap().count() > 0, "the TUI logged");
    assert_eq!(open_entries(&logs), Vec::<String>::new());
}
