//! The worker: runs every job that touches the store, off the UI thread, and answers
//! with messages tagged by generation.

mod index;
mod reports;

pub use index::prepare_search;

use crate::jobs::{Done, Job, JobResult, MemberDetail, MemberRow};
use chrono::NaiveDate;
use frontdesk_core::clock::Clock;
use frontdesk_core::config::Config;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::i18n::Fault;
use frontdesk_core::i18n::errors::{DeskSays, ImportSays, Missing};
use frontdesk_core::search::{Entry, Index};
use frontdesk_store::ops::query::{self, ComplaintFilter};
use frontdesk_store::ops::view::MemberView;
use frontdesk_store::ops::{self, Ctx, MemberRef, Reply, masking};
use frontdesk_store::store::{Store, T, keys};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, MutexGuard};

/// Search results shown at most.
const SEARCH_LIMIT: usize = 50;

/// Days of the Summaries tab's birthday list (today and the next six days).
const BIRTHDAY_DAYS: u32 = 7;
/// Birthdays the Summaries view lists (the total counts all; the CLI lists all).
const BIRTHDAY_PAGE: usize = 500;
/// Members a segment list in the Summaries view shows (the segment size is in the report).
const LIST_PAGE: usize = 500;

/// The search index, shared by the connections of `frontdesk serve`.
pub type SharedIndex = Arc<Mutex<Index>>;

/// Runs jobs against a store and the in-memory search index (its own, or the ones
/// `frontdesk serve` shares between connections).
pub struct Worker {
    store: Arc<Store>,
    config: Arc<Config>,
    index: SharedIndex,
    actor: Actor,
    clock: Box<dyn Clock + Send>,
    today: NaiveDate,
    /// Whether this worker acts for an operator who signed in (rather than for whoever
    /// started the process on a store without operators).
    signed_in: bool,
    /// Checks that the store has no operators before each job: a served connection's
    /// server does it itself.
    check_operators: bool,
}

impl Worker {
    /// A worker over `store`; builds the search index from the members tree.
    pub fn new(
        store: Store,
        config: Arc<Config>,
        actor: Actor,
        clock: Box<dyn Clock + Send>,
        today: NaiveDate,
    ) -> Worker {
        let mut w = Worker::shared(Arc::new(store), SharedIndex::default(), config, actor, clock, today);
        w.check_operators = true;
        w.rebuild_index();
        w
    }

    /// A worker over a shared store and index (one per connection of `frontdesk serve`).
    pub fn shared(
        store: Arc<Store>,
        index: SharedIndex,
        config: Arc<Config>,
        actor: Actor,
        clock: Box<dyn Clock + Send>,
        today: NaiveDate,
    ) -> Worker {
        // A served connection signs in before it gets a worker, and the server checks the
        // store's operators for every request (see `server::conn`).
        Worker { store, config, index, actor, clock, today, signed_in: false, check_operators: false }
    }

    /// Members in the search index.
    pub fn indexed(&self) -> usize {
        self.index().len()
    }

    /// Acts as `actor` from now on (an operator signing in).
    pub fn set_actor(&mut self, actor: Actor) {
        self.actor = actor;
        self.signed_in = true;
    }

    /// The store the worker runs on.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Whether a job must wait for a sign-in: the store has operators (perhaps added from
    /// another terminal since this one opened) and nobody signed in here.
    fn needs_sign_in(&self) -> bool {
        self.check_operators && !self.signed_in && !self.store.tree(T::Operators).is_empty()
    }

    /// The index, locked. Never held while reading the store: a writer blocked on a full
    /// members subscription (see `server::shared`) would otherwise wait for this lock.
    fn index(&self) -> MutexGuard<'_, Index> {
        // The index is rebuilt whole or updated by one upsert; a panic elsewhere leaves it usable.
        self.index.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Rebuilds the index from the members tree, outside the lock, then swaps it in.
    pub(crate) fn rebuild_index(&self) {
        let index = prepare_search(&self.store, &self.config);
        *self.index() = index;
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx { config: &self.config, actor: self.actor.clone(), now: self.clock.now_ms(), today: self.today }
    }

