//! Variable-length numbers for the packed parts of stored records: LEB128, signed values
//! zigzagged, so that the small counts and dates records are full of take a byte or two
//! instead of bincode's fixed eight.

pub(crate) fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

pub(crate) fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

pub(crate) fn put_leb(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(crate) fn put_signed(out: &mut Vec<u8>, v: i64) {
    put_leb(out, zigzag(v));
}

/// Reads one number off the front of `bytes`; refuses one cut short or longer than 64 bits.
pub(crate) fn take_leb(bytes: &mut &[u8]) -> Result<u64, String> {
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

pub(crate) fn take_signed(bytes: &mut &[u8]) -> Result<i64, String> {
    take_leb(bytes).map(unzigzag)
}

/// Reads a number that must fit `T` (a count, a sequence number, a day).
pub(crate) fn take_as<T: TryFrom<i64>>(bytes: &mut &[u8], what: &str) -> Result<T, String> {
    let v = take_signed(bytes)?;
    T::try_from(v).map_err(|_| format!("{what} {v} is out of range"))
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
