//! `frontdesk import KIND FILE|-`

use super::output::emit;
use super::{Env, Failure};
use clap::Args;
use frontdesk_core::i18n::errors::{CliSays, ImportSays};
use frontdesk_core::i18n::{Changes, Commands, Rows};
use frontdesk_exchange::import::{
    self, Duplicate, EncodingChoice, Format, Input, Kind, Options, Progress, Reject, Report, Unwatched, guess_format,
    load_mapping,
};
use frontdesk_store::ops::ExitCode;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// `import` options.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds: members, stays, complaints, balances, bookings, ledger, redemptions
    /// or activities.
    #[arg(value_parser = kind)]
    pub kind: Kind,
    /// File to read, or `-` for standard input.
    pub file: PathBuf,
    /// csv or jsonl (default: from the file extension, else csv).
    #[arg(long, value_parser = format)]
    pub format: Option<Format>,
    /// auto, utf-8, gb18030 (or gbk), big5 or windows-1252; default: `[import] encoding`
    /// of the configuration, auto unless set. A byte-order mark always wins.
    #[arg(long, value_parser = EncodingChoice::parse)]
    pub encoding: Option<EncodingChoice>,
    /// CSV field separator: `;`, `|` or another character, `\t`, or `whitespace` for
    /// columns aligned with blanks (default: the mapping's `delimiter`, else `,`).
    #[arg(long, value_parser = import::Delimiter::parse)]
    pub delimiter: Option<import::Delimiter>,
    /// TOML mapping of a foreign layout onto ours (see config/mappings/).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Validate every row against the store and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write rejected rows here as CSV: line, column, reason, record.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Write the rows counted as duplicates here as CSV: line, reference, record.
    #[arg(long, value_name = "FILE")]
    pub duplicates: Option<PathBuf>,
    /// Apply nothing if any row is bad (reads the file twice).
    #[arg(long)]
    pub strict: bool,
    /// Rows per transaction.
    #[arg(long, default_value_t = import::loader::BATCH, value_parser = clap::value_parser!(usize))]
    pub batch: usize,
}

fn kind(s: &str) -> Result<Kind, CliSays> {
    Kind::parse(s).ok_or_else(|| CliSays::ImportKind { value: s.to_string() })
}

fn format(s: &str) -> Result<Format, CliSays> {
    match s.to_ascii_lowercase().as_str() {
        "csv" => Ok(Format::Csv),
        "jsonl" | "ndjson" => Ok(Format::Jsonl),
        _ => Err(CliSays::NotFormat { value: s.to_string() }),
    }
}

/// The import's progress drawn on standard error, when that is a terminal.
#[derive(Debug)]
struct Bar(indicatif::ProgressBar);

