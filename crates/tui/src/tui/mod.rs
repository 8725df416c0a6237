//! The terminal: setup and restore (also on error and panic), and the event loop that
//! feeds `update` and the worker.

pub mod log;
pub mod remote;

use crate::app::keymap::Keymap;
use crate::app::msg::{Done, Job, JobResult, Msg};
use crate::app::scan::Scanner;
use crate::app::session::{Session, SignInForm};
use crate::app::{Model, update};
use crate::ui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use frontdesk_core::clock::Clock;
use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::Actor;
use frontdesk_core::i18n::Texts;
use frontdesk_core::i18n::errors::CliSays;
use frontdesk_service::worker::Worker;
use frontdesk_store::store::{Store, T};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{IsTerminal, Stdout};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How often the event loop tells the model the time (idle lock, SLA clocks).
const TICK: Duration = Duration::from_secs(1);

/// What the TUI needs to start.
pub struct Options {
    /// Rules.
    pub config: Arc<Config>,
    /// The store: opened here, or served.
    pub store: Backend,
    /// Who is at the desk.
    pub actor: Actor,
    /// Clock for instants.
    pub clock: Box<dyn Clock + Send>,
    /// Business date.
    pub today: NaiveDate,
    /// ASCII borders.
    pub ascii: bool,
    /// Login to fill in on the sign-in screen (from `--operator`).
    pub login_hint: Option<String>,
    /// A warning to show on the status line at start, e.g. that the store's files are open
    /// to other local users.
    pub notice: Option<CliSays>,
}

/// Where the TUI's jobs run.
pub enum Backend {
    /// A store this process opened: a worker thread runs the jobs.
    Local(Store),
    /// A store `frontdesk serve` owns: the jobs go over its socket.
    Served(remote::Connection),
}

/// Whether both stdin and stdout are terminals.
pub fn is_tty() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// The theme from the configuration and the environment (`NO_COLOR`).
pub fn theme(config: &Config, ascii: bool) -> Theme {
    let mut t = Theme {
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        ascii: ascii || config.ui.ascii,
        ..Theme::default()
    };
    let pick = |name: &str, default| Theme::color(name).unwrap_or(default);
    t.accent = pick(&config.ui.theme.accent, t.accent);
    t.error = pick(&config.ui.theme.error, t.error);
    t.warn = pick(&config.ui.theme.warn, t.warn);
    t.ok = pick(&config.ui.theme.ok, t.ok);
    t.dim = pick(&config.ui.theme.dim, t.dim);
    t
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(std::io::stdout(), DisableBracketedPaste, LeaveAlternateScreen, crossterm::cursor::Show);
}

/// Runs the TUI until the user quits.
pub fn run(opts: Options) -> Result<(), CliSays> {
    let mut keymap = Keymap::build(&opts.config.ui.keys).map_err(|e| CliSays::Keys { issues: e.join("\n") })?;
    let texts = Texts::for_setting(&opts.config.ui.language);
    let theme = theme(&opts.config, opts.ascii);
    keymap.ascii = theme.ascii;
    let (empty, operators, state) = match &opts.store {
        Backend::Local(store) => {
            (store.tree(T::Members).is_empty(), !store.tree(T::Operators).is_empty(), crate::app::StoreState::Local)
        }
        Backend::Served(conn) => (conn.members == 0, conn.operators, crate::app::StoreState::Served),
    };
    let now = opts.clock.now_ms();
    let mut model = Model::new(opts.config.clone(), keymap, texts, opts.today, now, opts.actor.name.clone(), empty);
    model.store_state = state;
    model.operators_exist = operators;
    if let Some(notice) = &opts.notice {
        let text = model.texts.say(notice);
        model.say(text, true);
    }
    // Without operators the terminal user acts in the role given (`--role`, admin by
    // default); once somebody signs in, their stored role.
    model.role = opts.actor.role;
    model.session = if operators {
        Session::Login(SignInForm::for_login(opts.login_hint.as_deref().unwrap_or("")))
    } else if empty {
        Session::Setup(SignInForm::default())
    } else {
        Session::Open
    };
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let (wake_tx, wake_rx) = mpsc::channel::<Wake>();
    let (config, store, actor, clock, today) = (opts.config, opts.store, opts.actor, opts.clock, opts.today);
    let answers = wake_tx.clone();
    let worker = std::thread::spawn(move || {
        let send = move |msg: Msg| {
            let _ = answers.send(Wake::App(msg));
        };
        match store {
            Backend::Local(store) => {
                let worker = Worker::new(store, config, actor, clock, today);
                send(Msg::Done(Done { generation: 0, result: JobResult::Ready(worker.indexed()) }));
                worker.run(job_rx, move |done| send(Msg::Done(done)));
            }
            Backend::Served(conn) => remote::run(conn, job_rx, send),
        }
    });

    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode().map_err(|e| CliSays::RawMode { error: e.to_string() })?;
    let mut stdout = std::io::stdout();
    if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
        restore();
        return Err(CliSays::SetUpTerminal { error: e.to_string() });
    }
    // Keys are read on their own thread and arrive on the same channel as the worker's
    // answers: the loop wakes for whichever comes first.
    std::thread::spawn(move || read_terminal(&wake_tx));
    let result = match Terminal::new(CrosstermBackend::new(stdout)) {
        Ok(mut terminal) => {
            let clock =
                frontdesk_core::clock::from_env().unwrap_or_else(|_| Box::new(frontdesk_core::clock::SystemClock));
            event_loop(&mut terminal, &mut model, &theme, (&job_tx, &wake_rx), clock.as_ref())
        }
        Err(e) => Err(CliSays::SetUpTerminal { error: e.to_string() }),
    };
    restore();
    drop(job_tx);
    let _ = worker.join();
    result
}

