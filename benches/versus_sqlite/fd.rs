//! The frontdesk side: exactly what the CLI and the terminal UI run.
//!
//! * bulk import: `import::run` over the members file, then the stays file — the code of
//!   `frontdesk import members FILE` and `frontdesk import stays FILE` (batches of 1,000
//!   rows, one sled transaction and one flush each, counters kept in the same transaction);
//! * durable post: `ops::execute(Command::PostStay)` — one transaction, then a flush, as
//!   `frontdesk stay post` and the UI's worker do;
//! * lookups: `ops::member_lookup` by card and `query::find_members` by phone tail and by
//!   name (what `frontdesk member find` runs), plus the UI's in-memory `search::Index`
//!   (built by `worker::prepare_search`, as the UI and `serve` build it);
//! * summaries: the `report::analytics` views the Summaries panel and `frontdesk report` load.

use super::Post;
use frontdesk_core::config::Config;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_exchange::import::{self, Input, Kind, Options};
use frontdesk_store::ops::{self, Command, Ctx, MemberRef, StayInput, query};
use frontdesk_store::report::analytics as reports;
use frontdesk_store::store::{Store, StoreError, T, keys};
use std::path::Path;
use std::time::{Duration, Instant};

/// Imports one file of `kind` as the CLI does; (seconds, rows applied).
pub fn import(store: &Store, ctx: &Ctx<'_>, file: &Path, kind: Kind) -> (Duration, u64) {
    let started = Instant::now();
    let summary =
        import::run(store, ctx, &Input::Path(file.to_path_buf()), &Options::new(kind), &mut |_| {}).expect("import");
    let took = started.elapsed();
    assert_eq!(summary.rejected, 0, "frontdesk rejected rows of {}", file.display());
    (took, summary.applied)
}

/// Posts each stay as its own durable command; the latency of each.
pub fn post(store: &Store, ctx: &Ctx<'_>, posts: &[Post]) -> Vec<Duration> {
    posts
        .iter()
        .map(|p| {
            let cmd = Command::PostStay(StayInput {
                member: MemberRef::Card(p.card.clone()),
                property: Some(p.property.clone()),
                arrival: p.arrival,
                departure: p.departure,
                revenue_minor: p.revenue_minor,
                channel: p.channel.clone(),
                status: StayStatus::Completed,
                external_ref: Some(p.external_ref.clone()),
            });
            let t = Instant::now();
            ops::execute(store, ctx, &cmd).expect("stay posted");
            t.elapsed()
        })
        .collect()
}

/// `member find CARD` → one member.
pub fn by_card(store: &Store, card: &str) -> usize {
    usize::from(ops::member_lookup(store, &MemberRef::Card(card.to_string())).expect("lookup").is_some())
}

/// The built-in rules `member find` reads phone queries with, loaded once: the lookups
/// time the store, not the parsing of the configuration.
fn rules() -> &'static Config {
    static RULES: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Config::builtin().expect("built-in config is valid"))
}

/// `member find TAIL` (phone tail) → up to 20 members, read whole.
pub fn by_phone_tail(store: &Store, tail: &str) -> usize {
    query::find_members(store, rules(), tail, 20).expect("find").len()
}

/// `member find NAME` → up to 20 members (a scan of the members tree: sled has no
/// secondary index on names).
pub fn by_name(store: &Store, prefix: &str) -> usize {
    query::find_members(store, rules(), prefix, 20).expect("find").len()
}

/// The terminal UI's in-memory index, built from one scan of the members tree.
pub struct UiIndex {
    pub index: frontdesk_core::search::Index,
    pub built_in: Duration,
}

impl UiIndex {
    /// The index as the terminal UI's worker and `serve` build it at start-up.
    pub fn build(store: &Store, config: &Config) -> UiIndex {
        let started = Instant::now();
        let index = frontdesk_service::worker::prepare_search(store, config);
        UiIndex { index, built_in: started.elapsed() }
    }

    /// What a keystroke costs in the UI: index search plus reading the first 20 rows.
    pub fn search(&mut self, store: &Store, query: &str) -> usize {
        self.index
            .search(query, 20)
            .into_iter()
            .filter_map(|(id, _)| store.get::<Member>(T::Members, &keys::id(id)).ok().flatten())
            .count()
    }
}

type View<'a> = Box<dyn Fn() -> Result<usize, StoreError> + 'a>;

/// The summaries frontdesk keeps counters for, by name.
pub fn summaries<'a>(
    store: &'a Store,
    config: &'a Config,
    ctx_today: chrono::NaiveDate,
) -> Vec<(&'static str, View<'a>)> {
    let (s, c, d) = (store, config, ctx_today);
    vec![
        ("tiers", Box::new(move || reports::tiers(s, c, d, None).map(|r| r.tiers.len()))),
        ("retention", Box::new(move || reports::retention(s, c, d, None).map(|r| r.stays.len()))),
        ("liability", Box::new(move || reports::liability(s, c, d, None).map(|_| 1))),
    ]
}
