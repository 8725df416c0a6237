//! Upgrading a store that an older frontdesk wrote, when a process opens it and before
//! anything else reads it (the CLI, the terminal UI and `frontdesk serve` all open stores
//! through this). Schema 1 → 2: every phone in E.164, with its key. Schema 2 → 3 (store
//! layout 2): every member and every counter record rewritten in its compact form
//! (`store::member_form`, `store::cells`), which every later write would otherwise do one
//! record at a time. Schema 3 → 4 (store layout 3): the member indexes moved into buckets
//! ([`regroup`]), first, so that the member rewrite that follows reads and writes them
//! where this build looks for them.
//!
//! An upgrade first writes a backup of the store as it was, into the store directory. Then,
//! before it changes anything else, it records the new schema version together with
//! [`UPGRADE_FROM`], the schema it started from: from then on a previous release refuses
//! the store (it reads a newer schema) instead of opening it half moved, where it would miss
//! the index entries already in buckets. It rewrites the counter records in one batch and
//! the members in transactions of [`CHUNK`] members (phones with their keys), and removes
//! [`UPGRADE_FROM`] (with one audit event) in the last. Killed at any point it is safe:
//! records already rewritten are a fixed point of the rewrite, and the next open finishes
//! the upgrade (the backup already on disk is kept: it is the store before any change).

use super::{Ctx, OpError, Stage, commit, member, unwrap_tx};
use crate::store::codec::{self, Record};
use crate::store::records::FactCells;
use crate::store::{SCHEMA_VERSION, Store, StoreError, T, decode_at, keys};
use frontdesk_core::domain::analytics::facts;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::phone::normalize_phone;
use frontdesk_core::i18n::errors::StoreIo;
use sled::Transactional;
use std::path::PathBuf;

/// Members rewritten per transaction: bounded memory, and little to redo after a crash.
const CHUNK: usize = 1_000;

/// Meta key present while an upgrade is under way: the schema version it started from.
pub const UPGRADE_FROM: &[u8] = b"upgrade.from";

/// The schema an upgrade still to be done or finished starts from; `None` when the store
/// is at this build's schema with no upgrade under way.
pub(crate) fn pending_from(store: &Store) -> Result<Option<u32>, StoreError> {
    if let Some(v) = store.tree(T::Meta).get(UPGRADE_FROM)? {
        // A damaged mark resumes as from schema 3: the moves and rewrites of layouts 2 and 3
        // go by what each record and key is, not by the mark; only schema 2's phone rule,
        // which changes data, needs the mark to say it is due.
        return Ok(Some(keys::read_u32(&v, 0).unwrap_or(SCHEMA_VERSION - 1)));
    }
    let at = store.schema_version();
    Ok((at < SCHEMA_VERSION).then_some(at))
}

/// What an upgrade did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Upgrade {
    /// Schema version the store had.
    pub from: u32,
    /// Schema version it has now.
    pub to: u32,
    /// The backup of the store as it was before the upgrade.
    pub backup: PathBuf,
    /// Phones rewritten in E.164.
    pub phones: u64,
    /// Phones kept as they were stored: no valid number of their member's property's
    /// country (their keys still match them; a clerk corrects them by editing the member).
    pub kept: u64,
    /// Members and counter records rewritten in the compact form of store layout 2.
    pub compacted: u64,
    /// Index entries (cards, e-mails, phones, birthdays, references) moved into the
    /// buckets of store layout 3.
    pub regrouped: u64,
}

impl std::fmt::Display for Upgrade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "upgraded the store from schema version {} to {}: {} phones now in international form (E.164), {} kept as they were (not valid numbers), {} records rewritten in the compact layout, {} index entries grouped; the store before the upgrade is backed up in {}",
            self.from,
            self.to,
            self.phones,
            self.kept,
            self.compacted,
            self.regrouped,
            self.backup.display()
        )
    }
}