    /// Serves jobs in order until the UI hangs up. A search that a newer one queued
    /// behind it replaces is skipped: the UI would drop its answer as stale anyway.
    pub fn run(mut self, jobs: Receiver<Job>, mut send: impl FnMut(Done)) {
        let mut pending: std::collections::VecDeque<Job> = std::collections::VecDeque::new();
        loop {
            let job = match pending.pop_front() {
                Some(job) => job,
                None => match jobs.recv() {
                    Ok(job) => job,
                    Err(_) => return,
                },
            };
            pending.extend(jobs.try_iter());
            let superseded =
                matches!(job, Job::Search { .. }) && pending.iter().any(|j| matches!(j, Job::Search { .. }));
            if !superseded {
                self.handle(job, &mut send);
            }
        }
    }

    /// Runs one job, sending one or more answers.
    pub fn handle(&mut self, job: Job, send: &mut dyn FnMut(Done)) {
        let answer = |generation: u64, result: JobResult| Done { generation, result };
        if !matches!(job, Job::SignIn { .. } | Job::SetUpAdmin { .. }) && self.needs_sign_in() {
            // Nothing runs as whoever started the process once operators exist: the desk
            // locks and asks for a sign-in.
            send(answer(job.generation(), JobResult::SignInRequired));
            return;
        }
        match job {
            Job::Search { generation, query } => send(answer(generation, self.search(&query))),
            Job::LoadMember { generation, id } => send(answer(generation, self.member(id))),
            Job::OpenCard { generation, card } => send(answer(generation, self.member_by_card(&card))),
            Job::Execute { generation, command, reload } => {
                let result = ops::execute(&self.store, &self.ctx(), &command);
                let (result, reload) = match result {
                    Ok(reply) => {
                        let touched = self.reindex(&reply);
                        (JobResult::Executed(Ok(Box::new(reply))), reload.or(touched))
                    }
                    Err(e) => (JobResult::Executed(Err(e.fault())), None),
                };
                send(answer(generation, result));
                if let Some(id) = reload {
                    send(answer(generation, self.member(id)));
                }
            }
            Job::LoadRewards { generation } => {
                let r = query::rewards(&self.store).map_or_else(|e| JobResult::Failed(e.fault()), JobResult::Rewards);
                send(answer(generation, r));
            }
            Job::LoadComplaints { generation, filter } => send(answer(generation, self.complaints(&filter))),
            Job::LoadOverview { generation } => {
                let r = query::overview(&self.store).map_or_else(|e| JobResult::Failed(e.fault()), JobResult::Overview);
                send(answer(generation, r));
            }
            Job::LoadReport { generation, kind, as_of, property } => {
                send(answer(generation, self.report(kind, as_of, property)));
            }
            Job::LoadMemberList { generation, request, as_of, property } => {
                send(answer(generation, self.member_list(&request, as_of, property.as_deref())));
            }
            Job::Import { generation, file, kind, mapping } => {
                let result = self.import(&file, &kind, mapping.as_deref());
                if result.is_ok() {
                    self.rebuild_index();
                }
                send(answer(generation, JobResult::Imported(result)));
            }
            Job::BuildDemo { generation, members } => {
                let ctx = self.ctx();
                let opts =
                    frontdesk_exchange::demo::options_for_total(&self.config, members, 42, ctx.today, ctx.now, true);
                let built = frontdesk_exchange::demo::build(&self.store, &self.config, &opts, &mut |_, _| {});
                let result = match built {
                    Ok(s) => {
                        self.rebuild_index();
                        JobResult::Demo(Ok(s.members + s.residents))
                    }
                    Err(e) => JobResult::Demo(Err(e.fault())),
                };
                send(answer(generation, result));
            }
            Job::LoadApprovals { generation, all } => {
                let list = query::approvals(&self.store, all, crate::jobs::QUEUE_LIMIT);
                send(answer(generation, list.map_or_else(|e| JobResult::Failed(e.fault()), JobResult::Approvals)));
            }
            Job::LoadPromotions { generation } => {
                let list = query::promotions(&self.store, self.today);
                send(answer(generation, list.map_or_else(|e| JobResult::Failed(e.fault()), JobResult::Promotions)));
            }
            Job::PreviewPromotions { generation, member_id, kind, date, tier_on, property, channel, base } => {
                let occasion = (kind.as_str(), date, tier_on, property.as_str(), channel.as_deref(), base);
                send(answer(generation, self.promotion_preview(member_id, occasion)));
            }
            Job::LoadAudit { generation, filter, limit } => send(answer(generation, self.audit(&filter, limit))),
            Job::SignIn { generation, login, pin } => {
                let result = self.sign_in(&login, &pin);
                send(answer(generation, JobResult::SignedIn(result)));
            }
            Job::SetUpAdmin { generation, login, name, pin } => {
                let result = self.set_up_admin(&login, &name, &pin);
                send(answer(generation, JobResult::SignedIn(result)));
            }
        }
    }

