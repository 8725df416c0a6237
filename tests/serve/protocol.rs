//! Bad frames against a live `frontdesk serve`: truncated frames, oversized length
//! prefixes, random bytes, wrong magic or version are refused (an error frame when
//! possible, then the connection is closed), the server never falls over, and a
//! well-behaved client working at the same time is never disturbed.
//!
//! `PROPTEST_CASES` raises the number of cases (default 48).

#![cfg(unix)]

use frontdesk_protocol::Client;
use frontdesk_protocol::{self as protocol, HEADER, MAGIC, MAX_FRAME, Request, Response, VERSION};
use proptest::prelude::*;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use crate::support::cli;
use crate::support::serve;

/// Sends `bytes`, closes the writing side and reads what comes back until the server closes.
fn send_raw(socket: &Path, bytes: &[u8]) -> Vec<u8> {
    let mut s = UnixStream::connect(socket).expect("the server still accepts");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    // The server may close before reading everything: a failed write is an answer too.
    let _ = s.write_all(bytes);
    let _ = s.shutdown(std::net::Shutdown::Write);
    let mut back = Vec::new();
    let _ = s.read_to_end(&mut back);
    back
}

/// What came back is nothing, or well-formed frames ending in an error.
fn assert_refused_cleanly(back: &[u8], expect_error: bool) {
    if back.is_empty() {
        assert!(!expect_error, "expected an error frame, got a closed connection");
        return;
    }
    let mut r = back;
    let mut last = None;
    while !r.is_empty() {
        last = Some(protocol::read::<Response>(&mut r).expect("the server answers in frames"));
    }
    if expect_error {
        assert!(matches!(last, Some(Response::Error(_))), "expected an error frame, got {last:?}");
    }
}

fn frame(version: u16, payload: &[u8]) -> Vec<u8> {
    let mut f = MAGIC.to_vec();
    f.extend_from_slice(&version.to_be_bytes());
    f.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    f.extend_from_slice(payload);
    f
}

fn hello() -> Vec<u8> {
    protocol::encode(&Request::Hello { version: VERSION, login: None, pin: None, as_of: None }).unwrap()
}

/// A client that pings and reads a member all along; counts its successful round trips.
fn well_behaved(socket: PathBuf, stop: Arc<AtomicBool>, done: Arc<AtomicU64>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut client = Client::connect(&socket).expect("connects");
        while !stop.load(Ordering::SeqCst) {
            client.ping().expect("the well-behaved client is never disturbed");
            done.fetch_add(1, Ordering::SeqCst);
        }
    })
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Runs `strategy` through `case`, panicking with the minimal failing input.
fn check<S: Strategy>(strategy: S, case: impl Fn(S::Value))
where
    S::Value: std::fmt::Debug,
{
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let result = runner.run(&strategy, |v| {
        case(v);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

fn properties(socket: &Path) {
    // Random bytes.
    check(proptest::collection::vec(any::<u8>(), 0..300), |bytes| {
        assert_refused_cleanly(&send_raw(socket, &bytes), false);
    });
    // Truncated frames, before and after the handshake.
    let req = protocol::encode(&Request::Cli(protocol::CliRequest {
        args: vec!["frontdesk".into(), "report".into(), "overview".into()],
        ..Default::default()
    }))
    .unwrap();
    check((1usize..200, any::<bool>()), |(cut, after_hello)| {
        let cut = cut.min(req.len() - 1);
        let mut bytes = if after_hello { hello() } else { Vec::new() };
        bytes.extend_from_slice(&req[..cut]);
        assert_refused_cleanly(&send_raw(socket, &bytes), false);
    });
    // Length prefixes above the limit: an error frame, nothing allocated.
    check(1u32..u32::MAX - MAX_FRAME, |extra| {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&VERSION.to_be_bytes());
        bytes.extend_from_slice(&(MAX_FRAME + extra).to_be_bytes());
        assert_refused_cleanly(&send_raw(socket, &bytes), true);
    });
    // Wrong magic or version.
    check((any::<[u8; 4]>(), any::<u16>()), |(magic, version)| {
        if magic == MAGIC && version == VERSION {
            return;
        }
        let mut bytes = magic.to_vec();
        bytes.extend_from_slice(&version.to_be_bytes());
        bytes.extend_from_slice(&0u32.to_be_bytes());
        assert_refused_cleanly(&send_raw(socket, &bytes), true);
    });
    // Garbage inside well-formed frames.
    check(proptest::collection::vec(any::<u8>(), 0..200), |payload| {
        let mut bytes = hello();
        bytes.extend_from_slice(&frame(VERSION, &payload));
        assert_refused_cleanly(&send_raw(socket, &bytes), false);
    });
}

/// Every kind of bad frame, while a good client keeps working; then the server still
/// serves a fresh client and stops cleanly.
#[test]
fn bad_frames_are_refused_and_do_not_disturb_a_good_client() {
    let dir = tempfile::tempdir().unwrap();
    cli::ok(dir.path(), &["demo", "--members", "20"]);
    let mut server = serve::start(dir.path());
    let socket = server.socket.clone();
    let (stop, done) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicU64::new(0)));
    let good = well_behaved(socket.clone(), stop.clone(), done.clone());

    properties(&socket);
    let mut bytes = frame(VERSION + 1, &[]);
    bytes.truncate(HEADER);
    let back = send_raw(&socket, &bytes);
    let Response::Error(f) = protocol::read::<Response>(&mut back.as_slice()).unwrap() else {
        panic!("an error frame")
    };
    let (theirs, ours) = (format!("version {}", VERSION + 1), format!("version {VERSION}"));
    let said = f.message.to_string();
    assert!(said.contains(&theirs) && said.contains(&ours), "{}", f.message);

    let mut fresh = Client::connect(&socket).unwrap();
    fresh.ping().unwrap();
    stop.store(true, Ordering::SeqCst);
    good.join().expect("the good client never failed");
    assert!(done.load(Ordering::SeqCst) > 0);
    let (status, log) = server.terminate();
    assert!(status.success(), "{log}");
}
