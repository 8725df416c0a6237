//! Building the search index at start-up (the terminal UI's worker, `frontdesk serve`).

use frontdesk_core::config::Config;
use frontdesk_core::search::{Entry, Index};
use frontdesk_store::store::Store;

/// Threads that read the members at most: reading and decoding them is most of the time
/// before the desk can search.
const READERS: u64 = 4;

/// The search index over every member of `store`, read on up to [`READERS`] threads and
/// indexed in id order: the same index one scan builds.
fn build_index(store: &Store) -> Index {
    let readers = std::thread::available_parallelism().map_or(1, |n| n.get() as u64).clamp(1, READERS);
    store.map_members(readers, Entry::of).into_iter().collect()
}

/// What search needs before the first keystroke: the index, and the phone rules, which
/// load their metadata on first use (a tenth of a second), on a thread of their own beside
/// the index so that the first search does not wait for them.
pub fn prepare_search(store: &Store, config: &Config) -> Index {
    let countries = config.phone_countries();
    std::thread::scope(|scope| {
        // Without a thread the rules load at the first search instead.
        let _ = std::thread::Builder::new().spawn_scoped(scope, || frontdesk_core::domain::phone::warm_up(&countries));
        build_index(store)
    })
}
