//! Shared by the TUI tests: a seeded demo store at a fixed clock, a driver that owns a
//! `Worker` and a `Model` and runs every job synchronously, and a text renderer over
//! ratatui's `TestBackend`.

use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use frontdesk_core::clock::FixedClock;
use frontdesk_core::config::Config;
use frontdesk_core::domain::member::Member;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::i18n::{Lang, Texts};
use frontdesk_exchange::demo::{self, DemoOptions};
use frontdesk_service::jobs::{Done, Job, JobResult, MemberDetail};
use frontdesk_service::worker::Worker;
use frontdesk_store::ops::{self, Command, Ctx, NewMember, Reply};
use frontdesk_store::store::{Store, T, codec, keys};
use frontdesk_tui::app::keymap::Keymap;
use frontdesk_tui::app::msg::Msg;
use frontdesk_tui::app::{Model, update};
use frontdesk_tui::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

#[path = "../../common/cli.rs"]
#[allow(dead_code, reason = "shared with the CLI tests; here only `serve` runs the binary with it")]
pub mod cli;
mod files;
mod privacy;
#[path = "../../common/pty.rs"]
pub mod pty;
mod reader;
#[cfg(unix)]
#[path = "../../common/serve.rs"]
#[allow(dead_code, reason = "shared with the serve tests; a served desk is not killed here")]
pub mod serve;
pub mod session;
mod summaries;
use files::copy_dir;
use std::sync::{Arc, OnceLock};
use unicode_width::UnicodeWidthStr;

/// The business date of every test.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// Now: 2026-11-23T10:00:00Z.
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").expect("valid instant").with_timezone(&Utc)
}

/// The built-in configuration.
pub fn config() -> Arc<Config> {
    Arc::new(Config::builtin().expect("built-in config"))
}

fn actor() -> Actor {
    Actor { name: "ana".into(), role: Role::Manager }
}

/// Name of the Chinese member added on top of the demo data.
pub const CHINESE: &str = "张三";
/// The hostile name as stored: an ANSI colour escape, a right-to-left override and a bell.
pub const HOSTILE: &str = "Mallory\u{1b}[31mRed\u{202e}evil\u{7}Bell";
/// Something to type to find the Latin test member.
pub const LATIN: &str = "Ingrid Halvorsen";

/// Cards of the members added for the tests (issued by the store).
#[derive(Debug, Clone, Default)]
pub struct Extra {
    /// Card of 张三.
    pub chinese: String,
    /// Card of the hostile-name member.
    pub hostile: String,
    /// Card of the Latin-name member.
    pub latin: String,
}

struct Template {
    _dir: tempfile::TempDir,
    path: PathBuf,
    extra: Extra,
}

fn add(store: &Store, ctx: &Ctx<'_>, name: &str, phone: Option<&str>) -> Member {
    let input = NewMember {
        card: None,
        name: name.into(),
        email: None,
        phone: phone.map(str::to_string),
        birthday: NaiveDate::from_ymd_opt(1984, 11, 26),
        property: None,
        channel: "desk".into(),
        enrolled_on: None,
        external_ref: None,
    };
    let reply = ops::execute(store, ctx, &Command::AddMember(input)).expect("add member");
    let Reply::Member(v) = reply else { panic!("unexpected reply {reply:?}") };
    let found = ops::member_lookup(store, &ops::MemberRef::Card(v.member.card.clone())).expect("lookup");
    found.expect("member just added")
}

/// Builds the demo store once per test binary, closed, to be copied by each test.
fn template() -> &'static Template {
    static T_: OnceLock<Template> = OnceLock::new();
    T_.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        let extra = {
            let store = Store::open(&path, "test").expect("open store");
            let config = config();
            let opts =
                DemoOptions { members: 300, seed: 7, today: today(), now_ms: now().timestamp_millis(), managed: true };
            demo::build(&store, &config, &opts, &mut |_, _| {}).expect("demo build");
            let ctx = Ctx { config: &config, actor: actor(), now: now().timestamp_millis(), today: today() };
            let chinese = add(&store, &ctx, CHINESE, Some("+86 138 0013 5678"));
            let latin = add(&store, &ctx, LATIN, Some("+47 912 34 567"));
            // ops strips control characters from names, so the hostile text is written
            // straight into the record, as an older build or another writer could have.
            let mut hostile = add(&store, &ctx, "Mallory", None);
            hostile.name = HOSTILE.into();
            hostile.notes = "VIP\u{1b}]0;pwned\u{7} \u{202e}note".into();
            store.tree(T::Members).insert(keys::id(hostile.id), codec::encode(&hostile)).expect("write member");
            store.flush().expect("flush");
            Extra { chinese: chinese.card, hostile: hostile.card, latin: latin.card }
        };
        Template { _dir: dir, path, extra }
    })
}