    /// Audit events for a manager or admin; refused below (the UI hides the view too).
    fn audit(&self, filter: &query::AuditFilter, limit: usize) -> JobResult {
        if self.actor.role < Role::Manager {
            return JobResult::Failed(DeskSays::AuditForManagers.into());
        }
        query::audit_events(&self.store, filter, limit).map_or_else(|e| JobResult::Failed(e.fault()), JobResult::Audit)
    }

    /// What the running promotions would add to an activity of `member_id`:
    /// (kind, date, the date whose tier counts, property, channel, base points).
    fn promotion_preview(
        &self,
        member_id: u64,
        (kind, date, tier_on, property, channel, base): (&str, NaiveDate, NaiveDate, &str, Option<&str>, i64),
    ) -> JobResult {
        let member = match self.store.get::<Member>(T::Members, &keys::id(member_id)) {
            Ok(Some(m)) => m,
            Ok(None) => return JobResult::Failed(Missing::MemberById { id: member_id }.into()),
            Err(e) => return JobResult::Failed(e.fault()),
        };
        let table = ops::view::tier_table(&self.config);
        let tier = table.code(table.rank_on(tier_on, &member.qual, member.tier_override.as_ref()));
        let occasion = frontdesk_core::domain::promotion::Occasion {
            kind,
            date,
            property,
            channel,
            tier,
            tags: &member.tags,
            base,
        };
        ops::promotion_preview(&self.store, member_id, &occasion)
            .map_or_else(|e| JobResult::Failed(e.fault()), JobResult::PromotionPreview)
    }

    /// Checks a PIN; on success the jobs that follow act as that operator.
    fn sign_in(&mut self, login: &str, pin: &str) -> Result<Actor, Fault> {
        let actor = ops::operator::sign_in(&self.store, &self.ctx(), login, pin, None).map_err(|e| e.fault())?;
        self.actor = actor.clone();
        self.signed_in = true;
        Ok(actor)
    }

    /// Creates the first administrator of a store without operators and signs them in.
    fn set_up_admin(&mut self, login: &str, name: &str, pin: &str) -> Result<Actor, Fault> {
        let pin_hash = ops::operator::pin::hash(pin)?;
        let new = ops::operator::NewOperator { login: login.into(), name: name.into(), role: Role::Admin, pin_hash };
        let reply = ops::execute(&self.store, &self.ctx(), &ops::Command::AddOperator(new)).map_err(|e| e.fault())?;
        let Reply::Operator(o) = reply else { return Err(DeskSays::NotAdded.into()) };
        self.actor = Actor { name: o.operator.login, role: Role::Admin };
        self.signed_in = true;
        Ok(self.actor.clone())
    }

