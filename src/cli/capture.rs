//! The standard streams of a command line: the process's own, or buffers while
//! `frontdesk serve` runs a command line a client forwarded (its output goes back to the
//! client, its standard input came from the client).

use std::cell::RefCell;
use std::io::{self, BufRead, Cursor, Write};

#[derive(Default)]
struct Streams {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    stdin: Vec<u8>,
}

thread_local! {
    // Per thread: the server runs each connection on its own thread.
    static CAPTURED: RefCell<Option<Streams>> = const { RefCell::new(None) };
}

/// Ends a capture even when the command panics, so the thread's next command is not captured
/// into a stale buffer.
struct Reset;

impl Drop for Reset {
    fn drop(&mut self) {
        CAPTURED.with(|c| c.borrow_mut().take());
    }
}

/// Runs `f` with standard input `stdin` and its standard output and error captured.
pub fn capture<R>(stdin: Vec<u8>, f: impl FnOnce() -> R) -> (R, Vec<u8>, Vec<u8>) {
    CAPTURED.with(|c| *c.borrow_mut() = Some(Streams { stdin, ..Streams::default() }));
    let reset = Reset;
    let result = f();
    let streams = CAPTURED.with(|c| c.borrow_mut().take()).unwrap_or_default();
    drop(reset);
    (result, streams.stdout, streams.stderr)
}

/// Whether this thread runs a forwarded command line.
pub fn is_captured() -> bool {
    CAPTURED.with(|c| c.borrow().is_some())
}

/// Standard output, or the capture buffer.
pub struct Stdout;

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let captured = CAPTURED.with(|c| c.borrow_mut().as_mut().map(|s| s.stdout.extend_from_slice(buf)).is_some());
        if captured { Ok(buf.len()) } else { io::stdout().lock().write(buf) }
    }
    fn flush(&mut self) -> io::Result<()> {
        if is_captured() { Ok(()) } else { io::stdout().lock().flush() }
    }
}

/// Standard error, or the capture buffer.
pub struct Stderr;

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let captured = CAPTURED.with(|c| c.borrow_mut().as_mut().map(|s| s.stderr.extend_from_slice(buf)).is_some());
        if captured { Ok(buf.len()) } else { io::stderr().lock().write(buf) }
    }
    fn flush(&mut self) -> io::Result<()> {
        if is_captured() { Ok(()) } else { io::stderr().lock().flush() }
    }
}

/// Writes a line to standard error (or its capture); a closed stderr is not worth failing for.
pub fn eprintln(text: &str) {
    let _ = writeln!(Stderr, "{text}");
}

/// Prints `says` on standard error (or its capture) behind its label (`cli.warning`,
/// `cli.note`), in the language of `texts`.
pub fn eprintln_labelled(
    texts: &frontdesk_core::i18n::Texts,
    label: &str,
    says: &frontdesk_core::i18n::errors::CliSays,
) {
    let line = format!("{}: {}", texts.get(label), texts.say(says));
    eprintln(&frontdesk_tui::ui::text::clean_lines(&line));
}

/// Standard input, or the bytes the client sent (handed out once).
pub fn stdin() -> Box<dyn BufRead> {
    match CAPTURED.with(|c| c.borrow_mut().as_mut().map(|s| std::mem::take(&mut s.stdin))) {
        Some(bytes) => Box::new(Cursor::new(bytes)),
        None => Box::new(io::stdin().lock()),
    }
}
