//! A driver signed in as a clerk (who sees contact data masked), and reading the audit
//! log of a driver's store.

use super::{Driver, Extra, config, now, template, today};
use frontdesk::app::action::Keymap;
use frontdesk::app::msg::{Done, JobResult, Msg};
use frontdesk::app::{Model, update};
use frontdesk::clock::FixedClock;
use frontdesk::domain::operator::{Actor, Role};
use frontdesk::i18n::{Lang, Texts};
use frontdesk::ops::query::{AuditFilter, audit_events};
use frontdesk::store::Store;
use frontdesk::worker::Worker;

impl Driver {
    /// A driver over a copy of the demo store, signed in as the clerk `cleo`, with the
    /// search box left.
    pub fn clerk() -> Driver {
        let t = template();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        super::copy_dir(&t.path, &path);
        let store = Store::open(&path, "test").expect("open store");
        let config = config();
        let keymap = Keymap::build(&config.ui.keys).expect("keymap");
        let texts = Texts::load(Lang::En);
        let model = Model::new(config.clone(), keymap, texts, today(), now().timestamp_millis(), "cleo".into(), false);
        let clock = Box::new(FixedClock { at: now(), date: today() });
        let actor = Actor { name: "cleo".into(), role: Role::Clerk };
        let worker = Worker::new(store, config, actor, clock, today());
        let extra: Extra = t.extra.clone();
        let mut d = Driver { model, worker, jobs: Vec::new(), demo_members: 40, extra, _dir: dir };
        let jobs = frontdesk::app::startup(&mut d.model);
        let ready = JobResult::Ready(d.worker.indexed());
        let _ = update(&mut d.model, Msg::Done(Done { generation: 0, result: ready }));
        d.run(jobs);
        d.model.message = None;
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
