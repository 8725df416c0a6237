//! After bulk work the process leaves the store snapshotted (`store::settle`): the next
//! command opens it without replaying the job's log. sled writes a snapshot, named by the
//! log position it covers, at every open that finds log written since the last one; so
//! "the next open writes no new snapshot" is "the next open replays nothing".

use crate::support::cli::{frontdesk, ok};
use std::path::Path;

fn snapshots(db: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(db)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("snap."))
        .collect();
    names.sort();
    names
}

#[test]
fn the_first_command_after_a_bulk_job_finds_the_store_snapshotted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    ok(&db, &["demo", "--members", "2000"]);
    let after_demo = snapshots(&db);
    assert_eq!(after_demo.len(), 1, "one snapshot after the demo: {after_demo:?}");
    ok(&db, &["report", "overview"]);
    assert_eq!(snapshots(&db), after_demo, "the next command had nothing to replay");

    // An import is bulk work too.
    let file = dir.path().join("members.csv");
    let rows: String = (0..10_000).map(|i| format!("Guest {i},g{i}@example.com\n")).collect();
    std::fs::write(&file, format!("name,email\n{rows}")).unwrap();
    ok(&db, &["import", "members", file.to_str().unwrap()]);
    let after_import = snapshots(&db);
    assert_ne!(after_import, after_demo, "the import's process wrote a new snapshot");
    ok(&db, &["report", "overview"]);
    assert_eq!(snapshots(&db), after_import);
}

#[test]
fn a_few_commands_leave_the_snapshot_to_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let out = frontdesk(&db, &["member", "add", "--name", "Ana Lima"]).output().unwrap();
    assert!(out.status.success());
    // Small work is not worth a second open on the way out: sled snapshots at the next.
    let before = snapshots(&db);
    ok(&db, &["report", "overview"]);
    assert_ne!(snapshots(&db), before);
}
