//! The analytics counters in `agg` and the birthday index, recomputed from the members
//! and complaints (the same sums `report rebuild` writes).

use super::Checker;
use crate::store::records::FactCells;
use crate::store::{StoreError, T, hex, keys};
use chrono::Datelike;
use frontdesk_core::domain::analytics::facts::{self, FactSet};
use frontdesk_core::domain::member::Member;

/// Compares every counter record with the recomputed sums, and checks that every member
/// with a birthday has its birthday key.
pub(super) fn check(c: &mut Checker<'_>) -> Result<(), StoreError> {
    let (want, _) = crate::ops::recompute_facts(c.store, c.config)?;
    let mut found = FactSet::new();
    for item in c.store.tree(T::Agg).scan_prefix([facts::PREFIX]) {
        let (k, v) = item?;
        if let Some(cells) = c.decode::<FactCells>(T::Agg, &k, &v) {
            found.insert(k.to_vec(), cells.0);
        }
    }
    let empty = Default::default();
    let records: std::collections::BTreeSet<&Vec<u8>> = want.keys().chain(found.keys()).collect();
    for record in records {
        let (w, f) = (want.get(record).unwrap_or(&empty), found.get(record).unwrap_or(&empty));
        if w == f {
            continue;
        }
        let cells: std::collections::BTreeSet<&Vec<u8>> = w.keys().chain(f.keys()).collect();
        for cell in cells {
            let (a, b) = (f.get(cell).copied().unwrap_or(0), w.get(cell).copied().unwrap_or(0));
            if a != b {
                c.problem(format!(
                    "agg counters {} cell {}: {a}, records give {b}; `frontdesk report rebuild` recomputes them",
                    hex(record),
                    hex(cell)
                ));
            }
        }
    }
    for item in c.store.scan_prefix::<Member>(T::Members, &[]) {
        let (_, m) = item?;
        if let Some(d) = m.birthday
            && matches!(c.raw(T::Keys, &keys::birthday(d.month(), d.day(), m.id))?, super::Lookup::Missing)
        {
            c.problem(format!("member {}: birthday key missing; `frontdesk report rebuild` restores it", m.card));
        }
    }
    Ok(())
}