/// The model, its worker and the store behind them.
pub struct Driver {
    /// The state under test.
    pub model: Model,
    /// Runs the jobs.
    pub worker: Worker,
    /// Every job run so far, in order.
    pub jobs: Vec<Job>,
    /// Members the welcome screen's demo build creates (the real one makes 2,000).
    pub demo_members: u64,
    /// Cards of the extra members (empty for an empty store).
    pub extra: Extra,
    _dir: tempfile::TempDir,
}

impl Driver {
    /// A demo driver with the search box left, so single keys act as commands.
    pub fn idle() -> Driver {
        let mut d = Driver::demo(Lang::En);
        d.press(KeyCode::Esc);
        assert!(!d.model.members.typing);
        d
    }

    /// The card of a demo member with many stays and points (deterministic: seed 7).
    pub fn busiest_card(&mut self) -> String {
        self.press(KeyCode::Char('1'));
        self.press(KeyCode::Char('/'));
        self.ctrl('u');
        self.type_str("an");
        let best = self.model.members.rows.iter().max_by_key(|r| (r.view.stays, r.view.card.clone()));
        best.map(|r| r.view.card.clone()).expect("a member with stays")
    }

    /// Opens the busiest member; returns their id.
    pub fn open_busy(&mut self) -> u64 {
        let card = self.busiest_card();
        self.open_member(&card);
        self.model.member_id().expect("member loaded")
    }

    /// The topmost popup.
    pub fn top(&self) -> Option<&frontdesk_tui::app::Popup> {
        self.model.popups.last()
    }

    /// The form on top, or a failure naming what is there instead.
    pub fn form(&self) -> &frontdesk_tui::app::form::Form<frontdesk_tui::app::FormKind> {
        match self.top() {
            Some(frontdesk_tui::app::Popup::Form(f)) => f,
            other => panic!("expected a form on top, got {other:?}"),
        }
    }

    /// A driver over a copy of the seeded demo store.
    pub fn demo(lang: Lang) -> Driver {
        let t = template();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        copy_dir(&t.path, &path);
        Driver::open(dir, &path, lang, t.extra.clone())
    }

    /// An idle driver over a copy of the seeded demo store after `report rebuild` (the
    /// counters, and the RFM and cohort snapshot for today).
    pub fn rebuilt() -> Driver {
        Driver::rebuilt_in(Lang::En)
    }

    /// [`Driver::rebuilt`] in `lang`.
    pub fn rebuilt_in(lang: Lang) -> Driver {
        let (t, dir) = (template(), tempfile::tempdir().expect("tempdir"));
        let path = dir.path().join("store");
        copy_dir(&t.path, &path);
        {
            let store = Store::open(&path, "test").expect("open store");
            ops::rebuild_facts(&store, &config()).expect("rebuild");
            ops::refresh_snapshot(&store, today(), now().timestamp_millis()).expect("snapshot");
        }
        let mut d = Driver::open(dir, &path, lang, t.extra.clone());
        d.press(KeyCode::Esc);
        d
    }

    /// A driver over an empty store (the welcome screen).
    pub fn empty(lang: Lang) -> Driver {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        Driver::open(dir, &path, lang, Extra::default())
    }

    fn open(dir: tempfile::TempDir, path: &Path, lang: Lang, extra: Extra) -> Driver {
        Driver::open_as(dir, path, lang, extra, actor())
    }

    /// A driver whose worker acts as `actor` (the model shows their name).
    fn open_as(dir: tempfile::TempDir, path: &Path, lang: Lang, extra: Extra, actor: Actor) -> Driver {
        let store = Store::open(path, "test").expect("open store");
        let config = config();
        let empty = store.tree(T::Members).is_empty();
        let keymap = Keymap::build(&config.ui.keys).expect("keymap");
        let model = Model::new(
            config.clone(),
            keymap,
            Texts::load(lang),
            today(),
            now().timestamp_millis(),
            actor.name.clone(),
            empty,
        );
        let mut model = model;
        model.role = actor.role;
        let clock = Box::new(FixedClock { at: now(), date: today() });
        let worker = Worker::new(store, config, actor, clock, today());
        let mut d = Driver { model, worker, jobs: Vec::new(), demo_members: 40, extra, _dir: dir };
        let jobs = frontdesk_tui::app::startup(&mut d.model);
        // As the terminal UI does: the worker reports its index, then serves jobs.
        let ready = JobResult::Ready(d.worker.indexed());
        let _ = update(&mut d.model, Msg::Done(Done { generation: 0, result: ready }));
        d.run(jobs);
        d.model.message = None;
        d
    }

    /// Member `id` as the store holds it now (read through the worker, not the model).
    pub fn stored_member(&mut self, id: u64) -> MemberDetail {
        let answers = self.answers(Job::LoadMember { generation: 0, id });
        match answers.into_iter().next() {
            Some(Msg::Done(Done { result: JobResult::Member(d), .. })) => *d,
            other => panic!("member {id} did not load: {other:?}"),
        }
    }

