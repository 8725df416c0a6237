//! The server process: owns the store, accepts connections, drains on SIGTERM / SIGINT.

use super::conn;
use super::peer::{Access, peer_of};
use super::shared::Shared;
use crate::cli::{Env, Failure};
use frontdesk_core::i18n::errors::{ConfigSays, ServerSays};
use frontdesk_protocol::{self as protocol, Failed, Response, socket_path};
use frontdesk_store::ops::ExitCode;
use frontdesk_store::store::Store;
use std::collections::HashMap;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// How long an answer may wait for a client to read it.
const WRITE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// A line in the server's log (standard error: the journal under systemd). Never names a
/// guest: only pids, uids and counts.
fn log(line: String) {
    use std::io::Write;
    // Not eprintln!: it panics when standard error is gone (the terminal closed, the pipe
    // reader exited), and the server must go on, and above all still stop on SIGTERM.
    let _ = writeln!(std::io::stderr(), "{} frontdesk serve: {line}", chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"));
}

/// A runtime failure saying `what` with the system's error.
fn io_failure(what: impl FnOnce(String) -> ServerSays) -> impl FnOnce(std::io::Error) -> Failure {
    move |e| Failure::runtime(what(e.to_string()))
}

/// Runs `frontdesk serve` until SIGTERM or SIGINT.
pub fn serve(env: &Env) -> Result<(), Failure> {
    let db = env.cli.db.clone().unwrap_or_else(frontdesk_store::store::default_path);
    let socket = socket_path(&db);
    let access = Access::new(env.config.serve.group.as_deref()).map_err(Failure::usage)?;
    if env.config.serve.max_clients == 0 {
        return Err(Failure::usage(ConfigSays::MaxClients));
    }
    if socket.exists() {
        if UnixStream::connect(&socket).is_ok() {
            return Err(Failure::new(ExitCode::Busy, ServerSays::Running { socket: socket.display().to_string() }));
        }
        // Left by a server that was killed: nobody answers on it.
        let path = socket.display().to_string();
        std::fs::remove_file(&socket).map_err(io_failure(|error| ServerSays::RemoveSocket { path, error }))?;
    }
    let store = Store::open_with_cache(&db, "serve", env.config.store.serve_cache_mb)?;
    admit_group(&db, &access)?;
    if let Some(warning) = crate::cli::perms::notice_once(&env.config, &db) {
        log(format!("warning: {warning}"));
    }
    if let Some(upgrade) = frontdesk_store::ops::migrate::prepare(&store, &env.ctx(), &|s| log(s.to_string()))? {
        log(upgrade.to_string());
    }
    let shared = Arc::new(Shared::new(Arc::new(store), env.config.clone()));
    let listener = bind(&socket, &access)?;
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(&socket, stop.clone())?;
    log(format!(
        "serving {} on {} ({} members indexed, at most {} clients)",
        db.display(),
        socket.display(),
        shared.indexed(),
        env.config.serve.max_clients
    ));
    let conns = accept_loop(&listener, &shared, &access, env.config.serve.max_clients, &stop);
    drain(&socket, conns, &shared)?;
    let (flushes, waits) = shared.store.flush_counts();
    let grouped = frontdesk_store::ops::group::submitted(&shared.store);
    log(format!("stopped ({grouped} commands through group commit; {waits} durable writes shared {flushes} flushes)"));
    Ok(())
}

fn bind(socket: &Path, access: &Access) -> Result<UnixListener, Failure> {
    let path = socket.display().to_string();
    let p = path.clone();
    let listener = UnixListener::bind(socket).map_err(io_failure(|error| ServerSays::Listen { path: p, error }))?;
    let p = path.clone();
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o660))
        .map_err(io_failure(|error| ServerSays::SocketMode { path: p, error }))?;
    if let Some(gid) = access.gid() {
        nix::unistd::chown(socket, None, Some(gid))
            .map_err(|e| Failure::runtime(ServerSays::SocketGroup { path, error: e.to_string() }))?;
    }
    Ok(listener)
}

