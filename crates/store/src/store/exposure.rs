//! Which of a store's files and directories other local users can reach, the command
//! that closes them, and the `[serve]` group's way to the socket.

use serde::Serialize;
use std::path::Path;

/// A file or directory of the store whose mode lets other local users in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exposed {
    /// Path inside the store directory; empty for the directory itself.
    pub name: String,
    /// Whether it is a directory.
    pub dir: bool,
    /// Its permission bits.
    pub mode: u32,
    /// The bits it should have.
    pub expected: u32,
}

impl Exposed {
    /// `db 0644` / `blobs/ 0755` / `./ 0755` (the directory itself), for messages.
    pub fn short(&self) -> String {
        let slash = if self.dir { "/" } else { "" };
        let name = if self.name.is_empty() { "." } else { &self.name };
        format!("{name}{slash} {:04o}", self.mode)
    }
}

/// Everything under the store at `path` that is open to other local users, the
/// directory first. `group`: the `[serve]` group's id, which may search (never read or
/// write) the directory when it owns it. What is inside a directory nobody else may
/// search is out of their reach whatever its own mode, and is not reported (sled's
/// snapshots made under a library caller's umask, say). The server's socket is left
/// out: its mode is set when it binds, and the directory decides who reaches it.
/// Entries that cannot be read are skipped: this is a warning, not a gate.
#[cfg(unix)]
pub fn exposed(path: &Path, group: Option<u32>) -> Vec<Exposed> {
    use std::os::unix::fs::MetadataExt;
    let mut found = Vec::new();
    let Ok(meta) = std::fs::metadata(path) else { return found };
    let allowed = if group.is_some_and(|g| g == meta.gid()) { 0o750 } else { 0o700 };
    let mode = meta.mode() & 0o777;
    if mode & !allowed != 0 {
        found.push(Exposed { name: String::new(), dir: true, mode, expected: mode & allowed });
    }
    if searchable_by_others(mode) {
        walk(path, Path::new(""), &mut found);
    }
    found
}

/// Whether anyone besides the owner may pass through a directory of this mode.
#[cfg(unix)]
fn searchable_by_others(mode: u32) -> bool {
    mode & 0o011 != 0
}

/// Without Unix permissions there is nothing to report.
#[cfg(not(unix))]
pub(crate) fn exposed(_path: &Path, _group: Option<u32>) -> Vec<Exposed> {
    Vec::new()
}

#[cfg(unix)]
fn walk(dir: &Path, rel: &Path, found: &mut Vec<Exposed>) {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else { continue };
        let kind = meta.file_type();
        if kind.is_symlink() || kind.is_socket() {
            continue;
        }
        let name = rel.join(entry.file_name());
        let mode = meta.mode() & 0o777;
        if mode & 0o077 != 0 {
            let shown = name.to_string_lossy().into_owned();
            found.push(Exposed { name: shown, dir: meta.is_dir(), mode, expected: mode & 0o700 });
        }
        if meta.is_dir() && searchable_by_others(mode) {
            walk(&entry.path(), &name, found);
        }
    }
}

/// The shell command that closes the store at `path` to everyone but its owner (and
/// gives the directory back to the serve group, to search only, when there is one).
pub fn fix_command(path: &Path, group: Option<&str>) -> String {
    let quoted = shell_quote(&path.to_string_lossy());
    match group {
        Some(g) => format!("chmod -R go= {quoted} && chgrp {} {quoted} && chmod g+rx {quoted}", shell_quote(g)),
        None => format!("chmod -R go= {quoted}"),
    }
}

/// `text` as one shell word: as it is when it is plainly safe, else in single quotes.
fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c));
    if plain { text.to_string() } else { format!("'{}'", text.replace('\'', r"'\''")) }
}

/// Gives the store directory to the `[serve]` group, which may then search it (0750:
/// reach the socket, list names) but read no file in it. Other bits are left as they
/// are; the check on open reports them.
#[cfg(unix)]
pub fn admit_group(path: &Path, gid: u32) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    std::os::unix::fs::chown(path, None, Some(gid))?;
    let mode = std::fs::metadata(path)?.mode() & 0o777;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode((mode & !0o070) | 0o050))
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn chmod(p: &Path, mode: u32) {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn lists_every_entry_open_to_others_and_leaves_private_ones_out() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path();
        chmod(store, 0o711);
        std::fs::write(store.join("db"), "x").unwrap();
        std::fs::write(store.join("conf"), "x").unwrap();
        std::fs::create_dir(store.join("blobs")).unwrap();
        std::fs::write(store.join("blobs/1"), "x").unwrap();
        chmod(&store.join("db"), 0o600);
        chmod(&store.join("conf"), 0o644);
        chmod(&store.join("blobs"), 0o701);
        chmod(&store.join("blobs/1"), 0o604);
        let found = exposed(store, None);
        let names: Vec<String> = found.iter().map(Exposed::short).collect();
        assert_eq!(names, ["./ 0711", "blobs/ 0701", "blobs/1 0604", "conf 0644"]);
        assert_eq!((found[0].expected, found[3].expected), (0o700, 0o600));
        // Behind a directory only its owner may search, nothing is in anyone else's reach.
        chmod(&store.join("blobs"), 0o744);
        let names: Vec<String> = exposed(store, None).iter().map(Exposed::short).collect();
        assert_eq!(names, ["./ 0711", "blobs/ 0744", "conf 0644"]);
        chmod(store, 0o700);
        assert_eq!(exposed(store, None), Vec::new());
    }

    #[test]
    fn the_serve_group_may_search_the_directory_it_owns() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        chmod(dir.path(), 0o750);
        let gid = std::fs::metadata(dir.path()).unwrap().gid();
        assert!(exposed(dir.path(), Some(gid)).is_empty());
        assert_eq!(exposed(dir.path(), None)[0].expected, 0o700);
        assert_eq!(exposed(dir.path(), Some(gid.wrapping_add(1))).len(), 1, "another group is not the serve group");
    }

    #[test]
    fn the_fix_is_one_command_with_the_path_quoted_for_the_shell() {
        assert_eq!(fix_command(Path::new("/srv/front desk"), None), "chmod -R go= '/srv/front desk'");
        assert_eq!(fix_command(Path::new("/srv/it's"), None), r"chmod -R go= '/srv/it'\''s'");
        assert_eq!(
            fix_command(Path::new("/srv/fd"), Some("desk")),
            "chmod -R go= /srv/fd && chgrp desk /srv/fd && chmod g+rx /srv/fd"
        );
    }
}
