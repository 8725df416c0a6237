//! Disk full: the store lives on a small tmpfs (mounted by the test; skipped with a
//! message where mounting is not allowed, i.e. not root or not Linux) and stays are
//! posted until writes fail. Every failure must be a clear message with exit code 1 —
//! no panic, no hang — and after the files are copied to a bigger disk (and, separately,
//! after the tmpfs is made bigger) every acknowledged post is there, `verify` is clean
//! and nothing is half-applied. The mount is always undone by a guard.

use crate::support::cli;

use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::Actor;
use frontdesk_store::ops::{self, Command, Ctx, MemberRef, NewMember, OpError, StayInput};
use frontdesk_store::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A tmpfs mounted on a temporary directory; unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (e.g. `1m`), or says why not and returns `None`.
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("mount point");
        let out = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs { dir }),
            Ok(o) => skip(&String::from_utf8_lossy(&o.stderr)),
            Err(e) => skip(&e.to_string()),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Makes the file system bigger in place (frees space without touching the files).
    fn grow(&self, size: &str) {
        let out = Process::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(self.path())
            .output()
            .expect("mount runs");
        assert!(out.status.success(), "remount: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Process::new("umount").arg(self.path()).status().is_ok_and(|s| s.success());
        if !ok {
            // Something still holds it open (a failed test's child): detach it anyway.
            let _ = Process::new("umount").arg("-l").arg(self.path()).status();
        }
    }
}

fn skip(why: &str) -> Option<Tmpfs> {
    eprintln!(
        "disk_full: SKIPPED — cannot mount a tmpfs here ({}); run as root on Linux to test a full disk",
        why.trim()
    );
    None
}

/// Runs the CLI with a watchdog: a hang on a full disk is a failure, not a stuck test.
fn run(db: &Path, args: &[&str]) -> Output {
    let mut child = cli::frontdesk(db, args)
        .env("RUST_BACKTRACE", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("frontdesk starts");
    let start = Instant::now();
    while child.try_wait().expect("child status").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("frontdesk {args:?} hung for a minute on a full disk");
        }
        std::thread::sleep(Duration::from_millis(5)); // a watchdog's poll, not a synchronisation
    }
    child.wait_with_output().expect("output")
}

