//! Variable-length numbers for the packed parts of stored records: LEB128, signed values
//! zigzagged, so that the small counts and dates records are full of take a byte or two
//! instead of bincode's fixed eight.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date as its day number from the Common Era (4 bytes where chrono's serde form is a
/// 10-character string behind an 8-byte length).
pub(crate) fn day_number(d: chrono::NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d)
}

/// The date of a day number; refuses one chrono cannot hold.
pub(crate) fn date_of(n: i64) -> Result<chrono::NaiveDate, String> {
    i32::try_from(n)
        .ok()
        .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
        .ok_or_else(|| format!("day {n} is no date"))
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn put_leb(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_signed(out: &mut Vec<u8>, v: i64) {
    put_leb(out, zigzag(v));
}

/// Reads one number off the front of `bytes`; refuses one cut short or longer than 64 bits.
fn take_leb(bytes: &mut &[u8]) -> Result<u64, String> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = bytes.split_first().ok_or("a number is cut short")?;
        *bytes = rest;
        let part = u64::from(b & 0x7F);
        if shift == 63 && part > 1 {
            break;
        }
        v |= part << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("a number is longer than 64 bits".into())
}

fn take_signed(bytes: &mut &[u8]) -> Result<i64, String> {
    take_leb(bytes).map(unzigzag)
}

/// Packed bytes, written as one length-prefixed byte string.
pub(crate) struct Bytes(pub Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

/// What a byte string of [`Packed`] unpacks into.
pub trait Unpack: Sized {
    fn unpack(bytes: &[u8]) -> Result<Self, String>;
}

/// A value read from a packed byte string.
pub struct Packed<T>(pub T);

impl<'de, T: Unpack> Deserialize<'de> for Packed<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_byte_buf(PackedVisitor(std::marker::PhantomData))
    }
}

struct PackedVisitor<T>(std::marker::PhantomData<T>);

impl<T: Unpack> Visitor<'_> for PackedVisitor<T> {
    type Value = Packed<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("packed bytes")
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Packed<T>, E> {
        T::unpack(v).map(Packed).map_err(E::custom)
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Packed<T>, E> {
        self.visit_bytes(&v)
    }
}

/// Fields written one after another in packed form: numbers in LEB128, bytes and text as
/// their length and bytes, a date as its day number, an option as a 0/1 byte before the
/// value.
#[derive(Default)]
pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub(crate) fn uint(&mut self, v: u64) -> &mut Self {
        put_leb(&mut self.0, v);
        self
    }

    pub(crate) fn int(&mut self, v: i64) -> &mut Self {
        put_signed(&mut self.0, v);
        self
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) -> &mut Self {
        put_leb(&mut self.0, b.len() as u64);
        self.0.extend_from_slice(b);
        self
    }

    pub(crate) fn text(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    pub(crate) fn opt_text(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.flag(true).text(s),
            None => self.flag(false),
        }
    }

    pub(crate) fn flag(&mut self, b: bool) -> &mut Self {
        self.0.push(u8::from(b));
        self
    }

    pub(crate) fn day(&mut self, d: chrono::NaiveDate) -> &mut Self {
        self.int(i64::from(day_number(d)))
    }
}

/// Reads what a [`Writer`] wrote, in the same order; every read refuses bytes that cannot
/// be what was asked for.
pub(crate) struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    pub(crate) fn uint<T: TryFrom<u64>>(&mut self, what: &str) -> Result<T, String> {
        let v = take_leb(&mut self.0)?;
        T::try_from(v).map_err(|_| format!("{what} {v} is out of range"))
    }

    pub(crate) fn int(&mut self) -> Result<i64, String> {
        take_signed(&mut self.0)
    }

    /// A signed number that must fit `T` (a year, a count).
    pub(crate) fn int_as<T: TryFrom<i64>>(&mut self, what: &str) -> Result<T, String> {
        let v = self.int()?;
        T::try_from(v).map_err(|_| format!("{what} {v} is out of range"))
    }

    pub(crate) fn bytes(&mut self, what: &str) -> Result<&'a [u8], String> {
        let len: usize = self.uint(what)?;
        let bytes = self.0.get(..len).ok_or_else(|| format!("{what} is cut short"))?;
        self.0 = &self.0[len..];
        Ok(bytes)
    }

    pub(crate) fn text(&mut self, what: &str) -> Result<String, String> {
        String::from_utf8(self.bytes(what)?.to_vec()).map_err(|_| format!("{what} is not UTF-8"))
    }

    pub(crate) fn opt_text(&mut self, what: &str) -> Result<Option<String>, String> {
        Ok(if self.flag(what)? { Some(self.text(what)?) } else { None })
    }

    pub(crate) fn flag(&mut self, what: &str) -> Result<bool, String> {
        let (&b, rest) = self.0.split_first().ok_or_else(|| format!("{what} is cut short"))?;
        self.0 = rest;
        match b {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(format!("{what}: {b} is neither 0 nor 1")),
        }
    }

    pub(crate) fn day(&mut self, what: &str) -> Result<chrono::NaiveDate, String> {
        date_of(self.int()?).map_err(|e| format!("{what}: {e}"))
    }

    /// Whether every byte has been read.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Refuses bytes left over after the last field.
    pub(crate) fn done(&self) -> Result<(), String> {
        if self.0.is_empty() { Ok(()) } else { Err(format!("{} bytes after the last field", self.0.len())) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn numbers_round_trip(v in any::<i64>()) {
            let mut out = Vec::new();
            put_signed(&mut out, v);
            let mut bytes = out.as_slice();
            prop_assert_eq!(take_signed(&mut bytes).unwrap(), v);
            prop_assert!(bytes.is_empty());
        }
    }

    #[test]
    fn overlong_and_cut_numbers_are_refused() {
        assert!(take_leb(&mut [0x80u8].as_slice()).is_err());
        assert!(take_leb(&mut [0xFFu8; 11].as_slice()).is_err());
        assert!(take_leb(&mut [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02].as_slice()).is_err());
        assert_eq!(
            take_leb(&mut [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01].as_slice()),
            Ok(u64::MAX)
        );
    }
}
