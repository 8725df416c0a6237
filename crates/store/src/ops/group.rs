//! Group commit for a process that many clients write through (`frontdesk serve`).
//!
//! Every write waits for the disk before it is acknowledged, and that wait, not the work,
//! is most of a command's time. [`start`] gives the store one committer thread: the
//! commands that arrive while it waits for the disk are applied together in the next sled
//! transaction and made durable by one flush. Each command is staged on its own, as in
//! [`execute_batch`](super::execute_batch): one that is refused changes nothing and does
//! not disturb the others, and each caller gets its own answer only after the flush that
//! holds its command. [`execute`](super::execute) routes through the committer by itself,
//! so every writer of the process (connections, forwarded command lines, terminal
//! workers) shares it.

use super::run::{apply_each, execute_alone, mask};
use super::{Command, Ctx, OpError, Reply};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::operator::Actor;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Arc, Weak};

/// Commands applied in one transaction at most: bounds the transaction's size and the
/// wait of the first command in a burst.
pub const GROUP_LIMIT: usize = 256;

/// The committer of one store, kept with it ([`Store::attach`]).
pub struct GroupCommit {
    queue: Sender<Submission>,
    /// Commands handed over since the committer started.
    submitted: AtomicU64,
    /// The rules the committer applies: only commands under these very rules are grouped.
    config: Arc<Config>,
}

/// A command waiting for the committer, with what its answer goes back through.
struct Submission {
    actor: Actor,
    now: Millis,
    today: NaiveDate,
    cmd: Command,
    answer: SyncSender<Result<Reply, OpError>>,
}

/// Starts the store's committer for commands under `config` (the server's rules). False
/// when the store has one already. The thread ends when the store closes.
pub fn start(store: &Arc<Store>, config: Arc<Config>) -> bool {
    if store.attached::<GroupCommit>().is_some() {
        return false;
    }
    let (queue, waiting) = mpsc::channel();
    if !store.attach(GroupCommit { queue, submitted: AtomicU64::new(0), config: config.clone() }) {
        return false;
    }
    // A weak reference: the store holds the queue's sender, so a strong one would keep
    // both alive forever. When the store drops, the sender goes with it and `recv` ends.
    let weak = Arc::downgrade(store);
    std::thread::Builder::new().name("group-commit".into()).spawn(move || run(&weak, &waiting, &config)).is_ok()
}

/// The committer that takes `ctx`'s commands, if this store has one for the same rules.
pub(crate) fn serving<'s>(store: &'s Store, ctx: &Ctx<'_>) -> Option<&'s GroupCommit> {
    store.attached::<GroupCommit>().filter(|g| std::ptr::eq(ctx.config, Arc::as_ptr(&g.config)))
}

/// Commands handed to the store's committer so far (0 without one).
pub fn submitted(store: &Store) -> u64 {
    store.attached::<GroupCommit>().map_or(0, |g| g.submitted.load(Ordering::SeqCst))
}

impl GroupCommit {
    /// Hands the command to the committer and waits for its answer.
    pub(crate) fn execute(&self, ctx: &Ctx<'_>, cmd: &Command) -> Result<Reply, OpError> {
        let (answer, reply) = mpsc::sync_channel(1);
        let submission =
            Submission { actor: ctx.actor.clone(), now: ctx.now, today: ctx.today, cmd: cmd.clone(), answer };
        if self.queue.send(submission).is_err() {
            return Err(OpError::Store(StoreError::WriterFailed));
        }
        self.submitted.fetch_add(1, Ordering::SeqCst);
        // The sender is dropped unanswered only when the committer failed on this group,
        // before anything of it was committed (a panic inside the transaction aborts it).
        reply.recv().unwrap_or(Err(OpError::Store(StoreError::WriterFailed)))
    }
}

fn run(store: &Weak<Store>, waiting: &Receiver<Submission>, config: &Config) {
    while let Ok(first) = waiting.recv() {
        let mut group = vec![first];
        while group.len() < GROUP_LIMIT {
            match waiting.try_recv() {
                Ok(next) => group.push(next),
                Err(_) => break,
            }
        }
        let Some(store) = store.upgrade() else { return };
        // A panic inside a command aborts its transaction: the group's callers are told
        // nothing was saved, and the committer goes on with the next group.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| commit(&store, config, group)));
    }
}

/// Applies a group in one transaction and one flush, then answers each command.
fn commit(store: &Store, config: &Config, group: Vec<Submission>) {
    let items: Vec<(Ctx<'_>, &Command)> =
        group.iter().map(|s| (Ctx { config, actor: s.actor.clone(), now: s.now, today: s.today }, &s.cmd)).collect();
    let results = match apply_each(store, &items) {
        Ok(mut results) => {
            if let Err(e) = store.flush() {
                // Applied but perhaps not on disk: no command may be acknowledged.
                for result in results.iter_mut().filter(|r| r.is_ok()) {
                    *result = Err(OpError::Store(e.copy()));
                }
            }
            mask(&items, &mut results);
            results
        }
        // Nothing of the group was applied: each command runs alone, for its own answer.
        Err(_) => items.iter().map(|(ctx, cmd)| execute_alone(store, ctx, cmd)).collect(),
    };
    for (submission, result) in group.iter().zip(results) {
        // A caller that went away (its connection closed) needs no answer.
        let _ = submission.answer.send(result);
    }
}