/// What wakes the event loop.
enum Wake {
    /// A terminal event, with when it was read.
    Term(Event, Instant),
    /// The terminal could not be read.
    TermFailed(String),
    /// A worker answer or news of the server.
    App(Msg),
}

/// Reads terminal events until the loop hangs up.
fn read_terminal(out: &mpsc::Sender<Wake>) {
    loop {
        let wake = match event::read() {
            Ok(e) => Wake::Term(e, Instant::now()),
            Err(e) => Wake::TermFailed(e.to_string()),
        };
        let failed = matches!(wake, Wake::TermFailed(_));
        if out.send(wake).is_err() || failed {
            return;
        }
    }
}

/// Milliseconds since `origin`, for the card reader's timing.
fn ms_since(origin: Instant, at: Instant) -> i64 {
    i64::try_from(at.saturating_duration_since(origin).as_millis()).unwrap_or(i64::MAX)
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    model: &mut Model,
    theme: &Theme,
    (jobs, wakes): (&mpsc::Sender<Job>, &mpsc::Receiver<Wake>),
    clock: &dyn Clock,
) -> Result<(), CliSays> {
    if let Ok(size) = terminal.size() {
        model.size = (size.width, size.height);
    }
    let send = |list: Vec<Job>| {
        for j in list {
            let _ = jobs.send(j);
        }
    };
    send(crate::app::startup(model));
    let origin = Instant::now();
    let mut scanner = Scanner::default();
    let mut next_tick = Instant::now() + TICK;
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| crate::ui::view(model, theme, f)).map_err(|e| CliSays::Draw { error: e.to_string() })?;
            dirty = false;
        }
        if model.quit {
            return Ok(());
        }
        let burst_end = scanner.deadline().map(|d| origin + Duration::from_millis(u64::try_from(d).unwrap_or(0)));
        let wake_at = burst_end.map_or(next_tick, |b| b.min(next_tick));
        let first = match wakes.recv_timeout(wake_at.saturating_duration_since(Instant::now())) {
            Ok(w) => Some(w),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Err(CliSays::ReaderStopped),
        };
        // Everything already waiting is applied before the next frame is drawn.
        for wake in first.into_iter().chain(std::iter::from_fn(|| wakes.try_recv().ok())) {
            let msgs = match wake {
                Wake::Term(Event::Key(k), at) if k.kind != KeyEventKind::Release => {
                    scanner.push(k, ms_since(origin, at), model.focus().takes_text())
                }
                Wake::Term(Event::Paste(s), _) => vec![Msg::Paste(s)],
                Wake::Term(Event::Resize(w, h), _) => vec![Msg::Resize(w, h)],
                Wake::Term(_, _) => Vec::new(),
                Wake::TermFailed(e) => return Err(CliSays::ReadTerminal { error: e }),
                Wake::App(msg) => vec![msg],
            };
            for msg in msgs {
                send(update(model, msg));
                dirty = true;
            }
        }
        for msg in scanner.expire(ms_since(origin, Instant::now())) {
            send(update(model, msg));
            dirty = true;
        }
        if Instant::now() >= next_tick {
            next_tick = Instant::now() + TICK;
            let before = (model.now / 60_000, model.session.clone());
            send(update(model, Msg::Tick(clock.now_ms())));
            // The SLA clocks show minutes; the idle lock changes the screen.
            dirty |= before != (model.now / 60_000, model.session.clone());
        }
    }
}