fn post_args(i: usize) -> Vec<String> {
    [
        "stay",
        "post",
        "--member",
        "ana@example.com",
        "--arrival",
        "2026-10-01",
        "--nights",
        "1",
        "--revenue",
        "100.00",
        "--allow-overlap",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(["--external-ref".to_string(), format!("r{i}")])
    .collect()
}

fn post(db: &Path, i: usize) -> Output {
    let args = post_args(i);
    run(db, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// A failure on a full disk: exit 1, the disk named as full and what to do, no panic.
fn assert_clear_failure(out: &Output, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{what}: exit {:?}, stderr: {err}", out.status);
    assert!(!err.contains("panicked") && !err.contains("stack backtrace"), "{what} panicked: {err}");
    assert!(err.contains("the disk holding the store is full"), "{what}: the message does not say so: {err}");
    assert!(err.contains("Free space") && err.contains("run the command again"), "{what}: no advice: {err}");
}

fn stays_of_ana(db: &Path) -> u64 {
    let v: serde_json::Value =
        serde_json::from_str(&cli::ok(db, &["--json", "member", "show", "ana@example.com"])).expect("json");
    v["stays"].as_u64().expect("stays")
}

fn assert_verified(db: &Path) {
    let out = run(db, &["verify"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("consistent"),
        "verify: {text} {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Copies a closed store directory to a fresh one on the normal disk.
fn copy_store(from: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("bigger disk");
    let to = dir.path().join("store");
    std::fs::create_dir_all(&to).expect("mkdir");
    cli::copy_dir(from, &to);
    (dir, to)
}

#[test]
fn cli_posts_on_a_full_disk_fail_clearly_and_every_acknowledged_post_survives() {
    let Some(fs) = Tmpfs::mount("1m") else { return };
    let db = fs.path().join("store");
    cli::ok(&db, &["member", "add", "--name", "Ana", "--email", "ana@example.com"]);
    let (mut acked, mut failed) = (Vec::new(), Vec::new());
    for i in 1..=5_000 {
        let out = post(&db, i);
        if out.status.success() {
            acked.push(i);
        } else {
            assert_clear_failure(&out, &format!("post {i}"));
            failed.push(i);
            if failed.len() == 5 {
                break;
            }
        }
    }
    assert!(failed.len() == 5, "the disk never filled up after {} posts", acked.len());
    eprintln!("disk_full (CLI): {} posts acknowledged, then {failed:?} failed cleanly", acked.len());
    // Reading fails the same clear way while the disk is full (opening the store writes).
    let show = run(&db, &["member", "show", "ana@example.com"]);
    if !show.status.success() {
        assert_clear_failure(&show, "member show on the full disk");
    }

    // Freed by copying to a bigger disk: everything acknowledged is there, whole.
    let (_big, copy) = copy_store(&db);
    assert_verified(&copy);
    let stays = stays_of_ana(&copy);
    assert!(stays >= acked.len() as u64 && stays <= (acked.len() + failed.len()) as u64, "{stays} stays");
    for &i in &acked {
        let again = String::from_utf8_lossy(&post(&copy, i).stdout).into_owned();
        assert!(again.contains("already posted"), "acknowledged post r{i} is missing: {again}");
    }
    // A failed post is applied whole or not at all: posting it again completes the set.
    for &i in &failed {
        assert!(post(&copy, i).status.success(), "post r{i} again");
    }
    assert_eq!(stays_of_ana(&copy), (acked.len() + failed.len()) as u64);
    assert_verified(&copy);

    // Freed in place: the same store on the grown tmpfs takes posts again.
    fs.grow("16m");
    assert_verified(&db);
    for &i in failed.iter().chain([&9_999]) {
        assert!(post(&db, i).status.success(), "post r{i} after growing the disk");
    }
    assert_eq!(stays_of_ana(&db), (acked.len() + failed.len() + 1) as u64);
    assert_verified(&db);
}

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Set in the process of its own that the in-process test runs in.
const ALONE: &str = "FRONTDESK_DISK_FULL_ALONE";

/// Runs the test `name` of this binary (its module path below the crate) alone in a child
/// process with `ALONE` set, and passes on its output and its failure.
fn in_a_process_of_its_own(name: &str) {
    let exe = std::env::current_exe().expect("the test binary");
    let out = Process::new(exe)
        .args(["--exact", name, "--nocapture", "--test-threads", "1"])
        .env(ALONE, "1")
        .output()
        .expect("the test binary runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprint!("{stderr}");
    assert!(out.status.success(), "{name} failed in its own process:\n{stdout}");
    assert!(stdout.contains("1 passed"), "{name} did not run in its own process:\n{stdout}");
}

// The panic hook below counts the panics of the whole process, and stays installed: with
// the other reliability tests in this binary running beside it, it runs in a process of
// its own (this binary again, filtered to it), as it did when it had a binary to itself.
#[test]
fn ops_in_one_process_get_a_disk_full_error_and_no_panic() {
    if std::env::var_os(ALONE).is_none() {
        return in_a_process_of_its_own("disk_full::ops_in_one_process_get_a_disk_full_error_and_no_panic");
    }
    let Some(fs) = Tmpfs::mount("1m") else { return };
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        default_hook(info);
    }));
    let db = fs.path().join("store");
    let cfg = Config::builtin().expect("config");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let ctx = Ctx { config: &cfg, actor: Actor::system(), now: 1_795_000_000_000, today };
    let (mut acked, mut errors) = (0usize, Vec::new());
    {
        let store = Store::open(&db, "test").expect("store opens");
        let add = NewMember {
            name: "Ana".into(),
            email: Some("ana@example.com".into()),
            channel: "desk".into(),
            ..NewMember::default()
        };
        ops::execute(&store, &ctx, &Command::AddMember(add)).expect("member added");
        for i in 0..20_000 {
            let stay = StayInput {
                member: MemberRef::Id(1),
                property: None,
                arrival: today - chrono::Days::new(10),
                departure: today - chrono::Days::new(9),
                revenue_minor: 10_000,
                channel: "direct".into(),
                status: frontdesk_core::domain::stay::StayStatus::Completed,
                external_ref: Some(format!("p{i}")),
            };
            match ops::execute(&store, &ctx, &Command::PostStay(stay)) {
                Ok(_) => acked += 1,
                Err(e) => {
                    let full = matches!(&e, OpError::Store(s) if s.is_disk_full());
                    assert!(full, "post {i}: not a disk-full error: {e}");
                    assert!(e.to_string().contains("the disk holding the store is full"), "{e}");
                    errors.push(e.to_string());
                    if errors.len() == 5 {
                        break;
                    }
                }
            }
        }
    }
    assert_eq!(errors.len(), 5, "the disk never filled up after {acked} posts");
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "something panicked on the full disk");
    eprintln!("disk_full (ops): {acked} posts acknowledged, then 5 disk-full errors");
    let (_big, copy) = copy_store(&db);
    assert_verified(&copy);
    assert!(stays_of_ana(&copy) >= acked as u64, "an acknowledged post is missing");
}
