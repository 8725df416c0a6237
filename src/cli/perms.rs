//! The store's file permissions as commands see them: a store this process creates goes
//! to the `[serve]` group, opening a store open to other local users warns once with the
//! fix, and `verify` lists each such file.

use frontdesk_core::config::Config;
use frontdesk_core::i18n::errors::{CliSays, More};
use frontdesk_store::store::exposure::{self, Exposed};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Entries named in the one-line warning; the rest are counted.
const NAMED: usize = 4;

/// The configured `[serve]` group's name and id, when it is set and exists (when it does
/// not, `serve` says so; other commands carry on without it).
fn serve_group(config: &Config) -> Option<(String, u32)> {
    let name = config.serve.group.as_deref()?;
    #[cfg(unix)]
    {
        let group = nix::unistd::Group::from_name(name).ok().flatten()?;
        Some((group.name, group.gid.as_raw()))
    }
    #[cfg(not(unix))]
    {
        let _ = name;
        None
    }
}

/// After this process opened its own store at `path`: a store it has just `created`
/// is given to the `[serve]` group (0750), so that the group reaches the socket once it
/// is served. Best effort: `serve` itself insists (see [`admit`]).
pub fn settle(config: &Config, path: &Path, created: bool) {
    if created {
        let _ = admit(config, path);
    }
}

/// Gives the store directory to the `[serve]` group, when one is configured.
pub fn admit(config: &Config, path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some((_, gid)) = serve_group(config) {
        exposure::admit_group(path, gid)?;
    }
    #[cfg(not(unix))]
    let _ = (config, path);
    Ok(())
}

/// The warning about the store at `path` if it is open to other local users and this
/// process has not warned yet.
pub fn notice_once(config: &Config, path: &Path) -> Option<CliSays> {
    static WARNED: AtomicBool = AtomicBool::new(false);
    let (path, group, found) = look(config, path);
    if found.is_empty() || WARNED.swap(true, Ordering::SeqCst) {
        return None;
    }
    Some(warning(&path, group.as_ref().map(|g| g.0.as_str()), &found))
}

/// The store's absolute path (so that the fix can be pasted anywhere: a cron mail, a
/// journal), the `[serve]` group and what is open to other local users.
fn look(config: &Config, path: &Path) -> (std::path::PathBuf, Option<(String, u32)>, Vec<Exposed>) {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let group = serve_group(config);
    let found = exposure::exposed(&path, group.as_ref().map(|g| g.1));
    (path, group, found)
}

/// Prints [`notice_once`]'s warning on standard error (or its capture), in the
/// configured language.
pub fn warn_once(config: &Config, path: &Path) {
    if let Some(message) = notice_once(config, path) {
        let texts = frontdesk_core::i18n::Texts::for_setting(&config.ui.language);
        super::capture::eprintln_labelled(&texts, "cli.warning", &message);
    }
}

fn warning(path: &Path, group: Option<&str>, found: &[Exposed]) -> CliSays {
    let named: Vec<String> = found.iter().take(NAMED).map(Exposed::short).collect();
    CliSays::OpenStore {
        path: path.display().to_string(),
        named: named.join(", "),
        more: (found.len() > NAMED).then(|| More::Files { n: found.len() - NAMED }),
        fix: exposure::fix_command(path, group),
    }
}

/// For `verify`: one line per file or directory open to other local users, and the fix.
pub fn findings(config: &Config, path: &Path) -> (Vec<String>, Option<String>) {
    let (path, group, found) = look(config, path);
    if found.is_empty() {
        return (Vec::new(), None);
    }
    let lines = found.iter().map(|e| finding(&path, e)).collect();
    (lines, Some(exposure::fix_command(&path, group.as_ref().map(|g| g.0.as_str()))))
}

fn finding(path: &Path, e: &Exposed) -> String {
    let what = match (e.name.is_empty(), e.dir) {
        (true, _) => format!("the store directory {}", path.display()),
        (false, true) => format!("directory {}", e.name),
        (false, false) => format!("file {}", e.name),
    };
    format!("permissions: {what} is {:04o}, open to other local users (expected {:04o})", e.mode, e.expected)
}

/// Why `verify` fails on a store whose records are sound but whose files are open.
pub fn verify_failure(count: usize, fix: &str) -> CliSays {
    CliSays::VerifyPermissions { count, fix: fix.to_string() }
}