/// What every process does to a store it opens, before anything else reads it: brings an
/// older schema up to this build's, then seeds the reward catalogue. `starting` hears,
/// before an upgrade begins, what it will do (it takes about 10 s per 100,000 members):
/// the caller says it where its user reads it, as it does the returned [`Upgrade`].
pub fn prepare(store: &Store, ctx: &Ctx<'_>, starting: &dyn Fn(&str)) -> Result<Option<Upgrade>, OpError> {
    if let Some(from) = pending_from(store)? {
        let members = store.tree(T::Members).len();
        starting(&format!(
            "upgrading the store from schema version {from} to {SCHEMA_VERSION}: a backup of the store as it is, then the indexes and {members} members rewritten (about 15 s per 100,000 members); do not stop it (an upgrade cut short is finished by the next open)"
        ));
    }
    let upgraded = upgrade(store, ctx)?;
    super::seed_catalogue(store, ctx)?;
    Ok(upgraded)
}

/// Brings a store of an older schema up to this build's; `None` when it already is.
pub fn upgrade(store: &Store, ctx: &Ctx<'_>) -> Result<Option<Upgrade>, OpError> {
    let Some(from) = pending_from(store)? else {
        // Index entries on their own in a store at this schema are only readable once
        // grouped: a salvage of an older store whose schema version was lost leaves them.
        if regroup::has_strays(store)? {
            let _writer = store.writer();
            regroup::regroup(store)?;
        }
        return Ok(None);
    };
    let backup = backup_before(store, ctx.now)?;
    let _writer = store.writer();
    store.note_bulk_work();
    begin(store, from)?;
    let regrouped = regroup::regroup(store)?;
    let compacted = compact_counters(store)?;
    let mut run = Upgrade { from, to: SCHEMA_VERSION, backup, phones: 0, kept: 0, compacted, regrouped };
    let mut chunk = Vec::with_capacity(CHUNK);
    for item in store.tree(T::Members).iter() {
        let (key, bytes) = item.map_err(StoreError::from)?;
        let m: Member = decode_at(T::Members, &key, &bytes)?;
        let phone = phone_fix(ctx, &m, from);
        run.kept += u64::from(phone == PhoneFix::Invalid);
        if matches!(phone, PhoneFix::Changed(_)) || codec::version_of(&bytes) != Some(Member::VERSION) {
            chunk.push(m.id);
        }
        if chunk.len() == CHUNK {
            rewrite(store, ctx, &chunk, &mut run, false)?;
            chunk.clear();
        }
    }
    // The last transaction also records the version: an upgrade is done once it says so.
    rewrite(store, ctx, &chunk, &mut run, true)?;
    Ok(Some(run))
}

/// What schema 2's phone rule makes of a member's phone in a store of schema `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PhoneFix {
    /// None, already in E.164, or a store that already follows the rule.
    Same,
    /// To be rewritten in E.164, as this.
    Changed(String),
    /// No valid number of the member's property's country: kept as stored.
    Invalid,
}

fn phone_fix(ctx: &Ctx<'_>, m: &Member, from: u32) -> PhoneFix {
    let Some(stored) = m.phone.as_deref().filter(|_| from < 2) else { return PhoneFix::Same };
    match normalize_phone(stored, ctx.config.phone_country(&m.home_property)) {
        Ok(e164) if e164 == stored => PhoneFix::Same,
        Ok(e164) => PhoneFix::Changed(e164),
        Err(_) => PhoneFix::Invalid,
    }
}

/// Marks the upgrade from `from` as under way, durably, before anything is moved (see the
/// module documentation).
fn begin(store: &Store, from: u32) -> Result<(), OpError> {
    let mut batch = sled::Batch::default();
    batch.insert(b"schema_version", &SCHEMA_VERSION.to_be_bytes());
    batch.insert(UPGRADE_FROM, &from.to_be_bytes());
    store.tree(T::Meta).apply_batch(batch).map_err(StoreError::from)?;
    store.flush()?;
    Ok(())
}

/// Rewrites every counter record not yet in its current version, in one batch of the
/// `agg` tree; returns how many.
fn compact_counters(store: &Store) -> Result<u64, OpError> {
    let mut batch = sled::Batch::default();
    let mut n = 0;
    for item in store.tree(T::Agg).scan_prefix([facts::PREFIX]) {
        let (key, bytes) = item.map_err(StoreError::from)?;
        if codec::version_of(&bytes) != Some(FactCells::VERSION) {
            let cells: FactCells = decode_at(T::Agg, &key, &bytes)?;
            batch.insert(key, codec::encode(&cells));
            n += 1;
        }
    }
    store.tree(T::Agg).apply_batch(batch).map_err(StoreError::from)?;
    store.flush()?;
    Ok(n)
}

