//! Child processes of the command phases: the frontdesk binary and the `sqlite3` tool,
//! their output read on threads, their wall time and peak RSS.
//!
//! The peak RSS comes from `wait4`, but not of a child of the bench itself: Linux keeps the
//! peak of the image an `exec` replaces, and a child the bench spawns replaces (a copy
//! of) the bench, hundreds of MiB after the imports. So a measured command runs under the
//! bench binary re-executed as a small launcher (`--vs-launch`): it forks the command,
//! waits for it with `wait4` and writes its wall time and peak RSS to a file. The check
//! list gives the launcher's floor (its figure for `true`), under 2 MiB.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The business instant of every child: the bench's business date.
const NOW: &str = "2026-11-23T10:00:00Z";
/// The first argument that makes the bench binary a launcher.
const LAUNCH: &str = "--vs-launch";

/// `frontdesk --db DB --operator bench ARGS…`, none of the caller's frontdesk settings.
pub fn frontdesk(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    c.arg("--db").arg(db).args(["--operator", "bench"]).args(args).env("FRONTDESK_NOW", NOW);
    for var in ["FRONTDESK_DB", "FRONTDESK_CONFIG", "FRONTDESK_OPERATOR", "FRONTDESK_PIN", "FRONTDESK_ROLE"] {
        c.env_remove(var);
    }
    c.env("LANG", "C.UTF-8").env_remove("LC_ALL");
    c
}

/// `sqlite3 -bail DB [SQL]`, waiting up to 30 s for a lock (`.timeout`).
pub fn sqlite3(tool: &Path, db: &Path, sql: Option<&str>) -> Command {
    let mut c = Command::new(tool);
    c.args(["-bail", "-cmd", ".timeout 30000"]).arg(db).args(sql);
    c
}

/// The `sqlite3` tool on the PATH (VS_SQLITE3 names another).
pub fn find_sqlite3() -> Option<PathBuf> {
    if let Some(tool) = std::env::var_os("VS_SQLITE3") {
        return Some(PathBuf::from(tool)).filter(|t| t.is_file());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("sqlite3")).find(|t| t.is_file())
}

/// Waits for the child `pid` (not yet reaped): its wait status and peak RSS in KiB.
#[allow(unsafe_code, reason = "wait4 is the only way to one child's peak RSS; std has no rusage")]
fn wait4(pid: u32) -> (i32, i64) {
    let mut status = 0;
    // SAFETY: `rusage` is plain integers, valid when zeroed.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to live locals; `pid` is our own child, not reaped yet.
        let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if r == pid as libc::pid_t {
            return (status, usage.ru_maxrss);
        }
        let e = std::io::Error::last_os_error();
        assert_eq!(e.kind(), std::io::ErrorKind::Interrupted, "wait4({pid}): {e}");
    }
}

/// mimalloc's switch for transparent huge pages: off in the launcher, whose first heap page
/// would otherwise be a 2 MiB one. mimalloc then also turns THP off for the whole process
/// (`PR_SET_THP_DISABLE`, inherited by children), so the launcher hands the command the
/// bench's own setting and THP state back.
const THP: &str = "MIMALLOC_ALLOW_THP";
const THP_OF_BENCH: &str = "VS_LAUNCH_THP";
const THP_OFF_IN_BENCH: &str = "VS_LAUNCH_THP_OFF";

/// Whether THP is off for this process (`PR_GET_THP_DISABLE`).
#[allow(unsafe_code, reason = "prctl has no safe wrapper in std")]
fn thp_off() -> bool {
    // SAFETY: PR_GET_THP_DISABLE reads a flag; the unused arguments must be 0.
    unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1 }
}

/// The launcher's command: `fork`, not `vfork`, so that the command's `exec` replaces a
/// copy holding only the launcher's private pages (under 2 MiB), not its whole image.
#[allow(unsafe_code, reason = "pre_exec is what makes std fork, and prctl has no safe wrapper")]
fn forking(program: &OsStr) -> Command {
    let mut c = Command::new(program);
    match std::env::var_os(THP_OF_BENCH) {
        Some(v) => c.env(THP, v),
        None => c.env_remove(THP),
    };
    let off = libc::c_ulong::from(std::env::var_os(THP_OFF_IN_BENCH).is_some_and(|v| v == "1"));
    c.env_remove(THP_OF_BENCH).env_remove(THP_OFF_IN_BENCH);
    // SAFETY: the hook makes one system call, async-signal-safe, between fork and exec.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut c, move || {
            match libc::prctl(libc::PR_SET_THP_DISABLE, off, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong)
            {
                -1 => Err(std::io::Error::last_os_error()),
                _ => Ok(()),
            }
        })
    };
    c
}

