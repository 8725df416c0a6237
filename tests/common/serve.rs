//! Running `frontdesk serve` from tests: start it on a store, wait (bounded) until its socket
//! answers, stop it with SIGTERM or SIGKILL.

use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running server.
pub struct Server {
    /// The process.
    pub child: Child,
    /// Its socket.
    pub socket: PathBuf,
}

/// The socket of the store at `db`.
pub fn socket(db: &Path) -> PathBuf {
    frontdesk_protocol::socket_path(db)
}

/// Starts `frontdesk --db DB serve` and waits until its socket accepts connections.
pub fn start(db: &Path) -> Server {
    start_with(db, &[])
}

/// Starts `frontdesk --db DB ARGS… serve` (e.g. `--config FILE`).
pub fn start_with(db: &Path, args: &[&str]) -> Server {
    let mut all = args.to_vec();
    all.push("serve");
    spawn(super::cli::frontdesk(db, &all), db)
}

/// Starts a prepared `frontdesk … serve` command line (e.g. with a umask set in the child)
/// serving the store at `db`, and waits until its socket accepts connections.
pub fn spawn(mut command: Command, db: &Path) -> Server {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("frontdesk serve starts");
    let mut server = Server { child, socket: socket(db) };
    server.wait_ready();
    server
}

impl Server {
    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if UnixStream::connect(&self.socket).is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = self.child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut e, &mut err);
                }
                panic!("frontdesk serve exited ({status}) before listening: {err}");
            }
            assert!(Instant::now() < deadline, "frontdesk serve did not listen within 60 s");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGTERM, then waits for the exit; returns the exit status and standard error.
    pub fn terminate(&mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
        assert!(sent.success(), "kill -TERM {pid} failed");
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        (self.child.wait().expect("server exits"), err)
    }

    /// SIGKILL: the server dies at once, leaving its socket file behind.
    pub fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A failed test must not leave a server running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
