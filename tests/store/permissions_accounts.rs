//! Issue 16 (9), as another local account sees it: with the store made under umask 000
//! or 022, an account that is not the owner reads no store, backup, export or rejects
//! file, and reaches a served store only when it is in the `[serve]` group (and then only
//! through the server, never the files).
//!
//! Running a child as another account needs root; otherwise each test says it is
//! skipped and passes.

#![cfg(unix)]

use crate::support::perms;
use crate::support::serve;

use crate::support::cli::frontdesk;
use crate::support::perms::{arg, as_account, files_under, mode, open_parent, with_umask};
use nix::unistd::{Group, Uid, User};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Output};

/// A local account other than the one running the tests.
struct Account {
    name: String,
    uid: u32,
    gid: u32,
}

impl Account {
    fn run(&self, command: Command) -> Output {
        as_account(command, self.uid, self.gid).output().expect("the child starts")
    }

    /// Whether the account can read `path` (`cat` as the account).
    fn reads(&self, path: &Path) -> bool {
        let mut cat = Command::new("cat");
        cat.arg(path);
        self.run(cat).status.success()
    }
}

/// `nobody`, when the tests run as root and that account can run the test binary.
fn nobody() -> Option<Account> {
    if !Uid::effective().is_root() {
        println!("skipped: the tests run as uid {}; only root can start a child as another account", Uid::effective());
        return None;
    }
    let Some(user) = User::from_name("nobody").ok().flatten() else {
        println!("skipped: this host has no `nobody` account to try the files as");
        return None;
    };
    let account = Account { name: user.name, uid: user.uid.as_raw(), gid: user.gid.as_raw() };
    let mut version = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    version.arg("--version");
    if !account.run(version).status.success() {
        println!("skipped: `nobody` cannot run {} (a directory on the way is closed)", env!("CARGO_BIN_EXE_frontdesk"));
        return None;
    }
    Some(account)
}

/// An account neither `other` nor in `other`'s primary group.
fn outsider(other: &Account) -> Option<Account> {
    let group = Group::from_gid(nix::unistd::Gid::from_raw(other.gid)).ok().flatten()?;
    ["daemon", "bin", "sys", "mail"].iter().find_map(|name| {
        let user = User::from_name(name).ok().flatten()?;
        let apart = user.gid.as_raw() != other.gid && !group.mem.contains(&user.name);
        apart.then(|| Account { name: user.name, uid: user.uid.as_raw(), gid: user.gid.as_raw() })
    })
}

fn ok(out: &Output, what: &str) {
    assert!(out.status.success(), "{what} failed: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn another_account_reads_no_file_frontdesk_wrote() {
    let Some(other) = nobody() else { return };
    for mask in [0o000, 0o022] {
        let dir = open_parent();
        let db = dir.path().join("store");
        let file = |name: &str| dir.path().join(name);
        let masked = |args: &[&str]| with_umask(frontdesk(&db, args), mask).output().expect("frontdesk runs");
        ok(&masked(&["demo", "--members", "20"]), "demo");
        ok(&masked(&["export", "members", "--out", arg(&file("members.csv"))]), "export");
        ok(&masked(&["backup", arg(&file("store.backup"))]), "backup");
        std::fs::write(file("in.csv"), "name,email\n,not-an-email\n").unwrap();
        std::fs::set_permissions(file("in.csv"), std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
        let (input, rejects, duplicates) = (file("in.csv"), file("rejects.csv"), file("duplicates.csv"));
        masked(&["import", "members", arg(&input), "--rejects", arg(&rejects), "--duplicates", arg(&duplicates)]);
        assert!(other.reads(&input), "umask {mask:03o}: the check itself works (`cat` as {})", other.name);

        let mut files = files_under(&db);
        assert!(files.iter().any(|f| f.ends_with("db")), "{files:?}");
        files.extend(["members.csv", "store.backup", "rejects.csv", "duplicates.csv"].map(file));
        for f in &files {
            assert!(!other.reads(f), "umask {mask:03o}: {} reads {}", other.name, f.display());
        }
        let mut list = Command::new("ls");
        list.arg(&db);
        assert!(!other.run(list).status.success(), "umask {mask:03o}: {} lists the store", other.name);
    }
}

#[test]
fn without_the_serve_group_another_account_reaches_no_served_store() {
    let Some(other) = nobody() else { return };
    let dir = open_parent();
    let db = dir.path().join("store");
    ok(&with_umask(frontdesk(&db, &["demo", "--members", "20"]), 0).output().unwrap(), "demo");
    ok(
        &frontdesk(&db, &["member", "add", "--name", "Wen Ling", "--email", "wen@example.com"]).output().unwrap(),
        "add",
    );
    let mut server = serve::spawn(with_umask(frontdesk(&db, &["serve"]), 0), &db);
    let tried = other.run(frontdesk(&db, &["member", "find", "Wen Ling"]));
    assert!(!tried.status.success(), "{} used the server", other.name);
    let said = String::from_utf8_lossy(&tried.stderr);
    assert!(said.contains("belongs to another account"), "{said}");
    assert!(!String::from_utf8_lossy(&tried.stdout).contains("wen@"), "{}", String::from_utf8_lossy(&tried.stdout));
    assert!(!other.reads(&db.join("db")));
    // The owner still goes through it.
    let own = frontdesk(&db, &["member", "find", "Wen Ling"]).output().unwrap();
    ok(&own, "the owner's member find");
    let (status, log) = server.terminate();
    assert!(status.success(), "{log}");
}

#[test]
fn the_serve_group_reaches_the_server_but_reads_no_file() {
    let Some(member) = nobody() else { return };
    let group = Group::from_gid(nix::unistd::Gid::from_raw(member.gid)).ok().flatten().expect("nobody's group exists");
    let dir = open_parent();
    let config = dir.path().join("serve.toml");
    std::fs::write(&config, format!("[serve]\ngroup = \"{}\"\n", group.name)).unwrap();
    let db = dir.path().join("store");
    let with_config = |args: &[&str]| {
        let mut all = vec!["--config", arg(&config)];
        all.extend_from_slice(args);
        with_umask(frontdesk(&db, &all), 0)
    };
    ok(&with_config(&["demo", "--members", "20"]).output().unwrap(), "demo");
    ok(&with_config(&["member", "add", "--name", "Wen Ling", "--email", "wen@example.com"]).output().unwrap(), "add");
    // Created for the group: it may search the directory, to reach the socket.
    let meta = std::fs::metadata(&db).unwrap();
    assert_eq!((mode(&db), meta.gid()), (0o750, member.gid), "the store directory");
    assert_eq!(perms::open_entries(&db), Vec::<String>::new(), "the files stay the owner's");

    let mut server = serve::spawn(with_config(&["serve"]), &db);
    let found = member.run(frontdesk(&db, &["member", "find", "Wen Ling"]));
    ok(&found, "member find by a member of the group");
    assert!(String::from_utf8_lossy(&found.stdout).contains("Wen Ling"));
    assert!(!member.reads(&db.join("db")), "the group reads no store file");
    if let Some(outsider) = outsider(&member) {
        let tried = outsider.run(frontdesk(&db, &["member", "find", "Wen Ling"]));
        assert!(!tried.status.success(), "{} is not in the group but used the server", outsider.name);
    } else {
        println!("skipped the outsider: no account outside `{}` to try", group.name);
    }
    let (status, log) = server.terminate();
    assert!(status.success(), "{log}");
}
