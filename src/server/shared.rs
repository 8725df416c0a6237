//! What every connection of the server shares: the store, the rules and one search index
//! kept current after every write, whoever made it.

use frontdesk_core::config::Config;
use frontdesk_core::domain::member::Member;
use frontdesk_core::search::Entry;
use frontdesk_service::worker::{SharedIndex, prepare_search};
use frontdesk_store::store::{Store, T, decode_at};
use std::sync::{Arc, Mutex};

/// The server's shared state.
pub struct Shared {
    pub store: Arc<Store>,
    /// The server's rules (forwarded command lines run under them too).
    pub config: Arc<Config>,
    /// Search index over every member.
    pub index: SharedIndex,
}

impl Shared {
    /// Builds the index and starts keeping it current.
    ///
    /// Every write to a member, from a job, a command or a forwarded command line (an
    /// import, a batch …), changes its record in the members tree, so a subscription to
    /// that tree sees them all without each writer having to report what it touched. The
    /// subscription is taken before the index is built, so no write falls in between.
    pub fn new(store: Arc<Store>, config: Arc<Config>) -> Shared {
        // Every write of the process goes through one committer for these rules.
        frontdesk_store::ops::group::start(&store, config.clone());
        let events = store.tree(T::Members).watch_prefix(Vec::<u8>::new());
        let index: SharedIndex = Arc::new(Mutex::new(prepare_search(&store, &config)));
        let watched = index.clone();
        // The thread ends when the store closes (the subscription then ends).
        std::thread::spawn(move || {
            for event in events {
                // Only the event's own bytes are used: reading the store here could wait on
                // the writer that is waiting for this thread to take its event.
                if let sled::Event::Insert { key, value } = event
                    && let Ok(m) = decode_at::<Member>(T::Members, &key, &value)
                {
                    let entry = Entry::of(&m);
                    watched.lock().unwrap_or_else(std::sync::PoisonError::into_inner).upsert(entry);
                }
            }
        });
        Shared { store, config, index }
    }

    /// Members indexed.
    pub fn indexed(&self) -> usize {
        self.index.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len()
    }
}
