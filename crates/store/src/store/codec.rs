//! Versioned record envelopes.
//!
//! Every stored value is `[format][kind][version: u16 BE][bincode payload]`. Each record
//! type names its kind and current version; decoding checks the kind, accepts every
//! version this build knows and requires every payload byte to be consumed. Golden files
//! under `tests/fixtures/codec/` prove that bytes written by released versions still decode.

use frontdesk_core::i18n::errors::Decode;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Envelope format byte.
pub const FORMAT: u8 = 1;
const HEADER: usize = 4;
/// Most bytes one record may decode into (the largest records, analytics snapshots, are
/// far smaller).
const MAX_DECODED: usize = 64 << 20;

/// A type stored in a tree.
pub trait Record: Sized {
    /// Kind byte, unique per record type.
    const KIND: u8;
    /// Version written by this build.
    const VERSION: u16;
    /// Human name used in error messages.
    const NAME: &'static str;
    /// Payload type of the current version.
    type Current: DeserializeOwned;

    /// Appends the current-version payload (usually [`put_payload`] of the record itself;
    /// a record stored in another form than its own serde form writes that form).
    fn write_payload(&self, out: &mut Vec<u8>);
    /// Builds the record from a decoded current-version payload.
    fn from_current(p: Self::Current) -> Self;
    /// Decodes an older version; the default knows none.
    fn upgrade(version: u16, _bytes: &[u8]) -> Result<Self, Decode> {
        Err(Decode::UnknownVersion { record: Self::NAME.to_string(), version })
    }
}

fn config()
-> bincode::config::Configuration<bincode::config::LittleEndian, bincode::config::Fixint, bincode::config::NoLimit> {
    bincode::config::legacy()
}

/// Encodes a record into its envelope.
pub fn encode<R: Record>(record: &R) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    out.push(FORMAT);
    out.push(R::KIND);
    out.extend_from_slice(&R::VERSION.to_be_bytes());
    record.write_payload(&mut out);
    out
}

/// Appends `value` in bincode's legacy form.
pub fn put_payload<T: Serialize>(value: &T, out: &mut Vec<u8>) {
    // Encoding plain structs into a Vec cannot fail: there is no size limit and no I/O.
    let _ = bincode::serde::encode_into_std_write(value, out, config());
}

/// Decodes exactly `bytes` as a payload of type `T`.
pub fn decode_payload<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Decode> {
    // The limit bounds what a damaged length can make the decoder allocate: without it a
    // flipped byte in a string's length asks for terabytes and aborts the process.
    let limited = config().with_limit::<MAX_DECODED>();
    let (value, used) = bincode::serde::decode_from_slice::<T, _>(bytes, limited)
        .map_err(|e| Decode::Payload { error: e.to_string() })?;
    if used != bytes.len() {
        return Err(Decode::Trailing { bytes: bytes.len() - used });
    }
    Ok(value)
}

/// The version of an envelope, without decoding it.
pub fn version_of(bytes: &[u8]) -> Option<u16> {
    (bytes.len() >= HEADER && bytes[0] == FORMAT).then(|| u16::from_be_bytes([bytes[2], bytes[3]]))
}

/// Decodes an envelope, naming what is wrong when it cannot.
pub fn decode<R: Record>(bytes: &[u8]) -> Result<R, Decode> {
    if bytes.len() < HEADER {
        return Err(Decode::Short { bytes: bytes.len() });
    }
    if bytes[0] != FORMAT {
        return Err(Decode::Format { format: bytes[0] });
    }
    if bytes[1] != R::KIND {
        return Err(Decode::Kind { found: bytes[1], record: R::NAME.to_string(), kind: R::KIND });
    }
    let version = u16::from_be_bytes([bytes[2], bytes[3]]);
    let body = &bytes[HEADER..];
    if version == R::VERSION {
        decode_payload::<R::Current>(body).map(R::from_current)
    } else if version > R::VERSION {
        Err(Decode::Newer { record: R::NAME.to_string(), version, supported: R::VERSION })
    } else {
        R::upgrade(version, body)
    }
}

/// Implements [`Record`] for a type stored as itself at version 1.
#[macro_export]
macro_rules! record_v1 {
    ($ty:ty, $kind:expr, $name:expr) => {
        impl $crate::store::codec::Record for $ty {
            const KIND: u8 = $kind;
            const VERSION: u16 = 1;
            const NAME: &'static str = $name;
            type Current = $ty;
            fn write_payload(&self, out: &mut Vec<u8>) {
                $crate::store::codec::put_payload(self, out)
            }
            fn from_current(p: $ty) -> Self {
                p
            }
        }
    };
}