    /// Imports a file; what it did, or why it could not run.
    fn import(
        &self,
        file: &std::path::Path,
        kind: &str,
        mapping: Option<&std::path::Path>,
    ) -> Result<crate::jobs::ImportDone, Fault> {
        let kind = frontdesk_exchange::import::Kind::parse(kind)
            .ok_or_else(|| ImportSays::NotImportKind { kind: kind.to_string() })?;
        let mut opts = frontdesk_exchange::import::Options::new(kind);
        opts.format = frontdesk_exchange::import::guess_format(file);
        opts.mapping = mapping.map(|p| frontdesk_exchange::import::load_mapping(p, kind)).transpose()?;
        let input = frontdesk_exchange::import::Input::Path(file.to_path_buf());
        let summary = frontdesk_exchange::import::run(&self.store, &self.ctx(), &input, &opts, &mut |_| {})
            .map_err(|e| e.fault())?;
        let from = serde_json::to_value(summary.encoding_from).ok().and_then(|v| v.as_str().map(str::to_string));
        Ok(crate::jobs::ImportDone {
            read: summary.read,
            applied: summary.applied,
            duplicates: summary.duplicates,
            rejected: summary.rejected,
            without_key: summary.members_without_key,
            phones_as_written: summary.phones_as_written,
            encoding: summary.encoding,
            encoding_from: from.unwrap_or_default(),
        })
    }

    /// Keeps the search index in step with a write; returns the member it touched.
    fn reindex(&mut self, reply: &Reply) -> Option<u64> {
        let card = match reply {
            Reply::Member(o) => &o.member.card,
            Reply::Stay(o) => &o.member.card,
            Reply::Points(o) => &o.member.card,
            Reply::Redemption(o) => &o.member.card,
            Reply::Expired(o) => &o.member.card,
            Reply::Complaint(o) => o.complaint.card.as_ref()?,
            Reply::Approval(o) => &o.member.as_ref()?.card,
            Reply::Activity(o) => &o.member.card,
            Reply::Reward(_) | Reply::Restored(_) | Reply::Operator(_) | Reply::Contact(_) | Reply::Promotion(_) => {
                return None;
            }
        };
        let m = ops::member_lookup(&self.store, &MemberRef::Card(card.clone())).ok().flatten()?;
        self.index().upsert(Entry::of(&m));
        Some(m.id)
    }

    fn search(&mut self, q: &str) -> JobResult {
        let mut rows = Vec::new();
        let phones = frontdesk_core::domain::phone::query_digits(q, &self.config.phone_countries());
        let hits = self.index().search_with_phones(q, &phones, SEARCH_LIMIT);
        for (id, matched) in hits {
            match self.store.get::<Member>(T::Members, &keys::id(id)) {
                Ok(Some(m)) => {
                    let mut view = MemberView::on(&self.config, self.today, &m);
                    masking::view(self.actor.role, &mut view);
                    rows.push(MemberRow { id, view, matched });
                }
                Ok(None) => {}
                Err(e) => return JobResult::Failed(e.fault()),
            }
        }
        JobResult::Found(rows)
    }

    /// The member holding `card`, loaded as [`Worker::member`] loads one.
    fn member_by_card(&self, card: &str) -> JobResult {
        match ops::member_lookup(&self.store, &MemberRef::Card(card.to_string())) {
            Ok(Some(m)) => self.member(m.id),
            Ok(None) => JobResult::Failed(DeskSays::NoCard { card: card.to_string() }.into()),
            Err(e) => JobResult::Failed(e.fault()),
        }
    }

    fn member(&self, id: u64) -> JobResult {
        let load = || -> Result<MemberDetail, ops::OpError> {
            let mut member = self
                .store
                .get::<Member>(T::Members, &keys::id(id))?
                .ok_or_else(|| ops::OpError::NotFound(Missing::MemberGone { id }))?;
            let filter = ComplaintFilter { member_id: Some(id), ..ComplaintFilter::default() };
            let mut view = MemberView::on(&self.config, self.today, &member);
            // Clerks get contact data masked here, before it reaches the UI thread.
            masking::view(self.actor.role, &mut view);
            masking::member(self.actor.role, &mut member);
            Ok(MemberDetail {
                view,
                stays: query::stays_of(&self.store, id, 100)?,
                ledger: query::ledger_of(&self.store, id, 200)?,
                redemptions: query::redemptions_of(&self.store, id)?,
                complaints: query::complaints(&self.store, &filter)?,
                residence: ops::residence::residence_of(&self.store, id)?,
                activities: query::activities_of(&self.store, id, 100)?,
                member,
            })
        };
        load().map_or_else(|e| JobResult::Failed(e.fault()), |d| JobResult::Member(Box::new(d)))
    }
}