/// When the bench runs as a launcher (`BENCH --vs-launch REPORT PROGRAM ARGS…`): runs
/// PROGRAM with the launcher's standard streams, writes "wall-nanoseconds peak-RSS-KiB"
/// to REPORT and returns the exit code to leave with.
pub fn launched() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(OsStr::new(LAUNCH)) {
        return None;
    }
    let (report, program) = (args.next().expect("report file"), args.next().expect("program"));
    let mut command = forking(&program);
    let started = Instant::now();
    #[allow(clippy::zombie_processes, reason = "wait4 reaps it, for its rusage")]
    let child = command.args(args).spawn().unwrap_or_else(|e| panic!("{program:?} starts: {e}"));
    let (status, rss_kib) = wait4(child.id());
    let wall = started.elapsed();
    std::fs::write(&report, format!("{} {rss_kib}", wall.as_nanos())).expect("launch report written");
    Some(if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { 128 + libc::WTERMSIG(status) })
}

/// `cmd` under the launcher, which reports to `report`.
fn under_launcher(cmd: &Command, report: &Path) -> Command {
    let mut c = Command::new(std::env::current_exe().expect("the bench's own path"));
    c.arg(LAUNCH).arg(report).arg(cmd.get_program()).args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    if let Some(v) = std::env::var_os(THP) {
        c.env(THP_OF_BENCH, v);
    }
    c.env(THP, "0").env(THP_OFF_IN_BENCH, if thp_off() { "1" } else { "0" });
    c
}

/// A child process being timed; its output is read on threads so that it never blocks.
pub struct Running {
    child: Child,
    what: String,
    started: Instant,
    report: Option<PathBuf>,
    out: JoinHandle<String>,
    err: JoinHandle<String>,
}

/// How a child that exited 0 ended: wall time, peak RSS (0 unless measured), output.
pub struct Finished {
    pub wall: Duration,
    pub rss_mib: f64,
    pub out: String,
    pub err: String,
}

/// Reads a pipe to its end on a thread of its own.
pub fn drain(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_string(&mut text);
        }
        text
    })
}

/// Starts `cmd`, fed `input` on standard input (none: `/dev/null`); `measured`: under the
/// launcher, for its peak RSS.
pub fn spawn(cmd: Command, input: Option<String>, what: &str, measured: bool) -> Running {
    static RUNS: AtomicU64 = AtomicU64::new(0);
    let n = RUNS.fetch_add(1, Ordering::Relaxed);
    let report = measured.then(|| std::env::temp_dir().join(format!("vs-launch-{}-{n}", std::process::id())));
    let mut cmd = match &report {
        Some(r) => under_launcher(&cmd, r),
        None => cmd,
    };
    cmd.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
    let started = Instant::now();
    let mut child =
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap_or_else(|e| panic!("{what} starts: {e}"));
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        // A child that stops reading has failed; its exit status says so.
        std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    }
    let (out, err) = (drain(child.stdout.take()), drain(child.stderr.take()));
    Running { child, what: what.to_string(), started, report, out, err }
}

impl Running {
    /// Waits for the exit; stops the bench unless the child exited 0.
    pub fn finish(mut self) -> Finished {
        let status = self.child.wait().expect("wait");
        let mut wall = self.started.elapsed();
        let (out, err) = (self.out.join().expect("stdout"), self.err.join().expect("stderr"));
        assert!(status.success(), "{} failed ({status}): {err}\n{out}", self.what);
        let mut rss_mib = 0.0;
        if let Some(report) = &self.report {
            let text = std::fs::read_to_string(report).expect("launch report");
            let _ = std::fs::remove_file(report);
            let figures: Vec<u64> = text.split(' ').map(|f| f.parse().expect("launch figure")).collect();
            (wall, rss_mib) = (Duration::from_nanos(figures[0]), figures[1] as f64 / 1024.0);
        }
        Finished { wall, rss_mib, out, err }
    }
}

/// Runs `cmd` to its end under the launcher: wall time and peak RSS of the command alone.
pub fn run(cmd: Command, input: Option<String>, what: &str) -> Finished {
    spawn(cmd, input, what, true).finish()
}

/// The launcher's own floor: its peak RSS running `true` (no child's figure is below it).
pub fn launcher_floor_mib() -> f64 {
    run(Command::new("true"), None, "true").rss_mib
}
