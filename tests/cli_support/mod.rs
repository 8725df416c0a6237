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
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL");
    c
}
