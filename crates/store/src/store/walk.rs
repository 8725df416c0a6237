//! Reading every record of a tree that may be damaged: what `verify --deep` and `salvage`
//! walk with.

use super::{T, hex, shape};
use std::ops::Bound;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Calls `each` with every key and value `tree` yields and whether the value is what its
/// key holds ([`shape::check`]); returns a line for each part of the tree that cannot be
/// read. A tree that stops yielding records part-way is read again from just past the last
/// key that came out, so one damaged page costs the records on it rather than the rest of
/// the tree; sled's failures on damaged pages, panics included, are caught and reported.
pub(crate) fn walk_tree(
    tree: &sled::Tree,
    t: T,
    mut each: impl FnMut(&sled::IVec, &sled::IVec, Result<(), String>),
) -> Vec<String> {
    let mut unreadable = Vec::new();
    let mut after: Option<Vec<u8>> = None;
    loop {
        let mut last = after.clone();
        let walk = catch_unwind(AssertUnwindSafe(|| walk_from(tree, t, &mut last, &mut each)));
        let stop = match walk {
            Ok(stop) => stop,
            Err(panic) => Some(format!("sled failed on a damaged page ({})", panic_text(panic.as_ref()))),
        };
        let Some(reason) = stop else { return unreadable };
        let at = after.as_deref().map_or_else(|| "its start".to_string(), |k| format!("key {}", hex(k)));
        unreadable.push(format!("{}: cannot be read after {at}: {reason}", t.name()));
        match last {
            // Progress was made: try again past the last record that came out.
            Some(k) if after.as_deref() != Some(&k) => after = Some(k),
            _ => return unreadable,
        }
    }
}

/// Walks from just after `last`, keeping `last` at the last key read; returns why it
/// stopped early, if it did.
fn walk_from(
    tree: &sled::Tree,
    t: T,
    last: &mut Option<Vec<u8>>,
    each: &mut impl FnMut(&sled::IVec, &sled::IVec, Result<(), String>),
) -> Option<String> {
    let start = last.clone().map_or(Bound::Unbounded, Bound::Excluded);
    for item in tree.range::<Vec<u8>, _>((start, Bound::Unbounded)) {
        let (k, v) = match item {
            Ok(kv) => kv,
            Err(e) => return Some(e.to_string()),
        };
        *last = Some(k.to_vec());
        let shape = shape::check(t, &k, &v);
        each(&k, &v, shape);
    }
    None
}

/// The message of a caught panic.
pub(crate) fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown failure".into())
}
