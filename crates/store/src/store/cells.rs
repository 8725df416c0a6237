//! The stored form of one record of incremental counters (`agg`, see
//! `domain::analytics::facts`).
//!
//! Version 2 packs the cells: each is `[cell length][cell][value]`, lengths and values in
//! LEB128 (values zigzagged), cells in ascending order. A record of 31 day cells takes about
//! 130 bytes where version 1 (a bincode map: 8-byte length, cell, 8-byte value per cell)
//! took 527, and five or six of them are rewritten by every stay post: the bytes of every
//! sled delta and of every page consolidation of the hot `agg` pages.

use crate::store::codec::{Record, decode_payload};
use crate::store::pack::{put_leb, put_signed, take_leb, take_signed};
use frontdesk_core::i18n::errors::Decode;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// One record of incremental counters: cell → value, zero cells left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactCells(pub BTreeMap<Vec<u8>, i64>);

/// [`FactCells`] as version 1 wrote it.
#[derive(Deserialize)]
struct FactCellsV1(BTreeMap<Vec<u8>, i64>);

impl Record for FactCells {
    const KIND: u8 = 10;
    const VERSION: u16 = 2;
    const NAME: &'static str = "fact counters";
    type Current = FactCells;

    fn write_payload(&self, out: &mut Vec<u8>) {
        crate::store::codec::put_payload(self, out)
    }

    fn from_current(p: FactCells) -> Self {
        p
    }

    fn upgrade(version: u16, bytes: &[u8]) -> Result<Self, Decode> {
        match version {
            1 => decode_payload::<FactCellsV1>(bytes).map(|v| FactCells(v.0)),
            _ => Err(Decode::UnknownVersion { record: Self::NAME.into(), version }),
        }
    }
}

impl Serialize for FactCells {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&pack(&self.0))
    }
}

impl<'de> Deserialize<'de> for FactCells {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_byte_buf(PackedVisitor)
    }
}

struct PackedVisitor;

impl Visitor<'_> for PackedVisitor {
    type Value = FactCells;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("packed counter cells")
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<FactCells, E> {
        unpack(v).map(FactCells).map_err(E::custom)
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<FactCells, E> {
        self.visit_bytes(&v)
    }
}

fn pack(cells: &BTreeMap<Vec<u8>, i64>) -> Vec<u8> {
    let mut out = Vec::with_capacity(cells.len() * 5);
    for (cell, value) in cells {
        put_leb(&mut out, cell.len() as u64);
        out.extend_from_slice(cell);
        put_signed(&mut out, *value);
    }
    out
}

/// The cells of a packed record; refuses a truncated record, an overlong number and cells
/// out of order (two equal cells would otherwise be summed or one lost without a word).
fn unpack(mut bytes: &[u8]) -> Result<BTreeMap<Vec<u8>, i64>, String> {
    let mut cells = BTreeMap::new();
    let mut last: Option<Vec<u8>> = None;
    while !bytes.is_empty() {
        let len = usize::try_from(take_leb(&mut bytes)?).map_err(|_| "a cell length does not fit".to_string())?;
        let cell = bytes.get(..len).ok_or_else(|| format!("a cell of {len} bytes is cut short"))?.to_vec();
        bytes = &bytes[len..];
        let value = take_signed(&mut bytes)?;
        if last.as_ref().is_some_and(|l| *l >= cell) {
            return Err("cells are out of order".into());
        }
        last = Some(cell.clone());
        cells.insert(cell, value);
    }
    Ok(cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codec;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn packed_cells_round_trip(cells in proptest::collection::btree_map(
            proptest::collection::vec(any::<u8>(), 0..9), any::<i64>(), 0..40)) {
            let record = FactCells(cells);
            let back: FactCells = codec::decode(&codec::encode(&record)).unwrap();
            prop_assert_eq!(back, record);
        }

        #[test]
        fn damaged_packed_cells_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = unpack(&bytes);
        }
    }

    #[test]
    fn a_month_of_day_cells_takes_under_a_third_of_its_first_version() {
        let cells: BTreeMap<Vec<u8>, i64> = (1..=31u8).map(|d| (vec![d], 1_000 + i64::from(d))).collect();
        let v1 = bincode::serde::encode_to_vec(&cells, bincode::config::legacy()).unwrap();
        let v2 = codec::encode(&FactCells(cells));
        assert!(v2.len() * 10 <= v1.len() * 3, "{} bytes against {}", v2.len(), v1.len());
    }

    #[test]
    fn cells_out_of_order_or_cut_short_are_refused() {
        assert!(unpack(&[1, 5, 2, 1, 4, 2]).is_err(), "5 then 4");
        assert!(unpack(&[1, 5, 2, 1, 5, 2]).is_err(), "5 twice");
        assert!(unpack(&[2, 5]).is_err(), "cell cut short");
        assert!(unpack(&[1, 5, 0x80]).is_err(), "value cut short");
        assert_eq!(unpack(&[1, 5, 3]).unwrap(), BTreeMap::from([(vec![5], -2)]));
    }
}
