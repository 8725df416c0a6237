//! The wire protocol between `frontdesk serve` and its clients.
//!
//! A frame is `MAGIC (4) ‖ version u16 BE ‖ length u32 BE ‖ payload`, the payload one
//! bincode 2 (serde, `config::legacy()`, as the store's records) [`Request`] or
//! [`Response`]. The length is checked against [`MAX_FRAME`] before anything is allocated,
//! and decoding requires every payload byte to be consumed, so a truncated, oversized or
//! garbled frame is refused instead of misread.

use frontdesk_core::i18n::errors::{Fault, ServerSays};
use frontdesk_service::jobs::{Job, JobResult};
use frontdesk_store::ops::Command;
use frontdesk_store::ops::ExitCode;
use frontdesk_store::ops::wire::WireReply;
use serde::{Deserialize, Serialize};

pub mod client;

pub use client::{CliOutput, Client, ClientError, Session};

/// File name of the socket inside the store directory.
const SOCKET_NAME: &str = "frontdesk.sock";

/// The socket of the server of the store at `db`.
pub fn socket_path(db: &std::path::Path) -> PathBuf {
    db.join(SOCKET_NAME)
}
use std::io::{Read, Write};
use std::path::PathBuf;

/// First bytes of every frame.
pub const MAGIC: [u8; 4] = *b"FDSK";
/// Version of this protocol; a peer speaking another is refused with both named. Version 2:
/// refusals and failed jobs carry typed messages, said in the client's language.
pub const VERSION: u16 = 2;
/// Largest payload accepted (a whole import sent as standard input fits).
pub const MAX_FRAME: u32 = 16 * 1024 * 1024;
/// Bytes before the payload.
pub const HEADER: usize = 10;

/// What a client asks.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Request {
    /// First request on a connection: protocol version and, once operators exist, the
    /// operator signing in on this connection.
    Hello {
        /// The client's protocol version.
        version: u16,
        /// Login, when signing in.
        login: Option<String>,
        /// PIN, when signing in.
        pin: Option<String>,
        /// Business date the connection acts on (default: the server's today).
        as_of: Option<chrono::NaiveDate>,
    },
    /// Sign the connection in as another operator (the TUI's login screen).
    SignIn { login: String, pin: String },
    /// Run one command as the connection's operator.
    Execute(Box<Command>),
    /// Run a whole `frontdesk` command line as the client typed it.
    Cli(CliRequest),
    /// Run one TUI job (search, load, execute …).
    Job(Box<Job>),
    /// The store's write sequence, to notice other clients' writes.
    Ping,
}

/// A command line forwarded by a client.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CliRequest {
    /// Arguments, the program name first.
    pub args: Vec<String>,
    /// The client's `FRONTDESK_*` (and `USER`) environment variables.
    pub vars: Vec<(String, String)>,
    /// The client's working directory: relative paths resolve against it.
    pub cwd: PathBuf,
    /// Standard input, when the command reads it (PIN, import or batch from `-`).
    pub stdin: Vec<u8>,
}

/// A command that was refused or failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failed {
    /// The process exit code it maps to.
    pub code: ExitCode,
    /// What went wrong and what to do.
    pub message: Fault,
}

/// What the server answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Response {
    /// The handshake: who the connection acts as.
    Hello {
        /// The server's protocol version.
        version: u16,
        /// Operator the connection acts as.
        operator: String,
        /// Their role.
        role: String,
        /// The store's write sequence.
        write_seq: u64,
    },
    /// A command's reply.
    Executed(Result<Box<WireReply>, Failed>),
    /// A command line's output and exit code.
    Cli {
        /// Standard output.
        stdout: Vec<u8>,
        /// Standard error.
        stderr: Vec<u8>,
        /// What the command line ended with, as the client process exits.
        code: ExitCode,
    },
    /// A job's answers, in order.
    Job(Vec<JobResult>),
    /// The store's write sequence.
    Pong {
        /// Bumped by every committed write, from any client.
        write_seq: u64,
    },
    /// The request was refused (bad frame, version, sign-in, permission); for a bad frame
    /// the server closes the connection after it.
    Error(Failed),
}

/// Why a frame could not be read.
#[derive(Debug)]
pub enum FrameError {
    /// The peer closed the connection between frames.
    Closed,
    /// The connection failed or closed inside a frame.
    Io(std::io::Error),
    /// Not a frontdesk frame.
    BadMagic,
    /// The peer speaks another protocol version.
    Version {
        /// The peer's version.
        theirs: u16,
        ours: u16,
    },
    /// The length prefix is above [`MAX_FRAME`].
    TooLarge(u32),
    /// The payload does not decode.
    Malformed(String),
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.says().fmt(f)
    }
}

impl std::error::Error for FrameError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FrameError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for FrameError {
    fn from(e: std::io::Error) -> Self {
        FrameError::Io(e)
    }
}

impl FrameError {
    /// What the error says, as a message to render in any language.
    pub fn says(&self) -> ServerSays {
        match self {
            FrameError::Closed => ServerSays::FrameClosed,
            FrameError::Io(e) => ServerSays::FrameBroken { error: e.to_string() },
            FrameError::BadMagic => ServerSays::BadMagic,
            FrameError::Version { theirs, ours } => ServerSays::FrameVersion { theirs: *theirs, ours: *ours },
            FrameError::TooLarge(bytes) => ServerSays::FrameTooLarge { bytes: *bytes, max: MAX_FRAME },
            FrameError::Malformed(error) => ServerSays::Malformed { error: error.clone() },
        }
    }
}

