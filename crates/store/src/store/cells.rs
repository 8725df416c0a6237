//! The stored form of one record of incremental counters (`agg`, see
//! `domain::analytics::facts`).
//!
//! Version 2 packs the cells: each is `[cell length][cell][value]`, lengths and values in
//! LEB128 (values zigzagged), cells in ascending order. A record of 31 day cells takes about
//! 130 bytes where version 1 (a bincode map: 8-byte length, cell, 8-byte value per cell)
//! took 527, and five or six of them are rewritten by every stay post: the bytes of every
//! sled delta and of every page consolidation of the hot `agg` pages.

use crate::store::codec::{Record, decode_payload, put_payload};
use crate::store::pack::{Bytes, Packed, Reader, Unpack, Writer};
use frontdesk_core::i18n::errors::Decode;
use serde::{Deserialize, Deserializer};
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
        put_payload(&Bytes(pack(&self.0)), out);
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

impl<'de> Deserialize<'de> for FactCells {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Packed::<FactCells>::deserialize(deserializer).map(|p| p.0)
    }
}

impl Unpack for FactCells {
    fn unpack(bytes: &[u8]) -> Result<Self, String> {
        unpack(bytes).map(FactCells)
    }
}

fn pack(cells: &BTreeMap<Vec<u8>, i64>) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(cells.len() * 5));
    for (cell, value) in cells {
        w.bytes(cell).int(*value);
    }
    w.0
}

/// The cells of a packed record; refuses a truncated record, an overlong number and cells
/// out of order (two equal cells would otherwise be summed or one lost without a word).
fn unpack(bytes: &[u8]) -> Result<BTreeMap<Vec<u8>, i64>, String> {
    let mut r = Reader(bytes);
    let mut cells = BTreeMap::new();
    let mut last: Option<Vec<u8>> = None;
    while !r.is_empty() {
        let cell = r.bytes("a cell")?.to_vec();
        let value = r.int()?;
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
