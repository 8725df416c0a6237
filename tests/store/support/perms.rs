//! File modes in tests: running the binary under a given umask (or as another account),
//! and listing what under a directory is open to anyone but its owner.

// The child's umask and account can only be set between fork and exec (`pre_exec`).
#![allow(unsafe_code, reason = "pre_exec runs async-signal-safe system calls in the forked child")]

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

/// `command` with the child's umask set to `mask` before the program starts.
pub fn with_umask(mut command: Command, mask: u32) -> Command {
    // SAFETY: runs in the forked child before exec; umask is async-signal-safe and
    // allocates nothing.
    unsafe {
        command.pre_exec(move || {
            nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(mask));
            Ok(())
        });
    }
    command
}

/// `command` run as the account `uid` with the single group `gid` (the caller is root).
pub fn as_account(mut command: Command, uid: u32, gid: u32) -> Command {
    use nix::unistd::{Gid, Uid, setgid, setgroups, setuid};
    // SAFETY: runs in the forked child before exec; these are plain system calls on the
    // child's own credentials and allocate nothing.
    unsafe {
        command.pre_exec(move || {
            let gid = Gid::from_raw(gid);
            setgroups(&[gid]).map_err(std::io::Error::from)?;
            setgid(gid).map_err(std::io::Error::from)?;
            setuid(Uid::from_raw(uid)).map_err(std::io::Error::from)?;
            Ok(())
        });
    }
    command
}

/// Permission bits of `path` (not following a link).
pub fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path).expect("path exists").mode() & 0o7777
}

/// Sets the permission bits of `path`.
pub fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Every file and directory under `dir` (not `dir` itself) whose mode lets its group or
/// others in, as `name 0644`; sockets left out (the directory decides who reaches them).
pub fn open_entries(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    walk(dir, dir, &mut found);
    found.sort();
    found
}

fn walk(root: &Path, dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("directory readable") {
        let path = entry.expect("entry").path();
        let meta = std::fs::symlink_metadata(&path).expect("entry exists");
        if meta.file_type().is_socket() {
            continue;
        }
        if meta.mode() & 0o077 != 0 {
            let name = path.strip_prefix(root).unwrap_or(&path).display().to_string();
            found.push(format!("{name} {:04o}", meta.mode() & 0o7777));
        }
        if meta.is_dir() {
            walk(root, &path, found);
        }
    }
}

/// Every file under `dir`, for trying each one as another account.
pub fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("directory readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A temporary directory everybody may search: a fresh one is 0700 and would hide what
/// is inside it from other accounts, so only the store's own modes protect it here.
pub fn open_parent() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    chmod(dir.path(), 0o755);
    dir
}

/// A path as a command-line argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}
