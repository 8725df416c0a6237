//! Logging to a file (never to the screen): `FRONTDESK_LOG`, else `logs/` in the store.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;

/// Starts file logging; keep the guard alive until exit so the last lines are written.
pub fn init(store: &Path) -> Option<WorkerGuard> {
    let dir = std::env::var_os("FRONTDESK_LOG").map_or_else(|| store.join("logs"), std::path::PathBuf::from);
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::daily(dir, "frontdesk.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let subscriber = tracing_subscriber::fmt().with_writer(writer).with_ansi(false).finish();
    tracing::subscriber::set_global_default(subscriber).ok()?;
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "terminal UI started");
    Some(guard)
}
