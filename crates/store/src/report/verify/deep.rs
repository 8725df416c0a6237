//! `verify --deep`: every record of every tree decoded, each damaged key named, before the
//! consistency passes, which are kept from failing or panicking on a damaged store.

use super::{Checker, VerifyReport};
use crate::store::walk::{panic_text, walk_tree};
use crate::store::{Store, StoreError, T, hex};
use frontdesk_core::config::Config;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Decodes every stored value of every tree, then runs the ordinary checks.
pub fn verify_deep(store: &Store, config: &Config) -> Result<VerifyReport, StoreError> {
    let mut c = Checker::new(store, config);
    let mut decoded = 0u64;
    for t in T::ALL {
        let mut problems = Vec::new();
        let unreadable = walk_tree(store.tree(t), t, |k, _, shape| match shape {
            Ok(()) => decoded += 1,
            Err(reason) => problems.push(format!("{} {}: damaged record: {reason}", t.name(), hex(k))),
        });
        problems.extend(unreadable.into_iter().map(|line| format!("damaged tree {line}")));
        problems.into_iter().for_each(|p| c.problem(p));
    }
    let damaged = c.report.problem_count();
    let checks = catch_unwind(AssertUnwindSafe(|| super::run_checks(&mut c)));
    let mut report = c.report;
    match checks {
        Ok(Ok(())) => {}
        Ok(Err(e)) if damaged > 0 => report.problems.push(format!("the consistency checks stopped: {e}")),
        Ok(Err(e)) => return Err(e),
        Err(panic) => report
            .problems
            .push(format!("the consistency checks stopped on a damaged page: {}", panic_text(panic.as_ref()))),
    }
    report.records_decoded = Some(decoded);
    Ok(report)
}
