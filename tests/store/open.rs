//! Opening the store: schema version, lock held by another process, corrupt records.

use assert_cmd::Command;
use frontdesk_store::store::{Store, StoreError, T};

fn frontdesk(db: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("frontdesk").unwrap();
    c.env("FRONTDESK_DB", db)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env("FRONTDESK_NOW", "2026-11-23T10:00:00Z")
        .env_remove("FRONTDESK_CONFIG");
    c
}

#[test]
fn a_store_from_a_newer_schema_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path(), "test").unwrap();
        store.tree(T::Meta).insert(b"schema_version", &99u32.to_be_bytes()).unwrap();
        store.flush().unwrap();
    }
    match Store::open(dir.path(), "test") {
        Err(StoreError::NewerSchema { found: 99, supported: frontdesk_store::store::SCHEMA_VERSION, .. }) => {}
        other => panic!("expected NewerSchema, got {:?}", other.err()),
    }
}

#[test]
fn a_store_locked_by_another_process_exits_4_and_names_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let _held = Store::open(dir.path(), "tui").unwrap();
    let out = frontdesk(dir.path()).args(["report", "overview"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in use by tui process"), "message was: {err}");
    assert_eq!(err.trim().lines().count(), 1, "one-line error: {err}");
}

#[test]
fn a_corrupt_record_is_reported_with_its_tree_and_key() {
    let dir = tempfile::tempdir().unwrap();
    frontdesk(dir.path()).args(["member", "add", "--name", "Ana Silva"]).assert().success();
    {
        let store = Store::open(dir.path(), "test").unwrap();
        store.tree(T::Members).insert(1u64.to_be_bytes(), &b"\x01\x01\x00\x01garbage"[..]).unwrap();
        store.flush().unwrap();
    }
    let out = frontdesk(dir.path()).args(["member", "show", "620000000013"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tree `members`") && err.contains("0000000000000001"), "message was: {err}");
}

#[test]
fn a_snapshot_torn_by_a_kill_does_not_stop_the_store_from_opening() {
    // sled 0.34.7 picks the newest `snap.*` file on open, including a `.generating` one
    // that a killed process never finished (sled issue #1527).
    let dir = tempfile::tempdir().unwrap();
    frontdesk(dir.path())
        .args(["member", "add", "--name", "Ana Silva", "--email", "ana@example.com"])
        .assert()
        .success();
    std::fs::write(dir.path().join("snap.FFFFFFFFFFFFFFFF.generating"), b"torn").unwrap();
    let out = frontdesk(dir.path()).args(["member", "show", "ana@example.com", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ana Silva"));
    assert!(!dir.path().join("snap.FFFFFFFFFFFFFFFF.generating").exists());
}

#[test]
fn the_seal_refuses_a_store_with_fewer_commits_than_at_close_and_a_damaged_seal_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path(), "test").unwrap();
        store.tree(T::Meta).insert(frontdesk_store::store::seal::COMMITS_KEY, &5u64.to_be_bytes()).unwrap();
    }
    // Closed with 5 commits: sealed so.
    assert!(std::fs::read_to_string(dir.path().join("frontdesk.seal")).unwrap().starts_with("commits 5 "));
    frontdesk_store::store::seal::write(dir.path(), 9);
    match Store::open(dir.path(), "test") {
        Err(StoreError::LostWrites { sealed: 9, found: 5, .. }) => {}
        other => panic!("expected LostWrites, got {:?}", other.err()),
    }
    // Opening for repair does not check, and does not overwrite the seal.
    drop(Store::open_for_repair(dir.path(), "test").unwrap());
    assert!(matches!(Store::open(dir.path(), "test"), Err(StoreError::LostWrites { .. })));
    std::fs::write(dir.path().join("frontdesk.seal"), "commits 9 0000000000000000\n").unwrap();
    Store::open(dir.path(), "test").expect("a seal whose checksum does not match is ignored");
}