/// The store's encoding (`legacy()`), with a limit: a length prefix inside a payload that
/// claims more than a frame can hold is refused before anything is allocated for it.
fn config() -> impl bincode::config::Config {
    bincode::config::legacy().with_limit::<{ MAX_FRAME as usize }>()
}

/// Encodes `msg` as one frame.
pub fn encode<T: Serialize>(msg: &T) -> Result<Vec<u8>, FrameError> {
    let body = bincode::serde::encode_to_vec(msg, config()).map_err(|e| FrameError::Malformed(e.to_string()))?;
    let len = u32::try_from(body.len()).ok().filter(|&n| n <= MAX_FRAME).ok_or(FrameError::TooLarge(u32::MAX))?;
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&VERSION.to_be_bytes());
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// Decodes a payload, requiring every byte to be used.
pub fn decode_payload<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, FrameError> {
    let (value, used) =
        bincode::serde::decode_from_slice::<T, _>(bytes, config()).map_err(|e| FrameError::Malformed(e.to_string()))?;
    if used != bytes.len() {
        return Err(FrameError::Malformed(ServerSays::Trailing { bytes: bytes.len() - used }.to_string()));
    }
    Ok(value)
}

/// Checks a frame header; the payload length it announces.
pub fn check_header(h: &[u8; HEADER]) -> Result<u32, FrameError> {
    if h[..4] != MAGIC {
        return Err(FrameError::BadMagic);
    }
    let version = u16::from_be_bytes([h[4], h[5]]);
    if version != VERSION {
        return Err(FrameError::Version { theirs: version, ours: VERSION });
    }
    let len = u32::from_be_bytes([h[6], h[7], h[8], h[9]]);
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    Ok(len)
}

/// Reads one frame and decodes it.
pub fn read<T: serde::de::DeserializeOwned>(r: &mut impl Read) -> Result<T, FrameError> {
    let mut header = [0u8; HEADER];
    let mut got = 0;
    while got < HEADER {
        match r.read(&mut header[got..]) {
            Ok(0) if got == 0 => return Err(FrameError::Closed),
            Ok(0) => return Err(FrameError::Io(std::io::ErrorKind::UnexpectedEof.into())),
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    let len = check_header(&header)?;
    // `len` is at most MAX_FRAME: checked above, before this allocation.
    let mut body = vec![0u8; len as usize];
    r.read_exact(&mut body)?;
    decode_payload(&body)
}

/// Writes one frame.
pub fn write<T: Serialize>(w: &mut impl Write, msg: &T) -> Result<(), FrameError> {
    let frame = encode(msg)?;
    w.write_all(&frame)?;
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Messages travel as bincode, which writes an enum's variant by its index: inserting
    /// a variant before another, or reordering, changes what an older peer reads without
    /// any version check noticing. These frames are pinned; when one must change, bump
    /// [`VERSION`] and write the new bytes here (append new variants instead where possible).
    #[test]
    fn typed_refusals_keep_their_bytes_on_the_wire() {
        let refusal: Fault = frontdesk_core::i18n::errors::Refusal::BalanceShort { points: 3000, balance: 20 }.into();
        let full = Response::Error(Failed { code: ExitCode::Busy, message: ServerSays::Full { max: 1 }.into() });
        let failed = Response::Job(vec![JobResult::Failed(refusal)]);
        let (full, failed) = (hex(&encode(&full).unwrap()), hex(&encode(&failed).unwrap()));
        assert_eq!(
            full, "4644534b00020000001805000000040000000e000000190000000100000000000000",
            "the wire form of a typed refusal changed: bump VERSION"
        );
        assert_eq!(
            failed,
            "4644534b000200000028030000000100000000000000110000000300000007000000b80b0000000000001400000000000000",
            "the wire form of a failed job changed: bump VERSION"
        );
    }

    #[test]
    fn a_request_round_trips() {
        let req = Request::Hello { version: VERSION, login: Some("ana".into()), pin: Some("1234".into()), as_of: None };
        let bytes = encode(&req).unwrap();
        let back: Request = read(&mut bytes.as_slice()).unwrap();
        assert!(matches!(back, Request::Hello { login: Some(l), .. } if l == "ana"));
    }

    #[test]
    fn an_oversized_length_is_refused_before_reading() {
        let mut bytes = encode(&Request::Ping).unwrap();
        bytes[6..10].copy_from_slice(&(MAX_FRAME + 1).to_be_bytes());
        assert!(matches!(read::<Request>(&mut bytes.as_slice()), Err(FrameError::TooLarge(_))));
    }

    #[test]
    fn another_version_names_both() {
        let mut bytes = encode(&Request::Ping).unwrap();
        bytes[4..6].copy_from_slice(&7u16.to_be_bytes());
        let e = read::<Request>(&mut bytes.as_slice()).unwrap_err().to_string();
        assert!(e.contains("version 7") && e.contains(&format!("version {VERSION}")), "{e}");
    }

    #[test]
    fn a_huge_length_inside_the_payload_is_refused_without_allocating() {
        // Cli { args: Vec<String> } whose first string claims 2^40 bytes.
        let mut body = 3u32.to_le_bytes().to_vec();
        body.extend_from_slice(&1u64.to_le_bytes());
        body.extend_from_slice(&(1u64 << 40).to_le_bytes());
        assert!(matches!(decode_payload::<Request>(&body), Err(FrameError::Malformed(_))));
    }

    #[test]
    fn trailing_bytes_are_refused() {
        let mut bytes = encode(&Request::Ping).unwrap();
        bytes.push(0);
        let len = (bytes.len() - HEADER) as u32;
        bytes[6..10].copy_from_slice(&len.to_be_bytes());
        assert!(matches!(read::<Request>(&mut bytes.as_slice()), Err(FrameError::Malformed(_))));
    }
}