    /// Runs one job on the worker and returns its answers without applying them.
    pub fn answers(&mut self, job: Job) -> Vec<Msg> {
        let job = match job {
            Job::BuildDemo { generation, .. } => Job::BuildDemo { generation, members: self.demo_members },
            other => other,
        };
        self.jobs.push(job.clone());
        let mut out = Vec::new();
        self.worker.handle(job, &mut |done| out.push(Msg::Done(done)));
        out
    }

    /// Runs jobs and feeds their answers back until nothing is left to do.
    pub fn run(&mut self, jobs: Vec<Job>) {
        let mut queue: VecDeque<Job> = jobs.into();
        while let Some(job) = queue.pop_front() {
            for answer in self.answers(job) {
                queue.extend(update(&mut self.model, answer));
            }
        }
    }

    /// Applies a message and runs everything it leads to.
    pub fn send(&mut self, msg: Msg) {
        let jobs = update(&mut self.model, msg);
        self.run(jobs);
    }

    /// Applies a message and returns its jobs without running them.
    pub fn send_held(&mut self, msg: Msg) -> Vec<Job> {
        update(&mut self.model, msg)
    }

    /// Presses a key without modifiers.
    pub fn press(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Presses a key with CONTROL.
    pub fn ctrl(&mut self, c: char) {
        self.send(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    }

    /// Types text key by key.
    pub fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Pastes text (bracketed paste).
    pub fn paste(&mut self, s: &str) {
        self.send(Msg::Paste(s.to_string()));
    }

    /// Searches from the Members tab and opens the first hit.
    pub fn open_member(&mut self, query: &str) {
        self.press(KeyCode::Char('1'));
        self.press(KeyCode::Char('/'));
        self.ctrl('u');
        self.type_str(query);
        assert!(!self.model.members.rows.is_empty(), "no member found for {query:?}");
        self.press(KeyCode::Enter);
        assert!(self.model.detail.is_some(), "member {query:?} did not load");
    }

    /// Draws the screen at `w`×`h` and returns it as text.
    pub fn render(&mut self, w: u16, h: u16, theme: &Theme) -> String {
        screen_text(&self.draw(w, h, theme))
    }

    /// Draws the screen at `w`×`h` and returns the buffer.
    pub fn draw(&mut self, w: u16, h: u16, theme: &Theme) -> Buffer {
        self.send(Msg::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        terminal.draw(|f| frontdesk_tui::ui::view(&self.model, theme, f)).expect("draw");
        terminal.backend().buffer().clone()
    }
}

/// The no-colour theme (as under `NO_COLOR`).
/// A plain key press.
pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn plain() -> Theme {
    Theme { color: false, ..Theme::default() }
}

/// The buffer as lines of text, wide characters once, trailing blanks trimmed.
/// Panics when a wide character hides a non-blank cell (something was overdrawn).
pub fn screen_text(buf: &Buffer) -> String {
    let width = usize::from(buf.area.width);
    let mut out = String::new();
    for (y, cells) in buf.content.chunks(width).enumerate() {
        let mut line = String::new();
        let mut skip = 0usize;
        for (x, c) in cells.iter().enumerate() {
            let sym = c.symbol();
            if skip == 0 {
                line.push_str(sym);
            } else {
                assert!(sym == " " || sym.is_empty(), "row {y} col {x}: `{sym}` hidden under a wide character");
            }
            skip = skip.max(UnicodeWidthStr::width(sym)).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The colour theme (16 colours, the default).
pub fn colour() -> Theme {
    Theme::default()
}

/// The screen as text followed by its style runs, one line per run of equally styled
/// cells that differ from the default: `row 3 cols 2-11: fg Cyan, bold`.
pub fn styled_text(buf: &Buffer) -> String {
    use ratatui::style::{Color, Modifier};
    let mut out = screen_text(buf);
    out.push_str("--- styles\n");
    let width = usize::from(buf.area.width);
    let describe = |fg: Color, bg: Color, m: Modifier| {
        let mut parts = Vec::new();
        if fg != Color::Reset {
            parts.push(format!("fg {fg:?}"));
        }
        if bg != Color::Reset {
            parts.push(format!("bg {bg:?}"));
        }
        for (flag, name) in [(Modifier::BOLD, "bold"), (Modifier::REVERSED, "reversed"), (Modifier::DIM, "dim")] {
            if m.contains(flag) {
                parts.push(name.to_string());
            }
        }
        parts.join(", ")
    };
    for (y, cells) in buf.content.chunks(width).enumerate() {
        let mut x = 0;
        while x < cells.len() {
            let c = &cells[x];
            let style = describe(c.fg, c.bg, c.modifier);
            let start = x;
            while x < cells.len() && describe(cells[x].fg, cells[x].bg, cells[x].modifier) == style {
                x += 1;
            }
            if !style.is_empty() {
                out.push_str(&format!("row {y} cols {start}-{}: {style}\n", x - 1));
            }
        }
    }
    out
}
