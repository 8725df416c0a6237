//! Running commands: each in its own sled transaction or many in one, flushed before the
//! answer (see [`group`](super::group) for the server's group commit).

use super::stage::{Listed, Stage};
use super::{Command, Ctx, OpError, Reply, dispatch, masking, member};
use crate::store::{Store, StoreError};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

/// Runs one command in one transaction, flushes, then answers. The answer's contact data
/// is masked for an actor who may not see it whole ([`masking`]).
///
/// In a process that started a [group commit](super::group) for this store and these
/// rules (`frontdesk serve`), the command is applied with the others waiting at the same
/// moment, in one transaction and one flush; the answer is the same.
pub fn execute(store: &Store, ctx: &Ctx<'_>, cmd: &Command) -> Result<Reply, OpError> {
    if let Some(group) = super::group::serving(store, ctx) {
        return group.execute(ctx, cmd);
    }
    execute_alone(store, ctx, cmd)
}

/// [`execute`] without group commit.
#[allow(clippy::expect_used, reason = "apply_each answers every command it was given, or fails whole")]
pub(crate) fn execute_alone(store: &Store, ctx: &Ctx<'_>, cmd: &Command) -> Result<Reply, OpError> {
    execute_each(store, &[(ctx.clone(), cmd)])?.pop().expect("one result for one command")
}

/// Runs many commands in one transaction: each either applies whole or is rejected with
/// its error; the batch is flushed once before the results are returned (masked as by
/// [`execute`]).
pub fn execute_batch(store: &Store, ctx: &Ctx<'_>, cmds: &[Command]) -> Result<Vec<Result<Reply, OpError>>, OpError> {
    let items: Vec<(Ctx<'_>, &Command)> = cmds.iter().map(|c| (ctx.clone(), c)).collect();
    execute_each(store, &items)
}

/// [`execute_batch`] with a context per command (the group commit's: several operators).
pub(crate) fn execute_each(
    store: &Store,
    items: &[(Ctx<'_>, &Command)],
) -> Result<Vec<Result<Reply, OpError>>, OpError> {
    let mut results = apply_each(store, items)?;
    store.flush()?;
    mask(items, &mut results);
    Ok(results)
}

/// Applies the commands in one transaction under the writer lock, without flushing. A
/// command that fails is left out whole; an `Err` means none was applied.
pub(crate) fn apply_each(store: &Store, items: &[(Ctx<'_>, &Command)]) -> Result<Vec<Result<Reply, OpError>>, OpError> {
    let _writer = store.writer();
    // About ten keys a command: what decides whether the process snapshots the store.
    store.count_writes(10 * items.len() as u64);
    let cmds: Vec<&Command> = items.iter().map(|(_, c)| *c).collect();
    let listed = list_keys(store, &cmds)?;
    let result = store.trees().transaction(|views| {
        let mut results = Vec::with_capacity(items.len());
        for (ctx, cmd) in items {
            let stage = Stage::with_listed(views, &listed);
            match dispatch(&stage, ctx, cmd) {
                Ok(reply) => {
                    commit(stage)?;
                    results.push(Ok(reply));
                }
                Err(OpError::Tx(e)) => return Err(e.into()),
                Err(e) => results.push(Err(e)),
            }
        }
        Ok(results)
    });
    // The writer lock is released on return, before the caller waits for the disk: others
    // may commit meanwhile and share its flush.
    unwrap_tx(result)
}

/// Masks each reply for the actor it answers.
pub(crate) fn mask(items: &[(Ctx<'_>, &Command)], results: &mut [Result<Reply, OpError>]) {
    for ((ctx, _), result) in items.iter().zip(results.iter_mut()) {
        if let Ok(reply) = result {
            masking::reply(ctx.actor.role, reply);
        }
    }
}

/// The keys that `cmds` list ([`Stage::keys_under`]), read before their transaction.
fn list_keys(store: &Store, cmds: &[&Command]) -> Result<Listed, OpError> {
    let mut listed = Listed::default();
    for cmd in cmds {
        if let Command::EraseMember { member, .. } = cmd
            && let Some(m) = member::lookup(store, member)?
        {
            member::list_erasure_keys(store, m.id, &mut listed)?;
        }
    }
    Ok(listed)
}

/// Commits a stage inside a transaction closure: a conflict retries, any other failure aborts.
pub(crate) fn commit(stage: Stage<'_>) -> Result<(), ConflictableTransactionError<OpError>> {
    match stage.commit() {
        Ok(()) => Ok(()),
        Err(OpError::Tx(e)) => Err(e.into()),
        Err(e) => Err(ConflictableTransactionError::Abort(e)),
    }
}

pub(crate) fn unwrap_tx<R>(result: Result<R, TransactionError<OpError>>) -> Result<R, OpError> {
    match result {
        Ok(r) => Ok(r),
        Err(TransactionError::Abort(e)) => Err(e),
        Err(TransactionError::Storage(e)) => Err(OpError::Store(StoreError::Sled(e))),
    }
}
