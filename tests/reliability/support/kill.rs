//! Killing the real binary (SIGKILL) at random moments, for the crash tests.

use serde_json::Value;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

/// A number from the environment, or `default`.
pub fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Starts `frontdesk --db DB ARGS…` with its output piped.
pub fn spawn(db: &Path, args: &[&str]) -> Child {
    super::cli::frontdesk(db, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("frontdesk starts")
}

/// Lets `child` run for `delay`, then kills it if it is still running. Returns its output
/// and whether it was killed before it exited.
pub fn kill_after(mut child: Child, delay: Duration) -> (Output, bool) {
    std::thread::sleep(delay);
    if child.try_wait().expect("wait works").is_none() {
        // It may still exit between the check and the signal; the status tells.
        let _ = child.kill();
    }
    let out = child.wait_with_output().expect("reaped");
    let killed = out.status.signal() == Some(9);
    (out, killed)
}

/// Wall time of `args` run to completion (the shortest of `runs`), to spread kill delays
/// over a process's whole life.
pub fn life_of(db: &Path, args: &[&str], runs: u32) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            let out = spawn(db, args).wait_with_output().expect("runs");
            assert!(out.status.success(), "calibration {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
            started.elapsed()
        })
        .min()
        .unwrap_or(Duration::from_millis(100))
}

/// `frontdesk --json ARGS…`, which must succeed, as JSON.
pub fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = super::cli::run(db, &all);
    assert!(out.status.success(), "{args:?} failed ({:?}): {}", out.status, String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e})"))
}

/// `verify` must be clean.
pub fn assert_verifies(db: &Path, after: &str) {
    let out = super::cli::run(db, &["verify"]);
    assert!(
        out.status.success(),
        "verify after {after}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
