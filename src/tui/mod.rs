//! The terminal: setup and restore (also on error and panic), and the event loop that
//! feeds `update` and the worker.

pub mod log;
pub mod remote;

use crate::app::action::Keymap;
use crate::app::msg::{Done, Job, JobResult, Msg};
use crate::app::session::{Session, SignInForm};
use crate::app::{Model, update};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::operator::Actor;
use crate::i18n::{Lang, Texts};
use crate::store::{Store, T};
use crate::ui::theme::Theme;
use crate::worker::Worker;
use chrono::NaiveDate;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{IsTerminal, Stdout};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

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
pub fn run(opts: Options) -> Result<(), String> {
    let keymap = Keymap::build(&opts.config.ui.keys).map_err(|e| e.join("\n"))?;
    let texts = Texts::load(Lang::choose(&opts.config.ui.language));
    let theme = theme(&opts.config, opts.ascii);
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
    model.session = if operators {
        Session::Login(SignInForm::for_login(opts.login_hint.as_deref().unwrap_or("")))
    } else if empty {
        Session::Setup(SignInForm::default())
    } else {
        Session::Open
    };
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let (msg_tx, msg_rx) = mpsc::channel::<Msg>();
    let (config, store, actor, clock, today) = (opts.config, opts.store, opts.actor, opts.clock, opts.today);
    let worker = std::thread::spawn(move || match store {
        Backend::Local(store) => {
            let worker = Worker::new(store, config, actor, clock, today);
            let ready = JobResult::Ready(worker.indexed());
            let _ = msg_tx.send(Msg::Done(Done { generation: 0, result: ready }));
            worker.run(job_rx, msg_tx);
        }
        Backend::Served(conn) => remote::run(conn, job_rx, msg_tx),
    });

    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode().map_err(|e| format!("cannot switch the terminal to raw mode: {e}"))?;
    let mut stdout = std::io::stdout();
    if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
        restore();
        return Err(format!("cannot set up the terminal: {e}"));
    }
    let result = match Terminal::new(CrosstermBackend::new(stdout)) {
        Ok(mut terminal) => {
            let clock = crate::clock::from_env().unwrap_or_else(|_| Box::new(crate::clock::SystemClock));
            event_loop(&mut terminal, &mut model, &theme, (&job_tx, &msg_rx), clock.as_ref())
        }
        Err(e) => Err(e.to_string()),
    };
    restore();
    drop(job_tx);
    let _ = worker.join();
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    model: &mut Model,
    theme: &Theme,
    (jobs, answers): (&mpsc::Sender<Job>, &mpsc::Receiver<Msg>),
    clock: &dyn Clock,
) -> Result<(), String> {
    if let Ok(size) = terminal.size() {
        model.size = (size.width, size.height);
    }
    let send = |list: Vec<Job>| {
        for j in list {
            let _ = jobs.send(j);
        }
    };
    send(crate::app::startup(model));
    let mut last_tick = std::time::Instant::now();
    loop {
        terminal.draw(|f| crate::ui::view(model, theme, f)).map_err(|e| format!("cannot draw: {e}"))?;
        if model.quit {
            return Ok(());
        }
        if event::poll(Duration::from_millis(50)).map_err(|e| e.to_string())? {
            let msg = match event::read().map_err(|e| e.to_string())? {
                Event::Key(k) if k.kind != KeyEventKind::Release => Some(Msg::Key(k)),
                Event::Paste(s) => Some(Msg::Paste(s)),
                Event::Resize(w, h) => Some(Msg::Resize(w, h)),
                _ => None,
            };
            if let Some(msg) = msg {
                send(update(model, msg));
            }
        }
        while let Ok(msg) = answers.try_recv() {
            send(update(model, msg));
        }
        if last_tick.elapsed() >= TICK {
            last_tick = std::time::Instant::now();
            send(update(model, Msg::Tick(clock.now_ms())));
        }
    }
}
