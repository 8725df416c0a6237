//! Who may read the store's files: its owner alone (and, for the directory only, the
//! `[serve]` group, which must reach the socket inside it).
//!
//! The store holds every guest's e-mail and phone in the clear; an account that can read
//! `db` reads them past roles, masking and audit. So the directory is 0700 (0750 with a
//! serve group), everything in it 0600 / 0700, whatever the umask; files this program
//! writes outside it (backups, exports, rejects) are 0600 too. The group never reads the
//! files: it talks to the server, which applies the roles.

use std::fs::File;
use std::io;
use std::path::Path;

/// Makes every file and directory this process creates from now on its owner's alone.
///
/// sled creates its files (`db`, `conf`, `blobs/`, each `snap.*`) itself, some from its
/// background threads long after the store was opened, with the process umask: only the
/// umask reaches them all. Called first thing in `main`, before any thread starts.
pub fn private_process() {
    #[cfg(unix)]
    {
        use nix::sys::stat::{Mode, umask};
        umask(Mode::from_bits_truncate(0o077));
    }
}

/// Creates (or truncates) `path` for writing, readable by its owner only: 0600 when it is
/// new, and an existing regular file is narrowed to 0600 (a device or pipe such as
/// `/dev/stdout` is left as it is).
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        if file.metadata()?.is_file() {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        Ok(file)
    }
    #[cfg(not(unix))]
    options.open(path)
}

/// Creates the store directory (and missing parents) as 0700. A directory that was
/// missing or empty is set to 0700 whatever the umask; one that already held something
/// keeps its mode (the check on open reports it if it is too wide).
pub(super) fn create_dir(path: &Path) -> io::Result<()> {
    // Missing, or readable and empty; one this account cannot read is not ours to change.
    let fresh = match std::fs::read_dir(path) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == io::ErrorKind::NotFound,
    };
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(path)?;
        if fresh {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let _ = fresh;
        builder.create(path)
    }
}

/// Narrows the files sled and frontdesk just created in a new store to 0600 (directories
/// 0700): the process umask covers the program, this covers a library caller whose umask
/// is wider. Only the store's own names are touched, whatever else the directory holds.
pub(super) fn tighten_new(path: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        if is_store_entry(&entry.file_name().to_string_lossy()) {
            narrow(&entry.path())?;
        }
    }
    Ok(())
}

/// Names sled and frontdesk create in a store directory.
fn is_store_entry(name: &str) -> bool {
    matches!(name, "conf" | "db" | "blobs") || name.starts_with("snap.") || name.starts_with("frontdesk.")
}

#[cfg(unix)]
fn narrow(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let meta = std::fs::symlink_metadata(path)?;
    // A link points outside the store; the socket is the server's, set when it binds.
    if meta.file_type().is_symlink() || meta.file_type().is_socket() {
        return Ok(());
    }
    let mode = if meta.is_dir() { 0o700 } else { 0o600 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    if meta.is_dir() {
        for entry in std::fs::read_dir(path)? {
            narrow(&entry?.path())?;
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn narrow(_path: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_private_file_is_the_owners_alone_new_or_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.csv");
        create_private(&new).unwrap();
        assert_eq!(mode(&new), 0o600);
        let old = dir.path().join("old.csv");
        std::fs::write(&old, "guest data").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        create_private(&old).unwrap();
        assert_eq!((mode(&old), std::fs::read(&old).unwrap().len()), (0o600, 0));
        // A device is written to, never chmod-ed.
        let before = mode(Path::new("/dev/null"));
        create_private(Path::new("/dev/null")).unwrap();
        assert_eq!(mode(Path::new("/dev/null")), before);
    }

    #[test]
    fn the_store_directory_is_made_private_only_when_missing_or_empty() {
        let dir = tempfile::tempdir().unwrap();
        let (missing, empty, used) = (dir.path().join("a/store"), dir.path().join("empty"), dir.path().join("used"));
        std::fs::create_dir(&empty).unwrap();
        std::fs::create_dir(&used).unwrap();
        std::fs::write(used.join("notes.txt"), "x").unwrap();
        for d in [&empty, &used] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        for d in [&missing, &empty, &used] {
            create_dir(d).unwrap();
        }
        assert_eq!((mode(&missing), mode(&dir.path().join("a"))), (0o700, 0o700));
        assert_eq!(mode(&empty), 0o700);
        assert_eq!(mode(&used), 0o755, "a directory holding other things keeps its mode");
    }
}
