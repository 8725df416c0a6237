//! Running the real binary from tests: one store, a fixed clock, English messages, and
//! none of the caller's frontdesk settings leaking in.

use std::path::Path;
use std::process::Command;

/// The business instant every CLI test runs at.
pub const NOW: &str = "2026-11-23T10:00:00Z";

/// `frontdesk --db DB ARGS…`, ready for `.output()`, `.spawn()` or more settings.
pub fn frontdesk(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("FRONTDESK_NOW", NOW)
        .env_remove("FRONTDESK_DB")
        .env_remove("FRONTDESK_CONFIG")
        .env_remove("FRONTDESK_ROLE")
        .env_remove("FRONTDESK_OPERATOR")
        .env_remove("FRONTDESK_PIN")
        .env_remove("FRONTDESK_NEW_PIN")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL");
    c
}

/// Runs `frontdesk --db DB ARGS…` to completion.
pub fn run(db: &Path, args: &[&str]) -> std::process::Output {
    frontdesk(db, args).output().expect("frontdesk runs")
}

/// Runs a command that must succeed and returns its standard output.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A fresh copy of a template store (a closed sled directory is plain files), so that
/// each case starts from the same state without rebuilding it.
pub fn copy_of(template: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(template, dir.path());
    dir
}

/// Copies a directory tree (a closed store is plain files), modes included: a store
/// copied open would warn about it on every run.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("template readable") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    std::fs::set_permissions(to, std::fs::metadata(from).expect("stat").permissions()).expect("chmod");
}