/// The socket is inside the store directory, which is its owner's alone (0700): the
/// `[serve]` group must own it and may search it (0750) to reach the socket, whatever
/// mode the store was created with. The group still reads no file in it.
fn admit_group(db: &Path, access: &Access) -> Result<(), Failure> {
    let Some(gid) = access.gid() else { return Ok(()) };
    frontdesk_store::store::exposure::admit_group(db, gid.as_raw())
        .map_err(|e| Failure::runtime(ServerSays::StoreGroup { path: db.display().to_string(), error: e.to_string() }))
}

/// On SIGTERM / SIGINT: set `stop` and wake the accept loop by connecting to it.
fn watch_signals(socket: &Path, stop: Arc<AtomicBool>) -> Result<(), Failure> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT])
        .map_err(io_failure(|error| ServerSays::Signals { error }))?;
    let socket = socket.to_path_buf();
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            stop.store(true, Ordering::SeqCst);
            let _ = UnixStream::connect(&socket);
            log(format!("signal {signal}: finishing the requests in progress"));
        }
    });
    Ok(())
}

/// Open connections: their streams (to shut their read side at the end) and threads.
#[derive(Default)]
struct Conns {
    streams: Mutex<HashMap<u64, UnixStream>>,
    threads: Vec<JoinHandle<()>>,
}

fn accept_loop(
    listener: &UnixListener,
    shared: &Arc<Shared>,
    access: &Access,
    max_clients: usize,
    stop: &AtomicBool,
) -> Arc<Mutex<Conns>> {
    let conns = Arc::new(Mutex::new(Conns::default()));
    let active = Arc::new(AtomicUsize::new(0));
    let mut next_id = 0u64;
    for incoming in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let mut stream = match incoming {
            Ok(s) => s,
            Err(e) => {
                log(format!("accept failed: {e}"));
                continue;
            }
        };
        let peer = match peer_of(&stream) {
            Ok(p) => p,
            Err(e) => {
                log(e.to_string());
                continue;
            }
        };
        if let Err(why) = access.check(&peer) {
            log(format!("refused pid {}: {why}", peer.pid));
            let failed = Failed { code: ExitCode::SignInRefused, message: why.into() };
            let _ = protocol::write(&mut stream, &Response::Error(failed));
            continue;
        }
        if active.load(Ordering::SeqCst) >= max_clients {
            log(format!("refused pid {}: {max_clients} clients already connected", peer.pid));
            let message = ServerSays::Full { max: max_clients }.into();
            let _ = protocol::write(&mut stream, &Response::Error(Failed { code: ExitCode::Busy, message }));
            continue;
        }
        // A client that stops reading its answers must not hold a thread (nor, at SIGTERM,
        // the drain) forever: a write that cannot proceed for this long ends the connection.
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        next_id += 1;
        let id = next_id;
        let mut guard = conns.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Ok(copy) = stream.try_clone() {
            guard.streams.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(id, copy);
        }
        guard.threads.retain(|t| !t.is_finished());
        active.fetch_add(1, Ordering::SeqCst);
        let (shared, active, registry) = (shared.clone(), active.clone(), conns.clone());
        guard.threads.push(std::thread::spawn(move || {
            conn::serve(&shared, stream, peer, &log);
            active.fetch_sub(1, Ordering::SeqCst);
            let conns = registry.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            conns.streams.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&id);
        }));
    }
    conns
}

/// Stops taking requests, lets those in progress finish, flushes and removes the socket.
fn drain(socket: &PathBuf, conns: Arc<Mutex<Conns>>, shared: &Shared) -> Result<(), Failure> {
    // New clients find no socket and say the server is not running.
    let _ = std::fs::remove_file(socket);
    let threads = {
        let mut guard = conns.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for stream in guard.streams.lock().unwrap_or_else(std::sync::PoisonError::into_inner).values() {
            // A request already read is still answered: only further reads see the end.
            let _ = stream.shutdown(std::net::Shutdown::Read);
        }
        std::mem::take(&mut guard.threads)
    };
    for t in threads {
        let _ = t.join();
    }
    shared.store.flush()?;
    Ok(())
}
