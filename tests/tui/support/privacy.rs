//! A driver signed in as a clerk (who sees contact data masked), and reading the audit
//! log of a driver's store.

use super::{Driver, template};
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::i18n::Lang;
use frontdesk_store::ops::query::{AuditFilter, audit_events};
use frontdesk_store::store::Store;

impl Driver {
    /// A driver over a copy of the demo store, signed in as the clerk `cleo`, with the
    /// search box left.
    pub fn clerk() -> Driver {
        let t = template();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        super::copy_dir(&t.path, &path);
        let actor = Actor { name: "cleo".into(), role: Role::Clerk };
        let mut d = Driver::open_as(dir, &path, Lang::En, t.extra.clone(), actor);
        d.press(crossterm::event::KeyCode::Esc);
        d
    }

    /// Closes the store and returns the commands of its audit events about `card`,
    /// newest first.
    pub fn audit_of(self, card: &str) -> Vec<String> {
        let Driver { worker, _dir, .. } = self;
        drop(worker);
        let store = Store::open(&_dir.path().join("store"), "test").expect("reopen store");
        let filter = AuditFilter { member_card: Some(card.into()), ..AuditFilter::default() };
        audit_events(&store, &filter, 1000).expect("audit").into_iter().map(|e| e.command).collect()
    }
}