impl Progress for Bar {
    fn length(&self, bytes: u64) {
        self.0.set_length(bytes);
    }
    fn position(&self, bytes: u64, rows: u64) {
        self.0.set_position(bytes);
        self.0.set_message(format!("{rows} rows"));
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn progress_bar() -> Arc<dyn Progress> {
    if !std::io::stderr().is_terminal() || super::capture::is_captured() {
        return Arc::new(Unwatched);
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}")
    {
        bar.set_style(style);
    }
    Arc::new(Bar(bar))
}

/// A copy of standard input, removed when dropped.
struct Spool(PathBuf);

impl Spool {
    fn from_stdin() -> Result<Spool, Failure> {
        // Unique per call: a server spools several clients' imports at once.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("frontdesk-import-{}-{n}.spool", std::process::id()));
        let fail = |e: std::io::Error| Failure::runtime(CliSays::Spool { error: e.to_string() });
        let mut file = frontdesk_store::store::perms::create_private(&path).map_err(fail)?;
        let spool = Spool(path);
        std::io::copy(&mut super::capture::stdin(), &mut file).map_err(fail)?;
        Ok(spool)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A CSV list of rows (rejects, duplicates) at `path`, its header written.
fn list_file(
    env: &Env,
    path: Option<&std::path::Path>,
    header: &[&str],
) -> Result<Option<csv::Writer<std::fs::File>>, Failure> {
    let Some(p) = path else { return Ok(None) };
    let fail = |e: &dyn std::fmt::Display| {
        Failure::runtime(CliSays::WriteFile { path: p.display().to_string(), error: e.to_string() })
    };
    // Rejects and duplicates copy whole records: the owner's alone, like the store.
    let file = frontdesk_store::store::perms::create_private(&env.path(p)).map_err(|e| fail(&e))?;
    let mut w = csv::Writer::from_writer(file);
    w.write_record(header).map_err(|e| fail(&e))?;
    Ok(Some(w))
}

/// Runs `import`: exit 0 when nothing was rejected, 3 when some rows were.
pub fn run(env: &Env, args: &ImportArgs) -> Result<(), Failure> {
    if args.batch == 0 || args.batch > 100_000 {
        return Err(Failure::usage(CliSays::BatchSize));
    }
    if args.dry_run && env.served.is_none() {
        // A dry run checks a file against a store; a mistyped --db must not make one.
        let path = env.cli.db.clone().unwrap_or_else(frontdesk_store::store::default_path);
        if !frontdesk_store::store::exists(&path) {
            return Err(Failure::usage(CliSays::DryRunNoStore { path: path.display().to_string() }));
        }
    }
    let mapping =
        args.mapping.as_deref().map(|p| load_mapping(&env.path(p), args.kind)).transpose().map_err(Failure::usage)?;
    let stdin = args.file.as_os_str() == "-";
    // --strict reads the input twice: standard input is spooled to a temporary file first;
    // so is a client's standard input sent to `frontdesk serve` (the import engine reads a
    // file or the process's own stdin).
    let spool_it = (args.strict && !args.dry_run) || super::capture::is_captured();
    let spool = if stdin && spool_it { Some(Spool::from_stdin()?) } else { None };
    let input = match (&spool, stdin) {
        (Some(s), _) => Input::Path(s.0.clone()),
        (None, true) => Input::Stdin,
        (None, false) => Input::Path(env.path(&args.file)),
    };
    let stop = Arc::new(AtomicBool::new(false));
    // signal-hook is already in the tree (via crossterm); a second Ctrl-C exits at once.
    #[cfg(unix)]
    if !super::capture::is_captured() {
        use signal_hook::consts::SIGINT;
        let _ = signal_hook::flag::register_conditional_shutdown(SIGINT, 130, stop.clone());
        let _ = signal_hook::flag::register(SIGINT, stop.clone());
    }
    let opts = Options {
        kind: args.kind,
        format: args.format.unwrap_or_else(|| if stdin { Format::Csv } else { guess_format(&args.file) }),
        encoding: args.encoding,
        mapping,
        delimiter: args.delimiter,
        dry_run: args.dry_run,
        strict: args.strict,
        batch: args.batch,
        stop,
        progress: progress_bar(),
    };
    let mut writer = list_file(env, args.rejects.as_deref(), &["line", "column", "reason", "record"])?;
    let mut duplicates = list_file(env, args.duplicates.as_deref(), &["line", "reference", "record"])?;
    let mut shown = 0usize;
    let texts = frontdesk_core::i18n::Texts::for_setting(&env.config.ui.language);
    let mut write_failed = None;
    let mut dup_failed = None;
    let mut on_reject = |r: &Reject| match writer.as_mut() {
        Some(w) => {
            if let Err(e) = w.write_record([r.line.to_string().as_str(), &r.column, &r.reason.to_string(), &r.record]) {
                write_failed.get_or_insert(e.to_string());
            }
        }
        None if shown < 10 => {
            shown += 1;
            let line = ImportSays::Line { line: r.line, column: r.column.clone(), reason: Box::new(r.reason.clone()) };
            super::capture::eprintln(&frontdesk_tui::ui::text::clean_lines(&texts.say(&line)));
        }
        None => {}
    };
    let mut on_duplicate = |d: &Duplicate| {
        if let Some(w) = duplicates.as_mut()
            && let Err(e) = w.write_record([d.line.to_string().as_str(), &d.reference, &d.record])
        {
            dup_failed.get_or_insert(e.to_string());
        }
    };
    let store = env.open_store()?;
    let ctx = env.ctx();
    let listed = args.duplicates.is_some();
    let mut report =
        Report { reject: &mut on_reject, duplicate: listed.then_some(&mut on_duplicate as &mut dyn FnMut(&Duplicate)) };
    let summary = import::run_reporting(&store, &ctx, &input, &opts, &mut report)
        .map_err(|e| Failure::new(e.exit_code(), CliSays::ImportStopped { reason: Box::new(e.fault()) }))?;
    for (w, failed) in [(writer, &mut write_failed), (duplicates, &mut dup_failed)] {
        if let Some(mut w) = w
            && let Err(e) = w.flush()
        {
            failed.get_or_insert(e.to_string());
        }
    }
    emit(env, &summary, || summary.line())?;
    if let Some(e) = write_failed {
        return Err(Failure::runtime(CliSays::RejectsIncomplete { error: e }));
    }
    if let Some(e) = dup_failed {
        return Err(Failure::runtime(CliSays::DuplicatesIncomplete { error: e }));
    }
    if summary.interrupted {
        return Err(Failure::runtime(CliSays::Interrupted));
    }
    if summary.rejected > 0 {
        let n = summary.rejected;
        let says = match &args.rejects {
            Some(p) => CliSays::RowsRejectedSee { n: Rows(n as i64), path: p.display().to_string() },
            None if shown < summary.bad as usize => CliSays::RowsRejectedShown { n: Rows(n as i64) },
            None => CliSays::RowsRejected { n: Rows(n as i64) },
        };
        return Err(Failure::data(says));
    }
    Ok(())
}

/// `batch` options.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// JSONL file of commands, or `-` for standard input.
    pub file: PathBuf,
}

/// Runs `batch`: one JSON result line per command on stdout, the counts on stderr; exit 0
/// when every command applied (or was a duplicate), 3 when some were rejected, else 7 when
/// some wait for approval (as the single command does).
pub fn run_batch(env: &Env, args: &BatchArgs) -> Result<(), Failure> {
    let mut input: Box<dyn std::io::BufRead> = if args.file.as_os_str() == "-" {
        super::capture::stdin()
    } else {
        Box::new(std::io::BufReader::new(std::fs::File::open(env.path(&args.file)).map_err(|e| {
            let path = args.file.display().to_string();
            Failure::usage(ImportSays::CannotOpen { path, error: e.to_string() })
        })?))
    };
    let store = env.open_store()?;
    let ctx = env.ctx();
    let mut out = super::capture::Stdout;
    let s =
        import::batch::run(&store, &ctx, &mut input, &mut out).map_err(|e| Failure::new(e.exit_code(), e.fault()))?;
    super::capture::eprintln(&format!(
        "read {}, applied {}, waiting for approval {}, duplicates {}, rejected {}",
        s.read, s.applied, s.pending, s.duplicates, s.rejected
    ));
    if s.rejected > 0 {
        return Err(Failure::data(CliSays::CommandsRejected { n: Commands(s.rejected as i64) }));
    }
    if s.pending > 0 {
        return Err(Failure::new(ExitCode::PendingApproval, CliSays::Pending { n: Changes(s.pending as i64) }));
    }
    Ok(())
}