/// Rewrites members `ids` in one transaction (phones in E.164 when the store is older than
/// schema 2, every record in its current form), counting into `run`; with `last` also the
/// removal of the upgrade mark and the audit event.
fn rewrite(store: &Store, ctx: &Ctx<'_>, ids: &[u64], run: &mut Upgrade, last: bool) -> Result<(), OpError> {
    let result = store.trees().transaction(|views| {
        let stage = Stage::new(views);
        let phones = match rewrite_staged(&stage, ctx, ids, run.from) {
            Ok(n) => n,
            Err(OpError::Tx(e)) => return Err(e.into()),
            Err(e) => return Err(sled::transaction::ConflictableTransactionError::Abort(e)),
        };
        if last {
            // The schema version was recorded by `begin`; the upgrade is done once the mark goes.
            stage.remove(T::Meta, UPGRADE_FROM);
            let done =
                Upgrade { phones: run.phones + phones, compacted: run.compacted + ids.len() as u64, ..run.clone() };
            let before = format!("schema version {}", run.from);
            stage.audit(ctx.now, &ctx.actor, "store.upgrade", "store".into(), before, done.to_string());
        }
        commit(stage)?;
        Ok(phones)
    });
    run.phones += unwrap_tx(result)?;
    run.compacted += ids.len() as u64;
    store.flush()?;
    Ok(())
}

/// Stages each member of `ids` again: with its new phone and phone key when that changes
/// (a store older than schema 2), else as it is, which writes it in its current form.
/// Returns how many phones changed.
fn rewrite_staged(stage: &Stage<'_>, ctx: &Ctx<'_>, ids: &[u64], from: u32) -> Result<u64, OpError> {
    let mut changed = 0;
    for id in ids {
        let Some(before) = stage.get::<Member>(T::Members, &keys::id(*id))? else { continue };
        match phone_fix(ctx, &before, from) {
            PhoneFix::Changed(e164) => {
                let after = Member { phone: Some(e164), ..before.clone() };
                member::write_keys(stage, Some(&before), &after);
                stage.put_member(ctx.config, &after)?;
                changed += 1;
            }
            PhoneFix::Same | PhoneFix::Invalid => stage.put(T::Members, &keys::id(*id), &before),
        }
    }
    Ok(changed)
}

/// Writes a backup of the store into its directory before the upgrade changes anything,
/// readable by its owner only. An upgrade under way ([`UPGRADE_FROM`]) keeps the one it
/// wrote before it began. A file of that name from an earlier upgrade (of a store since
/// restored from an older backup) is not the store as it is now: it is kept under a name
/// with the time it was set aside, and a new backup is written.
fn backup_before(store: &Store, now: i64) -> Result<PathBuf, OpError> {
    let path = store.path().join(format!("before-schema-{SCHEMA_VERSION}.backup"));
    let io = |what: StoreIo| move |source: std::io::Error| OpError::Store(StoreError::Io { what, source });
    if path.exists() {
        if store.tree(T::Meta).get(UPGRADE_FROM).map_err(StoreError::from)?.is_some() {
            return Ok(path);
        }
        let aside = store.path().join(format!("before-schema-{SCHEMA_VERSION}.set-aside-{now}.backup"));
        std::fs::rename(&path, &aside)
            .map_err(io(StoreIo::Rename { from: path.display().to_string(), to: aside.display().to_string() }))?;
    }
    // Written beside the target and renamed when complete, so a file of that name is
    // always a whole backup.
    let partial = path.with_extension("partial");
    let file = crate::store::perms::create_private(&partial)
        .map_err(io(StoreIo::Create { path: partial.display().to_string() }))?;
    crate::backup::write_backup(store, std::io::BufWriter::new(&file), now).map_err(|e| match e {
        crate::backup::BackupError::Store(s) => OpError::Store(s),
        other => OpError::Store(StoreError::Io {
            what: StoreIo::WriteBackup { path: partial.display().to_string() },
            source: std::io::Error::other(other.to_string()),
        }),
    })?;
    file.sync_all().map_err(io(StoreIo::WriteBackup { path: partial.display().to_string() }))?;
    std::fs::rename(&partial, &path)
        .map_err(io(StoreIo::Rename { from: partial.display().to_string(), to: path.display().to_string() }))?;
    Ok(path)
}

mod regroup;
pub(crate) use regroup::regroup;
#[cfg(test)]
mod tests;
